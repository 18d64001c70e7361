internal import SurveyStatistics

/// Replicate-weight columns on a Spark table (R survey's `svrepdesign()`), as on PostgreSQL
/// (``PostgresTable``'s): each replicate's sums in the group sums
/// (``SparkGroupSumsQuery/replicateSumColumns``), and the ranks that give R's degrees of freedom
/// from aggregates (``ReplicateRankPlan``).
extension SparkTable {
  /// The replicate-weight columns of the declaration among the table's columns `names`, in the
  /// table's order; none without them. `column` finds a column by name, role and whether it must
  /// be numeric; a text column is read as numbers (``SparkGroupSumsQuery/numberColumn(_:role:_:)``).
  static func replicateColumns(
    _ declaration: DesignDeclaration, names: [String], table: String,
    column: (String, String, Bool) throws -> SparkGroupSumsQuery.Column
  ) throws -> [SparkGroupSumsQuery.Column] {
    guard let replicates = declaration.replicates else { return [] }
    return try replicates.matchedColumns(among: names, table: table).map {
      try SparkGroupSumsQuery.numberColumn($0, role: "replicate weight", column)
    }
  }

  /// The rank of the replicate weights of `query` over all rows and over each domain's rows, as
  /// on PostgreSQL: one `GROUP BY` of the domain variables for the cross products (`DOUBLE` sums,
  /// whose rounding the decision allows for), one statement per round of residuals for every
  /// domain waiting and all rows, up to ``ReplicateRankPlan/speculatedColumns`` columns each
  /// (``SparkGroupSumsQuery/residualsSQL(_:)``; more statements past
  /// ``SparkGroupSumsQuery/residualTextBudget``), and the replicate
  /// weights of the rows of the domains within 0.1 % of R's threshold even from their residuals,
  /// in one statement, for a QR (``ReplicateRankPlan``).
  func replicateRanks(_ query: SparkGroupSumsQuery, runner: SparkRunner) throws -> SuppliedReplicateRanks {
    ReplicateRankStatements.record(.crossProducts, engine: .spark, table: table)
    var plan = try ReplicateRankPlan(
      rows: try runner.rows(of: query.crossProductsSQL), domainCount: query.domainVariables.count,
      count: query.replicates.count, engine: .spark)
    while let round = plan.residualRound {
      var answer: [[String?]] = []
      let perDomain = 40 * round.width * query.replicates.count
      for statement in round.statements(domainsPerStatement: SparkGroupSumsQuery.residualTextBudget / perDomain) {
        ReplicateRankStatements.record(.residuals, engine: .spark, table: table)
        answer += try runner.rows(of: query.residualsSQL(statement))
      }
      try plan.settle(residuals: answer)
    }
    if plan.needsRows {
      ReplicateRankStatements.record(.rows, engine: .spark, table: table)
      plan.settle(rows: try runner.rows(of: query.replicateRowsSQL(
        domains: plan.allRowsNeedRows ? nil : plan.domainsNeedingRows)))
    }
    return plan.ranks(columnNames: query.replicates.map(\.name))
  }

  /// The ranks of the replicate weights of `query` over all rows and over the domains of each list
  /// of its columns in `lists` (one cross-products query each, ``replicateRanks(_:runner:)``),
  /// keyed by the list's names, as ``PostgresTable``'s.
  func replicateRanks(
    _ query: SparkGroupSumsQuery, byEach lists: [[SparkGroupSumsQuery.Column]], runner: SparkRunner
  ) throws -> [[String]: SuppliedReplicateRanks] {
    var ranks: [[String]: SuppliedReplicateRanks] = [:]
    for columns in lists where ranks[columns.map(\.name)] == nil {
      var domainQuery = query
      domainQuery.domainVariables = columns
      ranks[columns.map(\.name)] = try replicateRanks(domainQuery, runner: runner)
    }
    return ranks
  }
}
