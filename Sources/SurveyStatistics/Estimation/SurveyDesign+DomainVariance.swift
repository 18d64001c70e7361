extension SurveyDesign {
  /// The variance of one statistic in each domain, from one influence value per row that is
  /// non-zero only in the row's own domain (zero and inactive outside every domain).
  ///
  /// Each domain's variance is what ``covariance(rowInfluence:statisticCount:isActive:)`` gives for
  /// that domain alone (R's `svymean` on `subset(design, domain)`). The domains are computed
  /// together, as the columns of joint calls — a domain's column is zero outside it, so the other
  /// columns do not change it — in blocks of at most 2²² influence values; O(n·D) in all for n rows
  /// and D domains instead of one full pass per domain. Under the `average` lonely-PSU policy the
  /// rescaling counts the strata present in each domain, which a joint call cannot see, so each
  /// domain then has a call of its own.
  ///
  /// - Parameters:
  ///   - rowInfluence: one value per row.
  ///   - domainOfRow: the domain of each row, −1 for none.
  ///   - isActive: whether a row's value counts (in a domain and not missing).
  ///   - domainCount: D.
  /// - Returns: D variances.
  func domainVariances(
    rowInfluence: [Double], domainOfRow: [Int32], isActive: [Bool], domainCount: Int
  ) -> [Double] {
    let n = respondentCount
    if domainCount == 1 {
      return [covariance(rowInfluence: rowInfluence, statisticCount: 1) { isActive[$0] }[0]]
    }
    if lonelyPSU == .average {
      var buffer = [Double](repeating: 0, count: n)
      return (0..<domainCount).map { domain in
        let index = Int32(domain)
        for row in 0..<n { buffer[row] = domainOfRow[row] == index && isActive[row] ? rowInfluence[row] : 0 }
        return covariance(rowInfluence: buffer, statisticCount: 1) { domainOfRow[$0] == index && isActive[$0] }[0]
      }
    }
    let blockSize = max(1, min(domainCount, (1 << 22) / max(n, 1)))
    var variances = [Double](repeating: 0, count: domainCount)
    for start in stride(from: 0, to: domainCount, by: blockSize) {
      let width = min(blockSize, domainCount - start)
      var block = [Double](repeating: 0, count: n * width)
      for row in 0..<n where isActive[row] {
        let column = Int(domainOfRow[row]) - start
        if column >= 0, column < width { block[row * width + column] = rowInfluence[row] }
      }
      let covariance = covariance(rowInfluence: block, statisticCount: width) { row in
        let column = Int(domainOfRow[row]) - start
        return isActive[row] && column >= 0 && column < width
      }
      for column in 0..<width { variances[start + column] = covariance[column * width + column] }
    }
    return variances
  }

  /// PSUs − strata among the PSUs holding rows of each domain (R's `degf()` of
  /// `subset(design, domain)`), for every domain in one pass over the rows; with replicate weights,
  /// the rank of each domain's replicate weights minus one.
  func domainDegreesOfFreedom(domainOfRow: [Int32], domainCount: Int) -> [Int] {
    if replicates != nil { return replicateDegreesOfFreedom(domainOfRow: domainOfRow, domainCount: domainCount) }
    var psus = SlotIndex(domainCount: domainCount, psuCount: psuCount)
    var psuCounts = [Int](repeating: 0, count: domainCount)
    var stratumSeen = [Bool](repeating: false, count: domainCount * stratumCount)
    var stratumCounts = [Int](repeating: 0, count: domainCount)
    for row in 0..<respondentCount {
      let domain = Int(domainOfRow[row])
      guard domain >= 0 else { continue }
      _ = psus.slot(domain: domain, psu: structure.psuOfRow[row]) { _ in psuCounts[domain] += 1 }
      let stratumKey = domain * stratumCount + Int(structure.stratumOfRow[row])
      if !stratumSeen[stratumKey] {
        stratumSeen[stratumKey] = true
        stratumCounts[domain] += 1
      }
    }
    return zip(psuCounts, stratumCounts).map { $0 - $1 }
  }
}
