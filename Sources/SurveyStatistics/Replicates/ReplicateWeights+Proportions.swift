extension ReplicateWeights {
  /// The replicate variances of the proportions of `categories` in one domain, and of their logit
  /// coefficients when the tally fits them: p̂_rc = T_rc / Σ_k T_rk from the replicate totals of
  /// the domain's categories, V̂ = scale · Σ_r rscale_r (p̂_rc − c)² (R's `svrVar()`), and for the
  /// logit interval the variance of the replicate coefficients, each R's `glm.fit()` started at the
  /// full-sample coefficient (``InterceptOnlyLogisticFit/replicateCoefficient(proportion:start:)``).
  /// A file's rows (``SurveyDesign``) and a table's group sums (``GroupSums``) share it.
  ///
  /// - Parameter totals: Σ a_ri per replicate and (domain, category) cell, replicate after
  ///   replicate, cell `domain · categoryCount + category`.
  func proportionVariances(
    _ totals: [Double], tally: CategoryTally, domainIndex: Int, categoryCount: Int, domainCount: Int,
    categories: [Int], fitsLogit: Bool
  ) -> (variances: [Double], logitVariances: [Double]?) {
    let cellsPerReplicate = domainCount * categoryCount
    let base = domainIndex * categoryCount
    let domainTotals = (0..<count).map { replicate in
      (0..<categoryCount).reduce(0.0) { $0 + totals[replicate * cellsPerReplicate + base + $1] }
    }
    var variances: [Double] = []
    var logitVariances: [Double]? = fitsLogit ? [] : nil
    for category in categories {
      let proportions = (0..<count).map { totals[$0 * cellsPerReplicate + base + category] / domainTotals[$0] }
      let proportion = tally.proportion(category: category, domainIndex: domainIndex)
      variances.append(variance(replicates: proportions, estimate: proportion))
      if fitsLogit {
        guard let fit = tally.logitFit(category: category, domainIndex: domainIndex) else {
          logitVariances?.append(.nan)
          continue
        }
        let coefficients = proportions.map {
          InterceptOnlyLogisticFit.replicateCoefficient(proportion: $0, start: fit.coefficient)
        }
        logitVariances?.append(variance(replicates: coefficients, estimate: fit.coefficient))
      }
    }
    return (variances, logitVariances)
  }
}
