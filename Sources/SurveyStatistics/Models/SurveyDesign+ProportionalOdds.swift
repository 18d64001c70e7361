extension SurveyDesign {
  /// A proportional-odds model of an ordinal outcome, R survey 4.1's `svyolr(formula, design)`
  /// (or on `subset(design, domain)`), which ``regression(_:family:in:level:)`` fits for
  /// ``ModelFamily/proportionalOdds``.
  ///
  /// ```swift
  /// // R: svyolr(mealcat ~ avg.ed + mobility + stype, dclus1)
  /// let fit = try dclus1.regression(Formula("mealcat ~ avg.ed + mobility + stype"), family: .proportionalOdds)
  /// fit.coefficient("avg.ed")?.estimate       // −2.6999
  /// fit.thresholds.map(\.term)                // ["(0,25]|(25,50]", "(25,50]|(50,75]", "(50,75]|(75,100]"]
  /// ```
  ///
  /// Model (McCullagh 1980; Lumley 2010, §6.3): P(Y ≤ k | x) = F(ζ_k − xᵀβ), F logistic, so a
  /// positive βⱼ moves respondents towards higher levels (R's sign). The outcome's levels are those
  /// observed in the model, in numeric order for numbers, in the codebook's order for a variable
  /// it declares ordinal, otherwise in byte order. β̂ and ζ̂ maximize the design-weighted
  /// log-likelihood Σ wᵢ log P(Y = yᵢ | xᵢ) exactly as `svyolr` does (see ``ProportionalOddsFit``:
  /// R's starting values, BFGS and numerical Hessian), and their variance is the sandwich
  /// V̂ = Vₘ V̂_design(Σ uᵢ) Vₘ with uᵢ each respondent's score and Vₘ the inverse of the
  /// numerical information (R's `svy.varcoef`-style `svyrecvar(inffun, …)`, with strata, PSUs,
  /// FPC, lonely-PSU policy and calibration). t statistics, p values, intervals and Wald tests use
  /// `svyolr`'s residual degrees of freedom: design degrees of freedom − number of slopes.
  /// R's `summary()` gives no p values and `confint()` normal intervals; here they are on those
  /// degrees of freedom, as for ``regression(_:family:in:level:)``'s other families, and a
  /// one-column term's p value equals its `regTermTest`.
  ///
  /// - Throws: ``ModelError``: an outcome with fewer than three levels, a formula without
  ///   intercept, and the data problems of the other families.
  func proportionalOddsRegression(_ formula: Formula, in domain: Domain, level: Double) throws -> ModelFit {
    try requireNoReplicates(for: "A proportional-odds model")
    guard formula.hasIntercept else { throw ModelError.ordinalWithoutIntercept }
    let inDomain = try rows(in: domain)
    guard inDomain.contains(true) else { throw ModelError.unknownDomain(domain) }
    let isEligible = (0..<respondentCount).map { inDomain[$0] && weights[$0] > 0 }
    let frame = try ModelFrame(
      formula: formula, survey: survey, domain: domain, isEligible: isEligible, isOrdinal: true,
      outcomeCheck: { _, _ in })
    guard frame.responseLevels.count >= 3 else {
      throw ModelError.tooFewOrdinalLevels(variable: formula.response.name, levels: frame.responseLevels)
    }
    try frame.validatePredictors(of: formula)
    let matrix = ModelMatrix(formula: formula, frame: frame)
    let n = frame.rows.count, p = matrix.columnCount - 1, q = frame.responseLevels.count - 1
    let withIntercept = matrix.values(columns: frame.columns, rowCount: n)
    var x = [Double](repeating: 0, count: n * p)
    for i in 0..<n {
      for j in 0..<p { x[i * p + j] = withIntercept[i * (p + 1) + j + 1] }
    }
    let samplingWeights = frame.rows.map { weights[$0] }
    // R's starting fit rescales by the mean weight over the rows svyolr sees: on a calibrated
    // design those of the whole sample with every model variable (a domain's others weigh 0).
    var weightsForMean = samplingWeights
    if isCalibrated && !domain.levels.isEmpty {
      let complete = try ModelFrame(
        formula: formula, survey: survey, domain: .wholeSample, isEligible: [Bool](repeating: true, count: respondentCount),
        isOrdinal: true, outcomeCheck: { _, _ in })
      weightsForMean += [Double](repeating: 0, count: complete.rows.count - n)
    }
    let fit = try ProportionalOddsFit(
      x: x, columnNames: Array(matrix.columnNames.dropFirst()), outcome: frame.response.map { Int($0) },
      levelCount: q + 1, weights: samplingWeights, meanOf: weightsForMean)

    let k = p + q
    var influence = [Double](repeating: 0, count: respondentCount * k)
    for (position, row) in frame.rows.enumerated() {
      for j in 0..<k { influence[row * k + j] = fit.influence[position * k + j] }
    }
    let isInModel = frame.isInModel
    let covariance = self.covariance(rowInfluence: influence, statisticCount: k, isActive: { isInModel[$0] })
    let designDegreesOfFreedom = degreesOfFreedom(includingRows: { isInModel[$0] })
    let residualDegreesOfFreedom = designDegreesOfFreedom - p
    guard residualDegreesOfFreedom > 0 else {
      throw ModelError.noResidualDegreesOfFreedom(coefficients: p, designDegreesOfFreedom: designDegreesOfFreedom)
    }

    let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(residualDegreesOfFreedom))
    let distribution = StudentTDistribution(degreesOfFreedom: Double(residualDegreesOfFreedom))
    let levels = frame.responseLevels
    let names = Array(matrix.columnNames.dropFirst()) + (0..<q).map { "\(levels[$0])|\(levels[$0 + 1])" }
    let components = Array(matrix.columnComponents.dropFirst()) + [[ModelCoefficient.Component]](repeating: [], count: q)
    let estimates = fit.coefficients + fit.thresholds
    let coefficients = (0..<k).map { j -> ModelCoefficient in
      let estimate = estimates[j]
      let standardError = covariance[j * k + j].squareRoot()
      let statistic = estimate / standardError
      return ModelCoefficient(
        term: names[j], components: components[j], estimate: estimate, standardError: standardError,
        statistic: statistic, pValue: 2 * distribution.cdf(-abs(statistic)),
        confidenceInterval: ConfidenceInterval(
          lower: estimate - t * standardError, upper: estimate + t * standardError, method: .mean, level: level),
        degreesOfFreedom: residualDegreesOfFreedom, respondents: n, domain: domain)
    }
    let termTests = formula.terms.indices.map { term in
      WaldTest.test(
        label: formula.termLabels[term],
        columns: matrix.assign.indices.filter { matrix.assign[$0] == term + 1 }.map { $0 - 1 },
        coefficients: estimates, covariance: covariance, degreesOfFreedom: residualDegreesOfFreedom)
    }
    return ModelFit(
      formula: formula, family: .proportionalOdds, domain: domain, coefficients: coefficients, thresholdCount: q,
      covariance: (0..<k).map { i in Array(covariance[(i * k)..<((i + 1) * k)]) },
      respondents: n, degreesOfFreedom: residualDegreesOfFreedom, designDegreesOfFreedom: designDegreesOfFreedom,
      dispersion: .nan, termTests: termTests, level: level, iterations: fit.gradientEvaluations,
      context: ModelContext(
        design: self, frame: frame, matrix: matrix, x: withIntercept, influence: .surveyRows(influence),
        samplingWeights: samplingWeights))
  }
}
