package import SurveyStatistics

/// A targets file (`variable,category,target`) that cannot be read as population margins.
///
/// Every message names the file and line, says what is wrong, and what to write instead.
/// Problems that need the data (a category without a target, an unknown variable) and the values
/// of the targets (negative, proportions not summing to 1) are ``WeightingError``s, which name the
/// targets file and line too.
public enum TargetsFileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file is empty (`hasHeader` false) or holds a header but no target rows.
  case noTargets(file: String, hasHeader: Bool)
  /// The header lacks one of the required columns.
  case missingColumns(file: String, missing: [String], found: [String])
  /// An empty `variable` or `category` cell.
  case emptyField(file: String, line: Int, column: String)
  /// A target that is empty or not a number.
  case notANumber(file: String, line: Int, value: String?)

  /// A readable sentence with location and advice.
  public var description: String {
    switch self {
    case .noTargets(let file, let hasHeader):
      let what = hasHeader ? "\(file):1: the targets file has a header but no targets." : "\(file): the targets file is empty."
      return what + " Write the header variable,category,target, then one row per category of each raking "
        + "variable, e.g. sex,F,0.52."
    case .missingColumns(let file, let missing, let found):
      return "\(file):1: the targets file has no column \(missing.map { "'\($0)'" }.joined(separator: " or ")). "
        + "Its header must be variable,category,target (found: \(found.joined(separator: ",")))."
    case .emptyField(let file, let line, let column):
      return "\(file):\(line): the \(column) is empty. Every row names a variable, one of its categories and the "
        + "category's target; remove the row or fill it in."
    case .notANumber(let file, let line, let value):
      let what = value.map { "the target '\($0)' is not a number" } ?? "the target is empty"
      if let value, value.hasSuffix("%"), let percent = Double(value.dropLast().filter { $0 != " " }) {
        return "\(file):\(line): \(what). Write percentages as proportions (\(value) as \(roundedText(percent / 100))), "
          + "or give population counts."
      }
      return "\(file):\(line): \(what). Write a population count (12500) or a proportion (0.25), "
        + "with a '.' as decimal separator in a comma-separated file."
    }
  }
}

extension TargetsFileError: ConfianceError {
  /// Always ``ErrorKind/data``: the targets file cannot be used.
  package var kind: ErrorKind { .data }
}
