public import SurveyStatistics

/// A survey table in Spark, estimated where it lives: Spark SQL computes the group sums on a Spark
/// Connect server (`SparkGroupSumsQuery`, run by pyspark's client through
/// `confiance_spark.py`), Confiance finishes the variance from them (`GroupSums`), with the
/// numbers of the same rows read from a file. The rows never leave the server: one row per
/// stratum × PSU × domain × category comes back.
///
/// ```swift
/// let table = SparkTable(location: try SparkLocation(url: "sc://127.0.0.1:15002"),
///                        table: "parquet.`/data/fr2025.parquet`")
/// let estimates = try table.proportions(of: ["concern"], by: ["age_band"],
///                                       declaration: DesignDeclaration(weights: "w", strata: "region", clusters: "point"))
/// ```
public struct SparkTable: Sendable {
  /// The Spark Connect server.
  package var location: SparkLocation
  /// The table: a Spark SQL table name, `name`, `database.name`, `catalog.database.name` or
  /// a file format (`parquet`, `csv`, `orc`, `json`…), a dot and a path between backticks.
  package var table: String

  /// A table (or files read in place) on the Spark Connect server at `location`.
  public init(location: SparkLocation, table: String) {
    self.location = location
    self.table = table
  }

  /// The weighted proportions of every category of each of `variables` in the domains of
  /// `domainVariables`: `GroupSums.proportions(method:level:)` on the table's group sums, with
  /// the estimates of the first variable, then the second's… (as
  /// ``SurveyDesign/proportions(of:by:method:level:)``). Waits for Spark.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   the errors of `GroupSums.proportions(method:level:)`.
  public func proportions(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ProportionEstimates {
    let tables = try groupSums(
      of: variables, by: domainVariables, declaration: declaration,
      fitsLogit: GroupSums.needsLogitFirstStep(method: method, declaration: declaration))
    var estimates: [ProportionEstimate] = []
    var design: DesignSummary?
    for sums in tables {
      let result = try sums.proportions(method: method, level: level)
      estimates += result.estimates
      design = design ?? result.design
    }
    guard let design else { throw DatabaseError.unsupportedDesign("name at least one variable to estimate.") }
    return ProportionEstimates(estimates, design: design)
  }

  /// The privacy-paradox measures of `definition` for the whole sample and every domain of
  /// `domainVariables`: ``GroupSums/paradox(_:method:level:raking:)`` on the table's group sums by
  /// stratum × PSU × domain × the items' values (one `GROUP BY`), the numbers of
  /// ``SurveyDesign/paradox(_:by:method:level:)``. With `margins`, the measures of the design
  /// raked to them, as ``PostgresTable/paradox(_:by:declaration:raking:options:method:level:)``.
  /// Waits for Spark.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   ``ParadoxError`` for a definition whose values no row has; ``WeightingError`` for targets
  ///   that do not fit the table or a raking that does not converge; the errors of
  ///   ``GroupSums/paradox(_:method:level:raking:)``.
  package func paradox(
    _ definition: ParadoxDefinition, by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(),
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ParadoxAnalysis {
    let (sums, raking) = try paradoxGroupSums(
      definition, by: domainVariables, declaration: declaration, raking: margins, options: options,
      fitsLogit: GroupSums.needsLogitFirstStep(method: method, declaration: declaration))
    return try sums.paradox(definition, method: method, level: level, raking: raking)
  }

  /// The group sums of a paradox analysis, Spark grouping the rows as PostgreSQL does
  /// (``PostgresTable/paradoxGroupSums(_:by:declaration:raking:options:fitsLogit:)``, raked or
  /// not), and with replicates the ranks and first steps of the complete and concerned respondents
  /// (``addReplicateParadoxSums(_:query:definition:observedConcern:fitsLogit:raking:rakingColumns:runner:)``).
  package func paradoxGroupSums(
    _ definition: ParadoxDefinition, by domainVariables: [String], declaration: DesignDeclaration,
    raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(), fitsLogit: Bool = false
  ) throws -> (sums: GroupSums, raking: GroupSumsRaking?) {
    let (parts, runner, column, names) = try resolvedWithNames(declaration: declaration)
    let replicates = try Self.replicateColumns(declaration, names: names, table: table, column: column)
    let items = try ([definition.concern] + definition.actions).enumerated().map { position, indicator in
      try column(indicator.variable, position == 0 ? "concern item" : "action item", false)
    }
    let rakingColumns = try (margins?.variables ?? []).map { try column($0, "raking variable", false) }
    var query = SparkGroupSumsQuery(
      table: parts, variable: items[0],
      domainVariables: try domainVariables.map { try column($0, "domain", false) },
      weight: try declaration.weights.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", column) },
      strata: try declaration.strata.map { try column($0, "stratum", false) },
      psu: try declaration.clusters.map { try column($0, "PSU", false) },
      fpc: try declaration.fpc.map { try SparkGroupSumsQuery.numberColumn($0, role: "finite population correction", column) },
      items: Array(items.dropFirst()) + rakingColumns, replicates: replicates)
    var reading = GroupSumsRows(
      declaration: declaration, domainCount: domainVariables.count, itemCount: items.count,
      rakingCount: rakingColumns.count
    ) { values in
      definition.cell(concern: values[0], actions: Array(values.dropFirst())).map(String.init)
    }
    reading.replicateColumns = replicates.map(\.name)
    reading.replicatePartScales = [1, 1]
    reading.replicateValuePartScales = [1, 1]
    try read(query, runner: runner, into: &reading)
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
      try addReplicateParadoxSums(
        &sums, query: query, definition: definition, observedConcern: reading.observedItems[0], fitsLogit: fitsLogit,
        raking: raking, rakingColumns: rakingColumns, runner: runner)
    }
    return (sums, raking)
  }

  /// The weighted two-way table of `row` by `column`, for the whole sample and every domain of
  /// `domainVariables`: ``GroupSums/crossTab(row:column:method:level:raking:)`` on the table's group sums
  /// by stratum × PSU × domain × row value × column value (one `GROUP BY`; with the logit
  /// interval, one more per share partition for the first step of R's logistic fit), the numbers
  /// of ``SurveyDesign/crossTab(row:column:by:method:level:)``. With `margins`, the table of the
  /// design raked to them, as ``PostgresTable/crossTab(row:column:by:declaration:raking:options:method:level:)``.
  /// Waits for Spark.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   ``WeightingError`` for targets that do not fit the table or a raking that does not converge;
  ///   the errors of ``GroupSums/crossTab(row:column:method:level:raking:)``.
  package func crossTab(
    row: String, column: String, by domainVariables: [String] = [], declaration: DesignDeclaration,
    raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(),
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> CrossTab {
    let (sums, raking) = try crossTabGroupSums(
      row: row, column: column, by: domainVariables, declaration: declaration,
      fitsLogit: GroupSums.needsLogitFirstStep(method: method, declaration: declaration), raking: margins,
      options: options)
    return try sums.crossTab(row: row, column: column, method: method, level: level, raking: raking)
  }

  /// The group sums of a cross-tab (``SurveyDesign/crossTabGroupSums(row:column:by:fitsLogit:)``):
  /// Spark groups the rows by stratum × PSU × domain × row value × column value, and, with
  /// `fitsLogit`, sums the first step of R's logistic fit over the domains of each share partition
  /// (``CrossTabShares``).
  package func crossTabGroupSums(
    row: String, column: String, by domainVariables: [String], declaration: DesignDeclaration, fitsLogit: Bool
  ) throws -> GroupSums {
    try crossTabGroupSums(
      row: row, column: column, by: domainVariables, declaration: declaration, fitsLogit: fitsLogit, raking: nil,
      options: RakingControl()
    ).sums
  }

  /// ``crossTabGroupSums(row:column:by:declaration:fitsLogit:)`` with the groups keyed by the
  /// raking cell of `margins` too, and their raking (`nil` without margins).
  func crossTabGroupSums(
    row: String, column: String, by domainVariables: [String], declaration: DesignDeclaration, fitsLogit: Bool,
    raking margins: PopulationMargins?, options: RakingControl
  ) throws -> (sums: GroupSums, raking: GroupSumsRaking?) {
    try CrossTabError.checkRoles(row: row, column: column, by: domainVariables)
    let (parts, runner, find, names) = try resolvedWithNames(declaration: declaration)
    let replicates = try Self.replicateColumns(declaration, names: names, table: table, column: find)
    let rakingColumns = try (margins?.variables ?? []).map { try find($0, "raking variable", false) }
    let named = [try find(row, "row variable", false), try find(column, "column variable", false)]
      + (try domainVariables.map { try find($0, "domain", false) })
    let weight = try declaration.weights.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", find) }
    let strata = try declaration.strata.map { try find($0, "stratum", false) }
    let psu = try declaration.clusters.map { try find($0, "PSU", false) }
    let fpc = try declaration.fpc.map { try SparkGroupSumsQuery.numberColumn($0, role: "finite population correction", find) }
    func query(_ categories: [String], within domains: [String]) -> SparkGroupSumsQuery {
      func found(_ name: String) -> SparkGroupSumsQuery.Column { named.first { $0.name == name }! }
      return SparkGroupSumsQuery(
        table: parts, variable: found(categories[0]), domainVariables: domains.map(found), weight: weight,
        strata: strata, psu: psu, fpc: fpc, items: categories.dropFirst().map(found))
    }
    var reading = GroupSumsRows(
      declaration: declaration, domainCount: domainVariables.count, itemCount: 2, readsColumnCategory: true,
      rakingCount: rakingColumns.count)
    reading.replicateColumns = replicates.map(\.name)
    reading.replicatePartScales = [1, 1]
    reading.replicateValuePartScales = [1, 1]
    var groupsQuery = query([row, column], within: domainVariables)
    groupsQuery.items += rakingColumns
    groupsQuery.replicates = replicates
    try read(groupsQuery, runner: runner, into: &reading)
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
      let by = Array(named.dropFirst(2))
      let rankQuery = raking.map { groupsQuery.rakedReplicates($0, rakingColumns: rakingColumns) } ?? groupsQuery
      let ranks = try replicateRanks(rankQuery, byEach: [
        [named[0]], [named[1]], by, by + [named[0]], by + [named[1]],
      ].filter { !$0.isEmpty }, runner: runner)
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
      firstSteps[shares] = try logitFirstSteps(
        shareQuery, scales: raking.map(shareSums.rakedPriorWeightScales) ?? shareSums.priorWeightScales,
        runner: runner, category: shares.category(ofValues:)
      ).map { $0.withinDomain(of: within.count) }
    }
    sums.crossTabFirstSteps = firstSteps
    return (sums, raking)
  }

  /// The weighted means of each of numeric `variables` in the domains of `domainVariables`:
  /// ``GroupSums/means(level:)`` on the table's group sums (w·y and w·y² in `DOUBLE` row by row,
  /// as the file path computes them, summed exactly: ``SparkGroupSumsQuery/groupSumsSQL``), the
  /// numbers of ``SurveyDesign/means(of:by:level:)-([String],_,_)``. Waits for Spark.
  ///
  /// - Throws: ``DatabaseError`` for a server, table, column or design value that cannot be used;
  ///   the errors of ``GroupSums/means(level:)``.
  package func means(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration, level: Double = 0.95
  ) throws -> NumericEstimates<MeanEstimate> {
    let tables = try groupSums(
      of: variables, by: domainVariables, declaration: declaration, fitsLogit: false, sumsValues: true)
    let results = try tables.map { try $0.means(level: level) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }

  /// The estimated population totals of each of numeric `variables` in the domains of
  /// `domainVariables`: ``GroupSums/totals(level:)`` on the table's group sums, the numbers of
  /// ``SurveyDesign/totals(of:by:level:)-([String],_,_)``. Waits for Spark.
  ///
  /// - Throws: as ``means(of:by:declaration:level:)``.
  package func totals(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration, level: Double = 0.95
  ) throws -> NumericEstimates<TotalEstimate> {
    let tables = try groupSums(
      of: variables, by: domainVariables, declaration: declaration, fitsLogit: false, sumsValues: true)
    let results = try tables.map { try $0.totals(level: level) }
    return NumericEstimates(results.flatMap(\.estimates), design: results[0].design)
  }

  /// The ratio of the population totals of numeric `numerator` and `denominator` in the domains
  /// of `domainVariables`: ``GroupSums/ratios(denominator:level:raking:)`` on the table's group sums by
  /// stratum × PSU × domain × whether the row has both values (w·y, w·y², w·x, w·x², w·x·y in
  /// `DOUBLE` row by row, summed exactly: ``SparkGroupSumsQuery/groupSumsSQL``), the numbers of
  /// ``SurveyDesign/ratios(numerator:denominator:by:level:)``. Waits for Spark.
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
  ) throws -> NumericEstimates<RatioEstimate> {
    let tables = try groupSums(
      of: [numerator], by: domainVariables, declaration: declaration, fitsLogit: false, sumsValues: true,
      denominator: denominator)
    return try tables[0].ratios(denominator: denominator, level: level)
  }

  /// The group sums of each of `variables`: one `DESCRIBE` for the columns, then one `GROUP BY`
  /// each (and, with `fitsLogit`, one more for the first step of the logistic fit). With
  /// `sumsValues`, the variables are numeric and summed (Σw·y, Σw·y²) rather than grouped by
  /// category; with a `denominator` too, they are a ratio's numerators
  /// (``SparkGroupSumsQuery/denominator``).
  package func groupSums(
    of variables: [String], by domainVariables: [String], declaration: DesignDeclaration, fitsLogit: Bool,
    sumsValues: Bool = false, denominator: String? = nil
  ) throws -> [GroupSums] {
    guard !variables.isEmpty else { throw DatabaseError.unsupportedDesign("name at least one variable to estimate.") }
    let (parts, runner, column, names) = try resolvedWithNames(declaration: declaration)
    let replicates = try Self.replicateColumns(declaration, names: names, table: table, column: column)
    var ranks: SuppliedReplicateRanks?
    var tables: [GroupSums] = []
    for variable in variables {
      var query = SparkGroupSumsQuery(
        table: parts,
        variable: try sumsValues
          ? SparkGroupSumsQuery.numberColumn(variable, role: "numeric variable", column)
          : column(variable, "category", false),
        domainVariables: try domainVariables.map { try column($0, "domain", false) },
        weight: try declaration.weights.map { try SparkGroupSumsQuery.numberColumn($0, role: "weight", column) },
        strata: try declaration.strata.map { try column($0, "stratum", false) },
        psu: try declaration.clusters.map { try column($0, "PSU", false) },
        fpc: try declaration.fpc.map { try SparkGroupSumsQuery.numberColumn($0, role: "finite population correction", column) },
        sumsValues: sumsValues, replicates: replicates)
      query.denominator = try denominator.map { try SparkGroupSumsQuery.numberColumn($0, role: "denominator", column) }
      var table = try groupSums(
        query, declaration: declaration, domainVariables: domainVariables, fitsLogit: fitsLogit, runner: runner)
      if !replicates.isEmpty {
        if ranks == nil { ranks = try replicateRanks(query, runner: runner) }
        table.suppliedReplicates = ranks
      }
      tables.append(table)
    }
    return tables
  }

  /// Checks that the design can be estimated in Spark, parses the table's name and asks Spark for
  /// its columns: the name parts, the runner, and a function that finds a column by name, role and
  /// whether it must be numeric.
  func resolved(
    declaration: DesignDeclaration
  ) throws -> ([String], SparkRunner, (String, String, Bool) throws -> SparkGroupSumsQuery.Column) {
    let (parts, runner, column, _) = try resolvedWithNames(declaration: declaration)
    return (parts, runner, column)
  }

  /// ``resolved(declaration:)``, with the names of the table's columns in its order; a design
  /// without a PSU column (every row its own PSU) cannot have replicates created from it
  /// (``DatabaseError/createdReplicatesRefusal(_:)``).
  func resolvedWithNames(
    declaration: DesignDeclaration
  ) throws -> ([String], SparkRunner, (String, String, Bool) throws -> SparkGroupSumsQuery.Column, [String]) {
    try DatabaseError.refuseCreatedReplicatesWithoutPSU(.spark, declaration)
    if declaration.weights == nil, declaration.fpc != nil {
      throw DatabaseError.unsupportedDesign("in Spark, name the weight column when the design has a finite population correction.")
    }
    return try resolvedTable()
  }

  /// Parses the table's name and asks Spark for its columns: the name parts, the runner, a
  /// function that finds a column by name, role and whether it must be numeric, and the names of
  /// the table's columns in its order.
  func resolvedTable() throws -> (
    [String], SparkRunner, (String, String, Bool) throws -> SparkGroupSumsQuery.Column, [String]
  ) {
    let parts = try SparkGroupSumsQuery.tableNameParts(table)
    let runner = SparkRunner(location: location)
    let columns = try runner.rows(of: SparkGroupSumsQuery.describeSQL(table: parts)).compactMap { row in
      row.count >= 2 ? row[0].flatMap { name in row[1].map { SparkGroupSumsQuery.Column(name: name, type: $0) } } : nil
    }
    let table = self.table
    func column(_ name: String, role: String, numeric: Bool) throws -> SparkGroupSumsQuery.Column {
      guard let found = columns.first(where: { $0.name == name }) else {
        throw DatabaseError.unknownColumn(column: name, table: table, suggestion: closestName(to: name, among: columns.map(\.name)))
      }
      try DatabaseError.refuseIdentifier(name, role: role, table: table)
      let type = found.type.lowercased()
      let numericTypes = ["tinyint", "smallint", "int", "bigint", "float", "double", "decimal"]
      let categoricalTypes = numericTypes + ["string", "varchar", "char", "boolean"]
      guard (numeric ? numericTypes : categoricalTypes).contains(where: { type == $0 || type.hasPrefix($0 + "(") }) else {
        throw DatabaseError.unsupportedColumnType(.spark, column: name, type: found.type, role: role)
      }
      return found
    }
    return (parts, runner, column, columns.map(\.name))
  }

  /// Runs a group-sums query and reads its rows, after checking the text columns it reads as
  /// numbers (``checkNumbers(_:runner:)``).
  func read(_ query: SparkGroupSumsQuery, runner: SparkRunner, into reading: inout GroupSumsRows) throws {
    try checkNumbers(query, runner: runner)
    for row in try runner.rows(of: query.groupSumsSQL) {
      guard row.count == reading.width else {
        throw DatabaseError.unexpectedAnswer(.spark, "Spark answered with rows of \(row.count) columns, not \(reading.width).")
      }
      reading.add(row)
    }
    if let problem = reading.problem(psuColumn: query.psu?.name ?? "") { throw DatabaseError(problem) }
  }

  private func groupSums(
    _ query: SparkGroupSumsQuery, declaration: DesignDeclaration, domainVariables: [String], fitsLogit: Bool,
    runner: SparkRunner
  ) throws -> GroupSums {
    var reading = GroupSumsRows(declaration: declaration, domainCount: query.domainVariables.count)
    reading.replicateColumns = query.replicates.map(\.name)
    reading.readsDenominator = query.denominator != nil
    reading.replicatePartScales = [1, 1]
    reading.replicateValuePartScales = [1, 1]
    reading.readsWeightSquareValues = query.sumsWeightSquareValues
    try read(query, runner: runner, into: &reading)
    var sums = GroupSums(
      variable: query.variable.name, domainVariables: domainVariables, declaration: declaration,
      groups: reading.groups, finitePopulationCorrection: reading.finitePopulationCorrection)
    sums.rowsArePSUs = query.psu == nil && query.replicates.isEmpty
    guard fitsLogit else { return sums }
    sums.logitFirstStep = try logitFirstSteps(query, scales: sums.priorWeightScales, runner: runner) { $0[0] }
    return sums
  }

  /// The first step of R's logistic fit by domain and category (``SparkGroupSumsQuery/logitFirstStepSQL(scales:)``),
  /// with the prior-weight scale of each domain; `category` names the category of the values of
  /// the variable and items.
  func logitFirstSteps(
    _ query: SparkGroupSumsQuery, scales: [[String]: Double], runner: SparkRunner, category: ([String]) -> String
  ) throws -> [GroupSums.LogitFirstStep] {
    let sorted = scales.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { (domain: $0.key, scale: $0.value) }
    guard !sorted.isEmpty else { return [] }
    let width = query.domainVariables.count, categories = 1 + query.items.count
    var firstStep: [GroupSums.LogitFirstStep] = []
    for row in try runner.rows(of: query.logitFirstStepSQL(scales: sorted)) {
      guard row.count == width + categories + 3 else { continue }
      let values = row[width..<(width + categories)].compactMap { $0 }
      guard values.count == categories else { continue }
      let sums = row[(width + categories)...].map { Double($0 ?? "") ?? .nan }
      firstStep.append(GroupSums.LogitFirstStep(
        domain: row[0..<width].map { $0 ?? "" }, category: category(values), signedSum: sums[0], weight: sums[1],
        deviance: sums[2]))
    }
    return firstStep
  }
}
