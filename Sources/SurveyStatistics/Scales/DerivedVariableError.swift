/// A problem with a derived variable, a scale or its answers that the researcher can fix.
public enum DerivedVariableError: Error, CustomStringConvertible, Sendable, Equatable {
  /// A scale definition that cannot be used (no items, an item twice, a reverse-keyed item that is
  /// not an item, an impossible minimum or range).
  case invalidScale(problem: String)
  /// A derived variable whose definition cannot be used.
  case invalidDefinition(name: String, problem: String)
  /// A derived variable named like an existing column.
  case nameTaken(name: String)
  /// A scale answer outside the declared range (often a "refused" code not declared missing).
  case answerOutsideRange(item: String, row: Int, value: String, lowest: Double, highest: Double, origin: DataOrigin)
  /// A Westin answer that is neither an agree nor a disagree code.
  case unrecognisedAnswer(item: String, row: Int, value: String, expected: String, origin: DataOrigin)
  /// A top/bottom box wider than the scale.
  case invalidBoxSize(boxSize: Int, lowest: Double, highest: Double)

  /// A readable sentence with location and advice.
  public var description: String {
    switch self {
    case .invalidScale(let problem):
      return "the scale cannot be scored: \(problem)."
    case .invalidDefinition(let name, let problem):
      return "the derived variable '\(name)' cannot be computed: \(problem)."
    case .nameTaken(let name):
      return "the derived variable '\(name)' has the name of a column of the data. "
        + "Give it another name: derived variables never replace data columns."
    case .answerOutsideRange(let item, let row, let value, let lowest, let highest, let origin):
      return "\(origin.location(ofRow: row)): column '\(item)': the answer \(value) is outside the scale's range "
        + "\(NumericValues.shortText(lowest))–\(NumericValues.shortText(highest)). If it means \"don't know\" or \"refused\", "
        + "declare \(value) a missing code of '\(item)' ('missing:' in the codebook); otherwise widen the range."
    case .unrecognisedAnswer(let item, let row, let value, let expected, let origin):
      return "\(origin.location(ofRow: row)): column '\(item)': the answer '\(value)' is neither \(expected), "
        + "so the Westin segment cannot be decided. Declare \(value) a missing code of '\(item)', "
        + "or give the codes with 'agree:' and 'disagree:' in the derived variable."
    case .invalidBoxSize(let boxSize, let lowest, let highest):
      return "a top/bottom box of \(boxSize) answer codes does not fit the range "
        + "\(NumericValues.shortText(lowest))–\(NumericValues.shortText(highest)); use a box of 1 or 2 codes (or give the scale's real range)."
    }
  }
}

extension DerivedVariableError: ConfianceError {
  /// Always ``ErrorKind/data``.
  package var kind: ErrorKind { .data }
  /// Declaring the answer missing, or another box size.
  package var remedy: Remedy? {
    switch self {
    case .answerOutsideRange(let item, _, let value, _, _, _), .unrecognisedAnswer(let item, _, let value, _, _):
      return .missingCode(variable: item, value: value)
    case .invalidBoxSize: return .scaleBox
    default: return nil
    }
  }
}
