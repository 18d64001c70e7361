extension SurveyDesign {
  /// The weighted mean of a numeric variable, overall or in every domain of `domainVariables`,
  /// with its linearized standard error: R survey's `svymean(~y, design, na.rm = TRUE, deff = TRUE)`
  /// (or `svyby(~y, ~by, design, svymean, …)`), and a t interval on the domain's design degrees of
  /// freedom, as `confint(…, df = degf(design))`.
  ///
  /// ȳ = Σ wᵢyᵢ / Σ wᵢ, with influence values zᵢ = wᵢ(yᵢ − ȳ)/Σwᵢ (Woodruff 1971); missing values
  /// are masked. The design effect uses s² = n/(n−1)·Σw(y−ȳ)²/Σw and V_srs = s²(N̂ − n)/(N̂n).
  ///
  /// With replicate weights (`replicates`), the variance is that of the replicate means
  /// ȳ_r = Σ a_ri yᵢ / Σ a_ri (`ReplicateWeights`; R's `svymean.svyrep.design`), and the degrees of
  /// freedom are the rank of the domain's replicate weights minus one.
  ///
  /// - Throws: ``SurveyError`` when the variable is missing or holds text.
  /// - Complexity: O(n) over the rows for the estimates of every domain, and O(n·D) for the
  ///   variances of D domains (see `domainVariances(rowInfluence:domainOfRow:isActive:domainCount:)`).
  public func means(
    of variable: String, by domainVariables: [String] = [], level: Double = 0.95
  ) throws -> NumericEstimates<MeanEstimate> {
    try means(of: [variable], by: domainVariables, level: level)
  }

  /// The weighted means of each of `variables`, overall or in every domain of `domainVariables`:
  /// the estimates of ``means(of:by:level:)-(String,_,_)`` for each variable in turn, on domains
  /// found once.
  ///
  /// ```swift
  /// let means = try design.means(of: ["hours_online", "apps_installed"], by: ["age_band"])
  /// ```
  ///
  /// - Returns: the estimates of the first variable, then those of the second, and so on.
  /// - Throws: ``SurveyError`` for the first variable (in the order given) that is missing, holds
  ///   text, or has no value at all.
  public func means(
    of variables: [String], by domainVariables: [String] = [], level: Double = 0.95
  ) throws -> NumericEstimates<MeanEstimate> {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let values = try variables.map {
      try survey.variable(named: $0).optionalNumbers(role: "analysed variable", origin: survey.origin)
    }
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let estimates = try zip(variables, values).flatMap { variable, values in
      try means(values: values, name: variable, partition: partition, level: level)
    }
    return NumericEstimates(estimates, design: summary)
  }

  /// The means of `values` (nil = missing) in every domain of `partition`: the sums of all domains
  /// in two passes over the rows (``numericTally(values:partition:)``), finished by
  /// ``NumericTally`` as a database's group sums are (``GroupSums/means(level:)``). A calibrated
  /// or replicate design replaces the PSU slots' variances by its own. Domains without a value are
  /// left out (an error when the partition has a single domain).
  func means(values: [Double?], name: String, partition: DomainPartition, level: Double) throws -> [MeanEstimate] {
    let domainCount = partition.domains.count
    let domainOfRow = partition.domainOfRow
    let tally = numericTally(values: values, partition: partition)
    if domainCount == 1, tally.domains[0].weightTotal == 0 {
      throw SurveyError.emptyDomain(variable: name, domain: "in the sample")
    }
    var variances: [Double]?
    if replicates != nil || isCalibrated {
      let isActive = values.indices.map { domainOfRow[$0] >= 0 && values[$0] != nil }
      if replicates != nil {
        variances = replicateRatioVariances(
          numerator: values.map { $0 ?? 0 }, denominator: nil,
          activeDomainOfRow: values.indices.map { isActive[$0] ? domainOfRow[$0] : -1 }, domainCount: domainCount,
          estimates: tally.domains.map(\.mean))
      } else {
        let influence = values.indices.map { row -> Double in
          guard isActive[row] else { return 0 }
          let sums = tally.domains[Int(domainOfRow[row])]
          return weights[row] * (values[row]! - sums.mean) / sums.weightTotal
        }
        variances = domainVariances(
          rowInfluence: influence, domainOfRow: domainOfRow, isActive: isActive, domainCount: domainCount)
      }
    }
    return tally.means(variable: name, domains: partition.domains, level: level, design: tallyDesign, variances: variances)
  }
}

extension Variable {
  /// The values as optional numbers (nil where missing).
  ///
  /// - Throws: ``SurveyError/notNumeric(variable:role:row:value:origin:)`` for a text value.
  func optionalNumbers(role: String, origin: DataOrigin) throws -> [Double?] {
    switch values {
    case .numeric(let numeric):
      return numeric.values.indices.map { numeric.isMissing[$0] ? nil : numeric.values[$0] }
    case .categorical(let categorical):
      let parsed = categorical.levels.map { Double($0.trimmingSpaces()) }
      return try categorical.codes.enumerated().map { row, code in
        guard code >= 0 else { return nil }
        guard let number = parsed[Int(code)] else {
          throw SurveyError.notNumeric(
            variable: name, role: role, row: row, value: categorical.levels[Int(code)], origin: origin)
        }
        return number
      }
    }
  }
}
