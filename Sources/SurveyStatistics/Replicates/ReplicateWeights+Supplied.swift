extension ReplicateWeights {
  /// Replicate weights that come with the data: the columns of `survey` whose names match
  /// `pattern`, holding analysis weights (R survey's `svrepdesign(repweights = pattern,
  /// combined.weights = TRUE, type:, rho:, scale:, rscales:, mse:)`).
  ///
  /// Defaults of R survey 4.1's `svrepdesign()` for each method (R replicates, ρ Fay's factor):
  ///
  /// | method | scale | rscales |
  /// |---|---|---|
  /// | BRR | 1/R (a given scale is ignored) | as given, else 1 |
  /// | Fay | 1/(R(1 − ρ)²) (ρ required) | as given, else 1 |
  /// | JK1 | as given, else (R − 1)/R | as given, else 1 |
  /// | JKn | as given, else 1 | required |
  /// | bootstrap | as given, else 1/(R − 1) | as given, else 1 |
  /// | SDR, ACS | 4/R (given scales are ignored) | 1 |
  /// | other | as given, else 1 | as given, else 1 |
  ///
  /// - Throws: ``ReplicateError`` when the pattern matches no column or is not a regular
  ///   expression, fewer than two columns match, a replicate weight is missing, negative or not a
  ///   number (naming its file, line and column), or ρ, the scale or the replicate scales are
  ///   unusable.
  init(supplied declaration: ReplicateDeclaration, pattern: String, survey: Survey) throws {
    let names = try Self.columnNames(matching: pattern, in: survey)
    let count = names.count
    guard count >= 2 else { throw ReplicateError.tooFewReplicates(count: count, columns: names, origin: survey.origin) }
    let rowCount = survey.respondentCount
    var columns = [[Double]](repeating: [], count: count)
    var firstProblem: (row: Int, column: Int, value: String, problem: String)?
    for (column, name) in names.enumerated() {
      let variable = try survey.variable(named: name, role: "replicate-weight")
      let limit = firstProblem?.row ?? rowCount
      if let problem = Self.firstInvalidValue(of: variable, before: limit) {
        firstProblem = (problem.row, column, problem.value, problem.problem)
        continue
      }
      columns[column] = Self.values(of: variable)
    }
    if let problem = firstProblem {
      throw ReplicateError.invalidReplicateWeight(
        variable: names[problem.column], row: problem.row, value: problem.value, problem: problem.problem,
        origin: survey.origin)
    }
    let (scale, replicateScales) = try Self.suppliedScales(declaration, count: count)
    self.init(
      method: declaration.method, scale: scale, replicateScales: replicateScales,
      meanSquaredError: declaration.meanSquaredError,
      fayRho: declaration.method == .fay ? declaration.fayRho : nil, columnNames: names,
      storage: .analysisWeights(columns))
  }

  /// The names of the columns that match `pattern` anywhere in the name, in file order (R's
  /// `grep(pattern, names(data))`).
  static func columnNames(matching pattern: String, in survey: Survey) throws -> [String] {
    guard let names = ReplicateDeclaration.names(survey.variableNames, matching: pattern) else {
      throw ReplicateError.invalidPattern(pattern: pattern)
    }
    guard !names.isEmpty else {
      throw ReplicateError.noMatchingColumn(
        pattern: pattern, available: survey.origin.columnNames ?? survey.variableNames, origin: survey.origin)
    }
    return names
  }

  /// The first row before `limit` whose value is missing, text, negative or not finite.
  private static func firstInvalidValue(of variable: Variable, before limit: Int) -> (row: Int, value: String, problem: String)? {
    switch variable.values {
    case .numeric(let numeric):
      for row in 0..<min(limit, numeric.values.count) {
        if numeric.isMissing[row] { return (row, "", "is missing") }
        let value = numeric.values[row]
        if let problem = problem(with: value) { return (row, variable.rawText(atRow: row) ?? String(value), problem) }
      }
    case .categorical(let categorical):
      let parsed = categorical.levels.map { Double($0.trimmingSpaces()) }
      for row in 0..<min(limit, categorical.codes.count) {
        let code = Int(categorical.codes[row])
        guard code >= 0 else { return (row, "", "is missing") }
        guard let value = parsed[code] else { return (row, categorical.levels[code], "is not a number") }
        if let problem = problem(with: value) { return (row, categorical.levels[code], problem) }
      }
    }
    return nil
  }

  private static func problem(with value: Double) -> String? {
    if value.isNaN { return "is not a number (NaN)" }
    if value.isInfinite { return "is infinite" }
    if value < 0 { return "is negative" }
    return nil
  }

  /// The (valid) values of `variable`: a numeric column's own array, shared with the survey
  /// rather than copied; a column read as text, parsed.
  private static func values(of variable: Variable) -> [Double] {
    switch variable.values {
    case .numeric(let numeric):
      return numeric.values
    case .categorical(let categorical):
      let parsed = categorical.levels.map { Double($0.trimmingSpaces()) ?? .nan }
      return categorical.codes.map { parsed[Int($0)] }
    }
  }

  /// The scale and replicate scales of supplied weights, with R 4.1's `svrepdesign()` defaults.
  static func suppliedScales(_ declaration: ReplicateDeclaration, count: Int) throws -> (Double, [Double]) {
    let r = Double(count)
    var replicateScales = [Double](repeating: 1, count: count)
    if let given = declaration.replicateScales {
      guard given.count == 1 || given.count == count, given.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw ReplicateError.invalidReplicateScales(count: given.count, replicates: count)
      }
      replicateScales = given.count == 1 ? [Double](repeating: given[0], count: count) : given
    }
    if let scale = declaration.scale, !(scale.isFinite && scale > 0) { throw ReplicateError.invalidScale(scale) }
    let scale: Double
    switch declaration.method {
    case .brr:
      scale = 1 / r
    case .fay:
      guard let rho = declaration.fayRho, rho > 0, rho < 1 else { throw ReplicateError.invalidFayRho(declaration.fayRho) }
      scale = 1 / (r * ((1 - rho) * (1 - rho)))
    case .jackknife:
      scale = declaration.scale ?? (r - 1) / r
    case .stratifiedJackknife:
      guard declaration.replicateScales != nil else { throw ReplicateError.missingReplicateScales }
      scale = declaration.scale ?? 1
    case .bootstrap:
      scale = declaration.scale ?? 1 / (r - 1)
    case .successiveDifference, .acs:
      replicateScales = [Double](repeating: 1, count: count)
      scale = 4 / r
    case .other:
      scale = declaration.scale ?? 1
    }
    return (scale, replicateScales)
  }
}
