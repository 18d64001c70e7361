package import SurveyStatistics

extension SparkTable {
  /// The weighted proportions of every category of each of `variables` in the domains of
  /// `domainVariables`, on the design raked to `margins`, as
  /// ``PostgresTable/proportions(of:by:declaration:raking:options:method:level:)``: the raking
  /// variables key Spark's groups after the variable, Confiance rakes the cell totals
  /// (``GroupSumsRaking``) and finishes the estimates from the groups. Waits for Spark.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   ``WeightingError`` for targets that do not fit the table or a raking that does not converge;
  ///   the errors of `GroupSums.proportions(method:level:)`.
  package func proportions(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins, options: RakingControl, method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ProportionEstimates {
    guard !variables.isEmpty else { throw DatabaseError.unsupportedDesign("name at least one variable to estimate.") }
    let (parts, runner, column, names) = try resolvedWithNames(declaration: declaration)
    let rakingColumns = try margins.variables.map { try column($0, "raking variable", false) }
    let replicates = try Self.replicateColumns(declaration, names: names, table: table, column: column)
    var raking: (cells: GroupSumsRaking, ranks: SuppliedReplicateRanks?)?
    var results: [ProportionEstimates] = []
    for variable in variables {
      let query = SparkGroupSumsQuery(
        table: parts, variable: try column(variable, "category", false),
        domainVariables: try domainVariables.map { try column($0, "domain", false) },
        weight: try declaration.weights.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", column) },
        strata: try declaration.strata.map { try column($0, "stratum", false) },
        psu: try declaration.clusters.map { try column($0, "PSU", false) },
        fpc: try declaration.fpc.map { try SparkGroupSumsQuery.numberColumn($0, role: "finite population correction", column) },
        items: rakingColumns, replicates: replicates)
      var reading = GroupSumsRows.spark(
        declaration: declaration, domainCount: domainVariables.count, rakingCount: rakingColumns.count,
        replicateColumns: replicates.map(\.name))
      try read(query, runner: runner, into: &reading)
      var sums = GroupSums(
        variable: variable, domainVariables: domainVariables, declaration: declaration, groups: reading.groups,
        finitePopulationCorrection: reading.finitePopulationCorrection)
      sums.rowsArePSUs = query.psu == nil && replicates.isEmpty
      let known = try raking ?? rakingOnce(sums, query, margins: margins, options: options, runner: runner)
      raking = known
      let cellRaking = known.cells
      sums.suppliedReplicates = known.ranks
      if GroupSums.needsLogitFirstStep(method: method, declaration: declaration) {
        // The first step by domain × raking cell × category, each cell's weights scaled by its factor.
        var cellQuery = query
        cellQuery.domainVariables += rakingColumns
        cellQuery.items = []
        let steps = try logitFirstSteps(cellQuery, scales: sums.rakedPriorWeightScales(cellRaking), runner: runner) { $0[0] }
        sums.logitFirstStep = steps.map { $0.withinDomain(of: domainVariables.count) }
      }
      results.append(try sums.proportions(method: method, level: level, raking: cellRaking))
    }
    return ProportionEstimates(results.flatMap(\.estimates), design: results[0].design)
  }
}

extension SparkTable {
  /// The weighted means of each of numeric `variables` on the design raked to `margins`, as
  /// ``PostgresTable/means(of:by:declaration:raking:options:level:)``. Waits for Spark.
  package func means(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins, options: RakingControl, level: Double = 0.95
  ) throws -> NumericEstimates<MeanEstimate> {
    let (tables, raking) = try rakedNumericGroupSums(
      of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options)
    let results = try tables.map { try $0.means(level: level, raking: raking) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }

  /// The estimated population totals of each of numeric `variables` on the design raked to
  /// `margins`, as ``PostgresTable/totals(of:by:declaration:raking:options:level:)``. Waits for Spark.
  package func totals(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins, options: RakingControl, level: Double = 0.95
  ) throws -> NumericEstimates<TotalEstimate> {
    let (tables, raking) = try rakedNumericGroupSums(
      of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options)
    let results = try tables.map { try $0.totals(level: level, raking: raking) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }

  /// The group sums of each numeric variable by stratum × PSU × domain × (value or not) × raking
  /// cell, with the unweighted Σy (the same query without the weight), and the raking of their cells.
  func rakedNumericGroupSums(
    of variables: [String], by domainVariables: [String], declaration: DesignDeclaration,
    margins: PopulationMargins, options: RakingControl, denominator: String? = nil
  ) throws -> ([GroupSums], GroupSumsRaking) {
    guard !variables.isEmpty else { throw DatabaseError.unsupportedDesign("name at least one variable to estimate.") }
    let (parts, runner, column, names) = try resolvedWithNames(declaration: declaration)
    let rakingColumns = try margins.variables.map { try column($0, "raking variable", false) }
    let replicates = try Self.replicateColumns(declaration, names: names, table: table, column: column)
    func sums(_ query: SparkGroupSumsQuery) throws -> GroupSums {
      var reading = GroupSumsRows.spark(
        declaration: declaration, domainCount: domainVariables.count, rakingCount: rakingColumns.count,
        replicateColumns: query.replicates.map(\.name))
      reading.readsDenominator = query.denominator != nil
      reading.readsWeightSquareValues = query.sumsWeightSquareValues
      try read(query, runner: runner, into: &reading)
      var sums = GroupSums(
        variable: query.variable.name, domainVariables: domainVariables, declaration: declaration,
        groups: reading.groups, finitePopulationCorrection: reading.finitePopulationCorrection)
      sums.rowsArePSUs = query.sumsWeightSquareValues
      return sums
    }
    var raking: (cells: GroupSumsRaking, ranks: SuppliedReplicateRanks?)?
    var tables: [GroupSums] = []
    for variable in variables {
      var query = SparkGroupSumsQuery(
        table: parts, variable: try SparkGroupSumsQuery.numberColumn(variable, role: "numeric variable", column),
        domainVariables: try domainVariables.map { try column($0, "domain", false) },
        weight: try declaration.weights.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", column) },
        strata: try declaration.strata.map { try column($0, "stratum", false) },
        psu: try declaration.clusters.map { try column($0, "PSU", false) },
        fpc: try declaration.fpc.map { try SparkGroupSumsQuery.numberColumn($0, role: "finite population correction", column) },
        items: rakingColumns, sumsValues: true, replicates: replicates)
      query.denominator = try denominator.map { try SparkGroupSumsQuery.numberColumn($0, role: "denominator", column) }
      var table = try sums(query)
      if replicates.isEmpty {
        // R's projection averages the unweighted Σy; replicate variances need no projection.
        query.weight = nil
        table = table.withUnweightedValueSums(from: try sums(query))
      }
      let known = try raking ?? rakingOnce(table, query, margins: margins, options: options, runner: runner)
      raking = known
      table.suppliedReplicates = known.ranks
      tables.append(table)
    }
    return (tables, raking!.cells)
  }
}

extension SparkTable {
  /// ``PostgresTable/rakingOnce(_:_:margins:options:_:)`` in Spark: the raking with every
  /// replicate raked, and the ranks of raked replicate-weight columns.
  func rakingOnce(
    _ sums: GroupSums, _ query: SparkGroupSumsQuery, margins: PopulationMargins, options: RakingControl,
    runner: SparkRunner
  ) throws -> (cells: GroupSumsRaking, ranks: SuppliedReplicateRanks?) {
    let raking = try sums.rakingReplicates(
      GroupSumsRaking(groups: sums.groups, margins: margins, options: options, source: "the table \(table)"))
    guard !query.replicates.isEmpty else { return (raking, nil) }
    let rakingColumns = Array(query.items.suffix(margins.variables.count))
    return (raking, try replicateRanks(query.rakedReplicates(raking, rakingColumns: rakingColumns), runner: runner))
  }
}
