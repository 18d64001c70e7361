public import SurveyStatistics

extension DatabaseTable {
  /// ``PostgresTable/quantiles(of:probabilities:by:declaration:level:)`` or
  /// ``SparkTable/quantiles(of:probabilities:by:declaration:level:)``, waiting for the engine
  /// (never call it from a task): the quantiles of each of numeric `variables` with Woodruff
  /// intervals, the numbers of ``SurveyDesign/quantiles(of:probabilities:by:level:interval:)-([String],_,_,_,_)``.
  ///
  /// - Throws: as the engine's; ``DatabaseError/unsupportedDesign(_:)`` for a table raked to
  ///   population margins or the replicate-quantile interval (refused: the distribution of each
  ///   domain would need each replicate's weights).
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
      case .raked:
        throw DatabaseError.unsupportedDesign("quantiles of a table raked to population margins are not estimated in the database yet (each domain's distribution would need the raked weights); drop --rake-to, or export the table to a file and rake it there.")
      }
    }
  }
}
