extension Codebook {
  /// The range of the answer codes of scale items as the codebook declares them: the lowest and
  /// highest numeric category values of the items, leaving out their missing-value, refusal,
  /// not-applicable and "don't know" codes (a labelled `9: "refused"` that is also `missing: [9]`
  /// is not a point of the scale).
  ///
  /// ```swift
  /// codebook.answerRange(of: ["trust1", "trust2"])  // 1...5
  /// ```
  ///
  /// - Returns: `nil` unless every item is described with at least one numeric category, and the
  ///   lowest value is below the highest.
  package func answerRange(of items: [String]) -> ClosedRange<Double>? {
    var lowest = Double.infinity, highest = -Double.infinity
    for item in items {
      guard let entry = entry(named: item) else { return nil }
      let missing = (entry.codesOutOfBase + entry.dontKnowCodes).compactMap { Double($0.trimmingSpaces()) }
      let values = entry.categories.compactMap { category -> Double? in
        guard !(entry.codesOutOfBase + entry.dontKnowCodes).contains(category.value), let value = Double(category.value.trimmingSpaces()),
          !missing.contains(value)
        else { return nil }
        return value
      }
      guard let low = values.min(), let high = values.max() else { return nil }
      lowest = min(lowest, low)
      highest = max(highest, high)
    }
    guard !items.isEmpty, lowest < highest else { return nil }
    return lowest...highest
  }
}
