package import SurveyStatistics
internal import PostgresNIO

extension PostgresTable {
  /// A regression model of the table fitted in the whole sample and in every domain of
  /// `domainVariables`, with its Wald tests and margins: R's `svyglm` as
  /// ``SurveyDesign/modelAnalysis(_:family:by:tests:margins:level:)`` fits it on a file, from the
  /// table's collapsed rows. One `GROUP BY` stratum × PSU × domain × outcome × each predictor
  /// returns the rows and the exact Σw of each group (``ModelRows``), and the file path's model code
  /// fits them, each group standing for its respondents; for a logistic model, a second `GROUP BY`
  /// of the same keys sums the first step of R's fit (``GroupSumsQuery/modelFirstStepSQL(domainCount:raking:cellCount:)``).
  ///
  /// With `raking`, the model of the design raked to those population margins (R's `svyglm` on
  /// a `rake()`d design): the raking variables join the keys, so that each collapsed row lies in
  /// one raking cell, and the collapsed rows are raked as a file's rows are
  /// (``SurveyDesign/raked(to:options:)``: the same factors, the calibration-aware variance with
  /// each row counted as its respondents).
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used,
  ///   and for what the database does not fit (``ModelRows/columns(_:family:by:declaration:raking:engine:)``);
  ///   ``ModelError`` as on a file; ``WeightingError`` for targets that do not fit the table.
  package func modelAnalysis(
    _ formula: Formula, family: ModelFamily, by domainVariables: [String] = [], declaration: DesignDeclaration,
    tests: [[String]] = [], margins: [String] = [], level: Double = 0.95,
    raking: PopulationMargins? = nil, options: RakingControl = RakingControl()
  ) async throws -> ModelAnalysis {
    let design = try await modelRows(
      formula, family: family, by: domainVariables, declaration: declaration, raking: raking, options: options)
    return try design.modelAnalysis(
      formula, family: family, by: domainVariables, tests: tests, margins: margins, level: level)
  }

  /// The collapsed rows of a model of `formula` as a design (``ModelRows``), raked to `raking`.
  package func modelRows(
    _ formula: Formula, family: ModelFamily, by domainVariables: [String], declaration: DesignDeclaration,
    raking: PopulationMargins? = nil, options: RakingControl = RakingControl()
  ) async throws -> SurveyDesign {
    let keyColumns = try ModelRows.columns(
      formula, family: family, by: domainVariables, declaration: declaration, raking: raking, engine: .postgreSQL)
    let modelColumnCount = domainVariables.count + formula.columns.count
    return try await withColumns(declaration: declaration) { connection, resolved in
      let modelColumns = try keyColumns.enumerated().dropFirst(domainVariables.count).map {
        try resolved.column(
          $1, role: $0 < modelColumnCount ? "model variable" : "raking variable", kinds: Self.categorical)
      }
      let weight = try declaration.weights.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) }
      let query = GroupSumsQuery(
        schema: resolved.schema, table: resolved.name, variable: modelColumns[0],
        domainVariables: try domainVariables.map { try resolved.column($0, role: "domain", kinds: Self.categorical) },
        weight: weight,
        strata: try declaration.strata.map { try resolved.column($0, role: "stratum", kinds: Self.categorical) },
        psu: try declaration.clusters.map { try resolved.column($0, role: "PSU", kinds: Self.categorical) },
        fpc: try declaration.fpc.map { try resolved.column($0, role: "finite population correction", kinds: Self.numberOrText) },
        items: Array(modelColumns.dropFirst()))
      var model = ModelRows(
        declaration: declaration, domainCount: domainVariables.count, keyColumns: keyColumns,
        reading: .postgreSQL(
          declaration: declaration, domainCount: domainVariables.count, itemCount: modelColumns.count))
      try await checkNumbers(query, connection)
      for row in try await rows(of: PostgresQuery(unsafeSQL: query.groupSumsSQL), connection) { model.add(row) }
      try model.checkDesignValues(psuColumn: query.psu?.name ?? "")
      var design = try model.design(raking: raking, options: options)
      if ModelRows.needsFirstStep(family) {
        let rakingColumns = try (raking?.variables ?? []).map {
          try resolved.column($0, role: "raking variable", kinds: Self.categorical)
        }
        let scales = model.priorWeights(of: design, raking: raking)
        var binds = PostgresBindings()
        for (domain, scale) in scales.domains {
          for value in domain { binds.append(value) }
          binds.append(scale)
        }
        binds.append(scales.wholeSample)
        for (cell, factor) in scales.cells {
          for value in cell { binds.append(value) }
          binds.append(factor)
        }
        let sql = query.modelFirstStepSQL(
          domainCount: scales.domains.count, raking: rakingColumns, cellCount: scales.cells.count)
        for row in try await rows(of: PostgresQuery(unsafeSQL: sql, binds: binds), connection) {
          model.addFirstStep(row)
        }
        model.setFirstSteps(of: &design)
      }
      return design
    }
  }
}
