/// Numeric values with a missing mask.
package struct NumericValues: Sendable, Hashable {
  /// One number per respondent; the value of a missing respondent is unspecified (0).
  package var values: [Double]
  /// `true` where the respondent has no value.
  package var isMissing: [Bool]

  /// Creates numeric values.
  ///
  /// - Precondition: `values.count == isMissing.count`.
  package init(values: [Double], isMissing: [Bool]) {
    precondition(values.count == isMissing.count, "one missing flag per value")
    self.values = values
    self.isMissing = isMissing
  }

  /// Numbers where `nil` is missing.
  package init(_ numbers: [Double?]) {
    self.values = numbers.map { $0 ?? 0 }
    self.isMissing = numbers.map { $0 == nil }
  }

  /// The value of respondent `row`, or `nil` when missing.
  package func value(at row: Int) -> Double? { isMissing[row] ? nil : values[row] }

  /// A copy in which values equal to one of the numeric codes are missing.
  package func markingMissing(_ codes: [String]) -> NumericValues {
    let numbers = codes.compactMap { Double($0.trimmingSpaces()) }
    guard !numbers.isEmpty else { return self }
    var copy = self
    for row in values.indices where !isMissing[row] && numbers.contains(values[row]) {
      copy.isMissing[row] = true
    }
    return copy
  }

  /// One category per distinct value, written in Swift's shortest round-trip form
  /// (`3.0` is written `3`).
  package func asCategories() -> CategoricalValues {
    var index: [Double: Int32] = [:]
    var levels: [String] = []
    var codes = [Int32](repeating: -1, count: values.count)
    for row in values.indices where !isMissing[row] {
      let value = values[row]
      if let code = index[value] {
        codes[row] = code
      } else {
        let code = Int32(levels.count)
        index[value] = code
        levels.append(Self.shortText(value))
        codes[row] = code
      }
    }
    return CategoricalValues(codes: codes, levels: levels)
  }

  static func shortText(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}
