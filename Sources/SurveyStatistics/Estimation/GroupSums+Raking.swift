extension GroupSums {
  /// The weighted proportions of every category in every domain on the design raked to
  /// `raking`'s margins, from the group sums alone: the numbers of
  /// `SurveyDesign.raked(to:options:)` then `proportions(of:by:method:level:)` (R's `rake()` then
  /// `svymean` and `svyciprop`).
  ///
  /// The groups must carry their raking cell (``Group/rakingCell``). The estimates use the raked
  /// weights wᵢ·F(c) (``raked(by:)``); the variances project the influence values
  /// zᵢ = w̃ᵢ·1[i ∈ d]·(1[yᵢ = k] − p̂)/N̂_d on the raking as R's `svyrecvar()` does, which needs
  /// only the rows, Σw and the factors of each stratum × PSU × cell × domain × category
  /// (``GroupSumsRaking/projectedTotals(groups:psuOfGroup:psuCount:statisticCount:unitInfluence:)``);
  /// as in R, `subset()` of a calibrated design keeps every row, so a domain's rows are the
  /// table's and svyglm's prior weights are scaled over all of them. The logit interval needs
  /// ``logitFirstStep`` summed with the raked weights scaled by ``rakedPriorWeightScales(_:)``.
  ///
  /// - Throws: as ``proportions(method:level:)``.
  package func proportions(method: IntervalMethod, level: Double, raking: GroupSumsRaking) throws -> ProportionEstimates {
    try raked(by: raking).proportions(method: method, level: level, categories: nil, raking: raking)
  }

  /// The groups with the raked weights: Σw·F(c), Σw²·F(c)², Σw·y·F(c) and Σw·y²·F(c) (and a
  /// ratio's Σw·x·F(c), Σw·x²·F(c) and Σw·x·y·F(c); without PSUs, Σw²·y, Σw²·y², Σw²·x, Σw²·x² and
  /// Σw²·x·y times F(c)²) for the factor F(c) of each group's raking cell; with raked replicates
  /// (``GroupSumsRaking/replicateFactors``), each replicate's Σ a_r, Σ a_r·y (and a ratio's Σ a_r·x)
  /// times its own factor F_r(c).
  package func raked(by raking: GroupSumsRaking) -> GroupSums {
    var raked = self
    let cellCount = raking.cells.count
    raked.groups = groups.map { group in
      var group = group
      let cell = raking.cell(of: group)
      let factor = raking.factors[cell]
      group.weightSum *= factor
      group.weightSquareSum *= factor * factor
      group.valueSum *= factor
      group.valueSquareSum *= factor
      group.denominatorSum *= factor
      group.denominatorSquareSum *= factor
      group.crossProductSum *= factor
      // Without PSUs, the sums of w̃² = w²·F(c)² times y, y², x, x² and x·y.
      let squareFactor = factor * factor
      group.weightSquareValueSum *= squareFactor
      group.weightSquareValueSquareSum *= squareFactor
      group.weightSquareDenominatorSum *= squareFactor
      group.weightSquareDenominatorSquareSum *= squareFactor
      group.weightSquareCrossProductSum *= squareFactor
      if let replicateFactors = raking.replicateFactors {
        for r in group.replicateSums.indices { group.replicateSums[r] *= replicateFactors[r * cellCount + cell] }
        for r in group.replicateValueSums.indices {
          group.replicateValueSums[r] *= replicateFactors[r * cellCount + cell]
        }
        for r in group.replicateDenominatorSums.indices {
          group.replicateDenominatorSums[r] *= replicateFactors[r * cellCount + cell]
        }
      }
      return group
    }
    return raked
  }

  /// `raking` with the replicates raked too (``GroupSumsRaking/rakingReplicates(cellTotals:count:)``),
  /// from each replicate's Σ a_r by raking cell: the groups' replicate sums
  /// (``Group/replicateSums``) for replicate-weight columns, Σ_j m_rj·Σw over the PSUs j for
  /// replicates created from the strata and PSUs (``createdReplicates(_:raking:)``); `raking` as it
  /// is for a design without replicates.
  ///
  /// - Throws: ``ReplicateError`` for replicates the method cannot create on the design;
  ///   ``WeightingError`` for a replicate without weight in a margin's cell.
  package func rakingReplicates(_ raking: GroupSumsRaking) throws -> GroupSumsRaking {
    guard let replication = declaration.replicates else { return raking }
    let cellCount = raking.cells.count
    guard case .columns = replication.source else {
      var layout = try designLayout()
      let created = try createdReplicates(&layout)!
      let totals = created.totals(
        of: groups, cellCount: cellCount, cell: { raking.cell(of: $0) }, value: \.weightSum,
        replicateValue: \.replicateSums)
      return try raking.rakingReplicates(cellTotals: totals, count: created.count)
    }
    let count = groups.first { !$0.replicateSums.isEmpty }?.replicateSums.count ?? 0
    var totals = [Double](repeating: 0, count: count * cellCount)
    for group in groups where !group.replicateSums.isEmpty {
      let cell = raking.cell(of: group)
      for r in 0..<count { totals[r * cellCount + cell] += group.replicateSums[r] }
    }
    return try raking.rakingReplicates(cellTotals: totals, count: count)
  }

  /// The scale of R's `svyglm` prior weights for the rows of each domain and raking cell, keyed
  /// by the domain's values then the cell's: (the table's rows / the domain's raked Σw)·F(c), what
  /// a database multiplies each weight by for ``LogitFirstStep`` on the raked design. A raked
  /// replicate design is not calibrated for R (its variance comes from the replicates), so its
  /// domains keep their own rows: (the domain's rows / its raked Σw)·F(c).
  package func rakedPriorWeightScales(_ raking: GroupSumsRaking) -> [[String]: Double] {
    let allRows = Double(groups.reduce(0) { $0 + $1.rows })
    var rakedTotal: [[String]: Double] = [:]
    var rowsOfDomain: [[String]: Int] = [:]
    var cellsOfDomain: [[String]: Set<Int>] = [:]
    for group in groups {
      guard let domain = group.domain else { continue }
      let cell = raking.cell(of: group)
      rakedTotal[domain, default: 0] += group.weightSum * raking.factors[cell]
      rowsOfDomain[domain, default: 0] += group.rows
      cellsOfDomain[domain, default: []].insert(cell)
    }
    var scales: [[String]: Double] = [:]
    for (domain, cells) in cellsOfDomain {
      let rows = declaration.replicates == nil ? allRows : Double(rowsOfDomain[domain]!)
      for cell in cells { scales[domain + raking.cells[cell]] = rows / rakedTotal[domain]! * raking.factors[cell] }
    }
    return scales
  }

  /// The variances of Σ w̃ᵢ(1[yᵢ = k] − centre_k)/N̂_d over domain `domain` for each of
  /// `categories`, projected on the raking: the raked groups' influence values summed by PSU
  /// (every PSU of the design) and fed to the stratified variance.
  func rakedVariances(
    _ raking: GroupSumsRaking, domain: [String], categories: [String], centres: [Double], total: Double,
    design: TallyDesign, psuOfGroup: [Int32]
  ) -> [Double] {
    let k = categories.count
    let totals = raking.projectedTotals(
      groups: groups, psuOfGroup: psuOfGroup, psuCount: design.structure.stratumOfPSU.count, statisticCount: k
    ) { index in
      let group = groups[index]
      guard group.domain == domain, let category = group.category else { return nil }
      let unit = (0..<k).map { ((category == categories[$0] ? 1 : 0) - centres[$0]) / total }
      return (unit.map { Double(group.rows) * $0 }, unit.map { group.weightSum * $0 })
    }
    let covariance = design.structure.covariance(of: totals, lonelyPSU: design.lonelyPSU, diagonalOnly: true)
    return (0..<k).map { covariance[$0 * k + $0] }
  }
}

extension GroupSums.DesignLayout {
  /// The layout of a raked design: calibrated (a domain's rows are all the rows, as R's `subset()`
  /// of a calibrated design) unless it has replicates, with the raking in its summary.
  mutating func calibrate(_ raking: GroupSumsRaking) {
    // A raked replicate design takes its variance from the raked replicates, with no projection,
    // and its domains keep their own rows (R's `rake()` of a `svyrep.design`).
    design.isCalibrated = !design.hasReplicates
    summary.raking = raking.summary
  }
}

extension GroupSums {
  /// The weighted means of a numeric variable in every domain on the raked design, from the group
  /// sums alone: the numbers of `SurveyDesign.raked(to:options:)` then
  /// ``SurveyDesign/means(of:by:level:)-(String,_,_)`` (R's `rake()` then `svymean`). The groups
  /// carry Σw·y and Σw·y² (raked by ``raked(by:)``) and the unweighted Σy
  /// (``Group/unweightedValueSum``), which R's projection needs: the mean's influence values
  /// zᵢ = w̃ᵢ(yᵢ − ȳ)/N̂ divided by the weights average (Σy − rows·ȳ)/N̂ over a group.
  ///
  /// - Throws: as ``means(level:)``.
  package func means(level: Double, raking: GroupSumsRaking) throws -> NumericEstimates<MeanEstimate> {
    let raked = raked(by: raking)
    let (tally, domains, design, summary, replicated) = try raked.numericTally(level: level, raking: raking)
    let variances = try replicated?.means
      ?? raked.rakedNumericVariances(raking, tally: tally, design: design, total: false)
    return NumericEstimates(
      tally.means(variable: variable, domains: domains, level: level, design: design, variances: variances),
      design: summary)
  }

  /// The estimated population totals of a numeric variable in every domain on the raked design
  /// (R's `rake()` then `svytotal`), as ``means(level:raking:)``, with zᵢ = w̃ᵢyᵢ.
  ///
  /// - Throws: as ``means(level:)``.
  package func totals(level: Double, raking: GroupSumsRaking) throws -> NumericEstimates<TotalEstimate> {
    let raked = raked(by: raking)
    let (tally, domains, design, summary, replicated) = try raked.numericTally(level: level, raking: raking)
    let variances = try replicated?.totals
      ?? raked.rakedNumericVariances(raking, tally: tally, design: design, total: true)
    return NumericEstimates(
      tally.totals(variable: variable, domains: domains, level: level, design: design, variances: variances),
      design: summary)
  }

  /// The variance of every domain's mean (or total) of the raked groups, projected on the raking:
  /// one statistic per domain, in the file path's domain order. With `ratio`, the tally is a
  /// ratio's (``ratios(denominator:level:raking:)``): Σw·x and Σx stand for Σw and the rows, so
  /// that zᵢ = w̃ᵢ(yᵢ − R̂xᵢ)/X̂ and its average over the weights (Σy − R̂Σx)/X̂ over a group.
  func rakedNumericVariances(
    _ raking: GroupSumsRaking, tally: NumericTally, design: TallyDesign, total: Bool, ratio: Bool = false
  ) throws -> [Double] {
    let domainOrder = orderedDomains()
    let domainIndex = Dictionary(uniqueKeysWithValues: domainOrder.enumerated().map { ($0.element, $0.offset) })
    let k = domainOrder.count
    func sums(_ index: Int) -> (overWeights: [Double], influence: [Double])? {
      let group = groups[index]
      guard let values = group.domain, let domain = domainIndex[values], group.category != nil else { return nil }
      var overWeights = [Double](repeating: 0, count: k), influence = [Double](repeating: 0, count: k)
      let sums = tally.domains[domain]
      if total {
        overWeights[domain] = group.unweightedValueSum
        influence[domain] = group.valueSum
      } else {
        let rows = ratio ? group.unweightedDenominatorSum : Double(group.rows)
        let weightSum = ratio ? group.denominatorSum : group.weightSum
        overWeights[domain] = (group.unweightedValueSum - rows * sums.mean) / sums.weightTotal
        influence[domain] = (group.valueSum - sums.mean * weightSum) / sums.weightTotal
      }
      return (overWeights, influence)
    }
    if rowsArePSUs {
      return try rakedNumericRowVariances(
        raking, tally: tally, design: design, total: total, ratio: ratio, domainIndex: domainIndex, sums: sums)
    }
    let layout = try designLayout()
    let psuOfGroup = groups.map { layout.psuIndex[PSUKey(stratum: $0.stratum, psu: $0.psu)]! }
    let totals = raking.projectedTotals(
      groups: groups, psuOfGroup: psuOfGroup, psuCount: design.structure.stratumOfPSU.count, statisticCount: k,
      sums: sums)
    let covariance = design.structure.covariance(of: totals, lonelyPSU: design.lonelyPSU, diagonalOnly: true)
    return (0..<k).map { covariance[$0 * k + $0] }
  }

  /// The groups with ``Group/unweightedValueSum`` set to the Σw·y of the same group in `unweighted`
  /// (the same query without the weight: Σ1·y), and ``Group/unweightedDenominatorSum`` to its
  /// Σw·x (a ratio's Σ1·x), groups matched by all their keys.
  package func withUnweightedValueSums(from unweighted: GroupSums) -> GroupSums {
    struct Key: Hashable {
      var stratum: String, psu: String, domain: [String]?, category: String?, rakingCell: [String?]
    }
    func key(_ group: Group) -> Key {
      Key(stratum: group.stratum, psu: group.psu, domain: group.domain, category: group.category, rakingCell: group.rakingCell)
    }
    var sums: [Key: (value: Double, denominator: Double)] = [:]
    for group in unweighted.groups {
      sums[key(group), default: (0, 0)].value += group.valueSum
      sums[key(group), default: (0, 0)].denominator += group.denominatorSum
    }
    var result = self
    result.groups = groups.map { group in
      var group = group
      (group.unweightedValueSum, group.unweightedDenominatorSum) = sums[key(group)] ?? (0, 0)
      return group
    }
    return result
  }
}
