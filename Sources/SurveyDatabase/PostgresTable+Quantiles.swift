package import SurveyStatistics
internal import PostgresNIO

extension PostgresTable {
  /// The quantiles of each of numeric `variables` in the domains of `domainVariables`, with
  /// Woodruff intervals: the numbers of
  /// ``SurveyDesign/quantiles(of:probabilities:by:level:interval:)-([String],_,_,_,_)`` (R 4.1's
  /// `svyquantile`, `qrule = "math"`, `interval.type = "mean"`), in two queries per variable, in
  /// one read-only transaction:
  /// 1. ``GroupSumsQuery/distributionSQL``, `GROUP BY` domain × value: the rows and Σw of every
  ///    distinct value of every domain (one row each: few for ages or Likert items, as many as
  ///    the rows for a continuous variable), from which Confiance finds q̂ by the file path's rule;
  /// 2. the group sums by stratum × PSU × domain × band (``GroupSumsQuery/banded(domainCount:quantileCount:band:)``,
  ///    the quantiles bound as parameters), which give F̂(q̂) and its variance as a mean
  ///    (``GroupSums/quantiles(probabilities:samples:level:)``); F̂ ± t·SE maps back through step 1's
  ///    distribution.
  ///
  /// With `margins`, the quantiles of the design raked to them (R's `rake()` then `svyquantile`):
  /// one more `GROUP BY` (the group sums of a mean, keyed by raking cell too) rakes the cells'
  /// Σw (``GroupSumsRaking``); the distribution is summed by raking cell, each cell's Σw times
  /// its factor; the bands' group sums are keyed by raking cell and finished as a raked mean.
  ///
  /// Designs with PSUs or without (every row its own PSU), strata, an FPC, every lonely-PSU
  /// policy, replicates created from the strata and PSUs, and replicate-weight columns (the degrees
  /// of freedom then the rank of the replicate weights of each domain's respondents with a value,
  /// minus one: ``replicateRanks(_:_:)`` on those rows).
  ///
  /// - Throws: ``SurveyError`` for a probability not strictly between 0 and 1 (before any query)
  ///   or a variable without any value; ``DatabaseError`` for a server, table, column or design
  ///   value that cannot be used, or a text column (variable, weight, FPC) holding a value that is
  ///   neither blank nor a number (text columns are read as numbers, as ``TextNumberQuery``); the
  ///   errors of ``GroupSums/means(level:)``.
  package func quantiles(
    of variables: [String], probabilities: [Double], by domainVariables: [String] = [],
    declaration: DesignDeclaration, level: Double = 0.95, raking margins: PopulationMargins? = nil,
    options: RakingControl = RakingControl()
  ) async throws -> NumericEstimates<QuantileEstimate> {
    try DatabaseError.checkQuantiles(variables: variables, probabilities: probabilities, declaration: declaration, margins: margins)
    return try await withColumns(declaration: declaration) { connection, resolved in
      let replicates = try Self.replicateColumns(declaration, resolved)
      let rakingColumns = try (margins?.variables ?? []).map {
        try resolved.column($0, role: "raking variable", kinds: Self.categorical)
      }
      var results: [NumericEstimates<QuantileEstimate>] = []
      for variable in variables {
        let query = GroupSumsQuery(
          schema: resolved.schema, table: resolved.name,
          variable: try resolved.column(variable, role: "numeric variable", kinds: Self.numberOrText),
          domainVariables: try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical) },
          weight: try declaration.weights.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) },
          strata: try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical) },
          psu: try declaration.clusters.map { try resolved.column($0, role: "PSU", kinds: Self.categorical) },
          fpc: try declaration.fpc.map { try resolved.column($0, role: "finite population correction", kinds: Self.numberOrText) },
          items: rakingColumns, replicates: replicates)
        let width = domainVariables.count
        // Text columns read as numbers hold only numbers and blanks (the variable checked as a mean's).
        var checked = query
        checked.sumsValues = true
        try await checkNumbers(checked, connection)
        // 0. With margins, the raking of the cells, from the group sums of a mean.
        var raking: GroupSumsRaking?
        if let margins {
          var cellsQuery = query
          cellsQuery.sumsValues = true
          var reading = GroupSumsRows.postgreSQL(declaration: declaration, domainCount: width, rakingCount: rakingColumns.count)
          reading.readsWeightSquareValues = cellsQuery.sumsWeightSquareValues
          for row in try await rows(of: PostgresQuery(unsafeSQL: cellsQuery.groupSumsSQL), connection) { reading.add(row) }
          if let problem = reading.problem(psuColumn: query.psu?.name ?? "") { throw DatabaseError(problem) }
          raking = try GroupSumsRaking(groups: reading.groups, margins: margins, options: options, source: "the table \(table)")
        }
        // 1. Each domain's distribution (by raking cell, each cell's Σw times its factor).
        var distribution = DistributionRows(engine: .postgreSQL, domainCount: width, raking: raking)
        for row in try await rows(of: PostgresQuery(unsafeSQL: query.distributionSQL), connection) {
          try distribution.add(row)
        }
        let samples = try distribution.samples(of: variable)
        // 2. The group sums of the bands, the quantiles bound domain after domain.
        var binds = PostgresBindings()
        for (domain, sample) in samples {
          for value in domain { binds.append(value) }
          for probability in probabilities { binds.append(sample.quantile(probability)) }
        }
        let band = GroupSumsQuery.unusedName("band", among: resolved.columns.map(\.name))
        let banded = query.banded(domainCount: samples.count, quantileCount: probabilities.count, band: band)
        var reading = GroupSumsRows.postgreSQL(
          declaration: declaration, domainCount: width, rakingCount: rakingColumns.count,
          replicateColumns: replicates.map(\.name))
        for row in try await rows(of: PostgresQuery(unsafeSQL: banded.groupSumsSQL, binds: binds), connection) {
          reading.add(row)
        }
        if let problem = reading.problem(psuColumn: query.psu?.name ?? "") { throw DatabaseError(problem) }
        var sums = GroupSums(
          variable: variable, domainVariables: domainVariables, declaration: declaration, groups: reading.groups,
          finitePopulationCorrection: reading.finitePopulationCorrection)
        sums.rowsArePSUs = query.psu == nil && replicates.isEmpty
        if !replicates.isEmpty {
          // The degrees of freedom: the rank of the replicate weights of each domain's respondents with a value.
          var answered = query
          answered.rowFilter = query.hasValue
          sums.suppliedReplicates = try await replicateRanks(answered, connection)
        }
        results.append(try sums.quantiles(probabilities: probabilities, samples: samples, level: level, raking: raking))
      }
      return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
    }
  }
}

extension GroupSumsQuery {
  /// A sum sent in the three parts of ``splitSum(of:when:)`` (integer, then two fractions scaled
  /// by 2⁻⁶² and 2⁻¹²⁴), added up in extended precision, as a file path accumulates weights.
  static func weightSum(parts: ArraySlice<String?>) -> ExtendedPrecision {
    zip(parts, weightPartScales).reduce(0) { total, part in
      total + (ExtendedPrecision(part.0 ?? "0").map { $0 * ExtendedPrecision(part.1) } ?? .nan)
    }
  }

  /// `name`, or `name` followed by as many underscores as make it differ from every one of `names`.
  static func unusedName(_ name: String, among names: [String]) -> String {
    var candidate = name
    while names.contains(candidate) { candidate += "_" }
    return candidate
  }
}

extension DatabaseError {
  /// What a table's quantiles refuse before any query: no variable, a probability not strictly
  /// between 0 and 1 (``SurveyError/invalidQuantileProbability(_:)``, as a file), and raking a
  /// replicate design (each replicate's raked distribution is not summed yet).
  static func checkQuantiles(
    variables: [String], probabilities: [Double], declaration: DesignDeclaration, margins: PopulationMargins?
  ) throws {
    guard !variables.isEmpty else { throw DatabaseError.unsupportedDesign("name at least one variable to estimate.") }
    if let invalid = probabilities.first(where: { !($0 > 0 && $0 < 1) }) {
      throw SurveyError.invalidQuantileProbability(invalid)
    }
    if margins != nil, declaration.replicates != nil {
      throw DatabaseError.unsupportedDesign("quantiles of a table are raked in the database without replicates only; drop --rake-to or the replicates, or export the table to a file to rake its replicates.")
    }
  }
}
