package import SurveyStatistics
internal import Foundation
internal import PostgresNIO

extension DatabaseTable {
  /// The table's weights raked to `margins` as R survey's `rake()`, where the rows live: the
  /// factor F(c) of every raking cell c (every combination of the raking variables' values in the
  /// table), the raked weight of a row of c being its weight times F(c), with the diagnostics of
  /// the weights before and after and every margin's fit (``GroupSumsRaking``). Nothing is written
  /// to the table: `confiance rake` writes the factors for the user to join back. With
  /// replicate-weight columns (R's `rake()` of a `svrepdesign()`), every replicate is raked too in
  /// the full sample's sweeps (``GroupSumsRaking/rakingReplicates(cellTotals:count:)``, from each
  /// column's exact Σ a_r by raking cell, one more `GROUP BY`): the raked replicate weight of a row
  /// of cell c is a_ri·F_r(c), ``GroupSumsRaking/replicateFactors``.
  ///
  /// Two queries: one `GROUP BY` over the raking variables (rows, Σw, Σw², smallest and largest
  /// weight per cell), Confiance rakes the cell totals, then one more for the quantiles of the
  /// weights before and after (each row's factor joined from the cells), R's `quantile(type = 7)`,
  /// and their squared deviations from the means (the coefficients of variation, as on a file).
  ///
  /// - Parameters:
  ///   - declaration: the design; only its weights (`nil`: every row weighs 1) and replicate-weight
  ///     columns are used.
  ///   - trimming: must be `nil`: trimming needs every raked weight (refused before connecting).
  /// - Throws: ``DatabaseError`` for trimming or replicates created from the strata and PSUs
  ///   (before connecting), a server, table, column, weight or replicate weight that cannot be used;
  ///   ``WeightingError`` for targets that do not fit the table, a raking that does not converge or
  ///   a replicate without weight in a margin's cell.
  package func rakingFactorsWaiting(
    declaration: DesignDeclaration, to margins: PopulationMargins, options: RakingControl, trimming: WeightTrimming?
  ) throws -> GroupSumsRaking {
    if trimming != nil {
      throw DatabaseError.unsupportedDesign(
        "raking a table in \(engineName) cannot trim the weights yet: trimming needs every raked weight; rake without trimming bounds, or export the table to a file to rake and trim it.")
    }
    if let replicates = declaration.replicates, case .created = replicates.source {
      throw DatabaseError.unsupportedDesign(
        "raking a table in \(engineName) rakes replicate-weight columns, not replicates created from the strata and PSUs: their raked weights need each PSU's multipliers, which the table does not hold; name replicate-weight columns (--replicate-weights), or export the table to a file to rake created replicates.")
    }
    guard !margins.variables.isEmpty else { throw WeightingError.noMargins }
    switch self {
    case .postgreSQL(let table):
      return try waitFor {
        try await table.rakingFactors(
          weight: declaration.weights, to: margins, options: options, replicates: declaration.replicates)
      }
    case .spark(let table):
      return try table.rakingFactors(
        weight: declaration.weights, to: margins, options: options, replicates: declaration.replicates)
    case .raked(let table, _, _):
      return try table.rakingFactorsWaiting(declaration: declaration, to: margins, options: options, trimming: trimming)
    }
  }

  /// PostgreSQL or Spark, for messages.
  private var engineName: String {
    switch self {
    case .postgreSQL: return "PostgreSQL"
    case .spark: return "Spark"
    case .raked(let table, _, _): return table.engineName
    }
  }
}

extension GroupSumsRaking {
  /// Rakes the cells of a raking-cells query's rows (``GroupSumsQuery/rakingCellsSQL``): the
  /// raking variables' values, the row count, Σw and Σw² (each in `weightPartScales`' columns),
  /// the rows with a NULL and with an invalid weight, and the smallest and largest weight; the
  /// weights' extremes before and after raking are set from the cells' (F(c) > 0).
  ///
  /// - Throws: ``DatabaseError`` for rows of another width, NULL or invalid weights;
  ///   ``WeightingError`` from raking.
  init(
    cellRows rows: [[String?]], engine: DatabaseEngine, weightPartScales: [Double], weight: String?,
    margins: PopulationMargins, options: RakingControl, source: String
  ) throws {
    let keys = margins.variables.count
    let width = keys + 1 + 2 * weightPartScales.count + 4
    var groups: [GroupSums.Group] = [], extremes: [(minimum: Double, maximum: Double)] = []
    var nullWeights = 0, invalidWeights = 0
    for row in rows {
      guard row.count == width else {
        throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered with rows of \(row.count) columns, not \(width).")
      }
      var column = keys
      func next() -> Double { defer { column += 1 }; return row[column].flatMap(Double.init) ?? .nan }
      func sum() -> Double { weightPartScales.reduce(0) { total, scale in total + next() * scale } }
      func count() -> Int { let value = next(); return value.isFinite ? Int(value) : 0 }
      let rowCount = count()
      let (weightSum, squareSum) = (sum(), sum())
      nullWeights += count()
      invalidWeights += count()
      extremes.append((next(), next()))
      var group = GroupSums.Group(
        stratum: "", psu: "", domain: [], category: nil, rows: rowCount, weightSum: weightSum, weightSquareSum: squareSum)
      group.rakingCell = Array(row[0..<keys])
      groups.append(group)
    }
    if let weight, nullWeights > 0 { throw DatabaseError.missingDesignValues(column: weight, role: "weight", rows: nullWeights) }
    if let weight, invalidWeights > 0 || groups.contains(where: { !$0.weightSum.isFinite }) {
      throw DatabaseError.invalidWeights(column: weight, rows: max(invalidWeights, 1))
    }
    try self.init(groups: groups, margins: margins, options: options, source: source)
    weightsBefore.minimum = extremes.map(\.minimum).min() ?? .nan
    weightsBefore.maximum = extremes.map(\.maximum).max() ?? .nan
    // One row per cell, in the order of ``cells`` (first appearance): extremes[c] is cell c's.
    summary.weights.minimum = zip(extremes, factors).map { $0.minimum * $1 }.min() ?? .nan
    summary.weights.maximum = zip(extremes, factors).map { $0.maximum * $1 }.max() ?? .nan
  }

  /// Sets the quantiles of the weights before and after raking, in the order of
  /// ``WeightDiagnostics/quantileProbabilities``, and their coefficients of variation from the
  /// sums of squared deviations from their means, Σ(w − w̄)² (`deviations`), as a file's are.
  mutating func setRowStatistics(before: [Double], after: [Double], deviations: (before: Double, after: Double)) {
    for index in weightsBefore.quantiles.indices {
      weightsBefore.quantiles[index].value = before[index]
      summary.weights.quantiles[index].value = after[index]
    }
    let n = Double(weightsBefore.count)
    weightsBefore.coefficientOfVariation = (deviations.before / n).squareRoot() / weightsBefore.mean
    summary.weights.coefficientOfVariation = (deviations.after / n).squareRoot() / summary.weights.mean
  }

  /// The means of the weights before and after raking, bound in the row-statistics query.
  var weightMeans: (Double, Double) { (weightsBefore.mean, summary.weights.mean) }

  /// The raking with every replicate raked too (``GroupSums/rakingReplicates(_:)``), from the
  /// group sums of `reading` keyed by the raking cells (the raking variables after `variable`,
  /// the first of them), which carry each replicate-weight column's Σ a_r.
  ///
  /// - Throws: ``DatabaseError`` for NULL or invalid replicate weights; ``WeightingError`` for a
  ///   replicate without weight in a margin's cell.
  func rakingReplicates(of reading: GroupSumsRows, declaration: DesignDeclaration, variable: String) throws -> GroupSumsRaking {
    if let problem = reading.problem(psuColumn: variable) { throw DatabaseError(problem) }
    let sums = GroupSums(
      variable: variable, domainVariables: [], declaration: declaration, groups: reading.groups,
      finitePopulationCorrection: reading.finitePopulationCorrection)
    return try sums.rakingReplicates(self)
  }
}

extension PostgresTable {
  /// ``DatabaseTable/rakingFactorsWaiting(declaration:to:options:trimming:)`` in PostgreSQL: the
  /// raking cells' sums, then the quantiles and deviations before and after raking, in one read-only transaction;
  /// with the replicate-weight columns of `replicates`, their sums by raking cell, every replicate raked.
  package func rakingFactors(
    weight: String?, to margins: PopulationMargins, options: RakingControl, replicates: ReplicateDeclaration? = nil
  ) async throws -> GroupSumsRaking {
    try await withTable { connection, resolved in
      let rakingColumns = try margins.variables.map { try resolved.column($0, role: "raking variable", kinds: Self.categorical) }
      let query = GroupSumsQuery(
        schema: resolved.schema, table: resolved.name, variable: rakingColumns[0], domainVariables: [],
        weight: try weight.map { try resolved.column($0, role: "weight", kinds: Self.numberOrText) }, strata: nil,
        psu: rakingColumns[0], fpc: nil, items: rakingColumns)
      // A text weight holds only numbers and blanks (as a mean's).
      try await checkNumbers(query, connection)
      var raking = try GroupSumsRaking(
        cellRows: try await rows(of: PostgresQuery(unsafeSQL: query.rakingCellsSQL), connection), engine: .postgreSQL,
        weightPartScales: GroupSumsQuery.weightPartScales, weight: weight, margins: margins, options: options,
        source: "the table \(table)")
      var binds = PostgresBindings()
      for (cell, factor) in zip(raking.cells, raking.factors) {
        for value in cell { binds.append(value) }
        binds.append(factor)
      }
      binds.append(raking.weightMeans.0)
      binds.append(raking.weightMeans.1)
      let sql = query.rakedWeightQuantilesSQL(cellCount: raking.cells.count)
      let answer = try await rows(of: PostgresQuery(unsafeSQL: sql, binds: binds), connection)
      // Two float8[] as text, {v1,v2,…}, then two sums.
      let row = answer.first ?? []
      let arrays = row.prefix(2).map { text in
        (text ?? "").trimmingCharacters(in: ["{", "}"]).split(separator: ",").map { Double($0) ?? .nan }
      }
      let count = WeightDiagnostics.quantileProbabilities.count
      guard row.count == 4, arrays.allSatisfy({ $0.count == count }) else {
        throw DatabaseError.unexpectedAnswer(.postgreSQL, "PostgreSQL answered the weight quantiles with \(row.count) columns.")
      }
      let deviations = row.suffix(2).map { $0.flatMap(Double.init) ?? .nan }
      raking.setRowStatistics(before: arrays[0], after: arrays[1], deviations: (deviations[0], deviations[1]))
      let declaration = DesignDeclaration(weights: weight, replicates: replicates)
      let columns = try Self.replicateColumns(declaration, resolved)
      guard !columns.isEmpty else { return raking }
      // Each replicate-weight column's Σ a_r by raking cell: the group sums keyed by the raking variables.
      var sumsQuery = query
      sumsQuery.replicates = columns
      var reading = GroupSumsRows.postgreSQL(
        declaration: declaration, domainCount: 0, rakingCount: rakingColumns.count, replicateColumns: columns.map(\.name))
      try await checkNumbers(sumsQuery, connection)
      for row in try await rows(of: PostgresQuery(unsafeSQL: sumsQuery.groupSumsSQL), connection) { reading.add(row) }
      return try raking.rakingReplicates(of: reading, declaration: declaration, variable: rakingColumns[0].name)
    }
  }
}

extension SparkTable {
  /// ``DatabaseTable/rakingFactorsWaiting(declaration:to:options:trimming:)`` in Spark: the
  /// raking cells' sums, then the quantiles and deviations before and after raking; with the
  /// replicate-weight columns of `replicates`, their sums by raking cell, every replicate raked.
  /// Waits for Spark.
  package func rakingFactors(
    weight: String?, to margins: PopulationMargins, options: RakingControl, replicates: ReplicateDeclaration? = nil
  ) throws -> GroupSumsRaking {
    let (parts, runner, column, names) = try resolvedTable()
    let rakingColumns = try margins.variables.map { try column($0, "raking variable", false) }
    let query = SparkGroupSumsQuery(
      table: parts, variable: rakingColumns[0], domainVariables: [],
      weight: try weight.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", column) }, strata: nil,
      psu: rakingColumns[0], fpc: nil, items: rakingColumns)
    // A text weight holds only numbers and blanks (as a mean's).
    try checkNumbers(query, runner: runner)
    var raking = try GroupSumsRaking(
      cellRows: try runner.rows(of: query.rakingCellsSQL), engine: .spark, weightPartScales: [1], weight: weight,
      margins: margins, options: options, source: "the table \(table)")
    let count = WeightDiagnostics.quantileProbabilities.count
    let answer = try runner.rows(
      of: query.rakedWeightQuantilesSQL(cells: raking.cells, factors: raking.factors, means: raking.weightMeans))
    guard let row = answer.first, row.count == 2 * count + 2 else {
      throw DatabaseError.unexpectedAnswer(.spark, "Spark answered the weight quantiles with \(answer.first?.count ?? 0) columns.")
    }
    let values = row.map { $0.flatMap(Double.init) ?? .nan }
    raking.setRowStatistics(
      before: Array(values[..<count]), after: Array(values[count..<(2 * count)]),
      deviations: (values[2 * count], values[2 * count + 1]))
    let declaration = DesignDeclaration(weights: weight, replicates: replicates)
    let columns = try Self.replicateColumns(declaration, names: names, table: table, column: column)
    guard !columns.isEmpty else { return raking }
    var sumsQuery = query
    sumsQuery.replicates = columns
    var reading = GroupSumsRows.spark(
      declaration: declaration, domainCount: 0, rakingCount: rakingColumns.count, replicateColumns: columns.map(\.name))
    try read(sumsQuery, runner: runner, into: &reading)
    return try raking.rakingReplicates(of: reading, declaration: declaration, variable: rakingColumns[0].name)
  }
}
