package import SurveyStatistics
internal import PostgresNIO

extension PostgresTable {
  /// The weighted proportions of every category of each of `variables` in the domains of
  /// `domainVariables`, on the design raked to `margins`: the numbers of
  /// ``SurveyDesign/raked(to:options:)`` then ``SurveyDesign/proportions(of:by:method:level:)``
  /// on the same rows read from a file (R's `rake()`, `svymean`, `svyciprop`).
  ///
  /// The raking variables key the groups after the variable (one `GROUP BY` of stratum × PSU ×
  /// domain × category × raking cell per variable, ``GroupSumsQuery``'s items); Confiance rakes the
  /// cell totals (``GroupSumsRaking``) and finishes the estimates and their projected variances
  /// from the groups (``GroupSums/proportions(method:level:raking:)``). The logit interval sums
  /// the first step of R's logistic fit by domain × raking cell × category, each weight scaled by
  /// its domain and cell's factor (``GroupSums/rakedPriorWeightScales(_:)``). With replicates,
  /// every replicate is raked too (``GroupSums/rakingReplicates(_:)``) and the variances are the
  /// raked replicates'; replicate-weight columns are summed in the groups and ranked, raked,
  /// through a subquery that joins each row's factors (``GroupSumsQuery/rakedReplicates(_:rakingColumns:)``).
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   ``WeightingError`` for targets that do not fit the table or a raking that does not converge;
  ///   the errors of `GroupSums.proportions(method:level:)`.
  package func proportions(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins, options: RakingControl, method: IntervalMethod = .logit, level: Double = 0.95
  ) async throws -> ProportionEstimates {
    guard !variables.isEmpty else { throw DatabaseError.unsupportedDesign("name at least one variable to estimate.") }
    return try await withColumns(declaration: declaration) { connection, resolved in
      let rakingColumns = try margins.variables.map { try resolved.column($0, role: "raking variable", kinds: Self.categorical) }
      let replicates = try Self.replicateColumns(declaration, resolved)
      var raking: (cells: GroupSumsRaking, ranks: SuppliedReplicateRanks?)?
      var results: [ProportionEstimates] = []
      for variable in variables {
        let query = GroupSumsQuery(
          schema: resolved.schema, table: resolved.name,
          variable: try resolved.column(variable, role: "category", kinds: Self.categorical),
          domainVariables: try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical) },
          weight: try declaration.weights.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) },
          strata: try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical) },
          psu: try declaration.clusters.map { try resolved.column($0, role: "PSU", kinds: Self.categorical) },
          fpc: try declaration.fpc.map { try resolved.column($0, role: "finite population correction", kinds: Self.numberOrText) },
          items: rakingColumns, replicates: replicates)
        var reading = GroupSumsRows.postgreSQL(
          declaration: declaration, domainCount: domainVariables.count, rakingCount: rakingColumns.count,
          replicateColumns: replicates.map(\.name))
        try await checkNumbers(query, connection)
        for row in try await rows(of: PostgresQuery(unsafeSQL: query.groupSumsSQL), connection) { reading.add(row) }
        if let problem = reading.problem(psuColumn: query.psu?.name ?? "") { throw DatabaseError(problem) }
        var sums = GroupSums(
          variable: variable, domainVariables: domainVariables, declaration: declaration, groups: reading.groups,
          finitePopulationCorrection: reading.finitePopulationCorrection)
        sums.rowsArePSUs = query.psu == nil && replicates.isEmpty
        if raking == nil { raking = try await rakingOnce(sums, query, margins: margins, options: options, connection) }
        let known = raking!
        let cellRaking = known.cells
        sums.suppliedReplicates = known.ranks
        if GroupSums.needsLogitFirstStep(method: method, declaration: declaration) {
          // The first step by domain × raking cell × category, each cell's weights scaled by its factor.
          var cellQuery = query
          cellQuery.domainVariables += rakingColumns
          cellQuery.items = []
          let steps = try await logitFirstSteps(cellQuery, scales: sums.rakedPriorWeightScales(cellRaking), connection) { $0[0] }
          sums.logitFirstStep = steps.map { $0.withinDomain(of: domainVariables.count) }
        }
        results.append(try sums.proportions(method: method, level: level, raking: cellRaking))
      }
      return ProportionEstimates(results.flatMap(\.estimates), design: results[0].design)
    }
  }
}

extension GroupSums.LogitFirstStep {
  /// The sums of a domain × raking cell, keyed by the domain's `width` values alone (the sums of a
  /// domain's cells are then added up by the estimates).
  func withinDomain(of width: Int) -> GroupSums.LogitFirstStep {
    var step = self
    step.domain = Array(domain.prefix(width))
    return step
  }
}

extension PostgresTable {
  /// The weighted means of each of numeric `variables` in the domains of `domainVariables` on the
  /// design raked to `margins`: the numbers of ``SurveyDesign/raked(to:options:)`` then
  /// ``SurveyDesign/means(of:by:level:)-([String],_,_)`` (R's `rake()` then `svymean`), from two
  /// `GROUP BY`s per variable by stratum × PSU × domain × (value or not) × raking cell: Σw·y and
  /// Σw·y², then the same query without the weight for the unweighted Σy that R's projection
  /// averages (``GroupSums/means(level:raking:)``).
  ///
  /// - Throws: as ``proportions(of:by:declaration:raking:options:method:level:)``.
  package func means(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins, options: RakingControl, level: Double = 0.95
  ) async throws -> NumericEstimates<MeanEstimate> {
    let (tables, raking) = try await rakedNumericGroupSums(
      of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options)
    let results = try tables.map { try $0.means(level: level, raking: raking) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }

  /// The estimated population totals of each of numeric `variables` on the design raked to
  /// `margins` (R's `rake()` then `svytotal`), as ``means(of:by:declaration:raking:options:level:)``.
  package func totals(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins, options: RakingControl, level: Double = 0.95
  ) async throws -> NumericEstimates<TotalEstimate> {
    let (tables, raking) = try await rakedNumericGroupSums(
      of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options)
    let results = try tables.map { try $0.totals(level: level, raking: raking) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }

  /// The group sums of each numeric variable by stratum × PSU × domain × (value or not) × raking
  /// cell, with the unweighted Σy, and the raking of their cells; with a `denominator`, a ratio's
  /// (``GroupSumsQuery/denominator``), with the unweighted Σx too.
  func rakedNumericGroupSums(
    of variables: [String], by domainVariables: [String], declaration: DesignDeclaration,
    margins: PopulationMargins, options: RakingControl, denominator: String? = nil
  ) async throws -> ([GroupSums], GroupSumsRaking) {
    guard !variables.isEmpty else { throw DatabaseError.unsupportedDesign("name at least one variable to estimate.") }
    return try await withColumns(declaration: declaration) { connection, resolved in
      let rakingColumns = try margins.variables.map { try resolved.column($0, role: "raking variable", kinds: Self.categorical) }
      let replicates = try Self.replicateColumns(declaration, resolved)
      func sums(_ query: GroupSumsQuery) async throws -> GroupSums {
        var reading = GroupSumsRows.postgreSQL(
          declaration: declaration, domainCount: domainVariables.count, rakingCount: rakingColumns.count,
          replicateColumns: query.replicates.map(\.name))
        reading.readsDenominator = query.denominator != nil
        reading.readsWeightSquareValues = query.sumsWeightSquareValues
        for row in try await rows(of: PostgresQuery(unsafeSQL: query.groupSumsSQL), connection) { reading.add(row) }
        if let problem = reading.problem(psuColumn: query.psu?.name ?? "") { throw DatabaseError(problem) }
        var sums = GroupSums(
          variable: query.variable.name, domainVariables: domainVariables, declaration: declaration,
          groups: reading.groups, finitePopulationCorrection: reading.finitePopulationCorrection)
        sums.rowsArePSUs = query.sumsWeightSquareValues
        return sums
      }
      var raking: (cells: GroupSumsRaking, ranks: SuppliedReplicateRanks?)?
      var tables: [GroupSums] = []
      for variable in variables {
        var query = GroupSumsQuery(
          schema: resolved.schema, table: resolved.name,
          variable: try resolved.column(variable, role: "numeric variable", kinds: Self.numberOrText),
          domainVariables: try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical) },
          weight: try declaration.weights.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) },
          strata: try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical) },
          psu: try declaration.clusters.map { try resolved.column($0, role: "PSU", kinds: Self.categorical) },
          fpc: try declaration.fpc.map { try resolved.column($0, role: "finite population correction", kinds: Self.numberOrText) },
          sumsValues: true, items: rakingColumns, replicates: replicates)
        query.denominator = try denominator.map { try resolved.column($0, role: "denominator", kinds: Self.numberOrText) }
        try await checkNumbers(query, connection)
        var table = try await sums(query)
        if replicates.isEmpty {
          // R's projection averages the unweighted Σy; replicate variances need no projection.
          query.weight = nil
          table = table.withUnweightedValueSums(from: try await sums(query))
        }
        if raking == nil { raking = try await rakingOnce(table, query, margins: margins, options: options, connection) }
        let known = raking!
        table.suppliedReplicates = known.ranks
        tables.append(table)
      }
      return (tables, raking!.cells)
    }
  }
}

extension PostgresTable {
  /// The raking of `sums`' cells with every replicate raked (``GroupSums/rakingReplicates(_:)``),
  /// and with replicate-weight columns the ranks of the raked replicate weights, through the
  /// subquery of ``GroupSumsQuery/rakedReplicates(_:rakingColumns:)`` (`query`'s items end with
  /// the raking variables); done once, for the first variable.
  func rakingOnce(
    _ sums: GroupSums, _ query: GroupSumsQuery, margins: PopulationMargins, options: RakingControl,
    _ connection: PostgresConnection
  ) async throws -> (cells: GroupSumsRaking, ranks: SuppliedReplicateRanks?) {
    let raking = try sums.rakingReplicates(
      GroupSumsRaking(groups: sums.groups, margins: margins, options: options, source: "the table \(table)"))
    guard !query.replicates.isEmpty else { return (raking, nil) }
    let rakingColumns = Array(query.items.suffix(margins.variables.count))
    return (raking, try await replicateRanks(query.rakedReplicates(raking, rakingColumns: rakingColumns), connection))
  }
}
