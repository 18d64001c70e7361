public import SurveyStatistics

extension DatabaseTable {
  /// `PostgresTable.scaleAnalysis(_:by:declaration:boxSize:method:level:)` or
  /// `SparkTable.scaleAnalysis(_:by:declaration:boxSize:method:level:)`, waiting for the engine
  /// (never call it from a task): the analysis of
  /// ``SurveyDesign/scaleAnalysis(_:by:boxSize:method:level:)`` on the table's rows.
  public func scaleAnalysisWaiting(
    _ scale: ScaleDefinition, by domainVariables: [String] = [], declaration: DesignDeclaration, boxSize: Int = 2,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ScaleAnalysis {
    switch self {
    case .postgreSQL(let table):
      return try waitFor {
        try await table.scaleAnalysis(
          scale, by: domainVariables, declaration: declaration, boxSize: boxSize, method: method, level: level)
      }
    case .spark(let table):
      return try table.scaleAnalysis(
        scale, by: domainVariables, declaration: declaration, boxSize: boxSize, method: method, level: level)
    case .raked: throw rakingNotForScales
    }
  }
}
