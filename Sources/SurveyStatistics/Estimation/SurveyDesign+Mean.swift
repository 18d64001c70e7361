extension SurveyDesign {
  /// The weighted mean of a numeric variable, overall or in every domain of `domainVariables`,
  /// with its linearized standard error: R survey's `svymean(~y, design, na.rm = TRUE, deff = TRUE)`
  /// (or `svyby(~y, ~by, design, svymean, …)`), and a t interval on the domain's design degrees of
  /// freedom, as `confint(…, df = degf(design))`.
  ///
  /// ȳ = Σ wᵢyᵢ / Σ wᵢ, with influence values zᵢ = wᵢ(yᵢ − ȳ)/Σwᵢ (Woodruff 1971); missing values
  /// are masked. The design effect uses s² = n/(n−1)·Σw(y−ȳ)²/Σw and V_srs = s²(N̂ − n)/(N̂n).
  ///
  /// - Throws: ``SurveyError`` when the variable is missing or holds text.
  /// - Complexity: O(n) over the rows, plus O(n) for the design effect.
  public func means(
    of variable: String, by domainVariables: [String] = [], level: Double = 0.95
  ) throws -> [MeanEstimate] {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let analysed = try survey.variable(named: variable)
    let values = try analysed.optionalNumbers(role: "analysed variable", origin: survey.origin)
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    return try partition.domains.indices.compactMap { domainIndex in
      try mean(values: values, name: variable, partition: partition, domainIndex: domainIndex, level: level)
    }
  }

  /// The mean of `values` (nil = missing) over the rows of one domain.
  func mean(
    values: [Double?], name: String, partition: DomainPartition, domainIndex: Int, level: Double
  ) throws -> MeanEstimate? {
    let inDomain = { (row: Int) in partition.domainOfRow[row] == Int32(domainIndex) }
    var total = 0.0, weighted = 0.0, respondents = 0
    for row in values.indices where inDomain(row) {
      if let value = values[row] {
        total += weights[row]
        weighted += weights[row] * value
        respondents += 1
      }
    }
    guard total > 0 else {
      if partition.domains.count == 1 { throw SurveyError.emptyDomain(variable: name, domain: "in the sample") }
      return nil
    }
    let mean = weighted / total
    var influence = [Double](repeating: 0, count: values.count)
    var squares = 0.0
    for row in values.indices where inDomain(row) {
      if let value = values[row] {
        influence[row] = weights[row] * (value - mean) / total
        squares += weights[row] * (value - mean) * (value - mean)
      }
    }
    let variance = covariance(
      rowInfluence: influence, statisticCount: 1, isActive: { inDomain($0) && values[$0] != nil })[0]
    let degreesOfFreedom = structure.degreesOfFreedom(includingRows: inDomain)
    let n = Double(respondents)
    var designEffect: Double?
    if total >= n, n > 1 {
      designEffect = variance / (n / (n - 1) * squares / total * (total - n) / (total * n))
    }
    let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(degreesOfFreedom))
    let standardError = variance.squareRoot()
    return MeanEstimate(
      variable: name, domain: partition.domains[domainIndex], mean: mean, standardError: standardError,
      confidenceInterval: ConfidenceInterval(
        lower: mean - t * standardError, upper: mean + t * standardError, method: .mean, level: level),
      respondents: respondents, degreesOfFreedom: degreesOfFreedom, designEffect: designEffect)
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
