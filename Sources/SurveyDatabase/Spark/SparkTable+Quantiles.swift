package import SurveyStatistics

extension SparkTable {
  /// The quantiles of each of numeric `variables` in the domains of `domainVariables`, with
  /// Woodruff intervals, as ``PostgresTable/quantiles(of:probabilities:by:declaration:level:)``:
  /// per variable, one `GROUP BY` domain × value (``SparkGroupSumsQuery/distributionSQL``: one row
  /// per distinct value of every domain) and one of the group sums of the bands
  /// (``SparkGroupSumsQuery/banded(_:band:)``), finished by
  /// ``GroupSums/quantiles(probabilities:samples:level:raking:)``; with `margins`, raked as
  /// PostgreSQL's. Waits for Spark.
  ///
  /// - Throws: as ``PostgresTable/quantiles(of:probabilities:by:declaration:level:)``.
  package func quantiles(
    of variables: [String], probabilities: [Double], by domainVariables: [String] = [],
    declaration: DesignDeclaration, level: Double = 0.95, raking margins: PopulationMargins? = nil,
    options: RakingControl = RakingControl()
  ) throws -> NumericEstimates<QuantileEstimate> {
    try DatabaseError.checkQuantiles(variables: variables, probabilities: probabilities, declaration: declaration, margins: margins)
    let (parts, runner, column, names) = try resolvedWithNames(declaration: declaration)
    let rakingColumns = try (margins?.variables ?? []).map { try column($0, "raking variable", false) }
    let replicates = try Self.replicateColumns(declaration, names: names, table: table, column: column)
    var results: [NumericEstimates<QuantileEstimate>] = []
    for variable in variables {
      let query = SparkGroupSumsQuery(
        table: parts, variable: try SparkGroupSumsQuery.numberColumn(variable, role: "numeric variable", column),
        domainVariables: try domainVariables.map { try column($0, "domain", false) },
        weight: try declaration.weights.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", column) },
        strata: try declaration.strata.map { try column($0, "stratum", false) },
        psu: try declaration.clusters.map { try column($0, "PSU", false) },
        fpc: try declaration.fpc.map { try SparkGroupSumsQuery.numberColumn($0, role: "finite population correction", column) },
        items: rakingColumns, replicates: replicates)
      let width = domainVariables.count, cellWidth = rakingColumns.count
      // Text columns read as numbers hold only numbers and blanks (the variable checked as a mean's).
      var checked = query
      checked.sumsValues = true
      try checkNumbers(checked, runner: runner)
      // 0. With margins, the raking of the cells, from the group sums of a mean.
      var raking: GroupSumsRaking?
      if let margins {
        var cellsQuery = query
        cellsQuery.sumsValues = true
        var reading = GroupSumsRows.spark(
          declaration: declaration, domainCount: width, rakingCount: cellWidth, replicateColumns: [])
        reading.readsWeightSquareValues = cellsQuery.sumsWeightSquareValues
        try read(cellsQuery, runner: runner, into: &reading)
        raking = try GroupSumsRaking(groups: reading.groups, margins: margins, options: options, source: "the table \(table)")
      }
      // 1. Each domain's distribution (by raking cell, each cell's Σw times its factor).
      var distribution = DistributionRows(engine: .spark, domainCount: width, raking: raking)
      for row in try runner.rows(of: query.distributionSQL) { try distribution.add(row) }
      let samples = try distribution.samples(of: variable)
      // 2. The group sums of the bands.
      let band = GroupSumsQuery.unusedName("band", among: names)
      let banded = query.banded(
        samples.map { domain, sample in (domain, probabilities.map(sample.quantile)) }, band: band)
      var reading = GroupSumsRows.spark(
        declaration: declaration, domainCount: width, rakingCount: cellWidth, replicateColumns: replicates.map(\.name))
      try read(banded, runner: runner, into: &reading)
      var sums = GroupSums(
        variable: variable, domainVariables: domainVariables, declaration: declaration, groups: reading.groups,
        finitePopulationCorrection: reading.finitePopulationCorrection)
      sums.rowsArePSUs = query.psu == nil && replicates.isEmpty
      if !replicates.isEmpty {
        // The degrees of freedom: the rank of the replicate weights of each domain's respondents with a value.
        var answered = query
        answered.rowFilter = query.hasValue
        sums.suppliedReplicates = try replicateRanks(answered, runner: runner)
      }
      results.append(try sums.quantiles(probabilities: probabilities, samples: samples, level: level, raking: raking))
    }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }
}
