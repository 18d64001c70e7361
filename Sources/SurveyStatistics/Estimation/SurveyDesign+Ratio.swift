extension SurveyDesign {
  /// The estimated ratio of the population totals of two numeric variables, overall or in every
  /// domain of `domainVariables`, with its linearized standard error: R survey's
  /// `svyratio(~numerator, ~denominator, design, na.rm = TRUE, deff = TRUE)` (or
  /// `svyby(~numerator, ~by, design, svyratio, denominator = ~denominator, …)`), and a t interval on
  /// the domain's design degrees of freedom, as `confint(…, df = degf(subset(design, domain)))`.
  ///
  /// R̂ = Ŷ/X̂ = Σ wᵢyᵢ / Σ wᵢxᵢ over the respondents with both values. Its linearization
  /// (Woodruff 1971; Lumley 2010, §2.2) has influence values zᵢ = wᵢ(yᵢ − R̂xᵢ)/X̂, summed by PSU
  /// for the stratified variance; rows outside the domain or missing either value count as zeros.
  /// The design effect is that of the total of rᵢ = (yᵢ − R̂xᵢ)/X̂ (`svyratio.survey.design2`,
  /// R/multistage.R). A domain whose denominator sums to 0 gets a non-finite ratio, as in R; when it
  /// sums to 0 in every domain (in the sample, without domains) nothing can be estimated, and
  /// `ratios` throws where R would print NaN or infinite ratios.
  ///
  /// With replicate weights (`replicates`), the variance is that of the replicate ratios
  /// Σ a_ri yᵢ / Σ a_ri xᵢ (R's `svyratio.svyrep.design`), and the design effect that of the
  /// replicate totals of rᵢ: what R survey 4.5 computes; 4.1's `svyratio(…, deff = TRUE)` stops with
  /// an error on replicate designs.
  ///
  /// ```swift
  /// let tested = try design.ratios(numerator: "api.stu", denominator: "enroll")
  /// tested[0].ratio   // 0.8497087 for R's apiclus1 design, SE 0.008386297
  /// ```
  ///
  /// - Throws: ``SurveyError`` when a variable is missing or holds text, when no respondent has both
  ///   values, or when the denominator's weighted total is 0 in every domain.
  /// - Complexity: O(n) over the rows for the estimates of every domain, and O(n·D) for the
  ///   variances of D domains.
  public func ratios(
    numerator: String, denominator: String, by domainVariables: [String] = [], level: Double = 0.95
  ) throws -> NumericEstimates<RatioEstimate> {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let numerators = try survey.variable(named: numerator)
      .optionalNumbers(role: "numerator", origin: survey.origin)
    let denominators = try survey.variable(named: denominator)
      .optionalNumbers(role: "denominator", origin: survey.origin)
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let domainCount = partition.domains.count
    let domainOfRow = partition.domainOfRow
    var weightTotals = [Double](repeating: 0, count: domainCount)
    var numeratorTotals = [Double](repeating: 0, count: domainCount)
    var denominatorTotals = [Double](repeating: 0, count: domainCount)
    var respondents = [Int](repeating: 0, count: domainCount)
    var isActive = [Bool](repeating: false, count: numerators.count)
    for row in numerators.indices {
      let domain = Int(domainOfRow[row])
      guard domain >= 0, let y = numerators[row], let x = denominators[row] else { continue }
      isActive[row] = true
      weightTotals[domain] += weights[row]
      numeratorTotals[domain] += weights[row] * y
      denominatorTotals[domain] += weights[row] * x
      respondents[domain] += 1
    }
    if domainCount == 1, respondents[0] == 0 {
      throw SurveyError.emptyDomain(variable: "\(numerator)/\(denominator)", domain: "in the sample")
    }
    let answered = respondents.reduce(0, +)
    if answered > 0, denominatorTotals.allSatisfy({ $0 == 0 }) {
      throw SurveyError.zeroDenominator(
        numerator: numerator, denominator: denominator, respondents: answered, origin: survey.origin)
    }
    let ratios = zip(numeratorTotals, denominatorTotals).map { $0 / $1 }
    // rᵢ = (yᵢ − R̂xᵢ)/X̂; the influence values are wᵢrᵢ.
    var residuals = [Double](repeating: 0, count: numerators.count)
    var influence = [Double](repeating: 0, count: numerators.count)
    var residualSums = [Double](repeating: 0, count: domainCount)
    for row in numerators.indices where isActive[row] {
      let domain = Int(domainOfRow[row])
      residuals[row] = (numerators[row]! - ratios[domain] * denominators[row]!) / denominatorTotals[domain]
      influence[row] = residuals[row] * weights[row]
      residualSums[domain] += influence[row]
    }
    // Σw(r − r̄)² for the design effect (r̄ is 0 but for rounding; R's svyvar() centres anyway).
    var squares = [Double](repeating: 0, count: domainCount)
    for row in numerators.indices where isActive[row] {
      let domain = Int(domainOfRow[row])
      let deviation = residuals[row] - residualSums[domain] / weightTotals[domain]
      squares[domain] += weights[row] * deviation * deviation
    }
    let variances: [Double]
    // The variance the design effect compares: that of the total of r = (y − R̂x)/X̂.
    let residualVariances: [Double]
    if replicates != nil {
      let activeDomainOfRow = numerators.indices.map { isActive[$0] ? domainOfRow[$0] : -1 }
      variances = replicateRatioVariances(
        numerator: numerators.map { $0 ?? 0 }, denominator: denominators.map { $0 ?? 0 },
        activeDomainOfRow: activeDomainOfRow, domainCount: domainCount, estimates: ratios)
      residualVariances = replicateTotalVariances(
        values: residuals, activeDomainOfRow: activeDomainOfRow, domainCount: domainCount, estimates: residualSums)
    } else {
      variances = domainVariances(
        rowInfluence: influence, domainOfRow: domainOfRow, isActive: isActive, domainCount: domainCount)
      residualVariances = variances
    }
    let degreesOfFreedom = domainDegreesOfFreedom(domainOfRow: domainOfRow, domainCount: domainCount)
    let estimates = (0..<domainCount).compactMap { domain -> RatioEstimate? in
      guard respondents[domain] > 0 else { return nil }
      let weightTotal = weightTotals[domain], ratio = ratios[domain], variance = variances[domain]
      let designEffect = simpleRandomSamplingVarianceOfMean(
        weightedSquares: squares[domain], weightTotal: weightTotal, respondents: respondents[domain]
      ).map { residualVariances[domain] / ($0 * weightTotal * weightTotal) }
      let standardError = variance.squareRoot()
      let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(degreesOfFreedom[domain]))
      return RatioEstimate(
        numerator: numerator, denominator: denominator, domain: partition.domains[domain], ratio: ratio,
        standardError: standardError,
        confidenceInterval: ConfidenceInterval(
          lower: ratio - t * standardError, upper: ratio + t * standardError, method: .mean, level: level),
        respondents: respondents[domain], degreesOfFreedom: degreesOfFreedom[domain], designEffect: designEffect)
    }
    return NumericEstimates(estimates, design: summary)
  }
}
