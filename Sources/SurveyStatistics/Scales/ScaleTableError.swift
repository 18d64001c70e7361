/// An answer to a scale item in a database table that cannot be scored: the table's counterpart of
/// the file path's ``SurveyError/notNumeric(variable:role:row:value:origin:)`` and
/// ``DerivedVariableError/answerOutsideRange(item:row:value:lowest:highest:origin:)`` (a table has
/// no line numbers, so the message names the table).
package enum ScaleTableError: ConfianceError, Equatable {
  /// A text answer that is not a number.
  case notNumeric(table: String, column: String, value: String)
  /// An answer outside the scale's range (the lowest or highest one of the item).
  case answerOutsideRange(table: String, column: String, value: Double, lowest: Double, highest: Double)

  package var kind: ErrorKind { .data }

  package var description: String {
    switch self {
    case .notNumeric(let table, let column, let value):
      return "table '\(table)': column '\(column)': '\(value)' is not a number, but the scale item must be numeric. "
        + "Correct the value, or make it NULL (a view can do it)."
    case .answerOutsideRange(let table, let column, let value, let lowest, let highest):
      let text = NumericValues.shortText(value)
      return "table '\(table)': column '\(column)': the answer \(text) is outside the scale's range "
        + "\(NumericValues.shortText(lowest))–\(NumericValues.shortText(highest)). If it means \"don't know\" or \"refused\", "
        + "make it NULL (a view can do it); otherwise widen the range."
    }
  }
}

/// What a database saw of one scale item's answers: the lowest and highest number (`nil` when the
/// item has none) and one text answer that is not a number, if any.
package struct ScaleItemAnswers: Sendable, Hashable {
  package var lowest: Double?
  package var highest: Double?
  package var notNumeric: String?

  package init(lowest: Double? = nil, highest: Double? = nil, notNumeric: String? = nil) {
    self.lowest = lowest
    self.highest = highest
    self.notNumeric = notNumeric
  }

  /// The answers of two groups of rows together (the smallest text that is not a number kept).
  package static func + (left: ScaleItemAnswers, right: ScaleItemAnswers) -> ScaleItemAnswers {
    func combine<T>(_ a: T?, _ b: T?, _ pick: (T, T) -> T) -> T? { a.map { x in b.map { pick(x, $0) } ?? x } ?? b }
    return ScaleItemAnswers(
      lowest: combine(left.lowest, right.lowest, min), highest: combine(left.highest, right.highest, max),
      notNumeric: combine(left.notNumeric, right.notNumeric, min))
  }
}

extension ScaleDefinition {
  /// The answer range of the scale on a table: checks the definition, that every answer is a
  /// number, then takes the declared range or the lowest and highest answers, and checks the
  /// answers against it — in the file path's order (``Survey/scaleScores(_:)``), with its messages
  /// for an invalid definition or a range that cannot be inferred.
  ///
  /// - Parameter answers: what the table holds of each item, in item order.
  /// - Throws: ``DerivedVariableError`` for an invalid definition or range; ``ScaleTableError``
  ///   for a text answer that is not a number or an answer outside the range.
  package func tableRange(answers: [ScaleItemAnswers], table: String) throws -> ClosedRange<Double> {
    try validate()
    for (item, seen) in zip(items, answers) {
      if let value = seen.notNumeric { throw ScaleTableError.notNumeric(table: table, column: item, value: value) }
    }
    let resolved: ClosedRange<Double>
    if let range {
      resolved = range
    } else {
      guard let lowest = answers.compactMap(\.lowest).min(), let highest = answers.compactMap(\.highest).max(),
        lowest < highest
      else {
        throw DerivedVariableError.invalidScale(
          problem: "its range cannot be inferred: the items have fewer than two distinct answers. Give the range explicitly, e.g. 1–5")
      }
      resolved = lowest...highest
    }
    for (item, seen) in zip(items, answers) {
      for value in [seen.lowest, seen.highest].compactMap({ $0 }) where !resolved.contains(value) {
        throw ScaleTableError.answerOutsideRange(
          table: table, column: item, value: value, lowest: resolved.lowerBound, highest: resolved.upperBound)
      }
    }
    return resolved
  }

  /// Checks a box of `boxSize` codes against `range` (the file path's check).
  package static func checkBox(_ boxSize: Int, range: ClosedRange<Double>) throws {
    guard boxSize >= 1, Double(boxSize) <= range.upperBound - range.lowerBound + 1 else {
      throw DerivedVariableError.invalidBoxSize(boxSize: boxSize, lowest: range.lowerBound, highest: range.upperBound)
    }
  }
}
