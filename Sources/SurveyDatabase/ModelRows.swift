internal import SurveyStatistics

/// The collapsed rows of a regression model on a table: one row per stratum × PSU × domain × value
/// of every model variable, with its respondents and their Σw, as
/// a `GROUP BY` returns them (``GroupSumsQuery`` with the outcome as its variable and the
/// predictors as its items; Spark's the same). Every part of R's `svyglm` — the estimating
/// equations, the sandwich variance from the PSU totals of the estimating functions, the
/// dispersion, the margins — is a sum over respondents of wᵢ times a function of their values, so
/// the file path's model code fits the collapsed rows unchanged, each row standing for its
/// respondents (``SurveyDesign/init(collapsedRows:frequencies:weightSums:declaration:)``). R's starting means
/// of a logistic fit, (w̃ᵢy + ½)/(w̃ᵢ + 1), depend on each respondent's own weight: for that family
/// a second query sums the first step of the fit over each group's respondents
/// (``LogisticFirstSteps``, ``addFirstStep(_:)``), with the prior-weight scales of the first
/// (``priorWeightScales``). On a raked table the raking variables join the keys, so that every row
/// lies in one raking cell, the rows are raked as a file's (``design(raking:options:)``), and the
/// first step takes each cell's factor (``priorWeights(of:raking:)``, ``factorJoin(rows:cellValues:)``).
struct ModelRows {
  /// The design, as declared.
  let declaration: DesignDeclaration
  /// The number of domain variables, the first of ``keyColumns``.
  let domainCount: Int
  /// The reading of the rows' sums, which checks the design values (``GroupSumsRows``).
  private var reading: GroupSumsRows
  /// The domain variables, then the model's columns (outcome first), in the order of the keys
  /// after stratum and PSU.
  let keyColumns: [String]
  /// Each group's stratum, PSU, then the values of ``keyColumns``; NULL is `nil`.
  private(set) var keys: [[String?]] = []
  /// Each group's respondents.
  private(set) var frequencies: [Int] = []
  /// Each group's Σw.
  private(set) var weightSums: [Double] = []
  /// Each group's Σw², for the raked weights' design effect.
  private var weightSquareSums: [Double] = []
  /// The first step's sums of each group with every model variable, by its keys: with the whole
  /// sample's prior weights, then with its domain's (``LogisticFirstSteps/Sums``).
  private var firstSteps: [[String?]: [LogisticFirstSteps.Sums]] = [:]

  /// The rows of a query whose keys are stratum, PSU, the `domainCount` domain variables, then
  /// the model's columns (`keyColumns` holds the domain variables and the model's columns), read
  /// with `reading` (PostgreSQL's or Spark's sums).
  init(declaration: DesignDeclaration, domainCount: Int, keyColumns: [String], reading: GroupSumsRows) {
    self.declaration = declaration
    self.domainCount = domainCount
    self.keyColumns = keyColumns
    self.reading = reading
  }

  /// The number of values in a row of the group sums.
  var width: Int { reading.width }

  /// Whether `family`'s fit needs the first step summed by the database: R's starting values of a
  /// logistic fit depend on each respondent's weight.
  static func needsFirstStep(_ family: ModelFamily) -> Bool { family == .quasibinomial }

  /// svyglm's prior-weight scales, respondents / Σw (its weights over their mean), of the whole
  /// sample and of each domain (its values, in sorted order).
  var priorWeightScales: (wholeSample: Double, domains: [(domain: [String], scale: Double)]) {
    var rows = 0, weight = 0.0
    var domains: [[String]: (rows: Int, weight: Double)] = [:]
    for index in keyOrder {
      let key = keys[index]
      rows += frequencies[index]
      weight += weightSums[index]
      let domain = key[2..<(2 + domainCount)].compactMap { $0 }
      guard domainCount > 0, domain.count == domainCount else { continue }
      domains[domain, default: (0, 0)].rows += frequencies[index]
      domains[domain, default: (0, 0)].weight += weightSums[index]
    }
    return (
      Double(rows) / weight,
      domains.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map {
        ($0.key, Double($0.value.rows) / $0.value.weight)
      }
    )
  }

  /// svyglm's prior-weight scales on `design`, these rows raked (``design(raking:options:)``), with
  /// the factor F(c) of every raking cell c (the values of `raking`'s variables, sorted): a respondent
  /// of c has the prior weight scale·F(c)·w. The whole sample's scale is respondents / raked Σw; a
  /// domain of a calibrated design keeps every respondent (R's `subset()` gives the others weight
  /// 0), so a domain's scale is all respondents / the domain's raked Σw. F(c) is a group's raked Σw
  /// over its Σw (every group lies in one cell). Without raking, ``priorWeightScales`` and no cells.
  func priorWeights(
    of design: SurveyDesign, raking: PopulationMargins?
  ) -> (wholeSample: Double, domains: [(domain: [String], scale: Double)], cells: [(cell: [String], factor: Double)]) {
    guard let raking else {
      let scales = priorWeightScales
      return (scales.wholeSample, scales.domains, [])
    }
    let positions = raking.variables.compactMap { variable in keyColumns.firstIndex(of: variable).map { 2 + $0 } }
    var total = 0.0
    var domains: [[String]: Double] = [:], cells: [[String]: Double] = [:]
    for (row, index) in keyOrder.enumerated() {
      let key = keys[index], raked = design.weights[row]
      total += raked
      let domain = key[2..<(2 + domainCount)].compactMap { $0 }
      if domainCount > 0, domain.count == domainCount { domains[domain, default: 0] += raked }
      let cell = positions.compactMap { key[$0] }
      if cell.count == positions.count, cells[cell] == nil, weightSums[index] > 0 {
        cells[cell] = raked / weightSums[index]
      }
    }
    let respondents = Double(design.respondentTotal)
    return (
      respondents / total,
      domains.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { ($0.key, respondents / $0.value) },
      cells.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { ($0.key, $0.value) }
    )
  }

  /// Reads one row of the first-step query: the keys of ``add(_:group:)``'s rows, then the three
  /// sums with the whole sample's prior weights and the three with the domain's (NULL outside
  /// every domain).
  mutating func addFirstStep(_ row: [String?]) {
    let width = 2 + keyColumns.count
    guard row.count == width + 6 else { return }
    let values = row[width...].map { $0.flatMap(Double.init) ?? 0 }
    firstSteps[Array(row[0..<width])] = [
      LogisticFirstSteps.Sums(signedSum: values[0], weight: values[1], deviance: values[2]),
      LogisticFirstSteps.Sums(signedSum: values[3], weight: values[4], deviance: values[5]),
    ]
  }

  /// The columns a model of `formula` reads (outcome, then each predictor once), after the
  /// domain variables, then the raking variables of `raking` that are none of them (each collapsed
  /// row then lies in one raking cell, and raking the collapsed rows' Σw is raking the rows);
  /// refuses what the database does not fit.
  ///
  /// - Throws: ``DatabaseError/unsupportedDesign(_:)`` for a proportional-odds model, replicates,
  ///   a design without a PSU column, or a weight that is also a model, domain or raking variable.
  static func columns(
    _ formula: Formula, family: ModelFamily, by domainVariables: [String], declaration: DesignDeclaration,
    raking: PopulationMargins? = nil, engine: DatabaseEngine
  ) throws -> [String] {
    let place = engine == .spark ? "in Spark" : "in PostgreSQL"
    guard family != .proportionalOdds else {
      throw DatabaseError.unsupportedDesign(
        "\(place), models are fitted with the logistic, linear and poisson families; fit --family ordinal from a file.")
    }
    guard declaration.replicates == nil else {
      throw DatabaseError.unsupportedDesign(
        "\(place), models take linearized (sandwich) variances, not replicate weights; leave out the replicates, or fit the model from a file.")
    }
    guard declaration.clusters != nil else {
      throw DatabaseError.unsupportedDesign(
        "\(place), a model needs a PSU (cluster) column: without one every respondent is its own PSU and the rows cannot be collapsed; give a column that numbers the rows as the PSU (one row then comes back per respondent), or fit the model from a file.")
    }
    var columns = domainVariables + formula.columns
    for variable in raking?.variables ?? [] where !columns.contains(variable) { columns.append(variable) }
    if let weight = declaration.weights, columns.contains(weight) {
      throw DatabaseError.unsupportedDesign(
        "\(place), the weight column '\(weight)' cannot also be a model, domain or raking variable (the rows' weights are summed); copy it into another column with a view, or fit the model from a file.")
    }
    return columns
  }

  /// Reads one row of the group sums (keys stratum, PSU, then ``keyColumns``).
  mutating func add(_ row: [String?]) {
    let before = reading.groups.count
    reading.add(row)
    // A row without a stratum or PSU is counted, not kept: ``checkDesignValues(psuColumn:)`` throws.
    guard reading.groups.count > before else { return }
    keys.append(Array(row[0..<(2 + keyColumns.count)]))
    frequencies.append(reading.groups[before].rows)
    weightSums.append(reading.groups[before].weightSum)
    weightSquareSums.append(reading.groups[before].weightSquareSum)
  }

  /// Throws what the rows read show to be wrong with the design values (``GroupSumsRows/problem(psuColumn:)``).
  func checkDesignValues(psuColumn: String) throws {
    if let problem = reading.problem(psuColumn: psuColumn) { throw DatabaseError(problem) }
  }

  /// The three sums of the first step of R's logistic fit (``LogisticFirstSteps/Sums``) of the rows'
  /// prior weights `w` (an SQL expression), each number written by `number` (Spark's `1D`).
  static func firstStepSums(of w: String, number: (String) -> String) -> [String] {
    let (half, one, two) = (number("0.5"), number("1"), number("2"))
    let v = "(\(half) * (\(w) + \(half)) / ((\(w) + \(one)) * (\(w) + \(one))))"
    return [
      "sum(\(w) * \(v) * ln(\(one) + \(two) * \(w)) + \(half) * \(w) / (\(w) + \(one)))", "sum(\(w) * \(v))",
      "sum(\(two) * \(w) * ln(\(one) + \(half) / (\(w) + \(half))))",
    ]
  }

  /// The join of every raking cell's factor in the first-step query of a raked table:
  /// ` JOIN (VALUES (c₁, …, F), …) AS f(r0, …, factor) ON value₁ = f.r0 AND …`, `rows` each cell's
  /// values then factor as the engine writes them (parameters or literals), `cellValues` the
  /// raking variables' text in the table's rows.
  static func factorJoin(rows: [[String]], cellValues: [String]) -> String {
    let values = rows.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: ", ")
    let names = cellValues.indices.map { "r\($0)" } + ["factor"]
    let join = cellValues.enumerated().map { "\($1) = f.r\($0)" }
    return " JOIN (VALUES \(values)) AS f(\(names.joined(separator: ", "))) ON \(join.joined(separator: " AND "))"
  }

  /// The rows' positions in the order of their keys (NULL first), whatever order the engine
  /// returned them in (its workers, the table's partitions): the fit adds the rows up in this
  /// order, so that a table gives the same numbers on every run and in every layout.
  private var keyOrder: [Int] {
    keys.indices.sorted { first, second in
      keys[first].lexicographicallyPrecedes(keys[second]) { left, right in
        switch (left, right) {
        case (nil, nil), (_, nil): return false
        case (nil, _): return true
        case let (left?, right?): return left < right
        }
      }
    }
  }

  /// The design on the collapsed rows: the design columns (stratum and PSU as text, the finite
  /// population correction of each stratum, Σw as the weight), the domain, model and raking
  /// variables as the table's text of their values (numbers where they all read as numbers, as a
  /// file's); raked to `raking` when given (``SurveyDesign/rakedCollapsedRows(to:options:weightSquareSums:)``).
  func design(raking: PopulationMargins? = nil, options: RakingControl = RakingControl()) throws -> SurveyDesign {
    let finitePopulationCorrection = reading.finitePopulationCorrection
    let order = keyOrder
    let keys = order.map { self.keys[$0] }
    let frequencies = order.map { self.frequencies[$0] }
    let weightSums = order.map { self.weightSums[$0] }
    let weightSquareSums = order.map { self.weightSquareSums[$0] }
    var variables: [Variable] = []
    var names = Set<String>()
    func append(_ variable: Variable) {
      if names.insert(variable.name).inserted { variables.append(variable) }
    }
    if let strata = declaration.strata { append(Variable(name: strata, categories: keys.map { $0[0] })) }
    if let clusters = declaration.clusters { append(Variable(name: clusters, categories: keys.map { $0[1] })) }
    if let fpc = declaration.fpc {
      append(Variable(name: fpc, numbers: keys.map { $0[0].flatMap { finitePopulationCorrection[$0] } }))
    }
    if let weight = declaration.weights { append(Variable(name: weight, numbers: weightSums)) }
    for (position, column) in keyColumns.enumerated() {
      append(Variable(name: column, categories: keys.map { $0[2 + position] }))
    }
    let survey = try Survey(variables: variables)
    var design = try SurveyDesign(
      collapsedRows: survey, frequencies: frequencies, weightSums: weightSums, declaration: declaration)
    if let raking {
      design = try design.rakedCollapsedRows(to: raking, options: options, weightSquareSums: weightSquareSums)
    }
    setFirstSteps(of: &design)
    return design
  }

  /// Gives `design` (these rows, in key order) the first steps read by ``addFirstStep(_:)``, if any.
  func setFirstSteps(of design: inout SurveyDesign) {
    guard !firstSteps.isEmpty else { return }
    let keys = keyOrder.map { self.keys[$0] }
    let none = LogisticFirstSteps.Sums(signedSum: 0, weight: 0, deviance: 0)
    design.logisticFirstSteps = LogisticFirstSteps(
      wholeSample: keys.map { firstSteps[$0]?[0] ?? none },
      domain: domainCount == 0 ? [] : keys.map { firstSteps[$0]?[1] ?? none })
  }
}
