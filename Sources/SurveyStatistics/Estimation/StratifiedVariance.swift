extension DesignStructure {
  /// The linearized (Taylor-series) covariance matrix of statistics whose influence values
  /// have the given PSU totals, for a stratified cluster sample with first-stage finite
  /// population correction.
  ///
  /// V̂ = Σ_h f_h · n_h/(n_h − 1) · Σ_j (z_hj − z̄_h)(z_hj − z̄_h)ᵀ, where n_h is the number of PSUs
  /// sampled in stratum h in the full design (PSUs without domain respondents count as zeros),
  /// z̄_h = Σ_j z_hj / n_h and f_h = (N_h − n_h)/N_h (1 without FPC). Strata with f_h < 1e-7 are
  /// self-representing and contribute 0. A stratum with one PSU is handled by `lonelyPSU`, and only
  /// strata holding domain respondents count in the `average` rescaling — all as R survey 4.1's
  /// `onestage()`/`onestrat()` (Wolter 2007, §6; Lumley 2010, §2.2).
  ///
  /// - Returns: the k × k covariance, row-major.
  /// - Complexity: O(e·k²) for e entries.
  /// With `diagonalOnly`, only the variances (the diagonal) are computed, in O(e·k).
  func covariance(of influence: InfluenceTotals, lonelyPSU: LonelyPSUPolicy, diagonalOnly: Bool = false) -> [Double] {
    let k = influence.statisticCount
    let strata = stratumNames.count
    var stratumSum = [Double](repeating: 0, count: strata * k)
    var presentPSUs = [Int](repeating: 0, count: strata)
    for (entry, psu) in influence.psus.enumerated() {
      let stratum = Int(stratumOfPSU[Int(psu)])
      presentPSUs[stratum] += 1
      for j in 0..<k { stratumSum[stratum * k + j] += influence.totals[entry * k + j] }
    }
    let scales = stratumScales(presentPSUs: presentPSUs, lonelyPSU: lonelyPSU)
    let scale = scales.scale
    var centre = [Double](repeating: 0, count: strata * k)
    for stratum in 0..<strata where scales.isCentred[stratum] {
      let sampled = psuCountInStratum[stratum]
      for j in 0..<k { centre[stratum * k + j] = stratumSum[stratum * k + j] / Double(sampled) }
    }
    let presentStrata = scales.presentStrata, usableStrata = scales.usableStrata
    var result = [Double](repeating: 0, count: k * k)
    var deviation = [Double](repeating: 0, count: k)
    for (entry, psu) in influence.psus.enumerated() {
      let stratum = Int(stratumOfPSU[Int(psu)])
      guard let weight = scale[stratum], weight != 0 else { continue }
      for j in 0..<k { deviation[j] = influence.totals[entry * k + j] - centre[stratum * k + j] }
      addOuterProduct(deviation, scaledBy: weight, to: &result, diagonalOnly: diagonalOnly)
    }
    // PSUs of the stratum without domain respondents: zero totals, so deviation −z̄_h.
    for stratum in 0..<strata where presentPSUs[stratum] > 0 {
      guard let weight = scale[stratum], weight != 0 else { continue }
      let absent = psuCountInStratum[stratum] - presentPSUs[stratum]
      guard absent > 0 else { continue }
      for j in 0..<k { deviation[j] = centre[stratum * k + j] }
      addOuterProduct(deviation, scaledBy: weight * Double(absent), to: &result, diagonalOnly: diagonalOnly)
    }
    if usableStrata < presentStrata {
      let rescale = Double(presentStrata) / Double(usableStrata)
      for index in result.indices { result[index] *= rescale }
    }
    return result
  }

  /// ``covariance(of:lonelyPSU:diagonalOnly:)`` when every row is its own PSU (R's `ids = ~1`),
  /// from each stratum's sums over its rows rather than one total per row:
  /// Σ_j (z_hj − z̄_h)(z_hj − z̄_h)ᵀ = Σ_j z_hj z_hjᵀ − (Σ_j z_hj)(Σ_j z_hj)ᵀ/n_h over the n_h rows of
  /// stratum h (the rows without a domain respondent are zeros), so
  /// V̂ = Σ_h f_h·n_h/(n_h − 1)·(Σzzᵀ − ΣzΣzᵀ/n_h), with the same lonely-PSU handling and `average`
  /// rescaling (``stratumScales(presentPSUs:lonelyPSU:)``; an `adjust` lone row enters as f_h·zzᵀ).
  ///
  /// - Parameters:
  ///   - sums: Σ_j z_hj of each stratum and statistic, at `stratum * statisticCount + statistic`.
  ///   - squareSums: Σ_j z_hj z_hjᵀ of each stratum, k × k row-major from `stratum * k * k`; with
  ///     `diagonalOnly`, only its diagonal, k from `stratum * k`.
  ///   - presentRows: the rows of each stratum that hold a domain respondent.
  /// - Returns: the k × k covariance, row-major; with `diagonalOnly`, the k variances.
  /// - Complexity: O(H·k²) for H strata and k statistics (O(H·k) with `diagonalOnly`).
  func rowCovariance(
    sums: [Double], squareSums: [Double], presentRows: [Int], statisticCount k: Int, lonelyPSU: LonelyPSUPolicy,
    diagonalOnly: Bool = false
  ) -> [Double] {
    let size = diagonalOnly ? k : k * k
    return rowCovariance(
      sums: sums, presentRows: presentRows, statisticCount: k, lonelyPSU: lonelyPSU, diagonalOnly: diagonalOnly
    ) { stratum, weight, result in
      for index in 0..<size { result[index] += weight * squareSums[stratum * size + index] }
    }
  }

  /// ``rowCovariance(sums:squareSums:presentRows:statisticCount:lonelyPSU:diagonalOnly:)`` with
  /// each stratum's Σ_j z_hj z_hjᵀ added by `addSquares(stratum, scale, &result)`, scaled, into the
  /// result (k × k, or the k variances with `diagonalOnly`), for sums of squares that are not kept
  /// stratum by stratum (``RowGroupInfluence``).
  func rowCovariance(
    sums: [Double], presentRows: [Int], statisticCount k: Int, lonelyPSU: LonelyPSUPolicy, diagonalOnly: Bool,
    addSquares: (_ stratum: Int, _ scale: Double, _ result: inout [Double]) -> Void
  ) -> [Double] {
    let scales = stratumScales(presentPSUs: presentRows, lonelyPSU: lonelyPSU)
    let width = diagonalOnly ? 1 : k
    var result = [Double](repeating: 0, count: k * width)
    for stratum in stratumNames.indices where presentRows[stratum] > 0 {
      guard let weight = scales.scale[stratum], weight != 0 else { continue }
      addSquares(stratum, weight, &result)
      guard scales.isCentred[stratum] else { continue }
      let rows = Double(psuCountInStratum[stratum])
      for i in 0..<k {
        for position in 0..<width {
          let j = diagonalOnly ? i : position
          result[i * width + position] -= weight * sums[stratum * k + i] * sums[stratum * k + j] / rows
        }
      }
    }
    if scales.usableStrata < scales.presentStrata {
      let rescale = Double(scales.presentStrata) / Double(scales.usableStrata)
      for index in result.indices { result[index] *= rescale }
    }
    // Σzz − (Σz)²/n_h loses digits when a stratum's rows have nearly the same z (equal weights in
    // one category): a variance that is 0 in exact arithmetic can come out −1e-16 of the sums; 0.
    for i in 0..<k { result[i * width + (diagonalOnly ? 0 : i)] = max(0, result[i * width + (diagonalOnly ? 0 : i)]) }
    return result
  }

  /// How each stratum enters the stratified variance, given how many of its PSUs hold domain
  /// respondents (`presentPSUs`): the scale f_h·n_h/(n_h − 1) of its centred cross-products, 0 for
  /// a self-representing stratum (f_h < 1e-7) or a lonely PSU that is removed, f_h for a lonely PSU
  /// under `adjust` (its total, uncentred), `nil` (R's NA) for one under `average`; whether its PSU
  /// totals are centred at z̄_h; and the strata present and usable for the `average` rescaling.
  func stratumScales(presentPSUs: [Int], lonelyPSU: LonelyPSUPolicy) -> StratumScales {
    let strata = stratumNames.count
    var scales = StratumScales(
      scale: [Double?](repeating: 0, count: strata), isCentred: [Bool](repeating: false, count: strata),
      presentStrata: 0, usableStrata: 0)
    for stratum in 0..<strata where presentPSUs[stratum] > 0 {
      scales.presentStrata += 1
      let sampled = psuCountInStratum[stratum]
      let factor = finitePopulationFactor[stratum]
      if factor < 1e-7 {
        scales.scale[stratum] = 0
      } else if sampled > 1 {
        scales.scale[stratum] = factor * Double(sampled) / Double(sampled - 1)
        scales.isCentred[stratum] = true
      } else {
        switch lonelyPSU {
        case .remove, .certainty, .fail: scales.scale[stratum] = 0
        case .adjust: scales.scale[stratum] = factor  // the lone PSU total, uncentred
        case .average: scales.scale[stratum] = nil
        }
      }
      if scales.scale[stratum] != nil { scales.usableStrata += 1 }
    }
    return scales
  }

  /// The number of PSUs minus the number of strata among the PSUs that hold rows for which
  /// `isIncluded` is true: R survey's `degf()` of the design restricted to those rows.
  func degreesOfFreedom(includingRows isIncluded: (Int) -> Bool) -> Int {
    var psuSeen = [Bool](repeating: false, count: stratumOfPSU.count)
    var stratumSeen = [Bool](repeating: false, count: stratumNames.count)
    var psus = 0, strata = 0
    for row in psuOfRow.indices where isIncluded(row) {
      let psu = Int(psuOfRow[row])
      if !psuSeen[psu] { psuSeen[psu] = true; psus += 1 }
      let stratum = Int(stratumOfRow[row])
      if !stratumSeen[stratum] { stratumSeen[stratum] = true; strata += 1 }
    }
    return psus - strata
  }
}

/// result += weight · v vᵀ (row-major k × k); only its diagonal with `diagonalOnly`.
@inline(__always)
func addOuterProduct(_ vector: [Double], scaledBy weight: Double, to result: inout [Double], diagonalOnly: Bool = false) {
  let k = vector.count
  if diagonalOnly {
    for i in 0..<k { result[i * k + i] += weight * vector[i] * vector[i] }
    return
  }
  for i in 0..<k {
    let scaled = weight * vector[i]
    if scaled == 0 { continue }
    for j in 0..<k { result[i * k + j] += scaled * vector[j] }
  }
}

/// How the strata enter a stratified variance (``DesignStructure/stratumScales(presentPSUs:lonelyPSU:)``).
struct StratumScales {
  /// The scale of each stratum's cross-products; `nil` for R's NA (an `average` lonely stratum).
  var scale: [Double?]
  /// Whether each stratum's PSU totals are centred at their mean over its n_h PSUs.
  var isCentred: [Bool]
  /// Strata holding domain respondents.
  var presentStrata: Int
  /// Of those, the strata whose scale is not `nil`.
  var usableStrata: Int
}
