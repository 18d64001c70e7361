extension SurveyDesign {
  /// The estimated population total of a numeric variable, overall or in every domain of
  /// `domainVariables`, with its linearized standard error: R survey's
  /// `svytotal(~y, design, na.rm = TRUE, deff = TRUE)` (or `svyby(~y, ~by, design, svytotal, …)`),
  /// and a t interval on the domain's design degrees of freedom, as
  /// `confint(…, df = degf(subset(design, domain)))`.
  ///
  /// Ŷ = Σ wᵢyᵢ (Horvitz & Thompson 1952), with influence values zᵢ = wᵢyᵢ summed by PSU for the
  /// stratified variance (Lumley 2010, §2.2). Missing values are masked and rows outside the domain
  /// count as zeros, so every PSU of the design keeps its place (Lumley 2010, §2.3). The design effect
  /// compares the variance with N̂²·s²(N̂ − n)/(N̂n), s² = n/(n−1)·Σw(y−ȳ)²/Σw
  /// (`svytotal.survey.design2`, R/multistage.R).
  ///
  /// With replicate weights (``replicates``), the variance is that of the replicate totals
  /// Ŷ_r = Σ a_ri yᵢ (``ReplicateWeights``; R's `svytotal.svyrep.design`).
  ///
  /// ```swift
  /// let enrolment = try design.totals(of: "enroll", by: ["stype"])
  /// ```
  ///
  /// - Throws: ``SurveyError`` when the variable is missing, holds text, or has no value at all.
  /// - Complexity: O(n) over the rows for the estimates of every domain, and O(n·D) for the
  ///   variances of D domains.
  public func totals(
    of variable: String, by domainVariables: [String] = [], level: Double = 0.95
  ) throws -> NumericEstimates<TotalEstimate> {
    try totals(of: [variable], by: domainVariables, level: level)
  }

  /// The estimated population totals of each of `variables`, overall or in every domain of
  /// `domainVariables`: the estimates of ``totals(of:by:level:)-(String,_,_)`` for each variable in
  /// turn, on domains found once.
  ///
  /// - Returns: the estimates of the first variable, then those of the second, and so on.
  /// - Throws: ``SurveyError`` for the first variable (in the order given) that is missing, holds
  ///   text, or has no value at all.
  public func totals(
    of variables: [String], by domainVariables: [String] = [], level: Double = 0.95
  ) throws -> NumericEstimates<TotalEstimate> {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let values = try variables.map {
      try survey.variable(named: $0).optionalNumbers(role: "analysed variable", origin: survey.origin)
    }
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let estimates = try zip(variables, values).flatMap { variable, values in
      try totals(values: values, name: variable, partition: partition, level: level)
    }
    return NumericEstimates(estimates, design: summary)
  }

  /// The totals of `values` (nil = missing) in every domain of `partition`. Domains without a value
  /// are left out (an error when the partition has a single domain).
  func totals(values: [Double?], name: String, partition: DomainPartition, level: Double) throws -> [TotalEstimate] {
    let domainCount = partition.domains.count
    let domainOfRow = partition.domainOfRow
    var weightTotals = [Double](repeating: 0, count: domainCount)
    var totals = [Double](repeating: 0, count: domainCount)
    var respondents = [Int](repeating: 0, count: domainCount)
    var isActive = [Bool](repeating: false, count: values.count)
    var influence = [Double](repeating: 0, count: values.count)
    for row in values.indices {
      let domain = Int(domainOfRow[row])
      guard domain >= 0, let value = values[row] else { continue }
      isActive[row] = true
      influence[row] = weights[row] * value
      weightTotals[domain] += weights[row]
      totals[domain] += influence[row]
      respondents[domain] += 1
    }
    if domainCount == 1, respondents[0] == 0 {
      throw SurveyError.emptyDomain(variable: name, domain: "in the sample")
    }
    // Σw(y − ȳ)² for the design effect.
    var squares = [Double](repeating: 0, count: domainCount)
    for row in values.indices where isActive[row] {
      let domain = Int(domainOfRow[row])
      let deviation = values[row]! - totals[domain] / weightTotals[domain]
      squares[domain] += weights[row] * deviation * deviation
    }
    let variances: [Double]
    if replicates != nil {
      variances = replicateTotalVariances(
        values: values.map { $0 ?? 0 }, activeDomainOfRow: values.indices.map { isActive[$0] ? domainOfRow[$0] : -1 },
        domainCount: domainCount, estimates: totals)
    } else {
      variances = domainVariances(
        rowInfluence: influence, domainOfRow: domainOfRow, isActive: isActive, domainCount: domainCount)
    }
    let degreesOfFreedom = domainDegreesOfFreedom(domainOfRow: domainOfRow, domainCount: domainCount)
    return (0..<domainCount).compactMap { domain -> TotalEstimate? in
      guard respondents[domain] > 0 else { return nil }
      let weightTotal = weightTotals[domain], total = totals[domain], variance = variances[domain]
      let designEffect = simpleRandomSamplingVarianceOfMean(
        weightedSquares: squares[domain], weightTotal: weightTotal, respondents: respondents[domain]
      ).map { variance / ($0 * weightTotal * weightTotal) }
      let standardError = variance.squareRoot()
      let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(degreesOfFreedom[domain]))
      return TotalEstimate(
        variable: name, domain: partition.domains[domain], total: total, standardError: standardError,
        confidenceInterval: ConfidenceInterval(
          lower: total - t * standardError, upper: total + t * standardError, method: .mean, level: level),
        respondents: respondents[domain], degreesOfFreedom: degreesOfFreedom[domain], designEffect: designEffect)
    }
  }
}
