public import SurveyStatistics

extension DatabaseTable {
  /// `PostgresTable.modelAnalysis(_:family:by:declaration:tests:margins:level:raking:options:)` or
  /// `SparkTable.modelAnalysis(_:family:by:declaration:tests:margins:level:raking:options:)`, waiting for the
  /// engine (never call it from a task): R's `svyglm` on the table's rows, the analysis of
  /// ``SurveyDesign/modelAnalysis(_:family:by:tests:margins:level:)`` on a file, fitted from the
  /// table's collapsed rows (one per stratum × PSU × domain × value of every model variable). On
  /// a table ``raked(to:options:)``, the model of the raked design: the raking variables join the
  /// keys and the collapsed rows are raked as a file's rows.
  ///
  /// - Throws: ``DatabaseError``; the refusals of a model in the database (a proportional-odds
  ///   model, replicates, a design without a PSU column);
  ///   ``WeightingError`` for targets that do not fit the table; ``ModelError`` as on a file, a
  ///   problem of the data naming the table (``TableDataError``).
  public func modelAnalysisWaiting(
    _ formula: Formula, family: ModelFamily, by domainVariables: [String] = [], declaration: DesignDeclaration,
    tests: [[String]] = [], margins: [String] = [], level: Double = 0.95
  ) throws -> ModelAnalysis {
    try namingTable {
      switch self {
      case .postgreSQL(let table):
        return try waitFor {
          try await table.modelAnalysis(
            formula, family: family, by: domainVariables, declaration: declaration, tests: tests, margins: margins,
            level: level)
        }
      case .spark(let table):
        return try table.modelAnalysis(
          formula, family: family, by: domainVariables, declaration: declaration, tests: tests, margins: margins,
          level: level)
      case .raked(.postgreSQL(let table), let raking, let options):
        return try waitFor {
          try await table.modelAnalysis(
            formula, family: family, by: domainVariables, declaration: declaration, tests: tests, margins: margins,
            level: level, raking: raking, options: options)
        }
      case .raked(.spark(let table), let raking, let options):
        return try table.modelAnalysis(
          formula, family: family, by: domainVariables, declaration: declaration, tests: tests, margins: margins,
          level: level, raking: raking, options: options)
      case .raked(.raked, _, _):
        throw DatabaseError.unsupportedDesign("a table is raked once; give --rake-to one targets file.")
      }
    }
  }
}
