internal import SurveyStatistics
internal import PostgresNIO

/// Replicate-weight columns on a PostgreSQL table (R survey's `svrepdesign()`): the group sums
/// carry each replicate's Σ a_r and Σ a_r·y (``GroupSumsQuery/replicateSumColumns``), and the
/// degrees of freedom, R's rank of the replicate weights over all rows and over each domain's rows
/// minus one, come from aggregates (``ReplicateRankPlan``).
extension PostgresTable {
  /// The replicate-weight columns of the declaration, in the table's order
  /// (``ReplicateDeclaration/matchedColumns(among:table:)``); none without them.
  ///
  /// - Throws: ``ReplicateError`` for a pattern that is not a regular expression or matches fewer
  ///   than two columns; ``DatabaseError`` for a matched column that is neither numeric nor text
  ///   (a text column is read as numbers, ``TextNumberQuery``).
  static func replicateColumns(
    _ declaration: DesignDeclaration, _ resolved: ResolvedTable
  ) throws -> [GroupSumsQuery.Column] {
    guard let replicates = declaration.replicates else { return [] }
    return try replicates.matchedColumns(among: resolved.columns.map(\.name), table: resolved.table).map {
      try resolved.column($0, role: "replicate weight", kinds: Self.numberOrText)
    }
  }

  /// The most parameters PostgreSQL binds to one statement (its protocol counts them in 16 bits).
  static let maximumParameters = 65_535

  /// The rank of the replicate weights of `query` over all rows and over each domain's rows (R's
  /// `degf()` + 1 of the design and of `design[rows of the domain, ]`), from aggregates
  /// (``ReplicateRankPlan``): one `GROUP BY` of the domain variables sums the cross products
  /// Σ a_r·a_s of each domain (``GroupSumsQuery/crossProductsSQL``); each round of columns they
  /// cannot decide sends one statement for the residuals of every waiting domain and of all rows,
  /// up to ``ReplicateRankPlan/speculatedColumns`` columns each (``GroupSumsQuery/residualsSQL(_:)``,
  /// coefficients bound as `float8[]`; more statements when the parameters would pass 65,535);
  /// and only a column within 0.1 % of R's threshold even from its residual has the replicate
  /// weights of its domain's rows fetched, in one statement for all such domains
  /// (``GroupSumsQuery/replicateRowsSQL(domainCount:)``), for a QR.
  func replicateRanks(_ query: GroupSumsQuery, _ connection: PostgresConnection) async throws -> SuppliedReplicateRanks {
    ReplicateRankStatements.record(.crossProducts, engine: .postgreSQL, table: table)
    var plan = try ReplicateRankPlan(
      rows: try await rows(of: PostgresQuery(unsafeSQL: query.crossProductsSQL), connection),
      domainCount: query.domainVariables.count, count: query.replicates.count, engine: .postgreSQL)
    while let round = plan.residualRound {
      var answer: [[String?]] = []
      let perDomain = query.domainVariables.count + round.width
      for statement in round.statements(domainsPerStatement: (Self.maximumParameters - round.width) / perDomain) {
        var binds = PostgresBindings()
        for (values, coefficients) in statement.domains {
          for value in values { binds.append(value) }
          for list in coefficients { binds.append(list) }
        }
        for list in statement.allRows { binds.append(list) }
        ReplicateRankStatements.record(.residuals, engine: .postgreSQL, table: table)
        answer += try await rows(of: PostgresQuery(unsafeSQL: query.residualsSQL(statement), binds: binds), connection)
      }
      try plan.settle(residuals: answer)
    }
    if plan.needsRows {
      var binds = PostgresBindings()
      if !plan.allRowsNeedRows {
        for domain in plan.domainsNeedingRows { for value in domain { binds.append(value) } }
      }
      let sql = query.replicateRowsSQL(domainCount: plan.allRowsNeedRows ? nil : plan.domainsNeedingRows.count)
      ReplicateRankStatements.record(.rows, engine: .postgreSQL, table: table)
      plan.settle(rows: try await rows(of: PostgresQuery(unsafeSQL: sql, binds: binds), connection))
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
