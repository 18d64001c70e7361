extension SurveyDesign {
  /// The weighted two-way table of `row` by `column`, for the whole sample and in every domain of
  /// `domainVariables`, with R survey 4.1's numbers:
  ///
  /// - cell shares: `svymean(~interaction(row, column), design, na.rm = TRUE)` with the intervals
  ///   of `svyciprop(~I(row == r & column == c), design, method:, level:)` on the design degrees of
  ///   freedom;
  /// - row shares (row percentages): `svyby(~column, ~row, design, svymean, na.rm = TRUE)`, i.e. the
  ///   domain proportions of ``proportions(of:by:method:level:)-(String,_,_,_)`` in each row category; column
  ///   shares likewise;
  /// - unweighted and weighted cell counts;
  /// - the Rao–Scott second-order corrected F test of `svychisq(~row + column, design)` (default
  ///   `statistic = "F"`), see ``RaoScottTest``, and Pearson's uncorrected X² for reference.
  ///
  /// On a replicate design (`replicates`) every share has its replicate variance (see
  /// ``proportions(of:by:method:level:)-(String,_,_,_)``), and the test uses the replicate covariance of
  /// the cell proportions and ν = the rank of the domain's replicate weights minus one, as R's
  /// `svychisq.svyrep.design`.
  ///
  /// Without calibration or replicate weights the table is finished from its group sums
  /// (`crossTabGroupSums(row:column:by:fitsLogit:)` then `GroupSums.crossTab(row:column:method:level:)`),
  /// the very code that finishes a table summed by PostgreSQL or Spark, so that both give the same
  /// numbers.
  ///
  /// Respondents with a missing value on either variable are masked, never dropped (R's
  /// `na.rm = TRUE`): every PSU keeps its place in the variance. Two details follow R exactly:
  /// N in X² is the number of rows of the design or domain, missing values included (it cancels
  /// in F); and Δ̂ is built on every category of each variable that occurs among the domain's rows,
  /// even one that occurs only where the other variable is missing (its cells have p̂ = 0), as
  /// `svychisq` takes the categories from `unique()` of each variable separately. On a calibrated
  /// (raked or post-stratified) design, whose domains keep every row in R, the categories, N and the
  /// test's ν come from the whole file, and `CrossTabTable.designRows` is the number of rows in it.
  ///
  /// ```swift
  /// let table = try design.crossTab(row: "sch.wide", column: "stype")
  /// table.overall.test?.statistic        // 5.1933695 (R's svychisq help example)
  /// table.overall.cell(row: "No", column: "E")?.ofRow.proportion
  /// ```
  ///
  /// - Parameters:
  ///   - row: the row variable (categorical; a numeric variable is read as its distinct values).
  ///   - column: the column variable.
  ///   - domainVariables: the `by` variables; several are crossed.
  ///   - method: the interval method of every share.
  ///   - level: the confidence level.
  /// - Throws: ``SurveyError`` for an unknown variable, an invalid level, or a sample in which no
  ///   respondent has both values; ``CrossTabError`` when a variable is used twice.
  /// - Complexity: O(n·(r·c) + e·(r·c)²) per table, for n rows and e PSUs, plus O(n + e·r·c) per
  ///   share pass; the covariance of the cell proportions takes n·r·c values of memory.
  public func crossTab(
    row: String, column: String, by domainVariables: [String] = [], method: IntervalMethod = .logit,
    level: Double = 0.95
  ) throws -> CrossTab {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    try CrossTabError.checkRoles(row: row, column: column, by: domainVariables)
    let rowVariable = try survey.variable(named: row, role: "row variable")
    let columnVariable = try survey.variable(named: column, role: "column variable")
    let layout = CrossTabLayout(rows: rowVariable, columns: columnVariable)
    // Without calibration or replicates, the table is finished from its group sums, as from a database's.
    if !isCalibrated, replicates == nil {
      let order = GroupSums.CrossTabOrder(
        rows: layout.rowOrder.map { layout.rowValues.levels[$0] },
        columns: layout.columnOrder.map { layout.columnValues.levels[$0] },
        domains: domainVariables.isEmpty
          ? [] : try DomainPartition(survey: survey, by: domainVariables).domains.map { $0.levels.map(\.value) })
      var crossTab = try crossTabGroupSums(row: row, column: column, by: domainVariables, fitsLogit: method == .logit)
        .crossTab(row: row, column: column, method: method, level: level, order: order)
      crossTab.label(rows: rowVariable, columns: columnVariable)
      crossTab.design = summary
      return crossTab
    }

    let wholeSample = DomainPartition(wholeSampleOf: respondentCount)
    let overall = try tables(layout: layout, partition: wholeSample, domainVariables: [], method: method, level: level)
    guard let overallTable = overall.first else {
      throw SurveyError.emptyDomain(variable: "\(row) and \(column)", domain: "in the sample")
    }
    var domains: [CrossTabTable] = []
    if !domainVariables.isEmpty {
      let partition = try DomainPartition(survey: survey, by: domainVariables)
      domains = try tables(layout: layout, partition: partition, domainVariables: domainVariables, method: method, level: level)
    }
    var crossTab = CrossTab(
      rowVariable: row, columnVariable: column, domainVariables: domainVariables, overall: overallTable,
      domains: domains)
    crossTab.rowLabel = try survey.variable(named: row).label
    crossTab.columnLabel = try survey.variable(named: column).label
    crossTab.method = method
    crossTab.level = level
    crossTab.design = summary
    return crossTab
  }

  /// The tables of every domain of `partition` that has respondents with both values.
  private func tables(
    layout: CrossTabLayout, partition: DomainPartition, domainVariables: [String], method: IntervalMethod,
    level: Double
  ) throws -> [CrossTabTable] {
    // Cell, row and column shares of every domain: three passes over the rows.
    // (Every domain with respondents gets one estimate per interaction level, in level order.)
    let cellCount = layout.interaction.levels.count
    var cellShares: [Domain: ArraySlice<ProportionEstimate>] = [:]
    let cellEstimates = try proportions(
      of: layout.interactionVariable, values: layout.interaction, partition: partition,
      categories: Array(0..<cellCount), method: method, level: level)
    for start in stride(from: 0, to: cellEstimates.count, by: cellCount) {
      cellShares[cellEstimates[start].domain] = cellEstimates[start..<(start + cellCount)]
    }
    let rowShares = try sharesWithin(
      layout.rows, of: layout.columns, partition: domainVariables + [layout.rows.name], method: method, level: level)
    let columnShares = try sharesWithin(
      layout.columns, of: layout.rows, partition: domainVariables + [layout.columns.name], method: method, level: level)

    var tables: [CrossTabTable] = []
    for (domainIndex, domain) in partition.domains.enumerated() {
      let index = Int32(domainIndex)
      guard let table = table(
        domain: domain, isInDomain: { partition.domainOfRow[$0] == index }, layout: layout,
        cellShares: cellShares[domain].map(Array.init) ?? [], rowShares: rowShares, columnShares: columnShares)
      else { continue }
      tables.append(table)
    }
    return tables
  }

  /// The shares of the categories of `analysed` in the domains of `variables` (the last of which
  /// is `within`), keyed by domain and category.
  private func sharesWithin(
    _ within: Variable, of analysed: Variable, partition variables: [String], method: IntervalMethod, level: Double
  ) throws -> [Domain: [String: ProportionEstimate]] {
    let partition = try DomainPartition(survey: survey, by: variables)
    let values = analysed.categorical
    var shares: [Domain: [String: ProportionEstimate]] = [:]
    for estimate in try proportions(
      of: analysed, values: values, partition: partition, categories: Array(values.levels.indices),
      method: method, level: level)
    {
      shares[estimate.domain, default: [:]][estimate.category] = estimate
    }
    return shares
  }

  /// The table of one domain; `nil` when no respondent of the domain has both values.
  private func table(
    domain: Domain, isInDomain: (Int) -> Bool, layout: CrossTabLayout, cellShares: [ProportionEstimate],
    rowShares: [Domain: [String: ProportionEstimate]], columnShares: [Domain: [String: ProportionEstimate]]
  ) -> CrossTabTable? {
    let rowCodes = layout.rowValues.codes, columnCodes = layout.columnValues.codes
    let rowLevelCount = layout.rowValues.levels.count, columnLevelCount = layout.columnValues.levels.count
    var rowOccurs = [Bool](repeating: false, count: rowLevelCount)
    var columnOccurs = [Bool](repeating: false, count: columnLevelCount)
    var counts = [Int](repeating: 0, count: rowLevelCount * columnLevelCount)
    var weightedCounts = [Double](repeating: 0, count: rowLevelCount * columnLevelCount)
    var designRows = 0, respondents = 0
    for respondent in 0..<respondentCount where isInDomain(respondent) {
      designRows += 1
      let rowCode = Int(rowCodes[respondent]), columnCode = Int(columnCodes[respondent])
      if rowCode >= 0 { rowOccurs[rowCode] = true }
      if columnCode >= 0 { columnOccurs[columnCode] = true }
      guard rowCode >= 0, columnCode >= 0 else { continue }
      respondents += 1
      counts[rowCode * columnLevelCount + columnCode] += 1
      weightedCounts[rowCode * columnLevelCount + columnCode] += weights[respondent]
    }
    guard respondents > 0 else { return nil }

    // Categories of the table: those with respondents who have both values.
    func margin(row: Int) -> Int { (0..<columnLevelCount).reduce(0) { $0 + counts[row * columnLevelCount + $1] } }
    func margin(column: Int) -> Int { (0..<rowLevelCount).reduce(0) { $0 + counts[$1 * columnLevelCount + column] } }
    let tableRows = layout.rowOrder.filter { margin(row: $0) > 0 }
    let tableColumns = layout.columnOrder.filter { margin(column: $0) > 0 }

    var cells: [CrossTabCell] = []
    for rowLevel in tableRows {
      let rowValue = layout.rowValues.levels[rowLevel]
      let rowDomain = Domain(levels: domain.levels + [.init(variable: layout.rows.name, value: rowValue)])
      for columnLevel in tableColumns {
        let columnValue = layout.columnValues.levels[columnLevel]
        let columnDomain = Domain(levels: domain.levels + [.init(variable: layout.columns.name, value: columnValue)])
        let cell = rowLevel * columnLevelCount + columnLevel
        cells.append(CrossTabCell(
          rowCategory: rowValue, columnCategory: columnValue, respondents: counts[cell],
          weightedCount: weightedCounts[cell], ofTotal: cellShares[cell],
          ofRow: rowShares[rowDomain]![columnValue]!, ofColumn: columnShares[columnDomain]![rowValue]!))
      }
    }

    // The test, on the categories svychisq uses: each variable's categories among the domain's rows.
    // R's subset() of a calibrated design keeps every row (weight 0 outside the domain), so there
    // svychisq takes the categories, N and ν = PSUs − strata from the whole file.
    let degreesOfFreedom = self.degreesOfFreedom(includingRows: isInDomain)
    let testDegreesOfFreedom = isCalibrated ? self.degreesOfFreedom : degreesOfFreedom
    if isCalibrated {
      for respondent in 0..<respondentCount {
        if rowCodes[respondent] >= 0 { rowOccurs[Int(rowCodes[respondent])] = true }
        if columnCodes[respondent] >= 0 { columnOccurs[Int(columnCodes[respondent])] = true }
      }
    }
    let allDesignRows = self.designRows(ofDomainWith: designRows)
    var test: RaoScottTest?
    var pearson: PearsonChiSquaredTest?
    var reason: String?
    if tableRows.count < 2 || tableColumns.count < 2 {
      let which = tableRows.count < 2 ? layout.rows.name : layout.columns.name
      reason = "'\(which)' has a single category among these respondents, so there is no association to test."
    } else {
      let testRows = layout.rowOrder.filter { rowOccurs[$0] }
      let testColumns = layout.columnOrder.filter { columnOccurs[$0] }
      (test, pearson) = raoScottTest(
        rowLevels: testRows, columnLevels: testColumns, layout: layout, isInDomain: isInDomain,
        designRows: allDesignRows, degreesOfFreedom: testDegreesOfFreedom)
      if test == nil {
        reason = "the generalized design-effect matrix is singular (too few respondents or PSUs for this table)."
      }
    }
    return CrossTabTable(
      domain: domain, rowCategories: tableRows.map { layout.rowValues.levels[$0] },
      rowLabels: tableRows.map { layout.rows.label(ofCategory: layout.rowValues.levels[$0]) },
      columnCategories: tableColumns.map { layout.columnValues.levels[$0] },
      columnLabels: tableColumns.map { layout.columns.label(ofCategory: layout.columnValues.levels[$0]) },
      cells: cells, respondents: respondents, designRows: allDesignRows, degreesOfFreedom: degreesOfFreedom,
      test: test, pearson: pearson, testUnavailableReason: reason)
  }

  /// `svychisq`'s default test on the cells of `rowLevels` × `columnLevels` (rows varying fastest),
  /// with N = `designRows` and ν = `degreesOfFreedom`.
  private func raoScottTest(
    rowLevels: [Int], columnLevels: [Int], layout: CrossTabLayout, isInDomain: (Int) -> Bool, designRows: Int,
    degreesOfFreedom: Int
  ) -> (RaoScottTest?, PearsonChiSquaredTest?) {
    let rowCount = rowLevels.count, columnCount = columnLevels.count
    let cellCount = rowCount * columnCount
    var rowPosition = [Int](repeating: -1, count: layout.rowValues.levels.count)
    for (position, level) in rowLevels.enumerated() { rowPosition[level] = position }
    var columnPosition = [Int](repeating: -1, count: layout.columnValues.levels.count)
    for (position, level) in columnLevels.enumerated() { columnPosition[level] = position }
    let rowCodes = layout.rowValues.codes, columnCodes = layout.columnValues.codes

    // p̂ over the domain's respondents with both values, and the influence values of svymean:
    // zᵢₖ = wᵢ(1[cell k] − p̂ₖ) / Σw.
    var cellOfRow = [Int](repeating: -1, count: respondentCount)
    var weightedCounts = [Double](repeating: 0, count: cellCount)
    var total = 0.0
    for respondent in 0..<respondentCount where isInDomain(respondent) {
      let rowCode = Int(rowCodes[respondent]), columnCode = Int(columnCodes[respondent])
      guard rowCode >= 0, columnCode >= 0 else { continue }
      let cell = rowPosition[rowCode] + rowCount * columnPosition[columnCode]
      cellOfRow[respondent] = cell
      weightedCounts[cell] += weights[respondent]
      total += weights[respondent]
    }
    let proportions = weightedCounts.map { $0 / total }
    let covariance = replicates == nil
      ? cellCovariance(cellOfRow: cellOfRow, proportions: proportions, total: total)
      : replicateCellCovariance(cellOfRow: cellOfRow, proportions: proportions)

    return RaoScottComputation.tests(
      proportions: proportions, covariance: covariance, rowCount: rowCount, columnCount: columnCount,
      designRows: designRows, degreesOfFreedom: degreesOfFreedom)
  }
}

extension SurveyDesign {
  /// The replicate covariance of the cell proportions (`svymean(mm, design, na.rm = TRUE)` on a
  /// replicate design, R's `svychisq.svyrep.design`): each replicate's cell shares
  /// Σ a_ri 1[cell k] / Σ a_ri over the respondents with both values
  /// (``ReplicateWeights/cellShareCovariance(totals:proportions:)``, which a table's group sums
  /// finish with too).
  fileprivate func replicateCellCovariance(cellOfRow: [Int], proportions: [Double]) -> [Double] {
    guard let replicates else { preconditionFailure("a design with replicate weights") }
    let cellCount = proportions.count
    let totals = replicates.cellTotals(cellOfRow: cellOfRow.map { Int32($0) }, cellCount: cellCount)
    return replicates.cellShareCovariance(totals: totals, proportions: proportions)
  }

  /// The covariance of the cell shares p̂ₖ of a table on a calibrated design, from svymean's
  /// influence values zᵢₖ = wᵢ(1[i in cell k] − p̂ₖ)/Σw of the respondents with a cell
  /// (`cellOfRow` ≥ 0), projected row by row (``covariance(rowInfluence:statisticCount:isActive:)``).
  /// Without calibration only their PSU totals are needed, and the table is finished from its
  /// group sums (``GroupSums/crossTab(row:column:method:level:raking:)``).
  fileprivate func cellCovariance(cellOfRow: [Int], proportions: [Double], total: Double) -> [Double] {
    precondition(isCalibrated, "a calibrated design: other designs are finished from their group sums")
    let cellCount = proportions.count
    var influence = [Double](repeating: 0, count: respondentCount * cellCount)
    for respondent in 0..<respondentCount where cellOfRow[respondent] >= 0 {
      let scale = weights[respondent] / total
      let base = respondent * cellCount
      for cell in 0..<cellCount { influence[base + cell] = -scale * proportions[cell] }
      influence[base + cellOfRow[respondent]] += scale
    }
    return covariance(rowInfluence: influence, statisticCount: cellCount) { cellOfRow[$0] >= 0 }
  }
}

/// The two variables of a cross-tab, their categories in presentation order, and the
/// interaction variable whose categories are the cells.
private struct CrossTabLayout {
  let rows: Variable
  let columns: Variable
  let rowValues: CategoricalValues
  let columnValues: CategoricalValues
  /// Level indices in presentation order.
  let rowOrder: [Int]
  let columnOrder: [Int]
  /// One category per (row level, column level), `"r × c"`, level index row·C + column; missing
  /// when either value is missing.
  let interaction: CategoricalValues
  let interactionVariable: Variable

  init(rows: Variable, columns: Variable) {
    self.rows = rows
    self.columns = columns
    rowValues = rows.categorical
    columnValues = columns.categorical
    rowOrder = rowValues.sortedLevelIndices()
    columnOrder = columnValues.sortedLevelIndices()
    let columnCount = columnValues.levels.count
    var levels: [String] = []
    levels.reserveCapacity(rowValues.levels.count * columnCount)
    for rowLevel in rowValues.levels {
      for columnLevel in columnValues.levels { levels.append("\(rowLevel) × \(columnLevel)") }
    }
    let codes = zip(rowValues.codes, columnValues.codes).map { rowCode, columnCode -> Int32 in
      rowCode < 0 || columnCode < 0 ? -1 : rowCode * Int32(columnCount) + columnCode
    }
    interaction = CategoricalValues(codes: codes, levels: levels)
    interactionVariable = Variable(name: "\(rows.name) × \(columns.name)", values: .categorical(interaction))
  }
}

extension CrossTab {
  /// Writes the codebook's labels of the two variables and of their categories into the tables
  /// and into the row and column shares (the cell shares' interaction categories have none).
  fileprivate mutating func label(rows: Variable, columns: Variable) {
    rowLabel = rows.label
    columnLabel = columns.label
    func labelled(_ table: CrossTabTable) -> CrossTabTable {
      var table = table
      table.rowLabels = table.rowCategories.map(rows.label(ofCategory:))
      table.columnLabels = table.columnCategories.map(columns.label(ofCategory:))
      for index in table.cells.indices {
        table.cells[index].ofRow.categoryLabel = columns.label(ofCategory: table.cells[index].columnCategory)
        table.cells[index].ofColumn.categoryLabel = rows.label(ofCategory: table.cells[index].rowCategory)
      }
      return table
    }
    overall = labelled(overall)
    domains = domains.map(labelled)
  }
}
