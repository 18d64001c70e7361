/// A yes/no fact about a respondent: "the answer to `variable` is one of `values`".
///
/// `concern_data_use in {4, 5}` is the top-2 box of a five-point concern item;
/// `protect_cookies in {1}` says the respondent refuses cookies. A respondent without an answer has
/// no indicator value (missing), never "no".
///
/// Values are compared as written in the data file, and also as numbers when both sides are numbers,
/// so `4` matches a numeric 4.0 and the text "04".
///
/// ```swift
/// let concerned = Indicator(variable: "concern_data_use", values: ["4", "5"])
/// concerned.description  // "concern_data_use in {4,5}"
/// ```
public struct Indicator: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The variable (column) the indicator reads.
  package var variable: String
  /// The values for which the indicator is 1, as written in the data or as numbers.
  package var values: [String]

  /// Creates an indicator.
  public init(variable: String, values: [String]) {
    self.variable = variable
    self.values = values
  }

  /// The indicator written `variable=value[,value…]` (`concern_data_use=4,5`), values trimmed of
  /// spaces; `nil` without `=`, without a variable, or with an empty value.
  package init?(text: String) {
    guard let equals = text.firstIndex(of: "=") else { return nil }
    let variable = String(text[..<equals])
    let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
      .map { String(String($0).trimmingSpaces()) }
    guard !variable.isEmpty, !values.contains(where: \.isEmpty) else { return nil }
    self.init(variable: variable, values: values)
  }

  /// `concern_data_use in {4,5}`.
  public var description: String { "\(variable) in {\(values.joined(separator: ","))}" }

  /// One code per respondent: 1 when the value is in ``values``, 0 when it is not, −1 when missing.
  ///
  /// - Throws: ``SurveyError`` when the variable does not exist; ``ParadoxError/valuesNeverObserved(indicator:role:observed:)``
  ///   when no respondent has any of the values (almost always a typo: `yes` for a column coded 1/2).
  package func codes(in survey: Survey, role: String) throws -> [Int8] {
    let column = try survey.variable(named: variable, role: role)
    let numbers = Set(values.compactMap { Double($0.trimmingSpaces()) })
    var codes: [Int8]
    var observed: [String]
    switch column.values {
    case .numeric(let numeric):
      codes = numeric.values.indices.map { row in
        numeric.isMissing[row] ? -1 : (numbers.contains(numeric.values[row]) ? 1 : 0)
      }
      observed = Array(Set(numeric.values.indices.lazy.filter { !numeric.isMissing[$0] }.map { numeric.values[$0] }))
        .sorted().prefix(12).map(NumericValues.shortText)
    case .categorical(let categorical):
      let matches = categorical.levels.map { level -> Int8 in
        if values.contains(level) { return 1 }
        if let number = Double(level.trimmingSpaces()), numbers.contains(number) { return 1 }
        return 0
      }
      codes = categorical.codes.map { $0 < 0 ? -1 : matches[Int($0)] }
      let used = Set(categorical.codes.filter { $0 >= 0 })
      observed = categorical.sortedLevelIndices().filter { used.contains(Int32($0)) }.prefix(12).map { categorical.levels[$0] }
    }
    if !codes.contains(1) {
      throw ParadoxError.valuesNeverObserved(indicator: self, role: role, observed: observed)
    }
    return codes
  }
}
