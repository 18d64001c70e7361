/// A multi-item attitude scale (IUIPC, trust, …): the items whose mean is the respondent's score,
/// which of them are worded the other way, the range of the answer codes, and the missing-item rule.
///
/// **Scoring.** An answer x of a reverse-keyed item scores `lowest + highest − x` (on a 1–5 scale,
/// 5 ↔ 1, 4 ↔ 2). The score is the mean of the scored answers.
///
/// **Missing-item rule.** A respondent gets a score when they answered at least
/// `minimumAnsweredItems` of the items (by default all of them); the score is then the mean of the
/// items they answered (the "person-mean" or prorated score). Otherwise the score is missing.
/// With the default every item is required: R's `rowMeans(items)`. Reliability statistics
/// (Cronbach's α, item-total correlations) always use the respondents who answered every item.
///
/// ```swift
/// let trust = ScaleDefinition(items: ["trust1", "trust2", "trust3"], reversedItems: ["trust3"],
///                             range: 1...5, minimumAnsweredItems: 2)
/// let scores = try survey.scaleScores(trust)   // one Double? per respondent
/// ```
public struct ScaleDefinition: Sendable, Hashable {
  /// The items, in order.
  package var items: [String]
  /// The reverse-keyed items (a subset of ``items``).
  package var reversedItems: [String]
  /// The lowest and highest answer codes; `nil` for the lowest and highest answers observed on any
  /// item (``Codebook/answerRange(of:)`` gives the declared range of a codebook). Declare it when
  /// an end of the scale may have no answers: reverse-keying and the boxes depend on it.
  package var range: ClosedRange<Double>?
  /// How many items a respondent must have answered to get a score; `nil` for all of them.
  package var minimumAnsweredItems: Int?

  /// Creates a scale definition.
  public init(
    items: [String], reversedItems: [String] = [], range: ClosedRange<Double>? = nil,
    minimumAnsweredItems: Int? = nil
  ) {
    self.items = items
    self.reversedItems = reversedItems
    self.range = range
    self.minimumAnsweredItems = minimumAnsweredItems
  }

  /// The number of answered items required for a score.
  package var requiredItems: Int { minimumAnsweredItems ?? items.count }

  /// Checks the definition on its own: items given, no item twice, reversed items among the
  /// items, a minimum between 1 and the number of items, a range with lowest < highest.
  package func validate() throws(DerivedVariableError) {
    guard !items.isEmpty else { throw .invalidScale(problem: "it has no items; name at least one item") }
    var seen = Set<String>()
    for item in items where !seen.insert(item).inserted {
      throw .invalidScale(problem: "the item '\(item)' is listed twice")
    }
    for item in reversedItems where !seen.contains(item) {
      throw .invalidScale(problem: "the reverse-keyed item '\(item)' is not one of the items (\(items.joined(separator: ", ")))")
    }
    if let minimum = minimumAnsweredItems, !(1...items.count).contains(minimum) {
      throw .invalidScale(problem: "the minimum number of answered items is \(minimum), but it must be between 1 and \(items.count)")
    }
    if let range, !(range.lowerBound < range.upperBound) || !range.lowerBound.isFinite || !range.upperBound.isFinite {
      throw .invalidScale(problem: "the range \(NumericValues.shortText(range.lowerBound))–\(NumericValues.shortText(range.upperBound)) is empty; give the lowest and highest answer codes, e.g. 1–5")
    }
  }
}

extension Survey {
  /// The score of every respondent on `scale` (`nil` where the missing-item rule gives none); see
  /// ``ScaleDefinition`` for the rule.
  ///
  /// - Throws: ``DerivedVariableError`` for an invalid definition or an answer outside the range
  ///   (a code such as 9 "refused" that was not declared missing); ``SurveyError`` for an unknown
  ///   item or a text answer.
  public func scaleScores(_ scale: ScaleDefinition) throws -> [Double?] {
    let scored = try scoredItems(scale)
    return Self.scores(of: scored.values, requiredItems: scale.requiredItems)
  }

  /// The answers to each item on the scored scale (reverse-keyed items turned around), with the
  /// range used; the codebook's `dont_know` codes are left out, as unanswered items.
  func scoredItems(_ scale: ScaleDefinition) throws -> (values: [[Double?]], range: ClosedRange<Double>) {
    try scale.validate()
    let variables = try scale.items.map { try variable(named: $0, role: "scale item") }
    // A "don't know" (the codebook's `dont_know`) is an answer to the question, not a point of the scale.
    let answers = try variables.map { variable in
      let dontKnow = (codebook?.entry(named: variable.name)?.dontKnowCodes ?? []).compactMap { Double($0.trimmingSpaces()) }
      let values = try variable.optionalNumbers(role: "scale item", origin: origin)
      return dontKnow.isEmpty ? values : values.map { $0.flatMap { dontKnow.contains($0) ? nil : $0 } }
    }
    let range = try scale.range ?? Self.inferredRange(answers: answers)
    for (variable, values) in zip(variables, answers) {
      if let row = values.firstIndex(where: { $0.map { !range.contains($0) } ?? false }) {
        throw DerivedVariableError.answerOutsideRange(
          item: variable.name, row: row, value: NumericValues.shortText(values[row]!),
          lowest: range.lowerBound, highest: range.upperBound, origin: origin)
      }
    }
    let turnAround = range.lowerBound + range.upperBound
    let scored = zip(scale.items, answers).map { item, values in
      scale.reversedItems.contains(item) ? values.map { $0.map { turnAround - $0 } } : values
    }
    return (scored, range)
  }

  /// The mean of the answered items for respondents with at least `requiredItems` answers.
  static func scores(of items: [[Double?]], requiredItems: Int) -> [Double?] {
    guard let rowCount = items.first?.count else { return [] }
    return (0..<rowCount).map { row in
      var sum = 0.0, answered = 0
      for item in items {
        if let value = item[row] {
          sum += value
          answered += 1
        }
      }
      return answered >= requiredItems ? sum / Double(answered) : nil
    }
  }

  /// The range of the answer codes when none is declared: the lowest and highest answers.
  private static func inferredRange(answers: [[Double?]]) throws -> ClosedRange<Double> {
    let codes = answers.flatMap { $0.compactMap { $0 } }
    guard let lowest = codes.min(), let highest = codes.max(), lowest < highest else {
      throw DerivedVariableError.invalidScale(
        problem: "its range cannot be inferred: the items have fewer than two distinct answers. Give the range explicitly, e.g. 1–5")
    }
    return lowest...highest
  }
}
