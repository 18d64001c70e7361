internal import SurveyStatistics

/// The collapsed rows of a regression model on a table: one row per stratum × PSU × domain × value
/// of every model variable (× weight, for a logistic model), with its respondents and their Σw, as
/// a `GROUP BY` returns them (``GroupSumsQuery`` with the outcome as its variable and the
/// predictors as its items; Spark's the same). Every part of R's `svyglm` — the estimating
/// equations, the sandwich variance from the PSU totals of the estimating functions, the
/// dispersion, the margins — is a sum over respondents of wᵢ times a function of their values, so
/// the file path's model code fits the collapsed rows unchanged, each row standing for its
/// respondents (``SurveyDesign/init(collapsedRows:frequencies:weightSums:declaration:)``). R's starting means
/// of a logistic fit, (wᵢy + ½)/(wᵢ + 1), depend on each respondent's own weight: for that family
/// the weight keys the groups too (``keysWeight(_:)``), so that every respondent of a row has the
/// row's Σw divided by its respondents.
struct ModelRows {
  /// The design, as declared.
  let declaration: DesignDeclaration
  /// The domain variables, then the model's columns (outcome first), in the order of the keys
  /// after stratum and PSU.
  let keyColumns: [String]
  /// Each group's stratum, PSU, then the values of ``keyColumns``; NULL is `nil`.
  private(set) var keys: [[String?]] = []
  /// Each group's respondents.
  private(set) var frequencies: [Int] = []
  /// Each group's Σw.
  private(set) var weightSums: [Double] = []

  /// Whether the weight keys the groups of `family`'s model: R's starting values of a logistic
  /// fit depend on each respondent's weight.
  static func keysWeight(_ family: ModelFamily) -> Bool { family == .quasibinomial }

  /// The columns a model of `formula` reads (outcome, then each predictor once), after the
  /// domain variables; refuses what the database does not fit.
  ///
  /// - Throws: ``DatabaseError/unsupportedDesign(_:)`` for a proportional-odds model, replicates,
  ///   a design without a PSU column, or a weight that is also a model or domain variable.
  static func columns(
    _ formula: Formula, family: ModelFamily, by domainVariables: [String], declaration: DesignDeclaration,
    engine: DatabaseEngine
  ) throws -> [String] {
    let place = engine == .spark ? "in Spark" : "in the database"
    guard family != .proportionalOdds else {
      throw DatabaseError.unsupportedDesign(
        "\(place), models are fitted with the logistic, linear and poisson families; fit --family ordinal from a file.")
    }
    guard declaration.replicates == nil else {
      throw DatabaseError.unsupportedDesign(
        "\(place), models take linearized (sandwich) variances, not replicate weights; leave out the replicates, or fit the model from a file.")
    }
    try DatabaseError.refuseRowsAsPSUs(engine, declaration)
    let columns = domainVariables + formula.columns
    if let weight = declaration.weights, columns.contains(weight) {
      throw DatabaseError.unsupportedDesign(
        "\(place), the weight column '\(weight)' cannot also be a model or domain variable (the rows' weights are summed); copy it into another column with a view, or fit the model from a file.")
    }
    return columns
  }

  /// Reads one row of a group-sums query whose keys are stratum, PSU, then ``keyColumns`` (and the
  /// weight, ignored), after ``GroupSumsRows`` has read it into `group`.
  mutating func add(_ row: [String?], group: GroupSums.Group) {
    keys.append(Array(row[0..<(2 + keyColumns.count)]))
    frequencies.append(group.rows)
    weightSums.append(group.weightSum)
  }

  /// The design on the collapsed rows: the design columns (stratum and PSU as text, the finite
  /// population correction of each stratum, Σw as the weight), the domain and model variables as
  /// the table's text of their values (numbers where they all read as numbers, as a file's).
  func design(finitePopulationCorrection: [String: Double]) throws -> SurveyDesign {
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
    return try SurveyDesign(
      collapsedRows: survey, frequencies: frequencies, weightSums: weightSums, declaration: declaration)
  }
}
