extension ReplicateWeights {
  /// The replicate covariance of the shares of k cells from their replicate totals, as R's
  /// `svymean()` of the cells' indicators on a replicate design (`svrVar()` of the replicate
  /// means): each replicate's shares p_k^(r) = T_rk / Σ_k T_rk, then
  /// ``covariance(replicates:estimates:)`` around the full-sample shares `proportions`.
  ///
  /// The file path sums the totals T_rk = Σ a_ri over each cell's rows
  /// (``cellTotals(cellOfRow:cellCount:values:)``); a table's group sums add up the groups'
  /// exact replicate sums (``GroupSums/Group/replicateSums``). Both finish here.
  ///
  /// - Parameters:
  ///   - totals: `count` × k totals, replicate after replicate.
  ///   - proportions: the k full-sample shares.
  /// - Returns: the k × k covariance, row-major.
  func cellShareCovariance(totals: [Double], proportions: [Double]) -> [Double] {
    let cellCount = proportions.count
    var shares = [Double](repeating: 0, count: totals.count)
    for replicate in 0..<count {
      let base = replicate * cellCount
      let total = (0..<cellCount).reduce(0.0) { $0 + totals[base + $1] }
      for cell in 0..<cellCount { shares[base + cell] = totals[base + cell] / total }
    }
    return covariance(replicates: shares, estimates: proportions)
  }
}
