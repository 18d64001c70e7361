/// One column of a survey: its values, and what the codebook says about it.
///
/// Categorical values are stored as integer codes into a dictionary of the raw strings written in
/// the file; numeric values as `Double` with a missing mask.
public struct Variable: Sendable {
  /// The column name from the header row.
  public let name: String
  /// The values, typed and columnar.
  package var values: VariableValues
  /// The question text, from a codebook.
  package var label: String?
  /// What kind of measure this is, from a codebook or inferred from the values.
  package var measurement: MeasurementLevel
  /// Labels of categories, keyed by the value as written in the file (`"1": "Pas du tout inquiet"`).
  package var categoryLabels: [String: String]

  /// Creates a variable from its values.
  package init(
    name: String, values: VariableValues, label: String? = nil,
    measurement: MeasurementLevel? = nil, categoryLabels: [String: String] = [:]
  ) {
    self.name = name
    self.values = values
    self.label = label
    switch values {
    case .categorical: self.measurement = measurement ?? .categorical
    case .numeric: self.measurement = measurement ?? .numeric
    }
    self.categoryLabels = categoryLabels
  }

  /// A categorical variable from raw strings; `nil` is a missing value.
  public init(name: String, categories: [String?]) {
    self.init(name: name, values: .categorical(CategoricalValues(categories)))
  }

  /// A numeric variable; `nil` is a missing value.
  public init(name: String, numbers: [Double?]) {
    self.init(name: name, values: .numeric(NumericValues(numbers)))
  }

  /// The number of respondents.
  package var count: Int {
    switch values {
    case .categorical(let categorical): return categorical.codes.count
    case .numeric(let numeric): return numeric.values.count
    }
  }

  /// The number of missing values.
  package var missingCount: Int {
    switch values {
    case .categorical(let categorical): return categorical.codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
    case .numeric(let numeric): return numeric.isMissing.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
  }

  /// Whether at least one respondent has a value (stops at the first).
  package var hasValues: Bool {
    switch values {
    case .categorical(let categorical): return categorical.codes.contains { $0 >= 0 }
    case .numeric(let numeric): return numeric.isMissing.contains(false)
    }
  }

  /// The values as categories, whatever their storage.
  ///
  /// A numeric column becomes categorical with one category per distinct value, written in the
  /// shortest form that reads back to the same number.
  package var categorical: CategoricalValues {
    switch values {
    case .categorical(let categorical): return categorical
    case .numeric(let numeric): return numeric.asCategories()
    }
  }

  /// The label of a category, when the codebook gives one.
  package func label(ofCategory category: String) -> String? { categoryLabels[category] }

  /// A copy in which values written as one of `codes` (or numerically equal to one) are missing.
  package func markingMissing(_ codes: [String]) -> Variable {
    var copy = self
    switch values {
    case .categorical(let categorical): copy.values = .categorical(categorical.markingMissing(codes))
    case .numeric(let numeric): copy.values = .numeric(numeric.markingMissing(codes))
    }
    return copy
  }
}

/// How a variable is measured.
package enum MeasurementLevel: String, Sendable, CaseIterable, Codable {
  /// Unordered categories.
  case categorical
  /// Ordered categories, such as a 1–5 agreement scale.
  case ordinal
  /// Two categories.
  case binary
  /// A number (a weight, an age in years).
  case numeric
  /// A respondent identifier: never printed in tables or reports.
  case identifier
}

/// The storage of a variable's values.
package enum VariableValues: Sendable {
  /// Integer codes into a dictionary of raw strings.
  case categorical(CategoricalValues)
  /// Numbers with a missing mask.
  case numeric(NumericValues)
}
