public import SurveyStatistics

extension DatabaseTable {
  /// `PostgresTable.scaleAnalysis(_:by:declaration:boxSize:raking:options:method:level:)` or
  /// `SparkTable.scaleAnalysis(_:by:declaration:boxSize:raking:options:method:level:)`, waiting for the engine
  /// (never call it from a task): the analysis of
  /// ``SurveyDesign/scaleAnalysis(_:by:boxSize:method:level:)`` on the table's rows.
  public func scaleAnalysisWaiting(
    _ scale: ScaleDefinition, by domainVariables: [String] = [], declaration: DesignDeclaration, boxSize: Int = 2,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ScaleAnalysis {
    try namingTable {
      try scaleAnalysis(
        scale, by: domainVariables, declaration: declaration, boxSize: boxSize, raking: nil, options: RakingControl(),
        method: method, level: level)
    }
  }

  /// ``scaleAnalysisWaiting(_:by:declaration:boxSize:method:level:)`` on the design raked to
  /// `margins` (`nil`: as declared, unless the table is ``raked(to:options:)``).
  func scaleAnalysis(
    _ scale: ScaleDefinition, by domainVariables: [String], declaration: DesignDeclaration, boxSize: Int,
    raking margins: PopulationMargins?, options: RakingControl, method: IntervalMethod, level: Double
  ) throws -> ScaleAnalysis {
    switch self {
    case .postgreSQL(let table):
      return try waitFor {
        try await table.scaleAnalysis(
          scale, by: domainVariables, declaration: declaration, boxSize: boxSize, raking: margins, options: options,
          method: method, level: level)
      }
    case .spark(let table):
      return try table.scaleAnalysis(
        scale, by: domainVariables, declaration: declaration, boxSize: boxSize, raking: margins, options: options,
        method: method, level: level)
    case .raked(let table, let margins, let options):
      return try table.scaleAnalysis(
        scale, by: domainVariables, declaration: declaration, boxSize: boxSize, raking: margins, options: options,
        method: method, level: level)
    }
  }
}
