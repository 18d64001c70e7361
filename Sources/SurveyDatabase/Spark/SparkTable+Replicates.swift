internal import SurveyStatistics

/// Replicate-weight columns on a Spark table (R survey's `svrepdesign()`), as on PostgreSQL
/// (``PostgresTable``'s): each replicate's sums in the group sums
/// (``SparkGroupSumsQuery/replicateSumColumns``), and the ranks that give R's degrees of freedom
/// from the cross products of the replicate weights (``SparkGroupSumsQuery/crossProductsSQL``,
/// ``ReplicateRankPlan``).
extension SparkTable {
  /// The replicate-weight columns of the declaration among the table's columns `names`, in the
  /// table's order; none without them. `column` finds a numeric column.
  static func replicateColumns(
    _ declaration: DesignDeclaration, names: [String], table: String,
    column: (String) throws -> SparkGroupSumsQuery.Column
  ) throws -> [SparkGroupSumsQuery.Column] {
    guard let replicates = declaration.replicates else { return [] }
    return try replicates.matchedColumns(among: names, table: table).map(column)
  }

  /// The rank of the replicate weights of `query` over all rows and over each domain's rows:
  /// one `GROUP BY` of the domain variables for the cross products (`DOUBLE` sums, whose rounding
  /// the decision allows for), and the replicate weights of a domain the cross products cannot
  /// decide, fetched for a QR (``ReplicateRankPlan``).
  func replicateRanks(_ query: SparkGroupSumsQuery, runner: SparkRunner) throws -> SuppliedReplicateRanks {
    var plan = try ReplicateRankPlan(
      rows: try runner.rows(of: query.crossProductsSQL), domainCount: query.domainVariables.count,
      count: query.replicates.count, engine: .spark)
    for domain in plan.domainsNeedingRows {
      plan.settle(domain: domain, rows: try runner.rows(of: query.replicateRowsSQL(domain: domain)).map { $0.first ?? nil })
    }
    if plan.allRowsNeedRows {
      plan.settle(domain: nil, rows: try runner.rows(of: query.replicateRowsSQL(domain: nil)).map { $0.first ?? nil })
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
