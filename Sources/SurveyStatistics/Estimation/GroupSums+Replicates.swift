extension GroupSums {
  /// Replicates created from the strata and PSUs of a table of group sums (R survey's
  /// `as.svrepdesign(design, type:, fay.rho:, replicates:, mse:)`, as
  /// ``SurveyDesign/replicated(_:count:seed:fayRho:meanSquaredError:)`` creates them on a file).
  ///
  /// Every replicate weight is the row's weight times a factor of its PSU, a_ri = m_{r,j(i)}·wᵢ,
  /// so the sums of a replicate over any set of rows are Σ_j m_rj·(Σw over the set's rows in PSU
  /// j): the groups' Σw (and Σw·y) by stratum × PSU × domain × category are sufficient. So is Σw²
  /// for R's degrees of freedom, the rank of the replicate weights of a domain's rows minus one:
  /// their cross products Σᵢ a_ri·a_si = Σ_j m_rj·m_sj·(Σ_{i∈j} wᵢ²) are those of a matrix with
  /// one row per PSU, m_rj·√(Σ_{i∈j} wᵢ²), whose QR (R's `qr(…, tol = 1e-5)`, LINPACK `dqrdc2`)
  /// gives the rank, as the file path computes it for created replicates.
  ///
  /// A table's rows have no order, so strata are visited, and PSUs numbered within them, in
  /// sorted order (numerically when every value is a number), where a file's replicates follow
  /// the order in which strata and PSUs first appear. The jackknives' variances do not depend on
  /// that order; BRR and Fay pair a stratum's PSUs, and the bootstrap draws them, in that order,
  /// so their numbers are the file's when the file lists its strata and PSUs sorted.
  struct CreatedReplicates {
    /// The replicates' method, scales and centring; their storage holds the multipliers only.
    var weights: ReplicateWeights
    /// m_rj, replicate after replicate (R × P).
    var multipliers: [Double]
    /// The PSU index of each (stratum, PSU) in ``multipliers``.
    var psuOfKey: [PSUKey: Int]
    /// The number of PSUs P.
    var psuCount: Int
    /// With replicate-weight columns, their ranks: the groups then carry each replicate's sums,
    /// and there are no multipliers.
    var supplied: SuppliedReplicateRanks? = nil
    /// On a raked design, the raking of the groups' cells and F_r(c)/F(c) for every replicate r
    /// and raking cell c, replicate after replicate: the raked groups carry Σw·F(c), and replicate
    /// r's raked weight of a row is m_rj·wᵢ·F_r(c) (``GroupSumsRaking/rakingReplicates(cellTotals:count:)``).
    var raking: (cells: GroupSumsRaking, ratios: [Double])? = nil

    /// Each group's unit of replicate weights, a PSU (× raking cell on a raked design), and the
    /// number of units: within a unit every replicate multiplies the groups' sums alike.
    private func unit(of group: Group) -> Int {
      let psu = psuOfKey[PSUKey(stratum: group.stratum, psu: group.psu)]!
      guard let raking else { return psu }
      return psu * raking.cells.cells.count + raking.cells.cell(of: group)
    }

    private var unitCount: Int { psuCount * (raking?.cells.cells.count ?? 1) }

    /// The multiplier of replicate r in `unit`: m_rj, times F_r(c)/F(c) on a raked design.
    private func multiplier(_ replicate: Int, unit: Int) -> Double {
      guard let raking else { return multipliers[replicate * psuCount + unit] }
      let cellCount = raking.cells.cells.count
      return multipliers[replicate * psuCount + unit / cellCount]
        * raking.ratios[replicate * cellCount + unit % cellCount]
    }

    /// The number of replicates R.
    var count: Int { weights.count }

    /// Σ m_rj·value(g) over the groups g of each cell, for every replicate: R × `cellCount`
    /// totals, replicate after replicate; groups for which `cell` is nil count nowhere. With
    /// replicate-weight columns, Σ replicateValue(g)[r] instead: the groups' own replicate sums.
    func totals(
      of groups: [Group], cellCount: Int, cell: (Group) -> Int?, value: (Group) -> Double,
      replicateValue: (Group) -> [Double]
    ) -> [Double] {
      if supplied != nil {
        var totals = [Double](repeating: 0, count: count * cellCount)
        for group in groups {
          guard let cell = cell(group) else { continue }
          let sums = replicateValue(group)
          guard !sums.isEmpty else { continue }
          for replicate in 0..<count { totals[replicate * cellCount + cell] += sums[replicate] }
        }
        return totals
      }
      // Σ value by (unit, cell) first, then each replicate's multipliers.
      var entryOfKey: [Int: Int] = [:]
      var entryPSU: [Int] = [], entryCell: [Int] = [], entrySum: [Double] = []
      for group in groups {
        guard let cell = cell(group) else { continue }
        let psu = unit(of: group)
        let key = psu * cellCount + cell
        let entry = entryOfKey[key] ?? {
          entryOfKey[key] = entrySum.count
          entryPSU.append(psu)
          entryCell.append(cell)
          entrySum.append(0)
          return entrySum.count - 1
        }()
        entrySum[entry] += value(group)
      }
      var totals = [Double](repeating: 0, count: count * cellCount)
      for replicate in 0..<count {
        let out = replicate * cellCount
        for entry in entrySum.indices {
          totals[out + entryCell[entry]] += multiplier(replicate, unit: entryPSU[entry]) * entrySum[entry]
        }
      }
      return totals
    }

    /// The rank of the replicate weights over the rows of each domain (`domain` of a group; nil
    /// for none), all of its groups' rows whatever their category: a QR of one row per PSU,
    /// m_rj·√(Σw²), as ``ReplicateWeights`` computes it for created replicates (on a raked design,
    /// one row per PSU × raking cell, m_rj·F_r(c)·√(Σw²): the same cross products as the rows').
    func ranks(of groups: [Group], domainCount: Int, domain: (Group) -> Int?) -> [Int] {
      if let supplied {
        var ranks = [Int](repeating: 0, count: domainCount)
        for group in groups {
          guard let index = domain(group), let values = group.domain else { continue }
          ranks[index] = supplied.rankOfDomain[values] ?? 0
        }
        return ranks
      }
      let units = unitCount
      var squares = [Double](repeating: 0, count: domainCount * units)
      for group in groups {
        guard let domain = domain(group) else { continue }
        squares[domain * units + unit(of: group)] += group.weightSquareSum
      }
      return (0..<domainCount).map { domain in
        let present = (0..<units).filter { squares[domain * units + $0] > 0 }
        guard !present.isEmpty else { return 0 }
        var matrix = [Double](repeating: 0, count: present.count * count)
        for replicate in 0..<count {
          let out = replicate * present.count
          for (position, unit) in present.enumerated() {
            matrix[out + position] = multiplier(replicate, unit: unit) * squares[domain * units + unit].squareRoot()
          }
        }
        return linpackRank(columnMajor: &matrix, rowCount: present.count, columnCount: count, tolerance: 1e-5)
      }
    }
  }

  /// Throws when the groups are to be raked (`raking`) on a design with replicates whose raking
  /// has not raked them (``rakingReplicates(_:)``).
  func refuseRakedReplicates(_ raking: GroupSumsRaking?) throws {
    if let raking, declaration.replicates != nil, raking.replicateFactors == nil {
      throw ReplicateError.notAvailable(analysis: "raking a table's group sums")
    }
  }

  /// The replicates the declaration creates on these groups' strata and PSUs, `nil` for a design
  /// without replicates; `layout` then reports them (its design's variances come from replicates,
  /// its summary's degrees of freedom are the rank of all rows' replicate weights minus one).
  ///
  /// With replicate-weight columns, the groups carry each replicate's sums and
  /// ``suppliedReplicates`` the ranks (R's `svrepdesign()`): the scales are R 4.1's
  /// (``ReplicateWeights/suppliedScales(_:count:)``), the summary's degrees of freedom the rank of
  /// all rows' replicate weights minus one.
  ///
  /// - Throws: ``ReplicateError`` for replicate-weight columns without their sums and ranks, unusable
  ///   scales, or when the method does not suit the design (as on a file).
  func createdReplicates(_ layout: inout DesignLayout, raking: GroupSumsRaking? = nil) throws -> CreatedReplicates? {
    guard let replication = declaration.replicates else { return nil }
    guard case .created(let requestedCount, let seed) = replication.source else {
      guard let supplied = suppliedReplicates else {
        throw ReplicateError.notAvailable(analysis: "an estimate from group sums without the sums of its replicate-weight columns")
      }
      let (scale, replicateScales) = try ReplicateWeights.suppliedScales(replication, count: supplied.columnNames.count)
      let weights = ReplicateWeights(
        method: replication.method, scale: scale, replicateScales: replicateScales,
        meanSquaredError: replication.meanSquaredError,
        fayRho: replication.method == .fay ? replication.fayRho : nil, columnNames: supplied.columnNames,
        storage: .analysisWeights([]))
      layout.design.hasReplicates = true
      layout.summary.degreesOfFreedom = supplied.rankOfAllRows - 1
      layout.summary.replicates = ReplicateSummary(
        method: weights.method, count: weights.count, scale: weights.scale, meanSquaredError: weights.meanSquaredError,
        isCreated: false)
      return CreatedReplicates(weights: weights, multipliers: [], psuOfKey: [:], psuCount: 0, supplied: supplied)
    }
    // PSUs within strata in sorted order.
    var psusOfStratum = [Set<String>](repeating: [], count: layout.strata.count)
    for (key, psu) in layout.psuIndex { psusOfStratum[Int(layout.stratumOfPSU[Int(psu)])].insert(key.psu) }
    var psuOfKey: [PSUKey: Int] = [:]
    var stratumOfPSU: [Int32] = []
    for (stratum, psus) in psusOfStratum.enumerated() {
      for psu in Self.sorted(psus) {
        psuOfKey[PSUKey(stratum: layout.strata[stratum], psu: psu)] = stratumOfPSU.count
        stratumOfPSU.append(Int32(stratum))
      }
    }
    let structure = DesignStructure(
      stratumNames: layout.strata, stratumOfPSU: stratumOfPSU,
      populationPSUCount: layout.design.structure.populationPSUCount, strataVariable: declaration.strata)
    let created = try ReplicateWeights.createdFactors(
      replication.method, count: requestedCount, seed: seed, fayRho: replication.fayRho,
      on: ReplicateCreationDesign(
        structure: structure, strataInOrder: Array(layout.strata.indices), isStratified: declaration.strata != nil,
        lonelyPSU: declaration.lonelyPSU, strataVariable: declaration.strata))
    let weights = ReplicateWeights(
      method: replication.method, scale: created.scale, replicateScales: created.replicateScales,
      meanSquaredError: replication.meanSquaredError, fayRho: created.rho, columnNames: [],
      storage: .psuMultipliers(created.multipliers, psuOfRow: [], psuCount: stratumOfPSU.count, weights: []))
    var replicates = CreatedReplicates(
      weights: weights, multipliers: created.multipliers, psuOfKey: psuOfKey, psuCount: stratumOfPSU.count)
    if let raking, let factors = raking.replicateFactors {
      // The groups are raked by F(c): each replicate's factor relative to it.
      let cellCount = raking.cells.count
      replicates.raking = (raking, factors.indices.map { index in
        let full = raking.factors[index % cellCount]
        return full == 0 ? 0 : factors[index] / full
      })
    }
    layout.design.hasReplicates = true
    layout.summary.degreesOfFreedom = replicates.ranks(of: groups, domainCount: 1) { _ in 0 }[0] - 1
    layout.summary.replicates = ReplicateSummary(
      method: weights.method, count: weights.count, scale: weights.scale, meanSquaredError: weights.meanSquaredError,
      isCreated: true)
    return replicates
  }

  /// The replicate variances of each domain's mean and total of a numeric variable, over its
  /// respondents (groups with a value): ȳ_r = Σ_j m_rj·Σ_{hj}wy / Σ_j m_rj·Σ_{hj}w and
  /// Ŷ_r = Σ_j m_rj·Σ_{hj}wy (R's `svymean.svyrep.design`, `svytotal.svyrep.design`), and the
  /// degrees of freedom of each domain, its rows' rank minus one. With `ratio` (a ratio's tally),
  /// Σ_{hj}wx stands for Σ_{hj}w (with replicate-weight columns, the groups' Σ a_r·x,
  /// ``Group/replicateDenominatorSums``, for their Σ a_r): the "means" are the replicate ratios
  /// R̂_r = Ŷ_r/X̂_r (R's `svyratio.svyrep.design`), and the "totals" the replicate totals of
  /// rᵢ = (yᵢ − R̂xᵢ)/X̂, (Ŷ_r − R̂X̂_r)/X̂, whose variance the design effect compares.
  func replicateNumericVariances(
    _ replicates: CreatedReplicates, domainIndex: [[String]: Int], tally: NumericTally, ratio: Bool = false
  ) -> (means: [Double], totals: [Double], degreesOfFreedom: [Int]) {
    let domainCount = tally.domains.count
    let respondentCell = { (group: Group) -> Int? in group.category == nil ? nil : group.domain.map { domainIndex[$0]! } }
    let values = replicates.totals(
      of: groups, cellCount: domainCount, cell: respondentCell, value: \.valueSum, replicateValue: \.replicateValueSums)
    let weights = replicates.totals(
      of: groups, cellCount: domainCount, cell: respondentCell, value: ratio ? \.denominatorSum : \.weightSum,
      replicateValue: ratio ? \.replicateDenominatorSums : \.replicateSums)
    var means: [Double] = [], totals: [Double] = []
    for domain in 0..<domainCount {
      let replicateTotals = (0..<replicates.count).map { values[$0 * domainCount + domain] }
      let replicateMeans = (0..<replicates.count).map { replicateTotals[$0] / weights[$0 * domainCount + domain] }
      let sums = tally.domains[domain]
      means.append(replicates.weights.variance(replicates: replicateMeans, estimate: sums.mean))
      if ratio {
        let residualTotals = (0..<replicates.count).map {
          (replicateTotals[$0] - sums.mean * weights[$0 * domainCount + domain]) / sums.weightTotal
        }
        let residualTotal = (sums.valueTotal - sums.mean * sums.weightTotal) / sums.weightTotal
        totals.append(replicates.weights.variance(replicates: residualTotals, estimate: residualTotal))
      } else {
        totals.append(replicates.weights.variance(replicates: replicateTotals, estimate: sums.valueTotal))
      }
    }
    let ranks = replicates.ranks(of: groups, domainCount: domainCount) { $0.domain.map { domainIndex[$0]! } }
    return (means, totals, ranks.map { $0 - 1 })
  }

  /// Σ a_ri over the respondents of every (domain, category) cell, per replicate (cell
  /// `domain · categoryCount + category`), for ``ReplicateWeights/proportionVariances(_:tally:domainIndex:categoryCount:domainCount:categories:fitsLogit:)``.
  func replicateCategoryTotals(
    _ replicates: CreatedReplicates, domainIndex: [[String]: Int], categoryIndex: [String: Int]
  ) -> [Double] {
    let k = categoryIndex.count
    return replicates.totals(of: groups, cellCount: domainIndex.count * k, cell: { group in
      guard let domain = group.domain, let category = group.category else { return nil }
      return domainIndex[domain]! * k + categoryIndex[category]!
    }, value: \.weightSum, replicateValue: \.replicateSums)
  }
}
