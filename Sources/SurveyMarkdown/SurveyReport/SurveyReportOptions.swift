public import SurveyStatistics
internal import Foundation

/// What a survey report shows and how: language, interval method, disclosure threshold, and the
/// facts about its inputs written in the methodology section.
public struct SurveyReportOptions: Sendable, Hashable {
  /// The language of the text and numbers.
  package var language: ReportLanguage
  /// Cells with fewer respondents than this (numerator or denominator) are never printed.
  package var minimumCellSize: Int
  /// The confidence-interval method of the proportions (R survey's default, logit).
  package var intervalMethod: IntervalMethod
  /// The confidence level.
  package var level: Double
  /// The title; `nil` for "Survey report: FILE".
  package var title: String?
  /// Where the inputs came from and how to reproduce the report.
  package var provenance: ReportProvenance
  /// Who is concerned and who acts in the privacy-paradox section; `nil` for the default: the
  /// headline answers of the first concern question (`concern_…`), and "yes" to at least half of
  /// the protective behaviours (`prot_…`) when four or more were asked, to any one otherwise.
  package var paradoxDefinition: ParadoxDefinition?

  /// Creates options; every parameter has the default of `confiance report`.
  public init(
    language: ReportLanguage = .english, minimumCellSize: Int = 10, intervalMethod: IntervalMethod = .logit,
    level: Double = 0.95, title: String? = nil, provenance: ReportProvenance = ReportProvenance(),
    paradoxDefinition: ParadoxDefinition? = nil
  ) {
    self.paradoxDefinition = paradoxDefinition
    self.language = language
    self.minimumCellSize = minimumCellSize
    self.intervalMethod = intervalMethod
    self.level = level
    self.title = title
    self.provenance = provenance
  }
}

/// The facts that let a reader check and reproduce a report: the software, the input files and
/// their SHA-256 digests, and the exact command.
public struct ReportProvenance: Sendable, Hashable {
  /// One input file and its digest.
  public struct Input: Sendable, Hashable {
    /// What the file is ("survey", "codebook", "targets").
    package var role: String
    /// The path, as given on the command line.
    package var path: String
    /// The SHA-256 digest of its bytes, in lowercase hexadecimal.
    package var sha256: String

    /// Creates an input.
    package init(role: String, path: String, sha256: String) {
      self.role = role
      self.path = path
      self.sha256 = sha256
    }
  }

  /// The software and its version ("confiance 0.1.0").
  package var software: String
  /// The input files.
  package var inputs: [Input]
  /// The command that reproduces the report, or `nil` when it was built in code.
  package var command: String?
  /// When the report was made, written only when asked for (reports are byte-reproducible otherwise).
  package var timestamp: String?

  /// Creates provenance.
  public init(software: String = "Confiance", inputs: [Input] = [], command: String? = nil, timestamp: String? = nil) {
    self.software = software
    self.inputs = inputs
    self.command = command
    self.timestamp = timestamp
  }

  /// The words of a command as one line for a POSIX shell: a word holding anything but safe
  /// characters is quoted (`'…'`, an inner `'` written `'\''`).
  package static func shellCommand(_ words: [String]) -> String {
    words.map { word in
      let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0)) }
      return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }.joined(separator: " ")
  }
}
