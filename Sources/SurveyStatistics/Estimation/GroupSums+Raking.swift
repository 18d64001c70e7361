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

  /// The groups with the raked weights: Σw·F(c), Σw²·F(c)², Σw·y·F(c) and Σw·y²·F(c) for the
  /// factor F(c) of each group's raking cell.
  package func raked(by raking: GroupSumsRaking) -> GroupSums {
    var raked = self
    raked.groups = groups.map { group in
      var group = group
      let factor = raking.factors[raking.cell(of: group)]
      group.weightSum *= factor
      group.weightSquareSum *= factor * factor
      group.valueSum *= factor
      group.valueSquareSum *= factor
      return group
    }
    return raked
  }

  /// The scale of R's `svyglm` prior weights for the rows of each domain and raking cell, keyed
  /// by the domain's values then the cell's: (the table's rows / the domain's raked Σw)·F(c), what
  /// a database multiplies each weight by for ``LogitFirstStep`` on the raked design.
  package func rakedPriorWeightScales(_ raking: GroupSumsRaking) -> [[String]: Double] {
    let rows = Double(groups.reduce(0) { $0 + $1.rows })
    var rakedTotal: [[String]: Double] = [:]
    var cellsOfDomain: [[String]: Set<Int>] = [:]
    for group in groups {
      guard let domain = group.domain else { continue }
      let cell = raking.cell(of: group)
      rakedTotal[domain, default: 0] += group.weightSum * raking.factors[cell]
      cellsOfDomain[domain, default: []].insert(cell)
    }
    var scales: [[String]: Double] = [:]
    for (domain, cells) in cellsOfDomain {
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
      return (0..<k).map { ((category == categories[$0] ? 1 : 0) - centres[$0]) / total }
    }
    let covariance = design.structure.covariance(of: totals, lonelyPSU: design.lonelyPSU, diagonalOnly: true)
    return (0..<k).map { covariance[$0 * k + $0] }
  }
}

extension GroupSums.DesignLayout {
  /// The layout of a raked design: calibrated (a domain's rows are all the rows, as R's `subset()`
  /// of a calibrated design), with the raking in its summary.
  mutating func calibrate(_ raking: GroupSumsRaking) {
    design.isCalibrated = true
    summary.raking = raking.summary
  }
}
