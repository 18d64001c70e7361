package import SurveyStatistics
internal import PostgresNIO

/// Replicate-weight columns on a PostgreSQL table (R survey's `svrepdesign()`): the group sums
/// carry each replicate's Σ a_r and Σ a_r·y (``GroupSumsQuery/replicateSumColumns``), and the
/// degrees of freedom, R's rank of the replicate weights over all rows and over each domain's rows
/// minus one, come from their cross products (``GroupSumsQuery/crossProductsSQL``) as on a file
/// (``ReplicateRankPlan``).
extension PostgresTable {
  /// The replicate-weight columns of the declaration, in the table's order
  /// (``ReplicateDeclaration/matchedColumns(among:table:)``); none without them.
  ///
  /// - Throws: ``ReplicateError`` for a pattern that is not a regular expression or matches fewer
  ///   than two columns; ``DatabaseError`` for a matched column that is not numeric.
  static func replicateColumns(
    _ declaration: DesignDeclaration, _ resolved: ResolvedTable
  ) throws -> [GroupSumsQuery.Column] {
    guard let replicates = declaration.replicates else { return [] }
    return try replicates.matchedColumns(among: resolved.columns.map(\.name), table: resolved.table).map {
      try resolved.column($0, role: "replicate weight", kinds: ["N"])
    }
  }

  /// The rank of the replicate weights of `query` over all rows and over each domain's rows (R's
  /// `degf()` + 1 of the design and of `design[rows of the domain, ]`): one `GROUP BY` of the
  /// domain variables sums the cross products Σ a_r·a_s of each domain (`float8` sums, whose
  /// rounding the decision allows for), and a domain the cross products cannot
  /// decide (fewer than 4R rows, or a column too close to R's threshold) has its replicate weights
  /// fetched, R values per row, for a QR (``ReplicateRankPlan``).
  func replicateRanks(_ query: GroupSumsQuery, _ connection: PostgresConnection) async throws -> SuppliedReplicateRanks {
    var plan = try ReplicateRankPlan(
      rows: try await rows(of: PostgresQuery(unsafeSQL: query.crossProductsSQL), connection),
      domainCount: query.domainVariables.count, count: query.replicates.count, engine: .postgreSQL)
    for domain in plan.domainsNeedingRows {
      var binds = PostgresBindings()
      for value in domain { binds.append(value) }
      let rows = try await rows(of: PostgresQuery(unsafeSQL: query.replicateRowsSQL(domain: true), binds: binds), connection)
      plan.settle(domain: domain, rows: rows.map { $0[0] })
    }
    if plan.allRowsNeedRows {
      let rows = try await rows(of: PostgresQuery(unsafeSQL: query.replicateRowsSQL(domain: false)), connection)
      plan.settle(domain: nil, rows: rows.map { $0[0] })
    }
    return plan.ranks(columnNames: query.replicates.map(\.name))
  }

  /// The ranks of the replicate weights of `query` over all rows and over the domains of each list
  /// of its columns in `lists` (one cross-products query each, ``replicateRanks(_:_:)``), keyed by
  /// the list's names: a cross-tab's shares are domain proportions in the domains of the `by`
  /// variables, of the row variable and of the column variable.
  func replicateRanks(
    _ query: GroupSumsQuery, byEach lists: [[GroupSumsQuery.Column]], _ connection: PostgresConnection
  ) async throws -> [[String]: SuppliedReplicateRanks] {
    var ranks: [[String]: SuppliedReplicateRanks] = [:]
    for columns in lists where ranks[columns.map(\.name)] == nil {
      var domainQuery = query
      domainQuery.domainVariables = columns
      ranks[columns.map(\.name)] = try await replicateRanks(domainQuery, connection)
    }
    return ranks
  }
}
