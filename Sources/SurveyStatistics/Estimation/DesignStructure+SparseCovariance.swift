extension DesignStructure {
  /// The stratified linearized covariance of ``covariance(of:lonelyPSU:)`` — the same strata, finite
  /// population corrections, lonely-PSU rules and `average` rescaling — for PSU totals that are
  /// zero outside a few columns per PSU (``SparseInfluenceTotals``).
  ///
  /// In stratum h with scale s_h, centre c (z̄_h over its n_h PSUs, or 0 for an `adjust` lonely
  /// PSU) and PSU totals z_j (zero in a column without a slot, and for the PSUs without entries),
  /// the cross-product Σ_j (z_ja − c_a)(z_jb − c_b) over all n_h PSUs is summed by groups of PSUs
  /// instead of PSU by PSU. With A (B) the PSUs that have a slot for column a (b), d_ja = z_ja − c_a,
  /// T_a = Σ_{j∈A} d_ja, and over A∩B the sums P_ab = Σ d_ja·d_jb, Q_ab = Σ d_ja and the count N_ab:
  ///
  /// Σ_j (z_ja − c_a)(z_jb − c_b) = P_ab − c_b(T_a − Q_ab) − c_a(T_b − Q_ba) + (n_h − |A| − |B| + N_ab)·c_a·c_b,
  ///
  /// the terms of PSUs in A∩B, in A only (deviation −c_b in b), in B only, and in neither. The same
  /// terms as the dense sum, added in another order: equal to it within rounding.
  ///
  /// - Returns: the k × k covariance, row-major.
  /// - Complexity: O(Σ_j s_j² + Σ_h k_h²) time for s_j columns with a slot in entry j and k_h columns
  ///   with a slot in stratum h, and O(k² + max k_h²) memory besides the totals.
  func covariance(ofSparse totals: SparseInfluenceTotals, lonelyPSU: LonelyPSUPolicy) -> [Double] {
    let k = totals.columnCount, width = totals.groupWidth
    let strata = stratumNames.count
    // Entries by stratum, in entry order.
    var presentPSUs = [Int](repeating: 0, count: strata)
    for psu in totals.psus { presentPSUs[Int(stratumOfPSU[Int(psu)])] += 1 }
    var stratumStart = [Int](repeating: 0, count: strata + 1)
    for stratum in 0..<strata { stratumStart[stratum + 1] = stratumStart[stratum] + presentPSUs[stratum] }
    var next = stratumStart
    var entriesByStratum = [Int](repeating: 0, count: totals.psus.count)
    for (entry, psu) in totals.psus.enumerated() {
      let stratum = Int(stratumOfPSU[Int(psu)])
      entriesByStratum[next[stratum]] = entry
      next[stratum] += 1
    }
    let scales = stratumScales(presentPSUs: presentPSUs, lonelyPSU: lonelyPSU)

    var result = [Double](repeating: 0, count: k * k)
    var localOfColumn = [Int](repeating: -1, count: k)
    var columns: [Int] = []  // the stratum's columns with a slot, by local index
    var centre: [Double] = []
    var deviationSum: [Double] = [], slotCount: [Double] = []
    var pairProducts: [Double] = [], pairDeviations: [Double] = [], pairCounts: [Double] = []
    // The stratum's totals copied contiguously: the local column and value of each, and how many
    // each of its entries has.
    var stratumLocals: [Int] = [], stratumValues: [Double] = [], entryLength: [Int] = []
    for stratum in 0..<strata where presentPSUs[stratum] > 0 {
      guard let scale = scales.scale[stratum], scale != 0 else { continue }
      let entries = entriesByStratum[stratumStart[stratum]..<stratumStart[stratum + 1]]
      columns.removeAll(keepingCapacity: true)
      centre.removeAll(keepingCapacity: true)
      stratumLocals.removeAll(keepingCapacity: true)
      stratumValues.removeAll(keepingCapacity: true)
      entryLength.removeAll(keepingCapacity: true)
      for entry in entries {
        let slots = totals.slotStart[entry]..<totals.slotStart[entry + 1]
        entryLength.append(slots.count * width)
        for slot in slots {
          let base = Int(totals.slotGroup[slot]) * width
          for offset in 0..<width {
            let column = base + offset
            var local = localOfColumn[column]
            if local < 0 {
              local = columns.count
              localOfColumn[column] = local
              columns.append(column)
              centre.append(0)
            }
            let value = totals.slotTotals[slot * width + offset]
            centre[local] += value
            stratumLocals.append(local)
            stratumValues.append(value)
          }
        }
      }
      let localCount = columns.count
      let sampled = Double(psuCountInStratum[stratum])
      for local in 0..<localCount { centre[local] = scales.isCentred[stratum] ? centre[local] / sampled : 0 }

      deviationSum = [Double](repeating: 0, count: localCount)
      slotCount = [Double](repeating: 0, count: localCount)
      pairProducts = [Double](repeating: 0, count: localCount * localCount)
      pairDeviations = pairProducts
      pairCounts = pairProducts
      var position = 0
      for length in entryLength {
        let values = position..<position + length
        position += length
        for x in values {
          let a = stratumLocals[x]
          let deviation = stratumValues[x] - centre[a]
          deviationSum[a] += deviation
          slotCount[a] += 1
          for y in values {
            let b = stratumLocals[y]
            pairProducts[a * localCount + b] += deviation * (stratumValues[y] - centre[b])
            pairDeviations[a * localCount + b] += deviation
            pairCounts[a * localCount + b] += 1
          }
        }
      }
      for a in 0..<localCount {
        for b in a..<localCount {
          let ab = a * localCount + b, ba = b * localCount + a
          let neither = sampled - slotCount[a] - slotCount[b] + pairCounts[ab]
          let crossProduct = pairProducts[ab]
            - centre[b] * (deviationSum[a] - pairDeviations[ab])
            - centre[a] * (deviationSum[b] - pairDeviations[ba])
            + neither * centre[a] * centre[b]
          let value = scale * crossProduct
          result[columns[a] * k + columns[b]] += value
          if a != b { result[columns[b] * k + columns[a]] += value }
        }
      }
      for column in columns { localOfColumn[column] = -1 }
    }
    if scales.usableStrata < scales.presentStrata {
      let rescale = Double(scales.presentStrata) / Double(scales.usableStrata)
      for index in result.indices { result[index] *= rescale }
    }
    return result
  }
}
