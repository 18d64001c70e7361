extension ReplicateWeights {
  /// Replicates created from the strata and PSUs of a design, as R survey 4.1's
  /// `as.svrepdesign(design, type:, fay.rho:, replicates:, mse:)` with its defaults (`compress = TRUE`,
  /// `options(survey.drop.replicates = TRUE)`). Each replicate multiplies the full-sample weight of
  /// every respondent by a factor of the respondent's PSU:
  ///
  /// - **JK1** (unstratified; R's `jk1weights`): replicate r drops PSU r (PSUs in order of first
  ///   appearance) and multiplies the others by n/(n − 1); scale f·(n − 1)/n with f = (N − n)/N
  ///   from the finite population correction (1 without one), rscales 1.
  /// - **JKn** (R's `jknweights`): strata in order of first appearance, each PSU of stratum h in
  ///   turn dropped, the others of h multiplied by n_h/(n_h − 1); rscale f_h·(n_h − 1)/n_h, scale 1.
  ///   A stratum sampled exhaustively (f_h = 0) gets no replicate. A stratum with one PSU follows
  ///   the lonely-PSU policy: none under `remove`, `certainty` and `average` (which multiplies the
  ///   scale by PSUs / replicates), and under `adjust` one replicate that drops it and multiplies
  ///   every other PSU by H/(H − 1), rscale (H − 1)/H for H strata.
  /// - **BRR** and **Fay** (R's `brrweights`): strata of two PSUs, and strata of an even number of
  ///   PSUs split into pairs (first pairs of the larger strata, then the strata of two, each in
  ///   the byte order of the strata's names, PSUs in order of appearance); pair s follows row s of
  ///   ``HadamardMatrix`` (R's `hadamard()`), whose order is the number of replicates R. In
  ///   replicate r the PSU the row picks weighs 2 − ρ and the other ρ (ρ = 0 for BRR); scale
  ///   1/(R(1 − ρ)²). The finite population correction is not used (R drops it with a warning).
  /// - **Bootstrap** (R's `bootweights`; Canty & Davison 1999): in every stratum, n_h PSUs drawn
  ///   with replacement (or, with a finite population correction, without replacement from N_h
  ///   copies of the PSUs), each PSU's factor the number of times it was drawn; scale
  ///   n̄/((n̄ − 1)(R − 1)) with n̄ the harmonic mean of the PSUs per stratum. R's draws come from
  ///   R's generator; these from ``SeededGenerator`` with `seed`, strata and the PSUs within them
  ///   visited in the sorted order of their values, so that the rows' order (a file's, or a
  ///   table's, which has none) does not change the replicates.
  ///
  /// - Throws: ``ReplicateError`` when the method needs strata and there are none (JKn, BRR, Fay),
  ///   JK1 meets strata, a BRR or Fay stratum has one PSU or an odd number above two, Fay's ρ is
  ///   not in (0, 1), every stratum was sampled exhaustively, or fewer than two bootstrap
  ///   replicates are asked for; ``SurveyError/lonelyPSU(stratum:strataVariable:row:origin:)``
  ///   for a stratum with one PSU under the `fail` policy.
  init(
    created method: ReplicateMethod, count requestedCount: Int?, seed: UInt64?, fayRho: Double?,
    meanSquaredError: Bool, design: SurveyDesign
  ) throws {
    let structure = design.structure
    let created = try Self.createdFactors(
      method, count: requestedCount, seed: seed, fayRho: fayRho, on: ReplicateCreationDesign(design))
    self.init(
      method: method, scale: created.scale, replicateScales: created.replicateScales,
      meanSquaredError: meanSquaredError, fayRho: created.rho, columnNames: [],
      storage: .psuMultipliers(
        created.multipliers, psuOfRow: structure.psuOfRow, psuCount: structure.stratumOfPSU.count,
        weights: design.weights))
  }

  /// The factors of replicates created on `design` (see
  /// ``init(created:count:seed:fayRho:meanSquaredError:design:)``): a multiplier per replicate and
  /// PSU (R × P, replicate after replicate, PSUs in the order of `design.structure`), the replicate
  /// scales, the scale, and Fay's ρ.
  static func createdFactors(
    _ method: ReplicateMethod, count requestedCount: Int?, seed: UInt64?, fayRho: Double?,
    on design: ReplicateCreationDesign
  ) throws -> (multipliers: [Double], replicateScales: [Double], scale: Double, rho: Double?) {
    let structure = design.structure
    let isStratified = design.isStratified
    let psuCount = structure.stratumOfPSU.count
    var multipliers: [Double]
    var replicateScales: [Double]
    var scale = 1.0
    var rho: Double?
    switch method {
    case .jackknife:
      guard !isStratified else { throw ReplicateError.stratifiedJackknifeNeeded }
      (multipliers, scale) = try Self.unstratifiedJackknife(structure)
      replicateScales = [Double](repeating: 1, count: multipliers.count / psuCount)
    case .stratifiedJackknife:
      guard isStratified else { throw ReplicateError.needsStrata(method: method, origin: design.origin) }
      (multipliers, replicateScales, scale) = try Self.stratifiedJackknife(design)
    case .brr, .fay:
      guard isStratified else { throw ReplicateError.needsStrata(method: method, origin: design.origin) }
      if method == .fay {
        guard let fayRho, fayRho > 0, fayRho < 1 else { throw ReplicateError.invalidFayRho(fayRho) }
        rho = fayRho
      }
      multipliers = try Self.balancedRepeatedReplication(design, method: method, rho: rho ?? 0)
      let r = Double(multipliers.count / psuCount)
      let complement = 1 - (rho ?? 0)
      scale = 1 / (r * (complement * complement))
      replicateScales = [Double](repeating: 1, count: multipliers.count / psuCount)
    case .bootstrap:
      let count = requestedCount ?? 50
      guard count >= 2 else { throw ReplicateError.invalidReplicateCount(count) }
      (multipliers, scale) = try Self.bootstrap(design, count: count, seed: seed ?? Self.defaultSeed)
      replicateScales = [Double](repeating: 1, count: count)
    case .successiveDifference, .acs, .other:
      throw ReplicateError.cannotCreate(method: method)
    }
    return (multipliers, replicateScales, scale, rho)
  }

  /// The seed of bootstrap replicates when none is given.
  package static let defaultSeed: UInt64 = 1

  /// JK1: replicate r drops PSU r. Multipliers (R × P) and scale.
  private static func unstratifiedJackknife(_ structure: DesignStructure) throws -> ([Double], Double) {
    let n = structure.stratumOfPSU.count
    let f = structure.finitePopulationFactor[0]
    guard f != 0 else { throw ReplicateError.exhaustivelySampled }
    let kept = Double(n) / Double(n - 1)
    var multipliers = [Double](repeating: kept, count: n * n)
    for replicate in 0..<n { multipliers[replicate * n + replicate] = 0 }
    return (multipliers, f * Double(n - 1) / Double(n))
  }

  /// JKn: one replicate per PSU of every stratum, strata in order of first appearance.
  private static func stratifiedJackknife(_ design: ReplicateCreationDesign) throws -> ([Double], [Double], Double) {
    let structure = design.structure
    let psuCount = structure.stratumOfPSU.count
    let strataCount = structure.stratumNames.count
    let psusOfStratum = Self.psusByStratum(structure)
    var columns: [[Double]] = []
    var replicateScales: [Double] = []
    for stratum in design.strataInOrder {
      let psus = psusOfStratum[stratum]
      let n = psus.count
      let f = structure.finitePopulationFactor[stratum]
      if f == 0 { continue }  // sampled exhaustively: no replicate
      if n == 1 {
        switch design.lonelyPSU {
        case .fail:
          throw SurveyError.lonelyPSU(
            stratum: structure.stratumNames[stratum], strataVariable: design.strataVariable,
            row: design.firstRow(stratum), origin: design.origin)
        case .remove, .certainty, .average:
          continue
        case .adjust:
          let others = Double(strataCount) / Double(strataCount - 1)
          columns.append((0..<psuCount).map { structure.stratumOfPSU[$0] == Int32(stratum) ? 0 : others })
          replicateScales.append(Double(strataCount - 1) / Double(strataCount))
          continue
        }
      }
      let kept = Double(n) / Double(n - 1)
      for dropped in psus {
        var column = [Double](repeating: 1, count: psuCount)
        for psu in psus { column[psu] = psu == dropped ? 0 : kept }
        columns.append(column)
        replicateScales.append(f * Double(n - 1) / Double(n))
      }
    }
    guard !columns.isEmpty else { throw ReplicateError.exhaustivelySampled }
    var scale = 1.0
    if columns.count < psuCount, design.lonelyPSU == .average { scale = Double(psuCount) / Double(columns.count) }
    return (columns.flatMap { $0 }, replicateScales, scale)
  }

  /// BRR and Fay multipliers (R × P).
  private static func balancedRepeatedReplication(
    _ design: ReplicateCreationDesign, method: ReplicateMethod, rho: Double
  ) throws -> [Double] {
    let structure = design.structure
    let psuCount = structure.stratumOfPSU.count
    let psusOfStratum = Self.psusByStratum(structure)
    func pairsNeeded(_ stratum: Int) -> ReplicateError {
      .pairsNeeded(
        method: method, stratum: structure.stratumNames[stratum], psus: psusOfStratum[stratum].count,
        strataVariable: design.strataVariable, row: design.firstRow(stratum), origin: design.origin)
    }
    let inOrder = design.strataInOrder
    if let small = inOrder.first(where: { psusOfStratum[$0].count < 2 }) { throw pairsNeeded(small) }
    if let odd = inOrder.first(where: { psusOfStratum[$0].count > 2 && psusOfStratum[$0].count % 2 == 1 }) {
      throw pairsNeeded(odd)
    }
    // Half-strata ("pairs"), numbered from 1: the larger strata first, then those of two, each in
    // the byte order of the strata's names; within a stratum PSUs pair up in order of appearance.
    let byName = structure.stratumNames.indices.sorted {
      structure.stratumNames[$0].utf8.lexicographicallyPrecedes(structure.stratumNames[$1].utf8)
    }
    var pairOfPSU = [Int](repeating: 0, count: psuCount)
    var isSecondOfPair = [Bool](repeating: false, count: psuCount)
    var pairs = 0
    for stratum in byName.filter({ psusOfStratum[$0].count > 2 }) + byName.filter({ psusOfStratum[$0].count == 2 }) {
      for (position, psu) in psusOfStratum[stratum].enumerated() {
        pairOfPSU[psu] = pairs + position / 2 + 1
        isSecondOfPair[psu] = position % 2 == 1
      }
      pairs += psusOfStratum[stratum].count / 2
    }
    let hadamard = HadamardMatrix(strata: pairs)
    let replicates = hadamard.order
    var multipliers = [Double](repeating: 0, count: replicates * psuCount)
    for replicate in 0..<replicates {
      for psu in 0..<psuCount {
        // R: the first PSU of a pair has (w1, w2) = (0, 1), the second (1, 0); the Hadamard entry
        // picks column 1 (entry 0) or 2 (entry 1); factor wa(2 − ρ) + wb·ρ.
        let first: Double = isSecondOfPair[psu] ? 1 : 0
        let second: Double = isSecondOfPair[psu] ? 0 : 1
        let picksSecond = hadamard[pairOfPSU[psu], replicate] == 1
        let wa = picksSecond ? second : first, wb = picksSecond ? first : second
        multipliers[replicate * psuCount + psu] = wa * (2 - rho) + wb * rho
      }
    }
    return multipliers
  }

  /// Bootstrap multipliers (R × P) and scale.
  private static func bootstrap(
    _ design: ReplicateCreationDesign, count: Int, seed: UInt64
  ) throws -> ([Double], Double) {
    let structure = design.structure
    let psuCount = structure.stratumOfPSU.count
    var psusOfStratum = Self.psusByStratum(structure)
    if let rank = design.psuValueRank {
      for stratum in psusOfStratum.indices { psusOfStratum[stratum].sort { rank[$0] < rank[$1] } }
    }
    var generator = SeededGenerator(seed: seed)
    var multipliers = [Double](repeating: 0, count: count * psuCount)
    // Strata in sorted order (their numbers), PSUs in the sorted order of their values: the same
    // replicates whatever the order of the rows, in a file or a table.
    for stratum in psusOfStratum.indices {
      var psus = psusOfStratum[stratum]
      let n = psus.count
      // R draws the PSUs' order once per stratum (sample(unique(psu))).
      for index in stride(from: n - 1, to: 0, by: -1) {
        psus.swapAt(index, generator.next(below: index + 1))
      }
      let population = structure.populationPSUCount?[stratum] ?? .infinity
      let pseudoPopulation = population.isFinite ? Int(population) : 0
      for replicate in 0..<count {
        let base = replicate * psuCount
        if pseudoPopulation > n {
          // n distinct units of the N_h copies of the PSUs laid end to end (Floyd's algorithm).
          var chosen = Set<Int>()
          for limit in (pseudoPopulation - n)..<pseudoPopulation {
            let draw = generator.next(below: limit + 1)
            chosen.insert(chosen.contains(draw) ? limit : draw)
          }
          for unit in chosen { multipliers[base + psus[unit % n]] += 1 }
        } else if pseudoPopulation == n {
          for psu in psus { multipliers[base + psu] += 1 }
        } else {
          for _ in 0..<n { multipliers[base + psus[generator.next(below: n)]] += 1 }
        }
      }
    }
    // The harmonic mean of the PSUs per stratum.
    let strata = psusOfStratum.filter { !$0.isEmpty }
    let harmonic = Double(strata.count) / strata.reduce(0) { $0 + 1 / Double($1.count) }
    guard harmonic > 1 else { throw ReplicateError.invalidScale(.infinity) }
    return (multipliers, harmonic / ((harmonic - 1) * Double(count - 1)))
  }

  /// The PSUs of each stratum, in order of first appearance.
  static func psusByStratum(_ structure: DesignStructure) -> [[Int]] {
    var psus = [[Int]](repeating: [], count: structure.stratumNames.count)
    for (psu, stratum) in structure.stratumOfPSU.enumerated() { psus[Int(stratum)].append(psu) }
    return psus
  }

  /// The strata in the order of their first respondent (R's `unique(strata)`).
  static func strataInOrderOfAppearance(_ structure: DesignStructure) -> [Int] {
    var seen = [Bool](repeating: false, count: structure.stratumNames.count)
    var order: [Int] = []
    for stratum in structure.stratumOfRow where !seen[Int(stratum)] {
      seen[Int(stratum)] = true
      order.append(Int(stratum))
    }
    return order
  }
}

/// What creating replicates needs to know of a design: its strata and PSUs (PSUs numbered in the
/// order replicates visit them within strata), the order in which strata are visited, the
/// lonely-PSU policy, and where to point an error. A ``SurveyDesign`` gives it from its rows (R's
/// orders of first appearance); a table of group sums (``GroupSums``), which has no row order, from
/// sorted values.
struct ReplicateCreationDesign {
  /// Strata, PSUs (nested in strata) and finite population corrections.
  var structure: DesignStructure
  /// The strata in the order replicates are made (R's `unique(strata)`).
  var strataInOrder: [Int]
  /// Whether strata were declared.
  var isStratified: Bool
  /// The lonely-PSU policy.
  var lonelyPSU: LonelyPSUPolicy
  /// The column of the strata, for messages.
  var strataVariable: String?
  /// Where the rows come from, for messages.
  var origin: DataOrigin
  /// The first row of a stratum, for messages (0 when rows are unknown).
  var firstRow: (Int) -> Int
  /// The rank of each PSU's value among all PSU values, sorted as the file path sorts values
  /// (numerically when every value is a number); nil when the PSUs are numbered in that order
  /// already (a table's) or are the rows.
  var psuValueRank: [Int]? = nil

  /// A design's, from its rows.
  init(_ design: SurveyDesign) {
    let structure = design.structure
    self.init(
      structure: structure, strataInOrder: ReplicateWeights.strataInOrderOfAppearance(structure),
      isStratified: design.declaration.strata != nil, lonelyPSU: design.lonelyPSU,
      strataVariable: design.declaration.strata, origin: design.survey.origin,
      firstRow: { structure.stratumOfRow.firstIndex(of: Int32($0)) ?? 0 })
    if let clusters = design.declaration.clusters,
      let values = try? design.survey.variable(named: clusters, role: "PSU (cluster)").requiredGroups(role: "PSU", origin: origin) {
      var rankOfLevel = [Int](repeating: 0, count: values.levels.count)
      for (rank, level) in values.sortedLevelIndices().enumerated() { rankOfLevel[level] = rank }
      var rank = [Int](repeating: 0, count: structure.stratumOfPSU.count)
      for (row, psu) in structure.psuOfRow.enumerated() { rank[Int(psu)] = rankOfLevel[Int(values.codes[row])] }
      psuValueRank = rank
    }
  }

  /// A design without rows.
  init(
    structure: DesignStructure, strataInOrder: [Int], isStratified: Bool, lonelyPSU: LonelyPSUPolicy,
    strataVariable: String?, origin: DataOrigin = .unnamed, firstRow: @escaping (Int) -> Int = { _ in 0 }
  ) {
    self.structure = structure
    self.strataInOrder = strataInOrder
    self.isStratified = isStratified
    self.lonelyPSU = lonelyPSU
    self.strataVariable = strataVariable
    self.origin = origin
    self.firstRow = firstRow
  }
}
