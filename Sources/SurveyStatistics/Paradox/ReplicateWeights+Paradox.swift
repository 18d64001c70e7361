/// R's `degf()` of the designs of a paradox analysis on replicate weights: the rank of the replicate
/// weights of the complete respondents (and of the concerned ones, for the inaction ratio) minus
/// one, for the whole sample and within each domain (indexed as the domains' cell totals are).
struct ParadoxReplicateDegreesOfFreedom {
  var complete: Int
  var concerned: Int
  var completeInDomain: [Int] = []
  var concernedInDomain: [Int] = []
}

extension ReplicateWeights {
  /// The variances of a paradox analysis from each replicate's weighted 2×2 tables, shared by a
  /// file's rows (``SurveyDesign/replicateParadoxVariances(cells:domainOfRow:domainCount:overallTable:domainTables:domainIndices:)``)
  /// and a table's group sums (``GroupSums/paradox(_:method:level:raking:)``).
  ///
  /// Every statistic θ of a domain is a function of its four cell shares p_k, linearized as
  /// θ̂ + N̂·Σ_k a_θ[k]·(p_k − p̂_k) (``ParadoxTable/influenceCoefficients``), so its variance is
  /// the replicate variance of N̂·Σ_k a_θ[k]·p_k^(r), with p_k^(r) = T_rk / Σ_k T_rk from the
  /// replicate cell totals T_rk = Σ a_ri over cell k: the delta-method variance gᵀVg of R's
  /// `svycontrast(svymean(~c11 + c10 + c01 + c00, d), …)`, V the replicate covariance of the cell
  /// shares, exact for the gap (`svycontrast(svymean(~C + A, d), c(1, -1))`) and the shares, the
  /// delta method for φ and log OR (Lumley 2010, §2.3 and §3.3; Wolter 2007, ch. 4). The
  /// between-domain covariance of the gaps and paradox
  /// shares is the replicate covariance of the domains' replicate estimates (R's
  /// `svyby(…, covmat = TRUE)`).
  ///
  /// - Parameters:
  ///   - overallTotals: T_rk of the whole sample's complete respondents, R × 4.
  ///   - domainTotals: T_rk of every (domain, cell), R × (`domainCount` · 4), cell `domain · 4 + k`
  ///     (empty without analysed domains).
  ///   - domainIndices: the analysed domains (with complete respondents), in `domainTables`' order.
  /// - Complexity: O(R·(D + 1)) plus O(R·D²) for the comparison covariance of D domains.
  func paradoxVariances(
    overallTotals: [Double], domainTotals: [Double], domainCount: Int, overallTable: ParadoxTable,
    domainTables: [ParadoxTable], domainIndices: [Int], degreesOfFreedom: ParadoxReplicateDegreesOfFreedom
  ) -> ParadoxVariances {
    // The replicate cell shares of one table: `count` × 4, replicate after replicate.
    func replicateShares(_ totals: [Double], cellCount: Int, base: Int) -> [Double] {
      var shares = [Double](repeating: 0, count: count * 4)
      for replicate in 0..<count {
        let w = (0..<4).map { totals[replicate * cellCount + base + $0] }
        let total = (w[0] + w[3]) + (w[1] + w[2])
        for cell in 0..<4 { shares[replicate * 4 + cell] = w[cell] / total }
      }
      return shares
    }
    func variances(of table: ParadoxTable, shares: [Double]) -> [Double] {
      let n = table.total
      return table.influenceCoefficients.map { coefficients in
        guard let coefficients else { return .nan }
        let values = (0..<count).map { (replicate: Int) -> Double in
          var sum = 0.0
          for cell in 0..<4 { sum += coefficients[cell] * shares[replicate * 4 + cell] }
          return n * sum
        }
        return variance(replicates: values, estimate: 0)
      }
    }

    let overall = ParadoxVariances.Statistics(
      variances: variances(of: overallTable, shares: replicateShares(overallTotals, cellCount: 4, base: 0)),
      degreesOfFreedom: degreesOfFreedom.complete, concernedDegreesOfFreedom: degreesOfFreedom.concerned)
    guard !domainIndices.isEmpty else {
      return ParadoxVariances(overall: overall, domains: [], comparisonCovariance: [])
    }
    var comparisonReplicates = [Double](repeating: 0, count: count * 2 * domainIndices.count)
    var comparisonEstimates: [Double] = []
    let columns = 2 * domainIndices.count
    let domains = zip(domainTables, domainIndices).enumerated().map { position, domain in
      let (table, index) = domain
      let shares = replicateShares(domainTotals, cellCount: domainCount * 4, base: index * 4)
      for replicate in 0..<count {
        let p = (0..<4).map { shares[replicate * 4 + $0] }
        // P(C) − P(A) and p₁₀, as ParadoxTable/estimates forms them.
        comparisonReplicates[replicate * columns + 2 * position] = (p[3] + p[2]) - (p[3] + p[1])
        comparisonReplicates[replicate * columns + 2 * position + 1] = p[2]
      }
      let estimates = table.estimates
      comparisonEstimates += [
        estimates[ParadoxTable.Statistic.gap.rawValue], estimates[ParadoxTable.Statistic.paradoxShare.rawValue],
      ]
      return ParadoxVariances.Statistics(
        variances: variances(of: table, shares: shares), degreesOfFreedom: degreesOfFreedom.completeInDomain[index],
        concernedDegreesOfFreedom: degreesOfFreedom.concernedInDomain[index])
    }
    let comparison = domainIndices.count > 1
      ? covariance(replicates: comparisonReplicates, estimates: comparisonEstimates) : []
    return ParadoxVariances(overall: overall, domains: domains, comparisonCovariance: comparison)
  }
}
