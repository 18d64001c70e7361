/// Categorical values: one `Int32` code per respondent into ``levels``, `-1` for missing.
package struct CategoricalValues: Sendable, Hashable {
  /// The code of each respondent: an index into ``levels``, or `-1` when missing.
  package var codes: [Int32]
  /// The raw strings, in order of first appearance.
  package var levels: [String]

  /// Creates categorical values from codes and levels.
  ///
  /// - Precondition: every code is `-1` or a valid index into `levels`.
  package init(codes: [Int32], levels: [String]) {
    self.codes = codes
    self.levels = levels
  }

  /// Encodes raw strings; `nil` is missing.
  package init(_ raw: [String?]) {
    var index: [String: Int32] = [:]
    var levels: [String] = []
    var codes: [Int32] = []
    codes.reserveCapacity(raw.count)
    for value in raw {
      guard let value else { codes.append(-1); continue }
      if let code = index[value] {
        codes.append(code)
      } else {
        let code = Int32(levels.count)
        index[value] = code
        levels.append(value)
        codes.append(code)
      }
    }
    self.codes = codes
    self.levels = levels
  }

  /// The raw string of respondent `row`, or `nil` when missing.
  package func value(at row: Int) -> String? {
    let code = codes[row]
    return code < 0 ? nil : levels[Int(code)]
  }

  /// The number of respondents in each level (missing values not counted).
  package func levelCounts() -> [Int] {
    var counts = [Int](repeating: 0, count: levels.count)
    for code in codes where code >= 0 { counts[Int(code)] += 1 }
    return counts
  }

  /// Level indices in presentation order: numerically when every level is a number, otherwise
  /// in byte order of the raw strings (deterministic, locale-independent).
  package func sortedLevelIndices() -> [Int] {
    let numbers = levels.map { Double($0.trimmingSpaces()) }
    if numbers.allSatisfy({ $0 != nil }) {
      return levels.indices.sorted { (numbers[$0]!, levels[$0].utf8.count) < (numbers[$1]!, levels[$1].utf8.count) }
    }
    return levels.indices.sorted { Array(levels[$0].utf8).lexicographicallyPrecedes(Array(levels[$1].utf8)) }
  }

  /// A copy in which the given codes are missing; unused levels are kept so codes stay stable.
  package func markingMissing(_ missingCodes: [String]) -> CategoricalValues {
    let numericCodes = missingCodes.compactMap { Double($0.trimmingSpaces()) }
    let isMissingLevel = levels.map { level -> Bool in
      if missingCodes.contains(level) { return true }
      if let number = Double(level.trimmingSpaces()) { return numericCodes.contains(number) }
      return false
    }
    guard isMissingLevel.contains(true) else { return self }
    var copy = self
    for row in copy.codes.indices where copy.codes[row] >= 0 && isMissingLevel[Int(copy.codes[row])] {
      copy.codes[row] = -1
    }
    return copy
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingSpaces() -> Substring {
    var slice = Substring(self)
    while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
    return slice
  }
}
