/// One of the three share partitions of a cross-tab, for the overall table or for the tables of
/// the `by` domains: the cell shares are the proportions of the row × column interaction in the
/// table's domain, the row shares those of the column variable in the domains of the table's
/// domain × the row variable, the column shares those of the row variable in the domains of the
/// table's domain × the column variable (``SurveyDesign/crossTab(row:column:by:method:level:)``).
///
/// Each partition is a set of domain proportions, so its logit intervals need the first step of R's
/// logistic fit summed over its own domains (``GroupSums/crossTabFirstSteps``).
package struct CrossTabShares: Sendable, Hashable {
  /// Which shares.
  package enum Kind: Sendable, Hashable {
    /// Cell shares: the interaction's categories `"r × c"` in the table's domain.
    case cells
    /// Row shares: the column variable's categories within each row category.
    case rows
    /// Column shares: the row variable's categories within each column category.
    case columns
  }

  /// Which shares.
  package var kind: Kind
  /// Whether the domains lie within those of the `by` variables (the domain tables) rather than
  /// in the whole sample (the overall table).
  package var inDomains: Bool

  package init(kind: Kind, inDomains: Bool) {
    self.kind = kind
    self.inDomains = inDomains
  }

  /// The partitions of a cross-tab: three for the overall table, three more with `by` variables.
  package static func all(hasDomains: Bool) -> [CrossTabShares] {
    [false, true].filter { !$0 || hasDomains }.flatMap { inDomains in
      [Kind.cells, .rows, .columns].map { CrossTabShares(kind: $0, inDomains: inDomains) }
    }
  }

  /// The variables whose values make the partition's domains, in order: the `by` variables (for
  /// the domain tables), then the row variable (row shares) or the column variable (column shares).
  package func domainVariables(by: [String], row: String, column: String) -> [String] {
    let within = inDomains ? by : []
    switch kind {
    case .cells: return within
    case .rows: return within + [row]
    case .columns: return within + [column]
    }
  }

  /// The variables whose values make the analysed category: both for the cells, the column
  /// variable for row shares, the row variable for column shares.
  package func categoryVariables(row: String, column: String) -> [String] {
    switch kind {
    case .cells: return [row, column]
    case .rows: return [column]
    case .columns: return [row]
    }
  }

  /// The name of the analysed variable: `"row × column"` for the cells.
  func variable(row: String, column: String) -> String {
    kind == .cells ? "\(row) × \(column)" : categoryVariables(row: row, column: column)[0]
  }

  /// The analysed category of a respondent with row value `row` and column value `column` (`nil`
  /// for a missing value): `"r × c"` for the cells (missing when either value is).
  package func category(row: String?, column: String?) -> String? {
    switch kind {
    case .cells:
      guard let row, let column else { return nil }
      return Self.cellCategory(row: row, column: column)
    case .rows: return column
    case .columns: return row
    }
  }

  /// The analysed category of the values of ``categoryVariables(row:column:)``.
  package func category(ofValues values: [String]) -> String {
    kind == .cells ? Self.cellCategory(row: values[0], column: values[1]) : values[0]
  }

  /// The name of the interaction category of a cell, as the file path's `interaction(row, column)`.
  package static func cellCategory(row: String, column: String) -> String { "\(row) × \(column)" }
}

extension GroupSums {
  /// The weighted two-way table of ``SurveyDesign/crossTab(row:column:by:method:level:)`` from group
  /// sums alone, for a design without calibration or created replicates: the groups are keyed by
  /// stratum × PSU × domain × row value (``Group/category``) × column value
  /// (``Group/columnCategory``), `nil` for a missing value (masked: the rows still count in the
  /// domain and their PSU in n_h).
  ///
  /// Why these groups are enough: every share is a domain proportion of one of the partitions of
  /// ``CrossTabShares`` (cells in the table's domain, row shares in domain × row, column shares in
  /// domain × column), and each partition's groups follow from these by re-keying; they are
  /// finished by ``proportions(method:level:)`` with the file path's numbers. The Rao–Scott test
  /// needs the covariance of the cell proportions p̂_k, whose influence values
  /// zᵢₖ = wᵢ(1[i in cell k] − p̂ₖ)/Σw have PSU totals z_jk = (W_jk − p̂ₖ·W_j)/Σw, with W_jk = Σw of
  /// cell k in PSU j and W_j = Σw of the PSU's respondents with both values (R's `svychisq`,
  /// R/surveychisq.R; Rao & Scott 1984). As in R, N is the number of rows of the domain (missing
  /// values included), Δ̂ is built on every category that occurs among the domain's rows (even
  /// where the other variable is missing), and ν = PSUs − strata among the domain's PSUs.
  ///
  /// With replicate-weight columns (R's `svrepdesign()`: the groups carry each replicate's Σ a_r,
  /// ``Group/replicateSums``), the table of `svychisq.svyrep.design` and of the replicate
  /// proportions: every share takes its replicate variance (``proportions(method:level:)``, with
  /// the ranks of each partition's domains, ``suppliedRanks(by:)``), the test the replicate
  /// covariance of the cell proportions, and ν, like each table's degrees of freedom, is the rank of
  /// its domain's replicate weights minus one. Replicates created from the strata and PSUs (R's
  /// `as.svrepdesign()`) are the same, each replicate's totals from the PSUs' sums and its
  /// multipliers (``ReplicateWeights/createdFactors(_:count:seed:fayRho:on:)``).
  ///
  /// With `raking` (the groups keyed by their raking cell too, ``Group/rakingCell``), the table of
  /// the design raked to its margins, R's `rake()` then `svytable`, `svymean` and `svychisq`: the
  /// shares are raked domain proportions (``proportions(method:level:raking:)``); the test's
  /// covariance projects the cell proportions' influence values on the raking
  /// (``GroupSumsRaking/projectedTotals(groups:psuOfGroup:psuCount:statisticCount:sums:)``), and, as
  /// R's `subset()` of a calibrated design keeps every row, its categories, N and ν are those of
  /// the whole table.
  ///
  /// ```swift
  /// let sums = try design.crossTabGroupSums(row: "concern", column: "age_band", by: ["sex"])
  /// let table = try sums.crossTab(row: "concern", column: "age_band")
  /// // == design.crossTab(row: "concern", column: "age_band", by: ["sex"])
  /// ```
  ///
  /// - Parameters:
  ///   - row: the name of the row variable.
  ///   - column: the name of the column variable.
  ///   - raking: the raking of the groups' cells; `nil` for the design as declared.
  /// - Throws: ``CrossTabError`` when a variable is used twice;
  ///   ``SurveyError/emptyDomain(variable:domain:)`` when no respondent has both values;
  ///   ``ReplicateError`` for replicates with `raking`, or replicates the method cannot create;
  ///   ``GroupSumsError`` for a lonely PSU under `fail`, an unusable FPC, or the logit interval
  ///   without ``crossTabFirstSteps``.
  /// - Complexity: O(g·(log g + K)) for g groups and K = r·c cells, plus O(e·K²) per table for
  ///   e PSUs.
  package func crossTab(
    row: String, column: String, method: IntervalMethod = .logit, level: Double = 0.95,
    raking: GroupSumsRaking? = nil
  ) throws -> CrossTab {
    try refuseRakedReplicates(raking)
    return try (raking.map(raked(by:)) ?? self)
      .crossTab(row: row, column: column, method: method, level: level, order: nil, raking: raking)
  }

  /// The order in which a cross-tab presents its categories and domains, when a file gives it:
  /// the levels of the row and column variables and the domains of its partition, in the file
  /// path's order (each a superset of the values in the groups).
  struct CrossTabOrder {
    var rows: [String]
    var columns: [String]
    var domains: [[String]]
  }

  /// ``crossTab(row:column:method:level:raking:)`` with the categories and domains in `order`
  /// (`nil`: sorted as ``sorted(_:)`` sorts the values present); with `raking`, the groups are
  /// already raked (``raked(by:)``).
  func crossTab(
    row: String, column: String, method: IntervalMethod, level: Double, order: CrossTabOrder?,
    raking: GroupSumsRaking? = nil
  ) throws -> CrossTab {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    try CrossTabError.checkRoles(row: row, column: column, by: domainVariables)
    if method == .logit, crossTabFirstSteps == nil { throw GroupSumsError.missingLogitFirstStep }
    var layout = try designLayout()
    if let raking { layout.calibrate(raking) }
    let replicates = try createdReplicates(&layout, raking: raking)
    let rowOrder = order?.rows ?? Self.sorted(Set(groups.compactMap(\.category)))
    let columnOrder = order?.columns ?? Self.sorted(Set(groups.compactMap(\.columnCategory)))
    let hasDomains = !domainVariables.isEmpty

    // Every share of every partition, keyed by its domain and category.
    var shares: [CrossTabShares: [ShareKey: ProportionEstimate]] = [:]
    for partition in CrossTabShares.all(hasDomains: hasDomains) {
      let sums = shareSums(partition, row: row, column: column)
      guard sums.groups.contains(where: { $0.domain != nil && $0.category != nil }) else { continue }
      let requested: [String]
      switch partition.kind {
      case .cells:
        requested = rowOrder.flatMap { r in columnOrder.map { CrossTabShares.cellCategory(row: r, column: $0) } }
      case .rows: requested = columnOrder
      case .columns: requested = rowOrder
      }
      let estimates = try sums.proportions(method: method, level: level, categories: requested, raking: raking)
      for estimate in estimates.estimates {
        shares[partition, default: [:]][ShareKey(domain: estimate.domain, category: estimate.category)] = estimate
      }
    }

    // A raked replicate design is not calibrated for R: its domains keep their own rows, its test
    // takes the raked replicates' covariance (the groups are raked already).
    let names = TableNames(
      row: row, column: column, rowOrder: rowOrder, columnOrder: columnOrder,
      raking: replicates == nil ? raking : nil, replicates: replicates)
    guard let overall = table(
      domain: .wholeSample, values: nil, groups: groups, inDomains: false, names: names, shares: shares, layout: layout)
    else { throw SurveyError.emptyDomain(variable: "\(row) and \(column)", domain: "in the sample") }
    var domains: [CrossTabTable] = []
    if hasDomains {
      let groupsOfDomain = Dictionary(grouping: groups.filter { $0.domain != nil }, by: { $0.domain! })
      for values in order?.domains ?? orderedDomains() {
        let domain = Domain(levels: zip(domainVariables, values).map { Domain.Level(variable: $0, value: $1) })
        if let table = table(
          domain: domain, values: values, groups: groupsOfDomain[values] ?? [], inDomains: true, names: names,
          shares: shares, layout: layout)
        {
          domains.append(table)
        }
      }
    }
    var crossTab = CrossTab(
      rowVariable: row, columnVariable: column, domainVariables: domainVariables, overall: overall, domains: domains)
    crossTab.method = method
    crossTab.level = level
    crossTab.design = layout.summary
    return crossTab
  }

  /// The group sums of one share partition: the groups re-keyed by the partition's domain and
  /// category (``CrossTabShares``), with its first-step sums; each keeps its raking cell.
  package func shareSums(_ partition: CrossTabShares, row: String, column: String) -> GroupSums {
    let shareGroups = groups.map { group in
      var domain: [String]? = partition.inDomains ? group.domain : []
      switch partition.kind {
      case .cells: break
      case .rows: domain = group.category.flatMap { value in domain.map { $0 + [value] } }
      case .columns: domain = group.columnCategory.flatMap { value in domain.map { $0 + [value] } }
      }
      var shareGroup = Group(
        stratum: group.stratum, psu: group.psu, domain: domain,
        category: partition.category(row: group.category, column: group.columnCategory), rows: group.rows,
        weightSum: group.weightSum, weightSquareSum: group.weightSquareSum)
      shareGroup.rakingCell = group.rakingCell
      shareGroup.replicateSums = group.replicateSums
      return shareGroup
    }
    let partitionVariables = partition.domainVariables(by: domainVariables, row: row, column: column)
    var sums = GroupSums(
      variable: partition.variable(row: row, column: column), domainVariables: partitionVariables,
      declaration: declaration, groups: shareGroups, finitePopulationCorrection: finitePopulationCorrection,
      logitFirstStep: crossTabFirstSteps?[partition])
    sums.suppliedReplicates = suppliedRanks(by: partitionVariables)
    sums.rowsArePSUs = rowsArePSUs
    return sums
  }

  private struct ShareKey: Hashable {
    var domain: Domain
    var category: String
  }

  /// The two variables and their categories in presentation order, and the raking of the groups.
  private struct TableNames {
    var row: String
    var column: String
    var rowOrder: [String]
    var columnOrder: [String]
    var raking: GroupSumsRaking?
    /// With replicate-weight columns, the replicates whose variances the table takes.
    var replicates: CreatedReplicates?
  }

  /// The table of one domain (`values`, `nil` for the whole sample) from its groups; `nil` when no
  /// respondent has both values.
  private func table(
    domain: Domain, values: [String]?, groups: [Group], inDomains: Bool, names: TableNames,
    shares: [CrossTabShares: [ShareKey: ProportionEstimate]], layout: DesignLayout
  ) -> CrossTabTable? {
    let rowIndex = Dictionary(uniqueKeysWithValues: names.rowOrder.enumerated().map { ($0.element, $0.offset) })
    let columnIndex = Dictionary(uniqueKeysWithValues: names.columnOrder.enumerated().map { ($0.element, $0.offset) })
    let columnCount = names.columnOrder.count
    var rowOccurs = [Bool](repeating: false, count: names.rowOrder.count)
    var columnOccurs = [Bool](repeating: false, count: columnCount)
    var counts = [Int](repeating: 0, count: names.rowOrder.count * columnCount)
    var weightedCounts = [Double](repeating: 0, count: counts.count)
    var designRows = 0, respondents = 0
    var psus = Set<Int32>()
    for group in groups {
      designRows += group.rows
      psus.insert(layout.psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!)
      let rowLevel = group.category.map { rowIndex[$0]! }, columnLevel = group.columnCategory.map { columnIndex[$0]! }
      if let rowLevel { rowOccurs[rowLevel] = true }
      if let columnLevel { columnOccurs[columnLevel] = true }
      guard let rowLevel, let columnLevel else { continue }
      respondents += group.rows
      counts[rowLevel * columnCount + columnLevel] += group.rows
      weightedCounts[rowLevel * columnCount + columnLevel] += group.weightSum
    }
    guard respondents > 0 else { return nil }
    // With replicates, the rank of the domain's (or all rows') replicate weights minus one: the
    // columns' ranks, or those of the created replicates' multipliers on the domain's PSUs.
    let degreesOfFreedom = suppliedReplicates.map { supplied in
      (values.map { supplied.rankOfDomain[$0] ?? 0 } ?? supplied.rankOfAllRows) - 1
    } ?? names.replicates.map { $0.ranks(of: groups, domainCount: 1) { _ in 0 }[0] - 1 }
      ?? (rowsArePSUs ? designRows : psus.count) - Set(psus.map { layout.stratumOfPSU[Int($0)] }).count

    // Categories of the table: those with respondents who have both values.
    let tableRows = names.rowOrder.indices.filter { row in
      (0..<columnCount).contains { counts[row * columnCount + $0] > 0 }
    }
    let tableColumns = (0..<columnCount).filter { column in
      names.rowOrder.indices.contains { counts[$0 * columnCount + column] > 0 }
    }
    let cellShares = CrossTabShares(kind: .cells, inDomains: inDomains)
    let rowShares = CrossTabShares(kind: .rows, inDomains: inDomains)
    let columnShares = CrossTabShares(kind: .columns, inDomains: inDomains)
    var cells: [CrossTabCell] = []
    for rowLevel in tableRows {
      let rowValue = names.rowOrder[rowLevel]
      let rowDomain = Domain(levels: domain.levels + [.init(variable: names.row, value: rowValue)])
      for columnLevel in tableColumns {
        let columnValue = names.columnOrder[columnLevel]
        let columnDomain = Domain(levels: domain.levels + [.init(variable: names.column, value: columnValue)])
        let cell = rowLevel * columnCount + columnLevel
        cells.append(CrossTabCell(
          rowCategory: rowValue, columnCategory: columnValue, respondents: counts[cell],
          weightedCount: weightedCounts[cell],
          ofTotal: shares[cellShares]![ShareKey(
            domain: domain, category: CrossTabShares.cellCategory(row: rowValue, column: columnValue))]!,
          ofRow: shares[rowShares]![ShareKey(domain: rowDomain, category: columnValue)]!,
          ofColumn: shares[columnShares]![ShareKey(domain: columnDomain, category: rowValue)]!))
      }
    }

    // On a raked design R's subset() keeps every row: svychisq's categories, N and ν are the table's.
    if names.raking != nil {
      for group in self.groups {
        if let rowLevel = group.category.map({ rowIndex[$0]! }) { rowOccurs[rowLevel] = true }
        if let columnLevel = group.columnCategory.map({ columnIndex[$0]! }) { columnOccurs[columnLevel] = true }
      }
    }
    let allDesignRows = layout.design.designRows(ofDomainWith: designRows)
    var test: RaoScottTest?
    var pearson: PearsonChiSquaredTest?
    var reason: String?
    if tableRows.count < 2 || tableColumns.count < 2 {
      let which = tableRows.count < 2 ? names.row : names.column
      reason = "'\(which)' has a single category among these respondents, so there is no association to test."
    } else {
      (test, pearson) = raoScottTest(
        groups: groups, rows: names.rowOrder.indices.filter { rowOccurs[$0] }.map { names.rowOrder[$0] },
        columns: (0..<columnCount).filter { columnOccurs[$0] }.map { names.columnOrder[$0] },
        designRows: allDesignRows,
        degreesOfFreedom: names.raking == nil ? degreesOfFreedom : layout.summary.degreesOfFreedom, layout: layout,
        projection: names.raking.map { ($0, values) }, replicates: names.replicates)
      if test == nil {
        reason = "the generalized design-effect matrix is singular (too few respondents or PSUs for this table)."
      }
    }
    return CrossTabTable(
      domain: domain, rowCategories: tableRows.map { names.rowOrder[$0] },
      rowLabels: tableRows.map { _ in nil }, columnCategories: tableColumns.map { names.columnOrder[$0] },
      columnLabels: tableColumns.map { _ in nil }, cells: cells, respondents: respondents, designRows: allDesignRows,
      degreesOfFreedom: degreesOfFreedom, test: test, pearson: pearson, testUnavailableReason: reason)
  }

  /// `svychisq`'s default test on the cells of `rows` × `columns` (rows varying fastest) of one
  /// domain's groups, from the PSU totals of the cell proportions' influence values; with
  /// `projection` (the raking and the domain's values, `nil` for the whole sample), those totals
  /// projected on the raking over every group of the table (without PSUs, the rows' residuals on
  /// the raking summed by stratum); with `replicates`, the replicate
  /// covariance of the cell proportions (R's `svychisq.svyrep.design`), from each replicate's
  /// cell totals as the file path takes them
  /// (``ReplicateWeights/cellShareCovariance(totals:proportions:)``).
  private func raoScottTest(
    groups: [Group], rows: [String], columns: [String], designRows: Int, degreesOfFreedom: Int, layout: DesignLayout,
    projection: (raking: GroupSumsRaking, domain: [String]?)?, replicates: CreatedReplicates?
  ) -> (RaoScottTest?, PearsonChiSquaredTest?) {
    let rowPosition = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element, $0.offset) })
    let columnPosition = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
    let cellCount = rows.count * columns.count
    let complete = groups.compactMap { group -> (group: Group, cell: Int)? in
      guard let row = group.category, let column = group.columnCategory else { return nil }
      return (group, rowPosition[row]! + rows.count * columnPosition[column]!)
    }
    var weightedCounts = [Double](repeating: 0, count: cellCount)
    var total = 0.0
    for (group, cell) in complete {
      weightedCounts[cell] += group.weightSum
      total += group.weightSum
    }
    let proportions = weightedCounts.map { $0 / total }
    if let replicates {
      let totals = replicates.totals(
        of: complete.map(\.group), cellCount: cellCount, cell: { group in
          rowPosition[group.category!]! + rows.count * columnPosition[group.columnCategory!]!
        }, value: \.weightSum, replicateValue: \.replicateSums)
      return RaoScottComputation.tests(
        proportions: proportions, covariance: replicates.weights.cellShareCovariance(totals: totals, proportions: proportions),
        rowCount: rows.count, columnCount: columns.count, designRows: designRows, degreesOfFreedom: degreesOfFreedom)
    }
    if let projection {
      let domain = projection.domain
      // zᵢₖ = w̃ᵢ(1[i in cell k] − p̂ₖ)/Σw̃ on the domain's rows with both values, 0 elsewhere, projected.
      func unit(_ group: Group) -> [Double]? {
        guard domain == nil || group.domain == domain, let row = group.category, let column = group.columnCategory
        else { return nil }
        var unit = proportions.map { -$0 / total }
        unit[rowPosition[row]! + rows.count * columnPosition[column]!] += 1 / total
        return unit
      }
      func sums(_ index: Int) -> (overWeights: [Double], influence: [Double])? {
        let group = self.groups[index]
        return unit(group).map { unit in (unit.map { Double(group.rows) * $0 }, unit.map { group.weightSum * $0 }) }
      }
      if rowsArePSUs {
        // Every row a PSU: row i of raking cell c has the residual w̃ᵢ·(a − B(c)), a = (e_k − p̂)/Σw̃
        // in cell k of the domain and 0 elsewhere (GroupSums.rakedNumericRowVariances).
        let shifts = projection.raking.rowShifts(groups: self.groups, statisticCount: cellCount, sums: sums).shifts
        var influence = RowGroupInfluence(statisticCount: cellCount, strataCount: layout.strata.count)
        for group in self.groups {
          let psu = layout.psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!
          let a = unit(group) ?? [Double](repeating: 0, count: cellCount)
          let base = projection.raking.cell(of: group) * cellCount
          influence.add(
            stratum: Int(layout.stratumOfPSU[Int(psu)]), rows: group.rows, weightSum: group.weightSum,
            weightSquareSum: group.weightSquareSum, coefficients: (0..<cellCount).map { a[$0] - shifts[base + $0] })
        }
        return RaoScottComputation.tests(
          proportions: proportions,
          covariance: influence.covariance(structure: layout.design.structure, lonelyPSU: declaration.lonelyPSU),
          rowCount: rows.count, columnCount: columns.count, designRows: designRows, degreesOfFreedom: degreesOfFreedom)
      }
      let totals = projection.raking.projectedTotals(
        groups: self.groups, psuOfGroup: self.groups.map { layout.psuIndex[PSUKey(stratum: $0.stratum, psu: $0.psu)]! },
        psuCount: layout.stratumOfPSU.count, statisticCount: cellCount, sums: sums)
      return RaoScottComputation.tests(
        proportions: proportions, covariance: layout.design.structure.covariance(of: totals, lonelyPSU: declaration.lonelyPSU),
        rowCount: rows.count, columnCount: columns.count, designRows: designRows, degreesOfFreedom: degreesOfFreedom)
    }
    if rowsArePSUs {
      // Every row a PSU: row i of cell c has zᵢ = wᵢ·(e_c − p̂)/Σw.
      var influence = RowGroupInfluence(statisticCount: cellCount, strataCount: layout.strata.count)
      for (group, cell) in complete {
        let psu = layout.psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!
        influence.add(
          stratum: Int(layout.stratumOfPSU[Int(psu)]), rows: group.rows, weightSum: group.weightSum,
          weightSquareSum: group.weightSquareSum,
          coefficients: (0..<cellCount).map { ((($0 == cell) ? 1 : 0) - proportions[$0]) / total })
      }
      let covariance = influence.covariance(structure: layout.design.structure, lonelyPSU: declaration.lonelyPSU)
      return RaoScottComputation.tests(
        proportions: proportions, covariance: covariance,
        rowCount: rows.count, columnCount: columns.count, designRows: designRows, degreesOfFreedom: degreesOfFreedom)
    }
    // z_jk = (W_jk − p̂ₖ·W_j)/Σw for every PSU j holding respondents with both values.
    var influence = InfluenceTotals(statisticCount: cellCount)
    var entryOfPSU: [Int32: Int] = [:]
    var entryWeight: [Double] = []
    for (group, cell) in complete {
      let psu = layout.psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!
      let entry: Int
      if let known = entryOfPSU[psu] {
        entry = known
      } else {
        entry = influence.appendPSU(psu)
        entryOfPSU[psu] = entry
        entryWeight.append(0)
      }
      let scaled = group.weightSum / total
      influence.totals[entry * cellCount + cell] += scaled
      entryWeight[entry] += scaled
    }
    for entry in entryWeight.indices {
      for cell in 0..<cellCount { influence.totals[entry * cellCount + cell] -= proportions[cell] * entryWeight[entry] }
    }
    let covariance = layout.design.structure.covariance(of: influence, lonelyPSU: declaration.lonelyPSU)
    return RaoScottComputation.tests(
      proportions: proportions, covariance: covariance, rowCount: rows.count, columnCount: columns.count,
      designRows: designRows, degreesOfFreedom: degreesOfFreedom)
  }
}
