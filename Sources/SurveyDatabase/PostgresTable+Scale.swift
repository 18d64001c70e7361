package import SurveyStatistics
internal import PostgresNIO

extension PostgresTable {
  /// The analysis of a multi-item scale (or of one ordinal item) for the whole sample and every
  /// domain of `domainVariables`: ``ScaleGroupSums/analysis(method:level:)`` on the table's sums
  /// (``scaleGroupSums(_:by:declaration:boxSize:fitsLogit:)``), the numbers of
  /// ``SurveyDesign/scaleAnalysis(_:by:boxSize:method:level:)`` on the same rows.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   ``ScaleTableError`` for an answer that is not a number or lies outside the range; the
  ///   errors of ``ScaleGroupSums/analysis(method:level:)``.
  package func scaleAnalysis(
    _ scale: ScaleDefinition, by domainVariables: [String] = [], declaration: DesignDeclaration, boxSize: Int = 2,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) async throws -> ScaleAnalysis {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    return try await scaleGroupSums(
      scale, by: domainVariables, declaration: declaration, boxSize: boxSize, fitsLogit: method == .logit
    ).analysis(method: method, level: level)
  }

  /// The sums of a scale analysis (``ScaleQuery``): without a declared range, one query for the
  /// items' lowest and highest answers; one `GROUP BY` stratum × PSU × domain for every group sum;
  /// with `fitsLogit`, one `GROUP BY` domain for the first step of R's logistic fit of the boxes.
  package func scaleGroupSums(
    _ scale: ScaleDefinition, by domainVariables: [String], declaration: DesignDeclaration, boxSize: Int,
    fitsLogit: Bool
  ) async throws -> ScaleGroupSums {
    try scale.validate()
    if let range = scale.range { try ScaleDefinition.checkBox(boxSize, range: range) }
    return try await withColumns(declaration: declaration) { connection, resolved in
      let items = try scale.items.map { try resolved.column($0, role: "scale item", kinds: ["N", "S"]) }
      let query = ScaleQuery(
        dialect: .postgreSQL,
        table: GroupSumsQuery.quoted(resolved.schema) + "." + GroupSumsQuery.quoted(resolved.name),
        items: items.map { ScaleQuery.Item(name: $0.name, number: $0.category == "S" ? nil : GroupSumsQuery.floating($0)) },
        reversed: scale.items.map(scale.reversedItems.contains),
        domains: try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical).name },
        weight: try declaration.weights.map { GroupSumsQuery.floating(try resolved.column($0, role: "weight", kinds: ["N"])) },
        strata: try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical).name },
        psu: try resolved.column(declaration.clusters!, role: "PSU", kinds: Self.categorical).name,
        fpc: try declaration.fpc.map {
          GroupSumsQuery.floating(try resolved.column($0, role: "finite population correction", kinds: ["N"]))
        },
        requiredItems: scale.requiredItems, boxSize: boxSize)
      var range = scale.range
      if range == nil {
        let answers = try await rows(of: PostgresQuery(unsafeSQL: query.rangeSQL), connection)
        range = try scale.tableRange(answers: query.answers(answers[0][...]), table: table)
        try ScaleDefinition.checkBox(boxSize, range: range!)
      }
      let reading = try query.read(
        try await rows(of: PostgresQuery(unsafeSQL: query.groupSumsSQL(range: range!)), connection), scale: scale,
        range: range!, domainVariables: domainVariables, declaration: declaration)
      _ = try scale.tableRange(answers: reading.answers, table: table)
      var sums = reading.sums
      guard fitsLogit, let overallScale = sums.overall.score.priorWeightScales[[]] else { return sums }
      let scales = (sums.domains?.score.priorWeightScales ?? [:]).sorted { $0.key.lexicographicallyPrecedes($1.key) }
      var binds = PostgresBindings()
      for (domain, scale) in scales {
        for value in domain { binds.append(value) }
        binds.append(scale)
      }
      let width = domainVariables.count + 1
      let sql = query.logitSQL(range: range!, domainCount: scales.count, overallScale: overallScale) { domain, position in
        "$\(domain * width + position + 1)" + (position == width - 1 ? "::float8" : "::text")
      }
      query.addLogitFirstSteps(try await rows(of: PostgresQuery(unsafeSQL: sql, binds: binds), connection), to: &sums)
      return sums
    }
  }
}
