package import SurveyStatistics

extension SparkTable {
  /// A regression model of the table fitted in the whole sample and in every domain of
  /// `domainVariables`, with its Wald tests and margins, from the table's collapsed rows: one
  /// `GROUP BY` stratum × PSU × domain × outcome × each predictor (and, for a logistic model, one
  /// more for the first step of R's fit, ``SparkGroupSumsQuery/modelFirstStepSQL(wholeSample:domains:raking:cells:)``), as ``PostgresTable/modelAnalysis(_:family:by:declaration:tests:margins:level:raking:options:)``. Waits for
  /// Spark.
  ///
  /// With `raking`, the model of the design raked to those margins, as PostgreSQL's.
  ///
  /// - Throws: as ``PostgresTable/modelAnalysis(_:family:by:declaration:tests:margins:level:raking:options:)``.
  package func modelAnalysis(
    _ formula: Formula, family: ModelFamily, by domainVariables: [String] = [], declaration: DesignDeclaration,
    tests: [[String]] = [], margins: [String] = [], level: Double = 0.95,
    raking: PopulationMargins? = nil, options: RakingControl = RakingControl()
  ) throws -> ModelAnalysis {
    try modelRows(
      formula, family: family, by: domainVariables, declaration: declaration, raking: raking, options: options
    ).modelAnalysis(formula, family: family, by: domainVariables, tests: tests, margins: margins, level: level)
  }

  /// The collapsed rows of a model of `formula` as a design (``ModelRows``), raked to `raking`.
  package func modelRows(
    _ formula: Formula, family: ModelFamily, by domainVariables: [String], declaration: DesignDeclaration,
    raking: PopulationMargins? = nil, options: RakingControl = RakingControl()
  ) throws -> SurveyDesign {
    let keyColumns = try ModelRows.columns(
      formula, family: family, by: domainVariables, declaration: declaration, raking: raking, engine: .spark)
    let (parts, runner, column) = try resolved(declaration: declaration)
    let modelColumnCount = domainVariables.count + formula.columns.count
    let modelColumns = try keyColumns.enumerated().dropFirst(domainVariables.count).map {
      try column($1, $0 < modelColumnCount ? "model variable" : "raking variable", false)
    }
    let weight = try declaration.weights.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", column) }
    let query = SparkGroupSumsQuery(
      table: parts, variable: modelColumns[0],
      domainVariables: try domainVariables.map { try column($0, "domain", false) },
      weight: weight,
      strata: try declaration.strata.map { try column($0, "stratum", false) },
      psu: try declaration.clusters.map { try column($0, "PSU", false) },
      fpc: try declaration.fpc.map { try SparkGroupSumsQuery.numberColumn($0, role: "finite population correction", column) },
      items: Array(modelColumns.dropFirst()))
    var model = ModelRows(
      declaration: declaration, domainCount: domainVariables.count, keyColumns: keyColumns,
      reading: GroupSumsRows(
        declaration: declaration, domainCount: domainVariables.count, itemCount: modelColumns.count))
    try checkNumbers(query, runner: runner)
    for row in try runner.rows(of: query.groupSumsSQL) {
      guard row.count == model.width else {
        throw DatabaseError.unexpectedAnswer(.spark, "Spark answered with rows of \(row.count) columns, not \(model.width).")
      }
      model.add(row)
    }
    try model.checkDesignValues(psuColumn: query.psu?.name ?? "")
    var design = try model.design(raking: raking, options: options)
    if ModelRows.needsFirstStep(family) {
      let rakingColumns = try (raking?.variables ?? []).map { try column($0, "raking variable", false) }
      let scales = model.priorWeights(of: design, raking: raking)
      let sql = query.modelFirstStepSQL(
        wholeSample: scales.wholeSample, domains: scales.domains, raking: rakingColumns, cells: scales.cells)
      for row in try runner.rows(of: sql) { model.addFirstStep(row) }
      model.setFirstSteps(of: &design)
    }
    return design
  }
}
