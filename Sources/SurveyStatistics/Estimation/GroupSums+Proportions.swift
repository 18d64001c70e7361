extension GroupSums {
  /// The weighted proportion of every category in every domain, from the group sums alone: the
  /// estimates, standard errors, design effects, degrees of freedom and intervals of
  /// `SurveyDesign.proportions(of:by:method:level:)` (R's `svyby(~factor(x), ~by, design, svymean)`
  /// with `svyciprop()`), for a design without calibration or replicate-weight columns; with
  /// replicates created from the strata and PSUs, the replicate design's variances (logit
  /// coefficients refitted per replicate) and degrees of freedom (``createdReplicates(_:)``).
  ///
  /// The sums fill the same per-(domain, PSU) tally that the file path adds up row by row, and the
  /// variance is the same stratified sum over PSU totals (``GroupSums`` gives the formula); strata,
  /// domains and categories are ordered as the file path orders them (numerically when every value
  /// is a number).
  ///
  /// - Throws: ``GroupSumsError`` for a lonely PSU under `fail`, an unusable FPC, or the logit
  ///   interval without ``logitFirstStep``; ``SurveyError/emptyDomain(variable:domain:)`` when no
  ///   respondent has a value.
  /// - Complexity: O(g log g) for g groups.
  package func proportions(method: IntervalMethod = .logit, level: Double = 0.95) throws -> ProportionEstimates {
    try proportions(method: method, level: level, categories: nil)
  }

  /// ``proportions(method:level:)`` for the categories `requested`, observed or not (a category
  /// nobody in a domain chose has proportion 0 there), in every domain with respondents; `nil`
  /// for the observed categories. A cross-tab's cells need the empty ones too.
  ///
  /// With `raking`, the groups are raked (``raked(by:)``) and the variances those of the raked
  /// design (``rakedVariances(_:domain:categories:centres:total:design:psuOfGroup:)``; without
  /// PSUs, ``rakedRowVariances(_:domain:categories:centres:total:design:)``).
  func proportions(
    method: IntervalMethod, level: Double, categories requested: [String]?, raking: GroupSumsRaking? = nil
  ) throws -> ProportionEstimates {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let fitsLogit = Self.needsLogitFirstStep(method: method, declaration: declaration)
    if fitsLogit, logitFirstStep == nil { throw GroupSumsError.missingLogitFirstStep }

    var layout = try designLayout()
    try refuseRakedReplicates(raking)
    if let raking { layout.calibrate(raking) }
    let replicates = try createdReplicates(&layout, raking: raking)
    let strata = layout.strata, psuIndex = layout.psuIndex, stratumOfPSU = layout.stratumOfPSU

    // Domains ordered by the first variable's values, then the second's; categories sorted.
    let domainOrder = orderedDomains()
    let domainIndex = Dictionary(uniqueKeysWithValues: domainOrder.enumerated().map { ($0.element, $0.offset) })
    let categories = Self.sorted(Set(groups.compactMap(\.category)).union(requested ?? []))
    let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($0.element, $0.offset) })
    let k = categories.count, domainCount = domainOrder.count

    // (domain, PSU) slots, domain by domain, each domain's in PSU order.
    var slotOf: [SlotKey: Int] = [:]
    for group in groups {
      guard let domain = group.domain else { continue }
      slotOf[SlotKey(domain: domainIndex[domain]!, psu: psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!)] = 0
    }
    let slotKeys = slotOf.keys.sorted { ($0.domain, $0.psu) < ($1.domain, $1.psu) }
    var domainSlotStart = [Int](repeating: 0, count: domainCount + 1)
    for (slot, key) in slotKeys.enumerated() {
      slotOf[key] = slot
      domainSlotStart[key.domain + 1] += 1
    }
    for domain in 0..<domainCount { domainSlotStart[domain + 1] += domainSlotStart[domain] }

    // The tally's sums.
    var summaries = [CategoryTally.DomainSummary](repeating: .init(), count: domainCount)
    var categoryRespondents = [Int](repeating: 0, count: domainCount * k)
    var categoryWeight = [Double](repeating: 0, count: domainCount * k)
    var slotActiveRows = [Int32](repeating: 0, count: slotKeys.count)
    var slotWeights = [Double](repeating: 0, count: slotKeys.count * (k + 1))
    // Rows are the PSUs: each slot is a stratum of the domain; its rows and Σw² by category.
    var slotRows = [Int](repeating: 0, count: rowsArePSUs ? slotKeys.count : 0)
    var slotWeightSquares = [Double](repeating: 0, count: rowsArePSUs ? slotKeys.count * (k + 1) : 0)
    for group in groups {
      guard let domainValues = group.domain else { continue }
      let domain = domainIndex[domainValues]!
      summaries[domain].designRows += group.rows
      summaries[domain].designWeightTotal += group.weightSum
      let slot = slotOf[SlotKey(domain: domain, psu: psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!)]!
      if rowsArePSUs { slotRows[slot] += group.rows }
      guard let categoryValue = group.category else { continue }
      let category = categoryIndex[categoryValue]!
      if rowsArePSUs { slotWeightSquares[slot * (k + 1) + category] += group.weightSquareSum }
      summaries[domain].respondents += group.rows
      summaries[domain].weightTotal += group.weightSum
      summaries[domain].weightSquares += group.weightSquareSum
      categoryRespondents[domain * k + category] += group.rows
      categoryWeight[domain * k + category] += group.weightSum
      slotActiveRows[slot] += Int32(group.rows)
      slotWeights[slot * (k + 1) + category] += group.weightSum
      slotWeights[slot * (k + 1) + k] += group.weightSum
    }
    var stratumSeen = [Int](repeating: -1, count: strata.count)
    for domain in 0..<domainCount {
      var strataInDomain = 0
      for slot in domainSlotStart[domain]..<domainSlotStart[domain + 1] {
        let stratum = Int(stratumOfPSU[Int(slotKeys[slot].psu)])
        if stratumSeen[stratum] != domain {
          stratumSeen[stratum] = domain
          strataInDomain += 1
        }
      }
      let slots = domainSlotStart[domain]..<domainSlotStart[domain + 1]
      let psus = rowsArePSUs ? slotRows[slots].reduce(0, +) : slots.count
      summaries[domain].degreesOfFreedom = psus - strataInDomain
    }
    if let replicates {
      let ranks = replicates.ranks(of: groups, domainCount: domainCount) { $0.domain.map { domainIndex[$0]! } }
      for domain in 0..<domainCount { summaries[domain].degreesOfFreedom = ranks[domain] - 1 }
    }
    var categoryLogitSignedSum: [Double] = []
    var priorWeightScale: [Double] = []
    if fitsLogit, let logitFirstStep {
      categoryLogitSignedSum = [Double](repeating: 0, count: domainCount * k)
      for sums in logitFirstStep {
        guard let domain = domainIndex[sums.domain], let category = categoryIndex[sums.category] else { continue }
        categoryLogitSignedSum[domain * k + category] += sums.signedSum
        summaries[domain].logitSignedSum += sums.signedSum
        summaries[domain].logitWeight += sums.weight
        summaries[domain].logitDeviance += sums.deviance
      }
      priorWeightScale = summaries.map { Double(layout.design.designRows(ofDomainWith: $0.designRows)) / $0.designWeightTotal }
    }

    let tally = CategoryTally(
      categoryCount: k, domains: summaries, categoryRespondents: categoryRespondents, categoryWeight: categoryWeight,
      categoryLogitSignedSum: categoryLogitSignedSum, priorWeightScale: priorWeightScale,
      slotPSU: slotKeys.map(\.psu), domainSlotStart: domainSlotStart, slotActiveRows: slotActiveRows,
      slotWeights: slotWeights, slotWeightSquares: slotWeightSquares)
    let design = layout.design
    let psuOfGroup = raking == nil ? [] : groups.map { psuIndex[PSUKey(stratum: $0.stratum, psu: $0.psu)]! }
    let analysed = Variable(name: variable, categories: [])
    let observed = requested.map { $0.map { categoryIndex[$0]! } } ?? (0..<k).filter { tally.categoryIsObserved[$0] }
    let replicateTotals = replicates.map {
      replicateCategoryTotals($0, domainIndex: domainIndex, categoryIndex: categoryIndex)
    }
    var estimates: [ProportionEstimate] = []
    for domain in 0..<domainCount {
      guard summaries[domain].weightTotal > 0 else {
        if domainCount == 1 { throw SurveyError.emptyDomain(variable: variable, domain: "in the sample") }
        continue
      }
      let values = domainOrder[domain]
      let domainValue = Domain(levels: zip(domainVariables, values).map { Domain.Level(variable: $0, value: $1) })
      if let replicates, let replicateTotals {
        let replicated = replicates.weights.proportionVariances(
          replicateTotals, tally: tally, domainIndex: domain, categoryCount: k, domainCount: domainCount,
          categories: observed, fitsLogit: fitsLogit)
        for (position, category) in observed.enumerated() {
          estimates.append(tally.estimate(
            category: category, domainIndex: domain, domain: domainValue, variable: analysed, levels: categories,
            method: method, level: level, design: design, variance: replicated.variances[position],
            logitVariance: nil, replicateLogitVariance: replicated.logitVariances?[position]))
        }
        continue
      }
      let proportions = observed.map { tally.proportion(category: $0, domainIndex: domain) }
      func domainVariances(centres: [Double]) throws -> [Double] {
        if rowsArePSUs, let raking {
          return try rakedRowVariances(
            raking, domain: domainOrder[domain], categories: observed.map { categories[$0] }, centres: centres,
            total: summaries[domain].weightTotal, design: design)
        }
        if rowsArePSUs {
          return tally.rowVariances(domainIndex: domain, categories: observed, centres: centres, design: design)
        }
        guard let raking else {
          return tally.slotVariances(domainIndex: domain, categories: observed, centres: centres, design: design)
        }
        return rakedVariances(
          raking, domain: domainOrder[domain], categories: observed.map { categories[$0] }, centres: centres,
          total: summaries[domain].weightTotal, design: design, psuOfGroup: psuOfGroup)
      }
      let variances = try domainVariances(centres: proportions)
      var logitVariances: [Double]?
      if fitsLogit {
        let fittedMeans = observed.map { tally.logitFit(category: $0, domainIndex: domain)?.mean ?? .nan }
        logitVariances = try domainVariances(centres: fittedMeans)
      }
      for (position, category) in observed.enumerated() {
        estimates.append(tally.estimate(
          category: category, domainIndex: domain, domain: domainValue, variable: analysed, levels: categories,
          method: method, level: level, design: design, variance: variances[position],
          logitVariance: logitVariances?[position]))
      }
    }
    if domainCount == 0 { throw SurveyError.emptyDomain(variable: variable, domain: "in the sample") }
    return ProportionEstimates(estimates, design: layout.summary)
  }

  /// Whether proportions by `method` on `declaration`'s design need ``logitFirstStep``: the logit
  /// interval, and the likelihood interval with replicates (whose coefficient variance comes from
  /// replicate fits started at the full-sample one), as on a file.
  package static func needsLogitFirstStep(method: IntervalMethod, declaration: DesignDeclaration) -> Bool {
    method == .logit || (method == .likelihood && declaration.replicates != nil)
  }

  /// The design of the groups: strata in presentation order, PSUs nested in them (keyed by
  /// stratum and PSU), the FPC, the lonely-PSU check, and the design summary.
  struct DesignLayout {
    var strata: [String]
    var psuIndex: [PSUKey: Int32]
    var stratumOfPSU: [Int32]
    var design: TallyDesign
    var summary: DesignSummary
  }

  /// The ``DesignLayout`` of the groups. Groups whose rows are the PSUs (``rowsArePSUs``) make one
  /// pseudo-PSU per stratum in `psuIndex`, with n_h the stratum's rows.
  ///
  /// - Throws: ``GroupSumsError`` for a lonely PSU under `fail`, an unusable FPC, or groups without
  ///   PSUs with replicates created from the design (each PSU, here each row, would need its own
  ///   multiplier).
  func designLayout() throws -> DesignLayout {
    if rowsArePSUs, declaration.replicates != nil {
      throw GroupSumsError.needsPSUs(analysis: "replicates created from the design")
    }
    let strata = Self.sorted(Set(groups.map(\.stratum)))
    let stratumIndex = Dictionary(uniqueKeysWithValues: strata.enumerated().map { ($0.element, Int32($0.offset)) })
    var psuIndex: [PSUKey: Int32] = [:]
    var stratumOfPSU: [Int32] = []
    for group in groups {
      let key = PSUKey(stratum: group.stratum, psu: group.psu)
      if psuIndex[key] == nil {
        psuIndex[key] = Int32(stratumOfPSU.count)
        stratumOfPSU.append(stratumIndex[group.stratum]!)
      }
    }
    var rowsInStratum: [Int]?
    if rowsArePSUs {
      rowsInStratum = [Int](repeating: 0, count: strata.count)
      for group in groups { rowsInStratum![Int(stratumIndex[group.stratum]!)] += group.rows }
    }
    var structure = DesignStructure(
      stratumNames: strata, stratumOfPSU: stratumOfPSU, populationPSUCount: nil,
      strataVariable: declaration.strata, psuCountInStratum: rowsInStratum)
    if !finitePopulationCorrection.isEmpty {
      structure = DesignStructure(
        stratumNames: strata, stratumOfPSU: stratumOfPSU,
        populationPSUCount: try populationPSUCounts(strata: strata, sampled: structure.psuCountInStratum),
        strataVariable: declaration.strata, psuCountInStratum: rowsInStratum)
    }
    // Replicate-weight columns give the variance; a table's groups then need no PSUs (without a
    // PSU column each row is its own, as on a file).
    let suppliesReplicates = suppliedReplicates != nil
    if declaration.lonelyPSU == .fail, !suppliesReplicates {
      for stratum in strata.indices
      where structure.psuCountInStratum[stratum] == 1 && structure.finitePopulationFactor[stratum] >= 1e-7 {
        throw GroupSumsError.lonelyPSU(stratum: strata[stratum], strataVariable: declaration.strata)
      }
    }
    let rowCount = groups.reduce(0) { $0 + $1.rows }
    let design = TallyDesign(
      structure: structure, lonelyPSU: declaration.lonelyPSU, isCalibrated: false,
      hasReplicates: declaration.replicates != nil,
      rowCount: rowCount)
    let psus = rowsArePSUs || (suppliesReplicates && declaration.clusters == nil) ? rowCount : stratumOfPSU.count
    let summary = DesignSummary(
      declaration: declaration, respondents: rowCount, strata: strata.count, psus: psus,
      degreesOfFreedom: (rowsArePSUs ? rowCount : stratumOfPSU.count) - strata.count,
      weightTotal: groups.reduce(0) { $0 + $1.weightSum }, raking: nil)
    return DesignLayout(
      strata: strata, psuIndex: psuIndex, stratumOfPSU: stratumOfPSU, design: design, summary: summary)
  }

  /// The domains' values, ordered by the first variable's values, then the second's (as the file path).
  func orderedDomains() -> [[String]] {
    let domainKeys = Set(groups.compactMap(\.domain))
    let ranks = domainVariables.indices.map { position in
      let values = Self.sorted(Set(domainKeys.map { $0[position] }))
      return Dictionary(uniqueKeysWithValues: values.enumerated().map { ($0.element, $0.offset) })
    }
    return domainKeys.sorted { left, right in
      let a = left.indices.map { ranks[$0][left[$0]]! }, b = right.indices.map { ranks[$0][right[$0]]! }
      return a.lexicographicallyPrecedes(b)
    }
  }

  /// N_h for each stratum from ``finitePopulationCorrection``, as R's `as.fpc`: population counts
  /// when a value is above 1, sampling fractions otherwise (N_h = n_h / f, infinite for f = 0).
  private func populationPSUCounts(strata: [String], sampled: [Int]) throws -> [Double] {
    let isCount = finitePopulationCorrection.values.contains { $0 > 1 }
    return try strata.enumerated().map { stratum, name in
      let value = finitePopulationCorrection[name] ?? 1
      let n = Double(sampled[stratum])
      if isCount, value < 1 || value < n * (1 - 1e-12) {
        throw GroupSumsError.invalidFPC(stratum: name, value: value, sampledPSUs: sampled[stratum])
      }
      if !isCount, value < 0 { throw GroupSumsError.invalidFPC(stratum: name, value: value, sampledPSUs: sampled[stratum]) }
      return isCount ? value : (value == 0 ? .infinity : n / value)
    }
  }

  /// Values in the file path's order: numerically when all are numbers, otherwise by their bytes.
  static func sorted(_ values: Set<String>) -> [String] {
    let levels = Array(values)
    return CategoricalValues(codes: [], levels: levels).sortedLevelIndices().map { levels[$0] }
  }

  struct PSUKey: Hashable {
    var stratum: String
    var psu: String
  }

  private struct SlotKey: Hashable {
    var domain: Int
    var psu: Int32
  }
}
