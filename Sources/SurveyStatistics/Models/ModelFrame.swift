/// The data of a model: the respondents it uses and, for each of them, the outcome and every
/// variable of the formula as a number or a category — R's `model.frame(formula, data,
/// na.action = na.omit, drop.unused.levels = TRUE)` on the design's rows.
///
/// - A respondent enters the model when it belongs to the domain, has a positive weight and has
///   a value for every variable of the formula (R's `na.omit`, which `svyglm` applies to the
///   design: such rows leave the estimating equations but their PSUs stay in the design).
/// - A variable whose values are all numbers enters as a number, as R's `read.csv` would read it;
///   a variable with text enters as categories (a factor), and so does `factor(x)`.
/// - A factor's levels are those observed among the model's respondents, sorted as R's `sort()`
///   sorts them: numbers numerically, text in byte order (R in the C collation locale,
///   `Sys.setlocale("LC_COLLATE", "C")`; R under an ICU locale such as Debian's C.UTF-8 sorts
///   text case-insensitively first, so `"a" < "B"` there but `"B" < "a"` here). The first level is
///   the reference. Levels of `factor(x)` for a number x are written as Swift writes the number
///   (`2`, `0.5`; R writes `1e+05` where Swift writes `100000`).
struct ModelFrame: Sendable {
  /// A formula variable's values on the model's rows.
  enum Column: Sendable {
    /// Numbers, one per model row.
    case numeric([Double])
    /// Categories: a level index per model row, and the levels in R's order.
    case factor(codes: [Int], levels: [String])
  }

  /// The survey rows in the model, ascending.
  let rows: [Int]
  /// The outcome on the model's rows; for an ordinal outcome, each row's level (0, 1, …) in
  /// ``responseLevels``.
  let response: [Double]
  /// An ordinal outcome's levels observed on the model's rows, lowest first; empty otherwise.
  let responseLevels: [String]
  /// One column per variable of the formula's right-hand side (``Formula/variables``).
  let columns: [Column]
  /// Whether each survey row is in the model (in the domain, weighted, complete).
  let isInModel: [Bool]

  /// Reads the formula's variables from the survey.
  ///
  /// - Parameters:
  ///   - isEligible: whether a survey row is in the domain and has a positive weight.
  ///   - outcomeCheck: validates the outcome values of the model rows (0/1 for a logistic model).
  ///   - isOrdinal: whether the outcome is read as ordered levels (numbers in numeric order; text
  ///     in the codebook's order of an ordinal variable, otherwise in byte order) rather than
  ///     as a number.
  init(
    formula: Formula, survey: Survey, domain: Domain, isEligible: [Bool], isOrdinal: Bool = false,
    outcomeCheck: (_ variable: String, _ values: [Double]) throws -> Void
  ) throws {
    let available = survey.origin.columnNames ?? survey.variableNames
    func variable(_ name: String) throws -> Variable {
      guard survey.hasVariable(named: name) else {
        throw ModelError.unknownVariable(
          name: name, suggestion: closestName(to: name, among: available), available: available)
      }
      return try survey.variable(named: name)
    }
    let rowCount = survey.respondentCount
    // The outcome as numbers (text is an error only if a complete row holds it).
    let outcomeVariable = try variable(formula.response.column)
    let outcome = RawColumn(outcomeVariable)
    let raw = try formula.variables.map { RawColumn(try variable($0.column)) }

    var isInModel = isEligible
    for row in 0..<rowCount where isInModel[row] {
      if outcome.isMissing(row) || raw.contains(where: { $0.isMissing(row) }) { isInModel[row] = false }
    }
    let rows = (0..<rowCount).filter { isInModel[$0] }
    guard !rows.isEmpty else {
      throw ModelError.noCompleteRespondents(variables: formula.columns, domain: domain)
    }
    let response: [Double]
    if isOrdinal {
      let (codes, levels) = Self.factor(
        rows: rows, column: outcome, isNumeric: rows.allSatisfy { outcome.number(at: $0) != nil },
        order: survey.codebook?.categoryOrder(for: outcomeVariable.name))
      response = codes.map(Double.init)
      responseLevels = levels
    } else {
      if let textRow = rows.first(where: { outcome.number(at: $0) == nil }) {
        throw ModelError.outcomeNotNumeric(variable: outcomeVariable.name, value: outcome.text(at: textRow))
      }
      response = rows.map { outcome.number(at: $0)! }
      responseLevels = []
    }
    try outcomeCheck(formula.response.name, response)

    var columns: [Column] = []
    for (variable, column) in zip(formula.variables, raw) {
      let isNumeric = rows.allSatisfy { column.number(at: $0) != nil }
      if isNumeric && !variable.isFactorCall {
        columns.append(.numeric(rows.map { column.number(at: $0)! }))
        continue
      }
      let (codes, levels) = Self.factor(rows: rows, column: column, isNumeric: isNumeric, order: nil)
      columns.append(.factor(codes: codes, levels: levels))
    }
    self.rows = rows
    self.response = response
    self.columns = columns
    self.isInModel = isInModel
  }

  /// A column as a factor: the levels observed on the model rows, sorted as R sorts them (numbers
  /// numerically, text in byte order), or in `order` (a codebook's order of categories, matched
  /// as written or as numbers) with levels it does not list after the others; and each row's level.
  private static func factor(
    rows: [Int], column: RawColumn, isNumeric: Bool, order: [String]?
  ) -> (codes: [Int], levels: [String]) {
    // Each row's key (a category code, or a distinct number), labelled once per key.
    let keys: [Int]
    var keyLabels: [String] = []
    switch column.variable.values {
    case .categorical(let categorical):
      keys = rows.map { Int(categorical.codes[$0]) }
      keyLabels = categorical.levels.indices.map { code in
        isNumeric
          ? column.parsedLevels[code].map(NumericValues.shortText) ?? categorical.levels[code] : categorical.levels[code]
      }
    case .numeric(let numeric):
      var keyOfValue: [Double: Int] = [:]
      keys = rows.map { row in
        let value = numeric.values[row]
        if let key = keyOfValue[value] { return key }
        keyOfValue[value] = keyLabels.count
        keyLabels.append(NumericValues.shortText(value))
        return keyLabels.count - 1
      }
    }
    var used = [Bool](repeating: false, count: keyLabels.count)
    for key in keys { used[key] = true }
    var distinct = Array(Set(keyLabels.indices.filter { used[$0] }.map { keyLabels[$0] }))
    if isNumeric {
      distinct.sort { Double($0)! < Double($1)! }
    } else {
      distinct.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
    if let order {
      func rank(_ level: String) -> Int {
        let number = Double(level.trimmingSpaces())
        return order.firstIndex { $0 == level || (number != nil && Double($0.trimmingSpaces()) == number) }
          ?? order.count
      }
      let ranks = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, (rank($1), $0)) })
      distinct.sort { ranks[$0]! < ranks[$1]! }
    }
    var index: [String: Int] = [:]
    for (position, level) in distinct.enumerated() { index[level] = position }
    let positionOfKey = keyLabels.indices.map { used[$0] ? index[keyLabels[$0]]! : -1 }
    return (keys.map { positionOfKey[$0] }, distinct)
  }
}

/// One survey column read as text or numbers, whatever its storage.
private struct RawColumn {
  let variable: Variable
  let parsedLevels: [Double?]

  init(_ variable: Variable) {
    self.variable = variable
    switch variable.values {
    case .categorical(let categorical): parsedLevels = categorical.levels.map { Double($0.trimmingSpaces()) }
    case .numeric: parsedLevels = []
    }
  }

  func isMissing(_ row: Int) -> Bool {
    switch variable.values {
    case .categorical(let categorical): return categorical.codes[row] < 0
    case .numeric(let numeric): return numeric.isMissing[row]
    }
  }

  /// The value as a number, `nil` for text.
  func number(at row: Int) -> Double? {
    switch variable.values {
    case .categorical(let categorical): return parsedLevels[Int(categorical.codes[row])]
    case .numeric(let numeric): return numeric.values[row]
    }
  }

  /// The value as written.
  func text(at row: Int) -> String {
    switch variable.values {
    case .categorical(let categorical): return categorical.levels[Int(categorical.codes[row])]
    case .numeric(let numeric): return NumericValues.shortText(numeric.values[row])
    }
  }
}
