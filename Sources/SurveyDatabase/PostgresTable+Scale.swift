package import SurveyStatistics
internal import PostgresNIO

extension PostgresTable {
  /// The analysis of a multi-item scale (or of one ordinal item) for the whole sample and every
  /// domain of `domainVariables`: ``ScaleGroupSums/analysis(method:level:)`` on the table's sums
  /// (``scaleGroupSums(_:by:declaration:boxSize:fitsLogit:raking:options:)``), the numbers of
  /// ``SurveyDesign/scaleAnalysis(_:by:boxSize:method:level:)`` on the same rows. With `margins`,
  /// the analysis of the design raked to them: the raking variables key the groups after the
  /// domains, Confiance rakes the cells' Σw (``GroupSumsRaking``) and finishes the means, box
  /// shares and reliability from the raked sums with R's projected variances.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   ``ScaleTableError`` for an answer that is not a number or lies outside the range;
  ///   ``WeightingError`` for targets that do not fit the table or a raking that does not converge;
  ///   the errors of ``ScaleGroupSums/analysis(method:level:)``.
  package func scaleAnalysis(
    _ scale: ScaleDefinition, by domainVariables: [String] = [], declaration: DesignDeclaration, boxSize: Int = 2,
    raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(),
    method: IntervalMethod = .logit, level: Double = 0.95
  ) async throws -> ScaleAnalysis {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    return try await scaleGroupSums(
      scale, by: domainVariables, declaration: declaration, boxSize: boxSize,
      fitsLogit: GroupSums.needsLogitFirstStep(method: method, declaration: declaration), raking: margins,
      options: options
    ).analysis(method: method, level: level)
  }

  /// The sums of a scale analysis (``ScaleQuery``): without a declared range, one query for the
  /// items' lowest and highest answers; one `GROUP BY` stratum × PSU × domain (× raking cell, with
  /// `margins`) for every group sum; with `fitsLogit`, one `GROUP BY` domain (× raking cell) for
  /// the first step of R's logistic fit of the boxes, each weight scaled by its domain's (and
  /// cell's) prior-weight scale. With replicate-weight columns, the group sums carry their
  /// replicate sums and one more query ranks the replicate weights of every domain
  /// (``replicateRanks(_:_:)``; raked, the raked replicate weights, every replicate raked with the
  /// full sample).
  package func scaleGroupSums(
    _ scale: ScaleDefinition, by domainVariables: [String], declaration: DesignDeclaration, boxSize: Int,
    fitsLogit: Bool, raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl()
  ) async throws -> ScaleGroupSums {
    try scale.validate()
    if let range = scale.range { try ScaleDefinition.checkBox(boxSize, range: range) }
    return try await withColumns(declaration: declaration) { connection, resolved in
      let items = try scale.items.map { try resolved.column($0, role: "scale item", kinds: ["N", "S"]) }
      let domainColumns = try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical) }
      let replicates = try Self.replicateColumns(declaration, resolved)
      let weight = try declaration.weights.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) }
      let fpc = try declaration.fpc.map {
        try resolved.column($0, role: "finite population correction", kinds: Self.numberOrText)
      }
      // A text weight, FPC or replicate weight holds only numbers and blanks (as a mean's).
      try await checkNumbers(
        GroupSumsQuery(
          schema: resolved.schema, table: resolved.name, variable: items[0], domainVariables: [], weight: weight,
          strata: nil, psu: nil, fpc: fpc, replicates: replicates),
        connection)
      var query = ScaleQuery(
        dialect: .postgreSQL,
        table: GroupSumsQuery.quoted(resolved.schema) + "." + GroupSumsQuery.quoted(resolved.name),
        items: items.map { ScaleQuery.Item(name: $0.name, number: $0.category == "S" ? nil : GroupSumsQuery.floating($0)) },
        reversed: scale.items.map(scale.reversedItems.contains),
        domains: domainColumns.map(\.name),
        weight: weight.map(GroupSumsQuery.floating),
        strata: try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical).name },
        psu: try declaration.clusters.map { try resolved.column($0, role: "PSU", kinds: Self.categorical).name },
        fpc: fpc.map(GroupSumsQuery.floating),
        requiredItems: scale.requiredItems, boxSize: boxSize)
      query.replicateNames = replicates.map(\.name)
      query.replicates = replicates.map(GroupSumsQuery.floating)
      let rakingColumns = try (margins?.variables ?? []).map {
        try resolved.column($0, role: "raking variable", kinds: Self.categorical)
      }
      query.rakingVariables = rakingColumns.map(\.name)
      var range = scale.range
      if range == nil {
        let answers = try await rows(of: PostgresQuery(unsafeSQL: query.rangeSQL), connection)
        range = try scale.tableRange(answers: query.answers(answers[0][...]), table: table)
        try ScaleDefinition.checkBox(boxSize, range: range!)
      }
      let reading = try query.read(
        try await rows(of: PostgresQuery(unsafeSQL: query.groupSumsSQL(range: range!)), connection), scale: scale,
        range: range!, domainVariables: domainVariables, declaration: declaration, raking: margins, options: options,
        source: "the table \(table)")
      _ = try scale.tableRange(answers: reading.answers, table: table)
      var sums = reading.sums
      if !replicates.isEmpty {
        // Raked, the ranks of the raked replicate weights (the raking has raked every replicate).
        let rankQuery = GroupSumsQuery(
          schema: resolved.schema, table: resolved.name, variable: items[0], domainVariables: domainColumns,
          weight: nil, strata: nil, psu: nil, fpc: nil, replicates: replicates)
        sums.supplyReplicateRanks(try await replicateRanks(
          sums.raking.map { rankQuery.rakedReplicates($0, rakingColumns: rakingColumns) } ?? rankQuery, connection))
      }
      guard fitsLogit, let scales = sums.logitScales else { return sums }
      var binds = PostgresBindings()
      let sql = query.logitSQL(range: range!, domainScales: scales.domains, overallScales: scales.overall) { value in
        binds.append(value)
        return "$\(binds.count)::text"
      } number: { value in
        binds.append(value)
        return "$\(binds.count)::float8"
      }
      query.addLogitFirstSteps(try await rows(of: PostgresQuery(unsafeSQL: sql, binds: binds), connection), to: &sums)
      return sums
    }
  }
}
