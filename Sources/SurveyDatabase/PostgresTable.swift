package import SurveyStatistics
internal import Foundation
internal import Logging
internal import NIOSSL
internal import PostgresNIO

/// A survey table in PostgreSQL, estimated where it lives: PostgreSQL computes the group sums
/// (`GroupSumsQuery`), Confiance finishes the variance from them (`GroupSums`), with the
/// numbers of the same rows read from a file.
///
/// Everything runs in one read-only transaction (`REPEATABLE READ READ ONLY`, so every query sees
/// the same snapshot), with the statement timeout of ``Settings``; the rows never leave the server.
///
/// ```swift
/// let table = PostgresTable(location: try PostgresLocation(url: "postgresql://me@db:5432/surveys"),
///                           table: "public.fr2025")
/// let estimates = try table.proportions(of: ["concern"], by: ["age_band"],
///                                       declaration: DesignDeclaration(weights: "w", strata: "region", clusters: "point"))
/// ```
public struct PostgresTable: Sendable {
  /// Session settings of the transaction.
  package struct Settings: Sendable, Hashable {
    /// Cancel a query that runs longer than this many seconds (`statement_timeout`); `nil` for
    /// the server's setting.
    package var statementTimeout: Double?
    /// `max_parallel_workers_per_gather`, to check that parallel aggregation changes nothing;
    /// `nil` for the server's setting.
    package var parallelWorkersPerGather: Int?

    package init(statementTimeout: Double? = nil, parallelWorkersPerGather: Int? = nil) {
      self.statementTimeout = statementTimeout
      self.parallelWorkersPerGather = parallelWorkersPerGather
    }
  }

  /// The server, database and user.
  package var location: PostgresLocation
  /// The table or view, `schema.name` or `name` (found on the search path), exactly as stored.
  package var table: String
  package var settings: Settings

  package init(location: PostgresLocation, table: String, settings: Settings = Settings()) {
    self.location = location
    self.table = table
    self.settings = settings
  }

  /// The weighted proportions of every category of each of `variables` in the domains of
  /// `domainVariables`: `GroupSums.proportions(method:level:)` on the table's group sums, with
  /// the estimates of the first variable, then the second's… (as
  /// ``SurveyDesign/proportions(of:by:method:level:)``).
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   the errors of `GroupSums.proportions(method:level:)`.
  package func proportions(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) async throws -> ProportionEstimates {
    let tables = try await groupSums(
      of: variables, by: domainVariables, declaration: declaration,
      fitsLogit: GroupSums.needsLogitFirstStep(method: method, declaration: declaration))
    var estimates: [ProportionEstimate] = []
    var design: DesignSummary?
    for sums in tables {
      let result = try sums.proportions(method: method, level: level)
      estimates += result.estimates
      design = design ?? result.design
    }
    return ProportionEstimates(estimates, design: design!)
  }

  /// ``proportions(of:by:declaration:method:level:)-…``, waiting for the server: for synchronous
  /// code such as a command line's `run()`. It blocks the calling thread, so never call it from
  /// a task (it would hold one of the few threads the server's answer needs); use the `async`
  /// variant there.
  package func proportionsWaiting(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ProportionEstimates {
    try waitFor {
      try await proportions(of: variables, by: domainVariables, declaration: declaration, method: method, level: level)
    }
  }

  /// The weighted means of each of numeric `variables` in the domains of `domainVariables`:
  /// ``GroupSums/means(level:)`` on the table's group sums (Σw·y and Σw·y² summed as exact
  /// `numeric`), the numbers of ``SurveyDesign/means(of:by:level:)-([String],_,_)``.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   the errors of ``GroupSums/means(level:)``.
  package func means(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration, level: Double = 0.95
  ) async throws -> NumericEstimates<MeanEstimate> {
    let tables = try await groupSums(
      of: variables, by: domainVariables, declaration: declaration, fitsLogit: false, sumsValues: true)
    let results = try tables.map { try $0.means(level: level) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }

  /// The estimated population totals of each of numeric `variables` in the domains of
  /// `domainVariables`: ``GroupSums/totals(level:)`` on the table's group sums, the numbers of
  /// ``SurveyDesign/totals(of:by:level:)-([String],_,_)``.
  ///
  /// - Throws: as ``means(of:by:declaration:level:)``.
  package func totals(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration, level: Double = 0.95
  ) async throws -> NumericEstimates<TotalEstimate> {
    let tables = try await groupSums(
      of: variables, by: domainVariables, declaration: declaration, fitsLogit: false, sumsValues: true)
    let results = try tables.map { try $0.totals(level: level) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }

  /// The ratio of the population totals of numeric `numerator` and `denominator` in the domains
  /// of `domainVariables`: ``GroupSums/ratios(denominator:level:raking:)`` on the table's group sums by
  /// stratum × PSU × domain × whether the row has both values (Σw, Σw·y, Σw·y², Σw·x, Σw·x²,
  /// Σw·x·y summed exactly, as for means), the numbers of
  /// ``SurveyDesign/ratios(numerator:denominator:by:level:)``.
  ///
  /// With replicate-weight columns, the groups carry each replicate's Σ a_r·y and Σ a_r·x too
  /// (exact sums, as the other replicate sums), and the degrees of freedom are the rank of the
  /// replicate weights of each domain's rows minus one, as for means. Without a PSU column (every
  /// row its own PSU), the groups are keyed by stratum × domain × whether the row has both values
  /// and add Σw²·y², Σw²·x, Σw²·x² and Σw²·x·y (``GroupSums/ratios(denominator:level:raking:)``).
  ///
  /// - Throws: as ``means(of:by:declaration:level:)``; the errors of
  ///   ``GroupSums/ratios(denominator:level:raking:)``.
  package func ratios(
    numerator: String, denominator: String, by domainVariables: [String] = [], declaration: DesignDeclaration,
    level: Double = 0.95
  ) async throws -> NumericEstimates<RatioEstimate> {
    let tables = try await groupSums(
      of: [numerator], by: domainVariables, declaration: declaration, fitsLogit: false, sumsValues: true,
      denominator: denominator)
    return try tables[0].ratios(denominator: denominator, level: level)
  }

  /// The privacy-paradox measures of `definition` for the whole sample and every domain of
  /// `domainVariables`: ``GroupSums/paradox(_:method:level:raking:)`` on the table's group sums by
  /// stratum × PSU × domain × the items' values (one `GROUP BY`), the numbers of
  /// ``SurveyDesign/paradox(_:by:method:level:)``. With `margins`, the measures of the design
  /// raked to them: the raking variables key the groups after the items, Confiance rakes the
  /// cells' Σw (``GroupSumsRaking``) and projects the influence values on the raking
  /// (``GroupSums/paradox(_:method:level:raking:)``); with replicates, every replicate is raked to
  /// the same margins too (R's `rake()` of a `svyrep.design`, ``GroupSums/rakingReplicates(_:)``)
  /// and the variances are the raked replicates'.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   ``ParadoxError`` for a definition whose values no row has; ``WeightingError`` for targets
  ///   that do not fit the table or a raking that does not converge; the errors of
  ///   ``GroupSums/paradox(_:method:level:raking:)``.
  package func paradox(
    _ definition: ParadoxDefinition, by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(),
    method: IntervalMethod = .logit, level: Double = 0.95
  ) async throws -> ParadoxAnalysis {
    let (sums, raking) = try await paradoxGroupSums(
      definition, by: domainVariables, declaration: declaration, raking: margins, options: options,
      fitsLogit: GroupSums.needsLogitFirstStep(method: method, declaration: declaration))
    return try sums.paradox(definition, method: method, level: level, raking: raking)
  }

  /// The group sums of a paradox analysis: PostgreSQL groups the rows by stratum × PSU × domain ×
  /// the values of the concern and action items, and Confiance names each group's concern × action
  /// cell (``ParadoxDefinition/cell(concern:actions:)``), so that values match as in a file. With
  /// replicates, the groups carry each replicate-weight column's sums, and
  /// ``addReplicateParadoxSums(_:query:definition:observedConcern:fitsLogit:raking:rakingColumns:_:)``
  /// adds the ranks and first steps of the complete and concerned respondents. With `margins`, the
  /// groups are keyed by their raking cell too (the raking variables after the items) and come with
  /// their raking (`nil` without margins), every replicate raked: the ranks of replicate-weight
  /// columns are then those of the raked replicate weights and the first steps sum the raked weights.
  package func paradoxGroupSums(
    _ definition: ParadoxDefinition, by domainVariables: [String], declaration: DesignDeclaration,
    raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(), fitsLogit: Bool = false
  ) async throws -> (sums: GroupSums, raking: GroupSumsRaking?) {
    try await withColumns(declaration: declaration) { connection, resolved in
      let replicates = try Self.replicateColumns(declaration, resolved)
      let items = try ([definition.concern] + definition.actions).enumerated().map { position, indicator in
        try resolved.column(
          indicator.variable, role: position == 0 ? "concern item" : "action item", kinds: Self.categorical)
      }
      let rakingColumns = try (margins?.variables ?? []).map {
        try resolved.column($0, role: "raking variable", kinds: Self.categorical)
      }
      var query = GroupSumsQuery(
        schema: resolved.schema, table: resolved.name, variable: items[0],
        domainVariables: try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical) },
        weight: try declaration.weights.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) },
        strata: try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical) },
        psu: try declaration.clusters.map { try resolved.column($0, role: "PSU", kinds: Self.categorical) },
        fpc: try declaration.fpc.map { try resolved.column($0, role: "finite population correction", kinds: Self.numberOrText) },
        items: Array(items.dropFirst()) + rakingColumns, replicates: replicates)
      var reading = GroupSumsRows.postgreSQL(
        declaration: declaration, domainCount: domainVariables.count, itemCount: items.count,
        rakingCount: rakingColumns.count, replicateColumns: replicates.map(\.name)
      ) { values in
        definition.cell(concern: values[0], actions: Array(values.dropFirst())).map(String.init)
      }
      try await checkNumbers(query, connection)
      for row in try await rows(of: PostgresQuery(unsafeSQL: query.groupSumsSQL), connection) { reading.add(row) }
      if let problem = reading.problem(psuColumn: query.psu?.name ?? "") { throw DatabaseError(problem) }
      try definition.checkObserved(reading.observedItems)
      var sums = GroupSums(
        variable: definition.concern.variable, domainVariables: domainVariables, declaration: declaration,
        groups: reading.groups, finitePopulationCorrection: reading.finitePopulationCorrection)
      sums.rowsArePSUs = query.psu == nil && query.replicates.isEmpty
      let raking = try margins.map {
        try sums.rakingReplicates(
          GroupSumsRaking(groups: sums.groups, margins: $0, options: options, source: "the table \(table)"))
      }
      if declaration.replicates != nil {
        query.items = Array(items.dropFirst())
        try await addReplicateParadoxSums(
          &sums, query: query, definition: definition, observedConcern: reading.observedItems[0], fitsLogit: fitsLogit,
          raking: raking, rakingColumns: rakingColumns, connection)
      }
      return (sums, raking)
    }
  }

  /// The weighted two-way table of `row` by `column`, for the whole sample and every domain of
  /// `domainVariables`: ``GroupSums/crossTab(row:column:method:level:raking:)`` on the table's group sums
  /// by stratum × PSU × domain × row value × column value (one `GROUP BY`; with the logit
  /// interval, one more per share partition for the first step of R's logistic fit), the numbers
  /// of ``SurveyDesign/crossTab(row:column:by:method:level:)``. With `margins`, the table of the
  /// design raked to them (R's `rake()` then `svytable`, `svymean`, `svychisq`): the raking
  /// variables key the groups after the column value, Confiance rakes the cells' Σw
  /// (``GroupSumsRaking``) and finishes the table with the raking's projected variances
  /// (``GroupSums/crossTab(row:column:method:level:raking:)``), the first steps summed by
  /// partition domain × raking cell with each cell's weights scaled by its factor.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   ``WeightingError`` for targets that do not fit the table or a raking that does not converge;
  ///   the errors of ``GroupSums/crossTab(row:column:method:level:raking:)``.
  package func crossTab(
    row: String, column: String, by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(),
    method: IntervalMethod = .logit, level: Double = 0.95
  ) async throws -> CrossTab {
    let (sums, raking) = try await crossTabGroupSums(
      row: row, column: column, by: domainVariables, declaration: declaration,
      fitsLogit: GroupSums.needsLogitFirstStep(method: method, declaration: declaration), raking: margins,
      options: options)
    return try sums.crossTab(row: row, column: column, method: method, level: level, raking: raking)
  }

  /// The group sums of a cross-tab (``SurveyDesign/crossTabGroupSums(row:column:by:fitsLogit:)``):
  /// PostgreSQL groups the rows by stratum × PSU × domain × row value × column value, and, with
  /// `fitsLogit`, sums the first step of R's logistic fit over the domains of each share partition
  /// (``CrossTabShares``).
  package func crossTabGroupSums(
    row: String, column: String, by domainVariables: [String], declaration: DesignDeclaration, fitsLogit: Bool
  ) async throws -> GroupSums {
    try await crossTabGroupSums(
      row: row, column: column, by: domainVariables, declaration: declaration, fitsLogit: fitsLogit, raking: nil,
      options: RakingControl()
    ).sums
  }

  /// ``crossTabGroupSums(row:column:by:declaration:fitsLogit:)`` with the groups keyed by the
  /// raking cell of `margins` too, and their raking (`nil` without margins).
  func crossTabGroupSums(
    row: String, column: String, by domainVariables: [String], declaration: DesignDeclaration, fitsLogit: Bool,
    raking margins: PopulationMargins?, options: RakingControl
  ) async throws -> (sums: GroupSums, raking: GroupSumsRaking?) {
    try CrossTabError.checkRoles(row: row, column: column, by: domainVariables)
    return try await withColumns(declaration: declaration) { connection, resolved in
      let replicates = try Self.replicateColumns(declaration, resolved)
      let rakingColumns = try (margins?.variables ?? []).map {
        try resolved.column($0, role: "raking variable", kinds: Self.categorical)
      }
      let rowColumn = try resolved.column(row, role: "row variable", kinds: Self.categorical)
      let columnColumn = try resolved.column(column, role: "column variable", kinds: Self.categorical)
      let domainColumns = try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical) }
      let weight = try declaration.weights.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) }
      let strata = try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical) }
      let psu = try declaration.clusters.map { try resolved.column($0, role: "PSU", kinds: Self.categorical) }
      let fpc = try declaration.fpc.map { try resolved.column($0, role: "finite population correction", kinds: Self.numberOrText) }
      func query(_ categories: [String], within domains: [String]) -> GroupSumsQuery {
        let named = [rowColumn, columnColumn] + domainColumns
        func found(_ name: String) -> GroupSumsQuery.Column { named.first { $0.name == name }! }
        return GroupSumsQuery(
          schema: resolved.schema, table: resolved.name, variable: found(categories[0]),
          domainVariables: domains.map(found), weight: weight, strata: strata, psu: psu, fpc: fpc,
          items: categories.dropFirst().map(found))
      }
      var groupsQuery = query([row, column], within: domainVariables)
      groupsQuery.items += rakingColumns
      groupsQuery.replicates = replicates
      var reading = GroupSumsRows.postgreSQL(
        declaration: declaration, domainCount: domainVariables.count, itemCount: 2, readsColumnCategory: true,
        rakingCount: rakingColumns.count, replicateColumns: replicates.map(\.name))
      try await checkNumbers(groupsQuery, connection)
      for values in try await rows(of: PostgresQuery(unsafeSQL: groupsQuery.groupSumsSQL), connection) {
        reading.add(values)
      }
      if let problem = reading.problem(psuColumn: psu?.name ?? "") { throw DatabaseError(problem) }
      var sums = GroupSums(
        variable: row, domainVariables: domainVariables, declaration: declaration, groups: reading.groups,
        finitePopulationCorrection: reading.finitePopulationCorrection)
      sums.rowsArePSUs = psu == nil && replicates.isEmpty
      let raking = try margins.map {
        try sums.rakingReplicates(
          GroupSumsRaking(groups: sums.groups, margins: $0, options: options, source: "the table \(table)"))
      }
      if !replicates.isEmpty {
        // The ranks of every share partition's domains (CrossTabShares): by, row, column, by × row, by × column;
        // raked, those of the raked replicate weights.
        let rankQuery = raking.map { groupsQuery.rakedReplicates($0, rakingColumns: rakingColumns) } ?? groupsQuery
        let ranks = try await replicateRanks(rankQuery, byEach: [
          [rowColumn], [columnColumn], domainColumns, domainColumns + [rowColumn], domainColumns + [columnColumn],
        ].filter { !$0.isEmpty }, connection)
        sums.replicateRanksOfDomains = ranks
        sums.suppliedReplicates = ranks[domainVariables] ?? ranks[[row]]
      }
      guard fitsLogit else { return (sums, raking) }
      var firstSteps: [CrossTabShares: [GroupSums.LogitFirstStep]] = [:]
      for shares in CrossTabShares.all(hasDomains: !domainVariables.isEmpty) {
        // Raked: by the partition's domain × raking cell, each cell's weights scaled by its factor.
        let within = shares.domainVariables(by: domainVariables, row: row, column: column)
        var shareQuery = query(shares.categoryVariables(row: row, column: column), within: within)
        shareQuery.domainVariables += rakingColumns
        let shareSums = sums.shareSums(shares, row: row, column: column)
        firstSteps[shares] = try await logitFirstSteps(
          shareQuery, scales: raking.map(shareSums.rakedPriorWeightScales) ?? shareSums.priorWeightScales, connection,
          category: shares.category(ofValues:)
        ).map { $0.withinDomain(of: within.count) }
      }
      sums.crossTabFirstSteps = firstSteps
      return (sums, raking)
    }
  }

  /// The group sums of each of `variables`, one `GROUP BY` each (and, with `fitsLogit`, one more
  /// for the first step of the logistic fit), in one read-only transaction. With `sumsValues`, the
  /// variables are numeric and summed (Σw·y, Σw·y²) rather than grouped by category; with a
  /// `denominator` too, they are a ratio's numerators (``GroupSumsQuery/denominator``).
  package func groupSums(
    of variables: [String], by domainVariables: [String], declaration: DesignDeclaration, fitsLogit: Bool,
    sumsValues: Bool = false, denominator: String? = nil
  ) async throws -> [GroupSums] {
    guard !variables.isEmpty else { throw DatabaseError.unsupportedDesign("name at least one variable to estimate.") }
    return try await withColumns(declaration: declaration) { connection, resolved in
      let replicates = try Self.replicateColumns(declaration, resolved)
      var ranks: SuppliedReplicateRanks?
      var sums: [GroupSums] = []
      for variable in variables {
        var query = GroupSumsQuery(
          schema: resolved.schema, table: resolved.name,
          variable: try sumsValues
            ? resolved.column(variable, role: "numeric variable", kinds: Self.numberOrText)
            : resolved.column(variable, role: "category", kinds: Self.categorical),
          domainVariables: try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical) },
          weight: try declaration.weights.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) },
          strata: try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical) },
          psu: try declaration.clusters.map { try resolved.column($0, role: "PSU", kinds: Self.categorical) },
          fpc: try declaration.fpc.map { try resolved.column($0, role: "finite population correction", kinds: Self.numberOrText) },
          sumsValues: sumsValues, replicates: replicates)
        query.denominator = try denominator.map { try resolved.column($0, role: "denominator", kinds: Self.numberOrText) }
        var table = try await groupSums(
          query, declaration: declaration, domainVariables: domainVariables, fitsLogit: fitsLogit, connection: connection)
        if !replicates.isEmpty {
          if ranks == nil { ranks = try await replicateRanks(query, connection) }
          table.suppliedReplicates = ranks
        }
        sums.append(table)
      }
      return sums
    }
  }

  /// The `pg_type.typcategory` of columns that key groups: string, numeric, boolean.
  static let categorical: Set<String> = ["S", "N", "B"]

  /// The table as the catalog has it: its schema, name and columns.
  struct ResolvedTable {
    var table: String
    var schema: String
    var name: String
    var columns: [GroupSumsQuery.Column]

    /// The column `name`, whose type must be of one of `kinds` (`pg_type.typcategory`).
    func column(_ name: String, role: String, kinds: Set<String>) throws -> GroupSumsQuery.Column {
      guard let found = columns.first(where: { $0.name == name }) else {
        throw DatabaseError.unknownColumn(
          column: name, table: table, suggestion: closestName(to: name, among: columns.map(\.name)))
      }
      try DatabaseError.refuseIdentifier(name, role: role, table: table)
      guard kinds.contains(found.category) else {
        throw DatabaseError.unsupportedColumnType(.postgreSQL, column: name, type: found.type, role: role)
      }
      return found
    }
  }

  /// Checks that the design can be estimated in the database, connects, and runs `body` with the
  /// resolved table in one read-only transaction; closes the connection. A design without a PSU
  /// column (every row its own PSU) is estimated from groups without PSUs
  /// (`GroupSums.rowsArePSUs`), but cannot have replicates created from it
  /// (``DatabaseError/createdReplicatesRefusal(_:)``).
  func withColumns<Result: Sendable>(
    declaration: DesignDeclaration, _ body: (PostgresConnection, ResolvedTable) async throws -> Result
  ) async throws -> Result {
    try DatabaseError.refuseCreatedReplicatesWithoutPSU(.postgreSQL, declaration)
    if declaration.weights == nil, declaration.fpc != nil {
      throw DatabaseError.unsupportedDesign("in the database, name the weight column when the design has a finite population correction.")
    }
    return try await withTable(body)
  }

  /// Connects and runs `body` with the resolved table in one read-only transaction; closes the
  /// connection.
  func withTable<Result: Sendable>(
    _ body: (PostgresConnection, ResolvedTable) async throws -> Result
  ) async throws -> Result {
    let connection = try await connect()
    do {
      let result = try await inReadOnlyTransaction(connection) {
        let (schema, name, columns) = try await resolveTable(connection)
        return try await body(connection, ResolvedTable(table: table, schema: schema, name: name, columns: columns))
      }
      try? await connection.close()
      return result
    } catch {
      try? await connection.close()
      throw error
    }
  }

  // MARK: - Queries

  private func groupSums(
    _ query: GroupSumsQuery, declaration: DesignDeclaration, domainVariables: [String], fitsLogit: Bool,
    connection: PostgresConnection
  ) async throws -> GroupSums {
    var reading = GroupSumsRows.postgreSQL(
      declaration: declaration, domainCount: query.domainVariables.count, replicateColumns: query.replicates.map(\.name))
    reading.readsDenominator = query.denominator != nil
    reading.readsWeightSquareValues = query.sumsWeightSquareValues
    try await checkNumbers(query, connection)
    for row in try await rows(of: PostgresQuery(unsafeSQL: query.groupSumsSQL), connection) { reading.add(row) }
    if let problem = reading.problem(psuColumn: query.psu?.name ?? "") { throw DatabaseError(problem) }
    var sums = GroupSums(
      variable: query.variable.name, domainVariables: domainVariables, declaration: declaration,
      groups: reading.groups, finitePopulationCorrection: reading.finitePopulationCorrection)
    sums.rowsArePSUs = query.psu == nil && query.replicates.isEmpty
    guard fitsLogit else { return sums }
    let firstStep = try await logitFirstSteps(query, scales: sums.priorWeightScales, connection) { $0[0] }
    sums.logitFirstStep = firstStep
    return sums
  }

  /// The first step of R's logistic fit by domain and category (``GroupSumsQuery/logitFirstStepSQL(domainCount:)``),
  /// with the prior-weight scale of each domain bound; `category` names the category of the
  /// values of the variable and items.
  func logitFirstSteps(
    _ query: GroupSumsQuery, scales: [[String]: Double], _ connection: PostgresConnection,
    category: ([String]) -> String
  ) async throws -> [GroupSums.LogitFirstStep] {
    let sorted = scales.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    guard !sorted.isEmpty else { return [] }
    var binds = PostgresBindings()
    for (domain, scale) in sorted {
      for value in domain { binds.append(value) }
      binds.append(scale)
    }
    let sql = query.logitFirstStepSQL(domainCount: sorted.count)
    let width = query.domainVariables.count, categories = 1 + query.items.count
    var firstStep: [GroupSums.LogitFirstStep] = []
    for row in try await rows(of: PostgresQuery(unsafeSQL: sql, binds: binds), connection) {
      let values = row[width..<(width + categories)].compactMap { $0 }
      guard values.count == categories else { continue }
      let sums = row[(width + categories)...].map { Double($0 ?? "") ?? .nan }
      firstStep.append(GroupSums.LogitFirstStep(
        domain: row[0..<width].map { $0 ?? "" }, category: category(values), signedSum: sums[0], weight: sums[1],
        deviance: sums[2]))
    }
    return firstStep
  }

  /// The schema, name and columns of ``table``, from the catalog (names bound as parameters).
  private func resolveTable(_ connection: PostgresConnection) async throws -> (String, String, [GroupSumsQuery.Column]) {
    let dot = table.firstIndex(of: ".")
    let schema = dot.map { String(table[..<$0]) }
    let name = dot.map { String(table[table.index(after: $0)...]) } ?? table
    var binds = PostgresBindings()
    binds.append(name)
    binds.append(schema)
    let found = try await rows(of: PostgresQuery(unsafeSQL: """
      SELECT c.oid::text, n.nspname::text, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
      WHERE c.relname = $1 AND c.relkind IN ('r', 'v', 'm', 'p', 'f') \
      AND (($2::text IS NULL AND pg_table_is_visible(c.oid)) OR n.nspname = $2::text)
      """, binds: binds), connection)
    guard let first = found.first, let oid = first[0], let foundSchema = first[1], let foundName = first[2] else {
      let candidates = try await rows(of: PostgresQuery(unsafeSQL: """
        SELECT n.nspname::text, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
        WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
        AND n.nspname NOT LIKE 'pg_toast%'
        """), connection)
      let names = candidates.compactMap { row in row[0].flatMap { schema in row[1].map { schema + "." + $0 } } }
      let bare = candidates.compactMap { $0[1] }
      throw DatabaseError.unknownTable(
        table: table, suggestion: closestName(to: table, among: schema == nil ? bare : names))
    }
    var columnBinds = PostgresBindings()
    columnBinds.append(oid)
    let columns = try await rows(of: PostgresQuery(unsafeSQL: """
      SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), t.typcategory::text FROM pg_attribute a \
      JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = $1::text::oid AND a.attnum > 0 AND NOT a.attisdropped \
      ORDER BY a.attnum
      """, binds: columnBinds), connection)
    return (foundSchema, foundName, columns.map {
      GroupSumsQuery.Column(name: $0[0] ?? "", type: $0[1] ?? "", category: $0[2] ?? "")
    })
  }

  /// Every row of a query, every column as text (`nil` for NULL).
  func rows(of query: PostgresQuery, _ connection: PostgresConnection) async throws -> [[String?]] {
    do {
      var result: [[String?]] = []
      for try await row in try await connection.query(query, logger: Self.logger) {
        result.append(try row.map { cell in cell.bytes == nil ? nil : try cell.decode(String.self) })
      }
      return result
    } catch let error as PSQLError {
      throw translated(error)
    }
  }

  private func execute(_ sql: String, _ connection: PostgresConnection) async throws {
    _ = try await rows(of: PostgresQuery(unsafeSQL: sql), connection)
  }

  /// Runs `body` in a read-only transaction with the session settings; rolls back on error.
  private func inReadOnlyTransaction<Result: Sendable>(
    _ connection: PostgresConnection, _ body: () async throws -> Result
  ) async throws -> Result {
    try await execute("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", connection)
    do {
      if let timeout = settings.statementTimeout {
        try await execute("SET LOCAL statement_timeout = \(max(1, Int((timeout * 1000).rounded())))", connection)
      }
      if let workers = settings.parallelWorkersPerGather {
        try await execute("SET LOCAL max_parallel_workers_per_gather = \(max(0, workers))", connection)
      }
      let result = try await body()
      try await execute("COMMIT", connection)
      return result
    } catch {
      try? await execute("ROLLBACK", connection)
      throw error
    }
  }

  // MARK: - Connection

  private static let logger = Logger(label: "confiance.database") { _ in SwiftLogNoOpLogHandler() }

  private func connect() async throws -> PostgresConnection {
    let tls: PostgresConnection.Configuration.TLS
    switch location.encryption {
    case .disable: tls = .disable
    case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
    case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
    }
    var configuration = PostgresConnection.Configuration(
      host: location.host, port: location.port, username: location.user, password: location.password,
      database: location.database, tls: tls)
    configuration.options.connectTimeout = .seconds(10)
    do {
      return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
    } catch let error as PSQLError {
      throw translated(error)
    } catch {
      throw DatabaseError.unreachable(.postgreSQL, host: location.host, port: location.port, reason: Self.reason(error))
    }
  }

  /// A postgres-nio error as a ``DatabaseError``.
  private func translated(_ error: PSQLError) -> DatabaseError {
    switch error.code {
    case .server:
      let state = error.serverInfo?[.sqlState] ?? ""
      switch state {
      case "28P01", "28000": return .authenticationFailed(user: location.user, host: location.host, port: location.port)
      case "3D000": return .unknownDatabase(database: location.database, host: location.host, port: location.port)
      case "57014": return .timedOut(seconds: settings.statementTimeout ?? 0)
      default: return .server(.postgreSQL, message: error.serverInfo?[.message] ?? "error \(state)")
      }
    case .authMechanismRequiresPassword, .saslError:
      return .authenticationFailed(user: location.user, host: location.host, port: location.port)
    default:
      return .unreachable(.postgreSQL, host: location.host, port: location.port, reason: Self.reason(error.underlying ?? error))
    }
  }

  /// A few words on why a connection failed.
  private static func reason(_ error: any Error) -> String {
    let text = String(describing: error).lowercased()
    if text.contains("refused") { return "connection refused" }
    if text.contains("timed out") || text.contains("timeout") { return "no answer within 10 s" }
    if text.contains("resolve") || text.contains("lookup") || text.contains("unknown host") { return "unknown host" }
    return "cannot connect"
  }
}

/// Runs `body` and waits for it: the command line is synchronous, postgres-nio is not.
func waitFor<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
  let outcome = Outcome<Value>()
  let done = DispatchSemaphore(value: 0)
  Task {
    do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
    done.signal()
  }
  done.wait()
  return try outcome.result!.get()
}

/// What ``waitFor(_:)``'s task leaves for the waiting thread (written before the semaphore is
/// signalled, read after it is waited on).
private final class Outcome<Value>: @unchecked Sendable {
  var result: Result<Value, any Error>?
}
