extension GroupSums {
  /// The ratio of the population totals of the groups' variable y (``variable``, the numerator)
  /// and a `denominator` x in every domain, from the group sums alone: the estimates, standard
  /// errors, design effects, degrees of freedom and intervals of
  /// ``SurveyDesign/ratios(numerator:denominator:by:level:)`` (R's `svyratio(~y, ~x, design,
  /// na.rm = TRUE, deff = TRUE)`, or `svyby(…, svyratio, denominator = ~x)`), for a design with or
  /// without PSUs, or with replicate-weight columns: raked to population margins with `raking`, or,
  /// with PSUs, with replicates created from its strata and PSUs, whose variance is that of the
  /// replicate ratios Σ_j m_rj·Σ_{hj}wy / Σ_j m_rj·Σ_{hj}wx
  /// (``replicateNumericVariances(_:domainIndex:tally:ratio:)``), or both: a `raking` with its
  /// replicates raked (``rakingReplicates(_:)``), whose replicate ratios weigh each unit by
  /// m_rj·F_r(c)/F(c), as for raked means. With replicate-weight columns (R's `svrepdesign()`,
  /// then `svyratio.svyrep.design`), the replicate ratios are Σ a_r·y / Σ a_r·x over the domain's
  /// respondents with both values, from the groups' ``Group/replicateValueSums`` and
  /// ``Group/replicateDenominatorSums`` (raked: each times the replicate's own factor F_r(c)), the
  /// degrees of freedom the rank of the replicate weights of the domain's rows minus one
  /// (``suppliedReplicates``), and the design effect that of the replicate totals of rᵢ, as on a
  /// file.
  ///
  /// The groups' category says whether a row has both values; over those, the groups carry Σw,
  /// Σw·y, Σw·y² (``Group/valueSum``, ``Group/valueSquareSum``), Σw·x, Σw·x² and Σw·x·y
  /// (``Group/denominatorSum``, ``Group/denominatorSquareSum``, ``Group/crossProductSum``). In
  /// domain d, R̂ = Ŷ_d/X̂_d; the PSU totals of the influence values zᵢ = wᵢ(yᵢ − R̂xᵢ)/X̂_d are
  /// z_hj = (Σ_{hj} wy − R̂ Σ_{hj} wx)/X̂_d (Woodruff 1971; Lumley 2010, §2.2), the stratified
  /// variance of ``means(level:)`` with Σw·x in place of Σw (the file path's own code,
  /// `NumericTally`). The design effect is that of the total of rᵢ = (yᵢ − R̂xᵢ)/X̂_d
  /// (`svyratio.survey.design2`): with Σw·r = (Ŷ_d − R̂X̂_d)/X̂_d and
  /// Σw·r² = (Σwy² − 2R̂ Σwxy + R̂² Σwx²)/X̂_d², Σw(r − r̄)² = Σw·r² − (Σw·r)²/Σw.
  ///
  /// Without a PSU column (``rowsArePSUs``, R's `svydesign(ids = ~1, …)`) every row is a PSU and
  /// the groups are keyed by stratum × domain × whether the row has both values; they carry Σw²·y²
  /// (``Group/weightSquareValueSquareSum``), Σw²·x² and Σw²·x·y
  /// (``Group/weightSquareDenominatorSquareSum``, ``Group/weightSquareCrossProductSum``) too. In
  /// stratum h of domain d, over the n_hd rows with both values, Σzᵢ = (Σwy − R̂ Σwx)/X̂_d and
  /// Σzᵢ² = (Σw²y² − 2R̂ Σw²xy + R̂² Σw²x²)/X̂_d², and
  /// V̂ = Σ_h f_h·n_h/(n_h − 1)·(Σzᵢ² − (Σzᵢ)²/n_h), with n_h all the rows of the stratum (those
  /// outside the domain or without both values have zᵢ = 0), as R's `onestrat` on one row per PSU.
  /// Raked, the groups add Σw²·x too, for the rows' residuals on the raking
  /// (``rakedNumericRowVariances(_:tally:design:total:ratio:domainIndex:sums:)``).
  ///
  /// A domain whose denominator sums to 0 gets a non-finite ratio, as in R.
  ///
  /// With `raking`, the ratios of the design raked to its margins (R's `rake()` then `svyratio`):
  /// the groups' sums times their cell's factor (``raked(by:)``), and the influence values
  /// projected on the raking as for a raked mean (``means(level:raking:)``), with the unweighted
  /// Σy and Σx of each group (``Group/unweightedValueSum``, ``Group/unweightedDenominatorSum``).
  ///
  /// - Throws: ``GroupSumsError`` for a lonely PSU under `fail`, an unusable FPC, or groups made
  ///   without PSUs with created replicates (``GroupSumsError/needsPSUs(analysis:)``);
  ///   ``SurveyError/emptyDomain(variable:domain:)`` when no respondent has both values;
  ///   ``SurveyError/zeroDenominator(numerator:denominator:respondents:origin:)`` when the
  ///   denominator sums to 0 in every domain; ``ReplicateError`` for replicate-weight columns
  ///   without their sums and ranks, or replicates that do not suit the design.
  package func ratios(
    denominator: String, level: Double = 0.95, raking: GroupSumsRaking? = nil
  ) throws -> NumericEstimates<RatioEstimate> {
    let name = "\(variable)/\(denominator)"
    let sums = raking.map(raked(by:)) ?? self
    let tallied: (NumericTally, [Domain], TallyDesign, DesignSummary, (means: [Double], totals: [Double])?)
    do {
      tallied = try sums.numericTally(level: level, raking: raking, ratio: true)
    } catch SurveyError.emptyDomain(_, let domain) {
      throw SurveyError.emptyDomain(variable: name, domain: domain)
    }
    let (tally, domains, design, summary, replicated) = tallied
    // Σw, Σwy², Σwxy and Σwx² of each domain's respondents, in the tally's domain order.
    let domainIndex = Dictionary(uniqueKeysWithValues: orderedDomains().enumerated().map { ($0.element, $0.offset) })
    var weightTotals = [Double](repeating: 0, count: domains.count)
    var squares = [(numerator: Double, cross: Double, denominator: Double)](repeating: (0, 0, 0), count: domains.count)
    for group in sums.groups {
      guard let values = group.domain, group.category != nil else { continue }
      let domain = domainIndex[values]!
      weightTotals[domain] += group.weightSum
      squares[domain].numerator += group.valueSquareSum
      squares[domain].cross += group.crossProductSum
      squares[domain].denominator += group.denominatorSquareSum
    }
    let answered = tally.domains.reduce(0) { $0 + $1.respondents }
    if answered > 0, tally.domains.allSatisfy({ $0.weightTotal == 0 }) {
      throw SurveyError.zeroDenominator(
        numerator: variable, denominator: denominator, respondents: answered, origin: .unnamed)
    }
    // A raked replicate design takes its variance from the raked replicates, with no projection.
    let rakedVariances = try replicated == nil ? raking.map {
      try sums.rakedNumericVariances($0, tally: tally, design: design, total: false, ratio: true)
    } : nil
    let estimates = tally.domains.indices.compactMap { domain -> RatioEstimate? in
      let sums = tally.domains[domain]
      guard sums.respondents > 0 else { return nil }
      let ratio = sums.mean, denominatorTotal = sums.weightTotal, weightTotal = weightTotals[domain]
      let variance = rakedVariances?[domain] ?? replicated?.means[domain]
        ?? tally.variance(domain: domain, total: false, design: design)
      // The variance the design effect compares: that of the total of r = (y − R̂x)/X̂.
      let residualVariance = replicated?.totals[domain] ?? variance
      let residualSum = (sums.valueTotal - ratio * denominatorTotal) / denominatorTotal
      let residualSquares = (squares[domain].numerator - 2 * ratio * squares[domain].cross
        + ratio * ratio * squares[domain].denominator) / (denominatorTotal * denominatorTotal)
      let designEffect = simpleRandomSamplingVarianceOfMean(
        weightedSquares: residualSquares - residualSum * residualSum / weightTotal, weightTotal: weightTotal,
        respondents: sums.respondents
      ).map { residualVariance / ($0 * weightTotal * weightTotal) }
      let standardError = variance.squareRoot()
      let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(sums.degreesOfFreedom))
      return RatioEstimate(
        numerator: variable, denominator: denominator, domain: domains[domain], ratio: ratio,
        standardError: standardError,
        confidenceInterval: ConfidenceInterval(
          lower: ratio - t * standardError, upper: ratio + t * standardError, method: .mean, level: level),
        respondents: sums.respondents, degreesOfFreedom: sums.degreesOfFreedom, designEffect: designEffect)
    }
    return NumericEstimates(estimates, design: summary)
  }
}
