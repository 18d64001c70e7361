extension GroupSums {
  /// The privacy-paradox measures of ``SurveyDesign/paradox(_:by:method:level:)`` from group sums
  /// alone, for a design without calibration: the groups' category is the
  /// respondent's concern × action cell, `"0"` (neither), `"1"` (acting only), `"2"` (concerned
  /// only) or `"3"` (both), as the file path names the cell of a row, and `nil`
  /// for a respondent missing an item of the definition (masked: the PSU still counts in n_h).
  ///
  /// Why Σw by stratum × PSU × domain × cell is enough: every measure θ is a smooth function of the
  /// four Hájek cell shares, so its influence value is zᵢ = wᵢ·a_θ[k(i)] (`ParadoxTable`), and its
  /// PSU total is Σ_k a_θ[k]·W_hjk with W_hjk = Σw over the PSU's respondents of cell k. The
  /// variances are then the file path's stratified sums over those totals
  /// (`DesignStructure.covariance(of:lonelyPSU:)`), with n_h from every PSU of the groups, and the
  /// measures, intervals and between-domain comparisons are the file path's own code
  /// (`TallyDesign.measures(of:domain:variances:method:level:)` and
  /// `TallyDesign.compare(_:tables:covariance:degreesOfFreedom:level:)`) — so a table summed by
  /// a database gives the file's numbers (to the rounding of the sums' order).
  ///
  /// With `raking` (the groups keyed by their raking cell too, ``Group/rakingCell``), the measures
  /// of the design raked to its margins (R's `rake()` then the paradox's `svymean`/`svyciprop`):
  /// the tables use the raked weights (``raked(by:)``), and the influence values w̃ᵢ·a_θ[k(i)] are
  /// projected on the raking over every group
  /// (``GroupSumsRaking/projectedTotals(groups:psuOfGroup:psuCount:statisticCount:sums:)``), as the
  /// file path projects them row by row; the degrees of freedom still count the PSUs of each
  /// (sub)sample's respondents, and the intervals take the rows of the whole table as `nrow()`.
  /// Without PSUs (``rowsArePSUs``), the covariances are those of the rows' residuals on the
  /// raking, w̃ᵢ(a[k(i)] − B(c)) for every row of every group, summed by stratum
  /// (``rakedNumericRowVariances(_:tally:design:total:ratio:domainIndex:sums:)`` gives the formula).
  ///
  /// With replicates, replicate-weight columns (R's `svrepdesign()`: the groups carry each
  /// replicate's Σ a_r, ``suppliedReplicates`` and ``paradoxRanks`` the ranks of all rows' and of
  /// the complete and concerned respondents' replicate weights) or created from the strata and
  /// PSUs (R's `as.svrepdesign()`), the replicate analysis of
  /// ``replicateParadox(_:replicates:layout:overallTable:domainTables:domainIndices:domainOrder:method:level:raking:)``,
  /// with ``paradoxFirstSteps`` for the logit and likelihood intervals. Raked too (R's `rake()` of
  /// the `svyrep.design`), `raking` must have raked every replicate
  /// (``rakingReplicates(_:)``): replicate r weighs a row of raking cell c by a_ri·F_r(c), so every
  /// replicate cell total of the paradox's (sub)samples is Σ_c F_r(c)·(Σ a_r over the cell's rows
  /// there) — the groups' replicate sums times F_r(c) (``raked(by:)``), or for created replicates
  /// the PSUs' Σw·F(c) times m_rj·F_r(c)/F(c) — and the ranks are those of the raked replicate
  /// weights (``paradoxRanks``, or from the PSU × raking cell sums of created replicates).
  ///
  /// ```swift
  /// let sums = try design.paradoxGroupSums(definition, by: ["age_band"])
  /// let analysis = try sums.paradox(definition)   // == design.paradox(definition, by: ["age_band"])
  /// ```
  ///
  /// - Throws: ``ParadoxError/noCompleteRespondents(definition:)`` when nobody answered every
  ///   item; ``GroupSumsError`` for a lonely PSU under `fail`, an unusable FPC, or the logit
  ///   interval on replicates without ``paradoxFirstSteps``; ``ReplicateError`` for replicates with
  ///   a `raking` that did not rake them, replicate-weight columns without their ranks, or
  ///   replicates the method cannot create.
  /// - Complexity: O(g log g + e·D²) for g groups, e PSUs and D domains; raked, O(g·D) more for the
  ///   projections.
  package func paradox(
    _ definition: ParadoxDefinition, method: IntervalMethod = .logit, level: Double = 0.95,
    raking: GroupSumsRaking? = nil
  ) throws -> ParadoxAnalysis {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    try refuseRakedReplicates(raking)
    if let raking { return try raked(by: raking).paradox(definition, method: method, level: level, rakedBy: raking) }
    return try paradox(definition, method: method, level: level, rakedBy: nil)
  }

  /// ``paradox(_:method:level:raking:)`` on groups already raked by `raking` (`nil`: not raked).
  private func paradox(
    _ definition: ParadoxDefinition, method: IntervalMethod, level: Double, rakedBy raking: GroupSumsRaking?
  ) throws -> ParadoxAnalysis {
    var layout = try designLayout()
    if let raking { layout.calibrate(raking) }
    let replicates = try createdReplicates(&layout, raking: raking)
    let structure = layout.design.structure, lonelyPSU = declaration.lonelyPSU
    let hasDomains = !domainVariables.isEmpty
    let domainOrder = hasDomains ? orderedDomains() : []
    let domainIndex = Dictionary(uniqueKeysWithValues: domainOrder.enumerated().map { ($0.element, $0.offset) })

    // The weighted 2×2 table of the whole sample and of every domain.
    let complete = groups.compactMap { group -> (group: Group, cell: Int)? in
      guard let category = group.category, let cell = Int(category), (0..<4).contains(cell) else { return nil }
      return (group, cell)
    }
    var overallTable = ParadoxTable()
    var domainTable = [ParadoxTable](repeating: ParadoxTable(), count: domainOrder.count)
    for (group, cell) in complete {
      overallTable.counts[cell] += group.rows
      overallTable.weights[cell] += group.weightSum
      if hasDomains, let domain = group.domain.flatMap({ domainIndex[$0] }) {
        domainTable[domain].counts[cell] += group.rows
        domainTable[domain].weights[cell] += group.weightSum
      }
    }
    guard overallTable.respondents > 0 else { throw ParadoxError.noCompleteRespondents(definition: definition) }
    let domainIndices = domainTable.indices.filter { domainTable[$0].respondents > 0 }
    var positionOfDomain = [Int](repeating: -1, count: domainOrder.count)
    for (position, index) in domainIndices.enumerated() { positionOfDomain[index] = position }
    if let replicates {
      return try replicateParadox(
        definition, replicates: replicates, layout: layout, overallTable: overallTable,
        domainTables: domainIndices.map { domainTable[$0] }, domainIndices: domainIndices, domainOrder: domainOrder,
        method: method, level: level, raking: raking)
    }
    let coefficients = domainIndices.map { domainTable[$0].influenceCoefficients }

    // PSU totals Σ_k a_θ[k]·W_hjk of the whole sample (one entry per PSU with complete
    // respondents) and of every analysed domain (one entry per PSU with its respondents).
    let statistics = ParadoxTable.Statistic.allCases.count
    let overallCoefficients = overallTable.influenceCoefficients
    var overall = PSUTotals(statistics: statistics)
    var domains = [PSUTotals](repeating: PSUTotals(statistics: statistics), count: domainIndices.count)
    for (group, cell) in complete {
      let psu = layout.psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!
      overall.add(group.weightSum, times: overallCoefficients, cell: cell, psu: psu)
      if hasDomains, let index = group.domain.flatMap({ domainIndex[$0] }), positionOfDomain[index] >= 0 {
        let position = positionOfDomain[index]
        domains[position].add(group.weightSum, times: coefficients[position], cell: cell, psu: psu)
      }
    }
    // Raked: the PSU totals of zᵢ = w̃ᵢ·a[k(i)] (`coefficients` of a group, nil outside), projected.
    let psuOfGroup = raking == nil ? [] : groups.map { layout.psuIndex[PSUKey(stratum: $0.stratum, psu: $0.psu)]! }
    func projectedTotals(_ k: Int, _ coefficients: (Group, Int) -> [Double]?) -> InfluenceTotals {
      raking!.projectedTotals(
        groups: groups, psuOfGroup: psuOfGroup, psuCount: layout.stratumOfPSU.count, statisticCount: k
      ) { index in
        let group = groups[index]
        guard let category = group.category, let cell = Int(category), (0..<4).contains(cell),
          let a = coefficients(group, cell)
        else { return nil }
        return (a.map { Double(group.rows) * $0 }, a.map { group.weightSum * $0 })
      }
    }
    // A (sub)sample's coefficients of a group's cell: nil outside domain `position` (if any).
    func projection(_ coefficients: [[Double]?], inDomain position: Int?) -> (Group, Int) -> [Double]? {
      { group, cell in
        if let position, group.domain.flatMap({ domainIndex[$0] }).map({ positionOfDomain[$0] }) != position {
          return nil
        }
        return coefficients.map { $0?[cell] ?? 0 }
      }
    }
    func projected(_ coefficients: [[Double]?], inDomain position: Int?) -> InfluenceTotals {
      projectedTotals(statistics, projection(coefficients, inDomain: position))
    }
    // Every row a PSU: zᵢ = wᵢ·a[k(i)] for the cell k(i) of each group's rows (RowGroupInfluence).
    func stratum(of group: Group) -> Int {
      Int(layout.stratumOfPSU[Int(layout.psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!)])
    }
    func position(of group: Group) -> Int? {
      group.domain.flatMap { domainIndex[$0] }.flatMap { positionOfDomain[$0] >= 0 ? positionOfDomain[$0] : nil }
    }
    func rowStatistics(_ coefficients: [[Double]?], inDomain domain: Int?) -> ParadoxVariances.Statistics {
      var influence = RowGroupInfluence(statisticCount: statistics, strataCount: layout.strata.count)
      var concerned = [Int](repeating: 0, count: layout.strata.count)
      for (group, cell) in complete where domain == nil || position(of: group) == domain {
        influence.add(
          stratum: stratum(of: group), rows: group.rows, weightSum: group.weightSum,
          weightSquareSum: group.weightSquareSum, coefficients: coefficients.map { $0?[cell] ?? 0 })
        if cell >= 2 { concerned[stratum(of: group)] += group.rows }
      }
      let matrix = influence.covariance(structure: structure, lonelyPSU: lonelyPSU)
      // Rows − strata among the rows holding respondents (all, or concerned ones).
      func degreesOfFreedom(_ rows: [Int]) -> Int { rows.reduce(0, +) - rows.filter { $0 > 0 }.count }
      return .init(
        variances: (0..<statistics).map { matrix[$0 * statistics + $0] },
        degreesOfFreedom: degreesOfFreedom(influence.presentRows), concernedDegreesOfFreedom: degreesOfFreedom(concerned))
    }
    // Raked, every row a PSU: row i of raking cell c has the residual w̃ᵢ·(a[k(i)] − B(c)), with
    // a = 0 outside (GroupSums.rakedNumericRowVariances), every group counting in its stratum.
    func rakedRowCovariance(_ k: Int, _ coefficients: (Group, Int) -> [Double]?) -> [Double] {
      func unit(_ group: Group) -> [Double]? {
        guard let category = group.category, let cell = Int(category), (0..<4).contains(cell) else { return nil }
        return coefficients(group, cell)
      }
      let shifts = raking!.rowShifts(groups: groups, statisticCount: k) { index in
        let group = groups[index]
        return unit(group).map { a in (a.map { Double(group.rows) * $0 }, a.map { group.weightSum * $0 }) }
      }.shifts
      var influence = RowGroupInfluence(statisticCount: k, strataCount: layout.strata.count)
      for group in groups {
        let a = unit(group) ?? [Double](repeating: 0, count: k), base = raking!.cell(of: group) * k
        influence.add(
          stratum: stratum(of: group), rows: group.rows, weightSum: group.weightSum,
          weightSquareSum: group.weightSquareSum, coefficients: (0..<k).map { a[$0] - shifts[base + $0] })
      }
      return influence.covariance(structure: structure, lonelyPSU: lonelyPSU)
    }
    func variances(
      _ totals: PSUTotals, projecting coefficients: [[Double]?], inDomain position: Int?
    ) -> ParadoxVariances.Statistics {
      if rowsArePSUs, raking != nil {
        let rows = rowStatistics(coefficients, inDomain: position)
        let matrix = rakedRowCovariance(statistics, projection(coefficients, inDomain: position))
        return .init(
          variances: (0..<statistics).map { matrix[$0 * statistics + $0] }, degreesOfFreedom: rows.degreesOfFreedom,
          concernedDegreesOfFreedom: rows.concernedDegreesOfFreedom)
      }
      if rowsArePSUs { return rowStatistics(coefficients, inDomain: position) }
      let influence = raking == nil ? totals.influence : projected(coefficients, inDomain: position)
      let matrix = structure.covariance(of: influence, lonelyPSU: lonelyPSU)
      return .init(
        variances: (0..<statistics).map { matrix[$0 * statistics + $0] },
        degreesOfFreedom: totals.degreesOfFreedom(structure: structure, concernedOnly: false),
        concernedDegreesOfFreedom: totals.degreesOfFreedom(structure: structure, concernedOnly: true))
    }

    // The between-domain covariance of every domain's gap and paradox share.
    var comparisonCovariance: [Double] = []
    let gap = ParadoxTable.Statistic.gap.rawValue, share = ParadoxTable.Statistic.paradoxShare.rawValue
    // A group's coefficients of every domain's gap and share (nil outside the analysed domains).
    func comparisonCoefficients(_ group: Group, _ cell: Int) -> [Double]? {
      guard let index = group.domain.flatMap({ domainIndex[$0] }), positionOfDomain[index] >= 0 else { return nil }
      let position = positionOfDomain[index]
      var a = [Double](repeating: 0, count: 2 * domainIndices.count)
      a[2 * position] = coefficients[position][gap]?[cell] ?? 0
      a[2 * position + 1] = coefficients[position][share]?[cell] ?? 0
      return a
    }
    if domainIndices.count > 1, rowsArePSUs, raking != nil {
      comparisonCovariance = rakedRowCovariance(2 * domainIndices.count, comparisonCoefficients)
    } else if domainIndices.count > 1, rowsArePSUs {
      // Every complete row counts in its stratum (zero outside the analysed domains), as the
      // PSUs of the whole sample's complete respondents do below.
      var influence = RowGroupInfluence(statisticCount: 2 * domainIndices.count, strataCount: layout.strata.count)
      for (group, cell) in complete {
        var a = [Double](repeating: 0, count: 2 * domainIndices.count)
        if let position = position(of: group) {
          a[2 * position] = coefficients[position][gap]?[cell] ?? 0
          a[2 * position + 1] = coefficients[position][share]?[cell] ?? 0
        }
        influence.add(
          stratum: stratum(of: group), rows: group.rows, weightSum: group.weightSum,
          weightSquareSum: group.weightSquareSum, coefficients: a)
      }
      comparisonCovariance = influence.covariance(structure: structure, lonelyPSU: lonelyPSU)
    } else if domainIndices.count > 1, raking != nil {
      let totals = projectedTotals(2 * domainIndices.count, comparisonCoefficients)
      comparisonCovariance = structure.covariance(of: totals, lonelyPSU: lonelyPSU)
    } else if domainIndices.count > 1 {
      let entryOfPSU = Dictionary(uniqueKeysWithValues: overall.influence.psus.enumerated().map { ($0.element, $0.offset) })
      var entries: [Int] = [], positions: [Int32] = [], totals: [Double] = []
      for (position, domain) in domains.enumerated() {
        for (slot, psu) in domain.influence.psus.enumerated() {
          entries.append(entryOfPSU[psu]!)
          positions.append(Int32(position))
          totals.append(domain.influence.totals[slot * statistics + gap])
          totals.append(domain.influence.totals[slot * statistics + share])
        }
      }
      let sparse = SparseInfluenceTotals(
        psus: overall.influence.psus, groupCount: domainIndices.count, groupWidth: 2, entryOfSlot: entries,
        groupOfSlot: positions, totals: totals)
      comparisonCovariance = sparse.psus.count * 2 * domainIndices.count <= 1 << 22
        ? structure.covariance(of: sparse.stacked, lonelyPSU: lonelyPSU)
        : structure.covariance(ofSparse: sparse, lonelyPSU: lonelyPSU)
    }

    let design = layout.design
    let overallMeasures = design.measures(
      of: overallTable, domain: .wholeSample,
      variances: variances(overall, projecting: overallCoefficients, inDomain: nil), method: method, level: level)
    let domainMeasures = domainIndices.enumerated().map { position, index in
      let values = domainOrder[index]
      let domain = Domain(levels: zip(domainVariables, values).map { Domain.Level(variable: $0, value: $1) })
      return design.measures(
        of: domainTable[index], domain: domain,
        variances: variances(domains[position], projecting: coefficients[position], inDomain: position),
        method: method, level: level)
    }
    let comparisons = design.compare(
      domainMeasures, tables: domainIndices.map { domainTable[$0] }, covariance: comparisonCovariance,
      degreesOfFreedom: overallMeasures.gap.degreesOfFreedom, level: level)
    return ParadoxAnalysis(
      definition: definition, domainVariables: domainVariables, overall: overallMeasures, domains: domainMeasures,
      comparisons: comparisons, method: method, level: level, design: layout.summary)
  }

  /// The PSU totals of the seven statistics of one (sub)sample, and which PSUs hold a concerned
  /// respondent (for the degrees of freedom of inaction among the concerned).
  private struct PSUTotals {
    var influence: InfluenceTotals
    var entryOfPSU: [Int32: Int] = [:]
    var hasConcerned: [Bool] = []

    init(statistics: Int) { influence = InfluenceTotals(statisticCount: statistics) }

    /// Adds W·a_θ[cell] for every statistic θ (0 where θ has no coefficients) to `psu`'s totals.
    mutating func add(_ weight: Double, times coefficients: [[Double]?], cell: Int, psu: Int32) {
      var entry = entryOfPSU[psu] ?? -1
      if entry < 0 {
        entry = influence.appendPSU(psu)
        entryOfPSU[psu] = entry
        hasConcerned.append(false)
      }
      let k = influence.statisticCount
      for statistic in 0..<k {
        influence.totals[entry * k + statistic] += weight * (coefficients[statistic]?[cell] ?? 0)
      }
      if cell >= 2 { hasConcerned[entry] = true }
    }

    /// PSUs − strata among the PSUs holding respondents (all, or concerned ones).
    func degreesOfFreedom(structure: DesignStructure, concernedOnly: Bool) -> Int {
      var seen = Set<Int32>()
      var psus = 0
      for (entry, psu) in influence.psus.enumerated() where !concernedOnly || hasConcerned[entry] {
        psus += 1
        seen.insert(structure.stratumOfPSU[Int(psu)])
      }
      return psus - seen.count
    }
  }
}

extension SurveyDesign {
  /// The group sums of a paradox analysis summed from the rows, as a database sums them: Σw, Σw²
  /// and the rows by stratum × PSU × domain × concern-action cell (``GroupSums/paradox(_:method:level:raking:)``
  /// gives the cells' names), the table that a database returns for the same rows.
  ///
  /// - Throws: ``ParadoxError`` for an unusable definition; ``SurveyError`` for unknown variables.
  package func paradoxGroupSums(_ definition: ParadoxDefinition, by domainVariables: [String] = []) throws -> GroupSums {
    precondition(!isCalibrated && replicates == nil, "group sums describe a design without calibration or replicates")
    let cells = try definition.cells(in: survey)
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    struct Key: Hashable {
      var psu: Int32
      var domain: Int32
      var cell: Int8
    }
    var sums: [Key: (rows: Int, weight: Double, weightSquares: Double)] = [:]
    // Without a PSU column every row is its own PSU: the "PSU" key is the stratum, as a database
    // groups the rows (GroupSums.rowsArePSUs).
    let rowsArePSUs = declaration.clusters == nil
    for row in 0..<respondentCount {
      let weight = weights[row]
      let psu = rowsArePSUs ? structure.stratumOfRow[row] : structure.psuOfRow[row]
      let key = Key(psu: psu, domain: partition.domainOfRow[row], cell: cells[row])
      sums[key, default: (0, 0, 0)].rows += 1
      sums[key, default: (0, 0, 0)].weight += weight
      sums[key, default: (0, 0, 0)].weightSquares += weight * weight
    }
    let domainValues = partition.domains.map { $0.levels.map(\.value) }
    let groups = sums.map { key, sums in
      GroupSums.Group(
        stratum: structure.stratumNames[Int(rowsArePSUs ? key.psu : structure.stratumOfPSU[Int(key.psu)])],
        psu: rowsArePSUs ? "" : String(key.psu), domain: key.domain < 0 ? nil : domainValues[Int(key.domain)],
        category: key.cell < 0 ? nil : String(key.cell), rows: sums.rows, weightSum: sums.weight,
        weightSquareSum: sums.weightSquares)
    }
    var correction: [String: Double] = [:]
    if let populationPSUCount = structure.populationPSUCount {
      for (stratum, name) in structure.stratumNames.enumerated() { correction[name] = populationPSUCount[stratum] }
    }
    var groupSums = GroupSums(
      variable: definition.concern.variable, domainVariables: domainVariables, declaration: declaration, groups: groups,
      finitePopulationCorrection: correction)
    groupSums.rowsArePSUs = rowsArePSUs
    return groupSums
  }
}

extension ParadoxDefinition {
  /// The concern × action cell of a respondent whose items read `concern` and `actions` (in the
  /// order of ``actions``; `nil` for a missing value), matched as ``Indicator`` matches a file's
  /// values (as written, or as numbers): 2·C + A, or `nil` when an item is missing.
  package func cell(concern: String?, actions: [String?]) -> Int? {
    guard let concern, !actions.contains(nil) else { return nil }
    let acting = zip(self.actions, actions).filter { $0.matches($1!) }.count >= minimumActions
    return 2 * (self.concern.matches(concern) ? 1 : 0) + (acting ? 1 : 0)
  }

  /// Throws ``ParadoxError/valuesNeverObserved(indicator:role:observed:)`` for the first item of
  /// the definition none of whose values is among `observed` (the item's values present in the
  /// data, concern first, then the actions).
  package func checkObserved(_ observed: [Set<String>]) throws {
    try validate()
    for (position, indicator) in ([concern] + actions).enumerated() {
      let values = observed.indices.contains(position) ? observed[position] : []
      guard !values.contains(where: indicator.matches) else { continue }
      throw ParadoxError.valuesNeverObserved(
        indicator: indicator, role: position == 0 ? "concern item" : "action item",
        observed: Array(GroupSums.sorted(values).prefix(12)))
    }
  }
}

extension Indicator {
  /// Whether a value, as written, is one of ``values`` (also as numbers).
  package func matches(_ value: String) -> Bool {
    if values.contains(value) { return true }
    guard let number = Double(value.trimmingSpaces()) else { return false }
    return values.contains { Double($0.trimmingSpaces()) == number }
  }
}
