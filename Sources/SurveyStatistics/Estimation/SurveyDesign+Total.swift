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
  /// With replicate weights (`replicates`), the variance is that of the replicate totals
  /// Ŷ_r = Σ a_ri yᵢ (`ReplicateWeights`; R's `svytotal.svyrep.design`).
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

  /// The totals of `values` (nil = missing) in every domain of `partition`: the sums of
  /// ``numericTally(values:partition:)``, finished by ``NumericTally`` as a database's group sums
  /// are (``GroupSums/totals(level:)``); a calibrated or replicate design replaces the PSU slots'
  /// variances by its own. Domains without a value are left out (an error when the partition has a
  /// single domain).
  func totals(values: [Double?], name: String, partition: DomainPartition, level: Double) throws -> [TotalEstimate] {
    let domainCount = partition.domains.count
    let domainOfRow = partition.domainOfRow
    let tally = numericTally(values: values, partition: partition)
    if domainCount == 1, tally.domains[0].respondents == 0 {
      throw SurveyError.emptyDomain(variable: name, domain: "in the sample")
    }
    var variances: [Double]?
    if replicates != nil || isCalibrated {
      let isActive = values.indices.map { domainOfRow[$0] >= 0 && values[$0] != nil }
      if replicates != nil {
        variances = replicateTotalVariances(
          values: values.map { $0 ?? 0 }, activeDomainOfRow: values.indices.map { isActive[$0] ? domainOfRow[$0] : -1 },
          domainCount: domainCount, estimates: tally.domains.map(\.valueTotal))
      } else {
        variances = domainVariances(
          rowInfluence: values.indices.map { isActive[$0] ? weights[$0] * values[$0]! : 0 }, domainOfRow: domainOfRow,
          isActive: isActive, domainCount: domainCount)
      }
    }
    return tally.totals(variable: name, domains: partition.domains, level: level, design: tallyDesign, variances: variances)
  }
}
