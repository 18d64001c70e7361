package import SurveyStatistics

/// A problem in a YAML codebook that the researcher can fix.
///
/// Every message starts with where the problem is, in compiler style (`codebook.yaml:7:5:`), says
/// what is wrong, and what to write instead.
///
/// ```swift
/// do { _ = try Codebook(yaml: "variables:\n  age:\n    lable: Âge\n", file: "codebook.yaml") }
/// catch { print(error) }
/// // codebook.yaml:3:5: unknown key 'lable' in variable 'age'. Did you mean 'label'? …
/// ```
public enum CodebookError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The codebook file could not be read.
  case unreadableFile(path: String, reason: String)
  /// The text is not valid YAML; `problem` is the YAML parser's message, with an explanation when
  /// the cause is a common one (a tab in the indentation).
  case invalidYAML(problem: String, location: Location)
  /// A key the codebook format does not know, in `place` ("variable 'age'", "'design'").
  case unknownKey(key: String, place: String, allowed: [String], suggestion: String?, location: Location)
  /// A value that must be one of a fixed list (`type`, `lonely_psu`) is not.
  case invalidChoice(
    key: String, value: String, place: String, allowed: [String], suggestion: String?, location: Location)
  /// A value has the wrong form, such as a list where a mapping is expected.
  case wrongShape(what: String, expected: String, found: String, location: Location)
  /// A key appears twice in the same mapping.
  case duplicateKey(key: String, location: Location)
  /// A variable lists the same category value twice (`1:` and `"1":`).
  case duplicateCategory(variable: String, value: String, firstLine: Int, location: Location)
  /// A variable declares the same code as two kinds of non-answer (`missing` and `dont_know`,
  /// say): `first` and `second` are the codebook keys.
  case conflictingCodes(variable: String, value: String, first: String, second: String, location: Location)
  /// Replicate-weight keys of `design:` that contradict each other or are out of range; `problem`
  /// is ``ReplicateSettingError``'s sentence.
  case invalidReplicates(problem: String, location: Location)

  /// Where in a codebook a problem is: the file (when known), line and column (1-based).
  public struct Location: Sendable, Equatable, CustomStringConvertible {
    /// The codebook file as the user named it, or `nil` for text given in memory.
    package var file: String?
    /// The 1-based line, when known.
    package var line: Int?
    /// The 1-based column, when known.
    package var column: Int?

    /// Creates a location.
    ///
    /// - Parameters:
    ///   - file: The codebook file.
    ///   - line: The 1-based line.
    ///   - column: The 1-based column.
    package init(file: String?, line: Int?, column: Int?) {
      self.file = file
      self.line = line
      self.column = column
    }

    /// `file:line:column`, `line L, column C` without a file, or just the file.
    public var description: String {
      let position = line.map { line in column.map { "\(line):\($0)" } ?? "\(line)" }
      switch (file, position) {
      case let (file?, position?): return "\(file):\(position)"
      case let (file?, nil): return file
      case (nil, _?): return "codebook line \(line ?? 0)\(column.map { ", column \($0)" } ?? "")"
      case (nil, nil): return "codebook"
      }
    }
  }

  /// A readable sentence with location and advice.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read the codebook: \(reason)."
    case .invalidYAML(let problem, let location):
      return "\(location): the codebook is not valid YAML: \(problem). "
        + "Check the indentation and the colons on this line and the one before, "
        + "and put texts that contain ': ' or start with a special character in quotes."
    case .unknownKey(let key, let place, let allowed, let suggestion, let location):
      var text = "\(location): unknown key '\(key)' \(place)."
      if let suggestion { text += " Did you mean '\(suggestion)'?" }
      text += " The keys allowed there are: \(allowed.joined(separator: ", "))."
      return text
    case .invalidChoice(let key, let value, let place, let allowed, let suggestion, let location):
      var text = "\(location): '\(value)' is not a valid \(key) \(place)."
      if let suggestion { text += " Did you mean '\(suggestion)'?" }
      text += " Use one of: \(allowed.joined(separator: ", "))."
      return text
    case .wrongShape(let what, let expected, let found, let location):
      return "\(location): \(what) should be \(expected), but it is \(found)."
    case .duplicateKey(let key, let location):
      return "\(location): the key '\(key)' is written more than once in the same block. Keep only one of them."
    case .duplicateCategory(let variable, let value, let firstLine, let location):
      return "\(location): variable '\(variable)' lists the category '\(value)' twice (first on line \(firstLine)). "
        + "Keep only one of them."
    case .invalidReplicates(let problem, let location):
      return "\(location): \(problem)"
    case .conflictingCodes(let variable, let value, let first, let second, let location):
      return "\(location): variable '\(variable)' declares the code '\(value)' both '\(first)' and '\(second)'. "
        + "A code is one of them only: 'dont_know' is an answer kept in the base and shown as its own row; "
        + "'missing', 'refused' and 'not_applicable' are out of the base. Remove it from one of the lists."
    }
  }
}

extension CodebookError: ConfianceError {
  /// Always ``ErrorKind/data``: the codebook cannot be used.
  package var kind: ErrorKind { .data }
}
