public import SurveyStatistics

extension DatabaseTable {
  /// The table with its weights raked to `margins` before estimating, as R survey's `rake()`:
  /// the raking variables key the database's groups, Confiance rakes the cell totals
  /// (``GroupSumsRaking``) and finishes the estimates, with standard errors that account for the
  /// raking, from the groups; no row leaves the database and none is written: proportions, means,
  /// totals, cross-tabs (with their Rao–Scott tests), the privacy paradox and scales. With
  /// replicates (columns or created from the strata and PSUs), every replicate is raked to the
  /// same margins as R's `rake()` of a `svyrep.design` (``GroupSumsRaking/rakingReplicates(cellTotals:count:)``)
  /// for proportions, means, totals, cross-tabs, the privacy paradox and scales; the
  /// variances are then the raked replicates'.
  ///
  /// ```swift
  /// let table = try DatabaseTable(location: "postgresql://me@db/surveys", table: "public.fr2025")
  ///   .raked(to: margins)
  /// let estimates = try table.proportionsWaiting(of: ["concern"], declaration: declaration)
  /// ```
  public func raked(to margins: PopulationMargins, options: RakingControl = RakingControl()) -> DatabaseTable {
    if case .raked(let table, _, _) = self { return .raked(table, margins, options) }
    return .raked(self, margins, options)
  }

  /// ``PostgresTable/proportions(of:by:declaration:raking:options:method:level:)`` or
  /// ``SparkTable/proportions(of:by:declaration:raking:options:method:level:)``, waiting for the engine.
  func rakedProportions(
    of variables: [String], by domainVariables: [String], declaration: DesignDeclaration, margins: PopulationMargins,
    options: RakingControl, method: IntervalMethod, level: Double
  ) throws -> ProportionEstimates {
    switch self {
    case .postgreSQL(let table):
      return try waitFor {
        try await table.proportions(
          of: variables, by: domainVariables, declaration: declaration, raking: margins, options: options,
          method: method, level: level)
      }
    case .spark(let table):
      return try table.proportions(
        of: variables, by: domainVariables, declaration: declaration, raking: margins, options: options,
        method: method, level: level)
    case .raked(let table, _, _):
      return try table.rakedProportions(
        of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options,
        method: method, level: level)
    }
  }

  /// The means, totals or ratios (`finish`; a ratio's `denominator`) of numeric `variables` on the
  /// design raked to `margins`, from the engine's group sums by raking cell (``PostgresTable/rakedNumericGroupSums(of:by:declaration:margins:options:denominator:)``),
  /// waiting for the engine.
  func rakedNumeric<Estimate: NumericEstimate>(
    of variables: [String], by domainVariables: [String], declaration: DesignDeclaration, margins: PopulationMargins,
    options: RakingControl, denominator: String? = nil,
    finish: @Sendable (GroupSums, GroupSumsRaking) throws -> NumericEstimates<Estimate>
  ) throws -> NumericEstimates<Estimate> {
    let tables: [GroupSums], raking: GroupSumsRaking
    switch self {
    case .postgreSQL(let table):
      (tables, raking) = try waitFor {
        try await table.rakedNumericGroupSums(
          of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options,
          denominator: denominator)
      }
    case .spark(let table):
      (tables, raking) = try table.rakedNumericGroupSums(
        of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options,
        denominator: denominator)
    case .raked(let table, _, _):
      return try table.rakedNumeric(
        of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options,
        denominator: denominator, finish: finish)
    }
    let results = try tables.map { try finish($0, raking) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }
}
