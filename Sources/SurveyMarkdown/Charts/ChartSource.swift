internal import SurveyStatistics

/// Where a chart's numbers come from, for the notes that let it stand alone when it is copied
/// out of its report: the base, the groups left out, the source line and, for made-up data, the
/// synthetic-data notice.
///
/// ```swift
/// let source = ChartSource(file: "privacy-france-2025.csv", software: "confiance 0.1.0", raked: true, synthetic: true)
/// source.notes(base: ChartSource.base([2010, 2040], language: .english), leftOut: nil, language: .english)
/// // ["Base: n = 2,010 to 2,040 people who answered, depending on the question.",
/// //  "Source: privacy-france-2025.csv, weighted estimates (weights raked to population margins); confiance 0.1.0.",
/// //  "Synthetic data: nobody answered this survey; the numbers illustrate the method and are not findings."]
/// ```
struct ChartSource: Sendable, Hashable {
  /// The survey's file name, or `nil` for data built in memory.
  var file: String?
  /// The software and its version, or `nil`.
  var software: String?
  /// Whether the weights were raked to population margins.
  var raked: Bool
  /// Whether the data are synthetic (the codebook's `synthetic: true`).
  var synthetic: Bool
  /// When the report was made, when it says so.
  var timestamp: String?

  /// The source of a presentation: the survey's file and codebook, the design's raking.
  init(survey: Survey?, design: DesignSummary?, software: String? = nil) {
    file = survey?.origin.file.map { Report.split($0).name }
    self.software = software
    raked = design?.raking != nil
    synthetic = survey?.codebook?.synthetic ?? false
    timestamp = nil
  }

  init(file: String?, software: String?, raked: Bool, synthetic: Bool, timestamp: String? = nil) {
    self.file = file
    self.software = software
    self.raked = raked
    self.synthetic = synthetic
    self.timestamp = timestamp
  }

  /// The notes: the base, the sentence naming what is left out, the source, the notice.
  func notes(base: String?, leftOut: String?, language: ReportLanguage) -> [String] {
    var notes = [base, leftOut].compactMap { $0 }
    var source = language.text("Source: ", "Source\u{00A0}: ") + (file ?? language.text("the survey", "l'enquête"))
    source += language.text(", weighted estimates", ", estimations pondérées")
    if raked {
      source += language.text(" (weights raked to population margins)", " (poids redressés sur des marges de population)")
    }
    if let software { source += language.text("; ", "\u{00A0}; ") + software }
    if let timestamp { source += language.text(", made ", ", produit le ") + timestamp }
    notes.append(source + ".")
    if synthetic {
      notes.append(language.text(
        "Synthetic data: nobody answered this survey; the numbers illustrate the method and are not findings.",
        "Données synthétiques\u{00A0}: personne n'a répondu à cette enquête\u{00A0}; les chiffres illustrent la méthode et ne sont pas des résultats."))
    }
    return notes
  }

  /// "Base: n = 2,069 people who answered." or "…n = 2,010 to 2,040…, depending on the question."
  static func base(_ counts: [Int], language: ReportLanguage) -> String? {
    guard let lowest = counts.min(), let highest = counts.max() else { return nil }
    let numbers = language.numbers
    let equals = "n\u{00A0}=\u{00A0}"
    if lowest == highest {
      return language.text(
        "Base: \(equals)\(numbers.count(lowest)) people who answered.",
        "Base\u{00A0}: \(equals)\(numbers.count(lowest)) personnes ayant répondu.")
    }
    return language.text(
      "Base: \(equals)\(numbers.count(lowest)) to \(numbers.count(highest)) people who answered, depending on the question.",
      "Base\u{00A0}: \(equals)\(numbers.count(lowest)) à \(numbers.count(highest)) personnes ayant répondu, selon la question.")
  }

  /// "Not charted: A, B (…)." naming what a chart leaves out and why, or `nil` when nothing is.
  static func leftOut(_ names: [String], reason: String, language: ReportLanguage) -> String? {
    guard !names.isEmpty else { return nil }
    return language.text("Not charted: ", "Non représenté\u{00A0}: ") + names.joined(separator: language.text("; ", "\u{00A0}; ")) + " (" + reason + ")."
  }
}
