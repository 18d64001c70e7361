package import SurveyStatistics
internal import Foundation

extension SparkTable {
  /// The analysis of a multi-item scale (or of one ordinal item) for the whole sample and every
  /// domain of `domainVariables`: `ScaleGroupSums.analysis(method:level:)` on the table's sums
  /// (`scaleGroupSums(_:by:declaration:boxSize:fitsLogit:raking:options:)`), the numbers of
  /// ``SurveyDesign/scaleAnalysis(_:by:boxSize:method:level:)`` on the same rows. With `margins`,
  /// the analysis of the design raked to them, as PostgreSQL's. Waits for Spark.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   the errors of a scale on a table (an answer that is not a number or lies outside the range),
  ///   of the raking and of the analysis.
  package func scaleAnalysis(
    _ scale: ScaleDefinition, by domainVariables: [String] = [], declaration: DesignDeclaration, boxSize: Int = 2,
    raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(),
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ScaleAnalysis {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    return try scaleGroupSums(
      scale, by: domainVariables, declaration: declaration, boxSize: boxSize,
      fitsLogit: GroupSums.needsLogitFirstStep(method: method, declaration: declaration), raking: margins,
      options: options
    ).analysis(method: method, level: level)
  }

  /// The sums of a scale analysis (``ScaleQuery``): after the `DESCRIBE`, without a declared range
  /// one query for the items' lowest and highest answers; one `GROUP BY` stratum × PSU × domain
  /// (× raking cell, with `margins`) for every group sum; with `fitsLogit`, one `GROUP BY` domain
  /// (× raking cell) for the first step of R's logistic fit of the boxes. With replicate-weight
  /// columns, the group sums carry their replicate sums and one more query ranks the replicate
  /// weights of every domain (``replicateRanks(_:runner:)``; raked, the raked replicate weights).
  package func scaleGroupSums(
    _ scale: ScaleDefinition, by domainVariables: [String], declaration: DesignDeclaration, boxSize: Int,
    fitsLogit: Bool, raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl()
  ) throws -> ScaleGroupSums {
    try scale.validate()
    if let range = scale.range { try ScaleDefinition.checkBox(boxSize, range: range) }
    let (parts, runner, column, names) = try resolvedWithNames(declaration: declaration)
    let replicates = try Self.replicateColumns(declaration, names: names, table: table, column: column)
    let domainColumns = try domainVariables.map { try column($0, "domain", false) }
    func double(_ found: SparkGroupSumsQuery.Column) -> String { SparkGroupSumsQuery.asDouble(found) }
    let itemColumns = try scale.items.map { try SparkGroupSumsQuery.numberColumn($0, role: "scale item", column) }
    let items = zip(scale.items, itemColumns).map { ScaleQuery.Item(name: $0, number: $1.isText ? nil : double($1)) }
    let weight = try declaration.weights.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", column) }
    let fpc = try declaration.fpc.map {
      try SparkGroupSumsQuery.numberColumn($0, role: "finite population correction", column)
    }
    // A text weight, FPC or replicate weight holds only numbers and blanks (as a mean's).
    try checkNumbers(
      SparkGroupSumsQuery(
        table: parts, variable: itemColumns[0], domainVariables: [], weight: weight, strata: nil, psu: nil, fpc: fpc,
        replicates: replicates),
      runner: runner)
    var query = ScaleQuery(
      dialect: .spark, table: SparkGroupSumsQuery.tableReference(parts), items: items,
      reversed: scale.items.map(scale.reversedItems.contains),
      domains: domainColumns.map(\.name),
      weight: weight.map(double),
      strata: try declaration.strata.map { try column($0, "stratum", false).name },
      psu: try declaration.clusters.map { try column($0, "PSU", false).name },
      fpc: fpc.map(double),
      requiredItems: scale.requiredItems, boxSize: boxSize)
    query.replicateNames = replicates.map(\.name)
    query.replicates = replicates.map(SparkGroupSumsQuery.asDouble)
    let rakingColumns = try (margins?.variables ?? []).map { try column($0, "raking variable", false) }
    query.rakingVariables = rakingColumns.map(\.name)
    var range = scale.range
    if range == nil {
      let answers = try runner.rows(of: query.rangeSQL)
      range = try scale.tableRange(answers: query.answers(answers[0][...]), table: table)
      try ScaleDefinition.checkBox(boxSize, range: range!)
    }
    let reading = try query.read(
      try runner.rows(of: query.groupSumsSQL(range: range!)), scale: scale, range: range!,
      domainVariables: domainVariables, declaration: declaration, raking: margins, options: options,
      source: "the table \(table)")
    _ = try scale.tableRange(answers: reading.answers, table: table)
    var sums = reading.sums
    if !replicates.isEmpty {
      // Raked, the ranks of the raked replicate weights (the raking has raked every replicate).
      let rankQuery = SparkGroupSumsQuery(
        table: parts, variable: try column(scale.items[0], "scale item", false), domainVariables: domainColumns,
        weight: nil, strata: nil, psu: nil, fpc: nil, replicates: replicates)
      sums.supplyReplicateRanks(try replicateRanks(
        sums.raking.map { rankQuery.rakedReplicates($0, rakingColumns: rakingColumns) } ?? rankQuery, runner: runner))
    }
    guard fitsLogit, let scales = sums.logitScales else { return sums }
    let sql = query.logitSQL(
      range: range!, domainScales: scales.domains, overallScales: scales.overall,
      text: SparkGroupSumsQuery.textLiteral, number: SparkGroupSumsQuery.doubleLiteral)
    query.addLogitFirstSteps(try runner.rows(of: sql), to: &sums)
    return sums
  }
}
