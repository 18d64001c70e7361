/// PSU totals of one or more influence (linearization) variables, for the PSUs that hold at
/// least one respondent of the estimation domain.
///
/// For a ratio-type estimator θ̂ = Σ wᵢyᵢ / Σ wᵢ the influence value of respondent i is
/// zᵢ = wᵢ(yᵢ − θ̂) / Σ wᵢ (R survey, `svymean.survey.design2`); its PSU total is z_hj = Σ_{i∈(h,j)} zᵢ.
/// PSUs of the design that hold no respondent of the domain count as zeros in the variance.
struct InfluenceTotals: Sendable {
  /// The number of statistics (columns).
  let statisticCount: Int
  /// The PSU of each entry.
  var psus: [Int32] = []
  /// Row-major totals: entry e, statistic j at `e * statisticCount + j`.
  var totals: [Double] = []

  init(statisticCount: Int) {
    self.statisticCount = statisticCount
  }

  /// Adds an entry for `psu` and returns its index.
  mutating func appendPSU(_ psu: Int32) -> Int {
    psus.append(psu)
    totals.append(contentsOf: repeatElement(0, count: statisticCount))
    return psus.count - 1
  }

  /// Sums row-level influence values (row-major, `statisticCount` per row) over the PSUs of the
  /// rows for which `isActive` is true.
  init(rowInfluence: [Double], statisticCount: Int, isActive: (Int) -> Bool, psuOfRow: [Int32], psuCount: Int) {
    self.statisticCount = statisticCount
    var entryOfPSU = [Int32](repeating: -1, count: psuCount)
    for row in psuOfRow.indices where isActive(row) {
      let base = entry(of: psuOfRow[row], &entryOfPSU) * statisticCount, rowBase = row * statisticCount
      for statistic in 0..<statisticCount { totals[base + statistic] += rowInfluence[rowBase + statistic] }
    }
  }

  /// The entry of `psu`, added with zero totals the first time it is asked for; `entryOfPSU` (one
  /// per PSU of the design, −1 until then) remembers the entries.
  mutating func entry(of psu: Int32, _ entryOfPSU: inout [Int32]) -> Int {
    var entry = Int(entryOfPSU[Int(psu)])
    if entry < 0 {
      entry = appendPSU(psu)
      entryOfPSU[Int(psu)] = Int32(entry)
    }
    return entry
  }
}
