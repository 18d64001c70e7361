public import SurveyStatistics

extension DatabaseTable {
  /// ``PostgresTable/quantiles(of:probabilities:by:declaration:level:)`` or
  /// ``SparkTable/quantiles(of:probabilities:by:declaration:level:)``, waiting for the engine
  /// (never call it from a task): the quantiles of each of numeric `variables` with Woodruff
  /// intervals, the numbers of ``SurveyDesign/quantiles(of:probabilities:by:level:interval:)-([String],_,_,_,_)``.
  ///
  /// On a table ``raked(to:options:)``, the quantiles of the raked design.
  ///
  /// - Throws: as the engine's; ``DatabaseError/unsupportedDesign(_:)`` for the replicate-quantile
  ///   interval (refused: the distribution of each domain would need each replicate's weights).
  public func quantilesWaiting(
    of variables: [String], probabilities: [Double], by domainVariables: [String] = [],
    declaration: DesignDeclaration, level: Double = 0.95, interval: QuantileInterval = .woodruff
  ) throws -> NumericEstimates<QuantileEstimate> {
    guard interval == .woodruff else {
      throw DatabaseError.unsupportedDesign("quantiles of a table have Woodruff intervals only; the replicate-quantile interval would recompute every domain's distribution with each replicate's weights. Drop --interval, or export the table to a file.")
    }
    return try namingTable {
      switch self {
      case .postgreSQL(let table):
        return try waitFor {
          try await table.quantiles(
            of: variables, probabilities: probabilities, by: domainVariables, declaration: declaration, level: level)
        }
      case .spark(let table):
        return try table.quantiles(
          of: variables, probabilities: probabilities, by: domainVariables, declaration: declaration, level: level)
      case .raked(.postgreSQL(let table), let margins, let options):
        return try waitFor {
          try await table.quantiles(
            of: variables, probabilities: probabilities, by: domainVariables, declaration: declaration, level: level,
            raking: margins, options: options)
        }
      case .raked(.spark(let table), let margins, let options):
        return try table.quantiles(
          of: variables, probabilities: probabilities, by: domainVariables, declaration: declaration, level: level,
          raking: margins, options: options)
      case .raked(.raked, _, _):
        throw DatabaseError.unsupportedDesign("a table is raked once; give --rake-to one targets file.")
      }
    }
  }
}
