extension SurveyDesign {
  /// Fits a regression model by design-weighted estimating equations, with the design-based
  /// (sandwich) variance: R survey 4.1's `svyglm(formula, design, family = …)`, or
  /// `svyglm(formula, subset(design, domain), …)` in a domain.
  ///
  /// ```swift
  /// let fit = try design.regression(Formula("concerned ~ age_band * sex + trust_score"),
  ///                                  family: .quasibinomial)
  /// fit.coefficient("age_band25-34:sexM")?.pValue
  /// ```
  ///
  /// Method (Binder 1983; Lumley 2010, §5.2): β̂ solves the weighted estimating equations
  /// U(β) = Σᵢ wᵢ xᵢ (yᵢ − μᵢ(β)) μ′(ηᵢ)/V(μᵢ) = 0, found by iteratively reweighted least squares
  /// exactly as R's `glm.fit` (weights rescaled to mean 1, as `svyglm`'s `rescale = TRUE`). With
  /// A = XᵀWX the working information of the last iteration and uᵢ = xᵢ·Wᵢ·(yᵢ − μ̂ᵢ)/μ′(η̂ᵢ) each
  /// respondent's estimating function, the influence values zᵢ = A⁻¹uᵢ give the sandwich
  /// V̂(β̂) = A⁻¹ V̂_design(Σ uᵢ) A⁻¹ = V̂_design(Σ zᵢ), where V̂_design is the linearized
  /// covariance of totals of this design (strata, PSUs, FPC, lonely-PSU policy, and the
  /// projection on the calibration of a post-stratified or raked design), R's `svy.varcoef`.
  /// On a design with replicate weights (R's `svyglm` on a `svyrep.design`), β̂ is the same fit and
  /// the model is fitted again with each replicate's weights (from β̂, as R's `glm.fit(…, start =)`),
  /// V̂ = scale · Σ_r rscale_r (β̂_r − β̄)(β̂_r − β̄)ᵀ with β̄ the mean of the replicates, or β̂ for
  /// mean-squared-error variances (R's `svrVar`), and the residual degrees of freedom are the
  /// replicate design's (rank of its weights − 1, over the domain's rows) + 1 − p.
  /// Respondents missing any model variable are left out of the equations (R's `na.omit`) while
  /// their PSUs stay in the design; a domain's respondents are a subset whose PSUs and strata
  /// keep the full design's counts (R's `subset()`).
  ///
  /// - Parameters:
  ///   - formula: The model, in R's syntax (``Formula``).
  ///   - family: Linear (`gaussian`), logistic (`quasibinomial`) or Poisson (`quasipoisson`).
  ///   - domain: The subgroup to fit in; the whole sample by default.
  ///   - level: The confidence level of the coefficients' intervals.
  /// - Returns: The coefficients with their standard errors, t tests and intervals on the
  ///   residual degrees of freedom, the dispersion, and a Wald F test for each term.
  /// - Throws: ``ModelError`` with a sentence for a formula naming a missing column, an outcome
  ///   that does not suit the family, a constant predictor, a factor with one observed level,
  ///   collinear terms, perfect separation, or too few degrees of freedom.
  /// - Complexity: O(i·n·p²) for i iterations on n respondents and p coefficients, plus the
  ///   design covariance, O(n·p + e·p²) for e PSUs (times 10 passes over the margins of a raking).
  public func regression(
    _ formula: Formula, family: ModelFamily = .gaussian, in domain: Domain = .wholeSample, level: Double = 0.95
  ) throws -> ModelFit {
    guard level > 0, level < 1 else { throw ModelError.invalidConfidenceLevel(level) }
    if family == .proportionalOdds { return try proportionalOddsRegression(formula, in: domain, level: level) }
    let inDomain = try rows(in: domain)
    let domainRows = respondents(where: inDomain)
    guard domainRows > 0 else { throw ModelError.unknownDomain(domain) }
    // svyglm's prior weights: the subset design's weights over their mean (rescale = TRUE).
    var domainWeightTotal = 0.0
    for row in 0..<respondentCount where inDomain[row] { domainWeightTotal += weights[row] }
    let meanWeight = domainWeightTotal / Double(designRows(ofDomainWith: domainRows))
    let isEligible = (0..<respondentCount).map { inDomain[$0] && weights[$0] > 0 }

    let frame = try ModelFrame(
      formula: formula, survey: survey, domain: domain, isEligible: isEligible,
      outcomeCheck: { try family.validateOutcome(variable: $0, values: $1) })
    try frame.validatePredictors(of: formula)
    let matrix = ModelMatrix(formula: formula, frame: frame)
    let n = frame.rows.count, p = matrix.columnCount
    // The respondents in the model: its rows, or on collapsed rows their frequencies.
    let respondentsInModel = respondents(in: frame.rows)
    let x = matrix.values(columns: frame.columns, rowCount: n)
    let priorWeights = frame.rows.map { weights[$0] / meanWeight }
    if family == .quasibinomial {
      try SeparationCheck.requireOverlap(
        x: x, columnNames: matrix.columnNames, outcome: frame.response, outcomeName: formula.response.name,
        frequencies: rowFrequencies.map { frequencies in frame.rows.map { frequencies[$0] } })
    }
    // R's starting means of a logistic fit take each respondent's own prior weight: on collapsed
    // rows, the first step summed over their respondents.
    let firstStep = family == .quasibinomial
      ? logisticFirstSteps?.firstStep(rows: frame.rows, outcome: frame.response, inDomain: !domain.levels.isEmpty) : nil
    let fit = try IterativelyReweightedFit(
      x: x, columnNames: matrix.columnNames, y: frame.response, weights: priorWeights, family: family,
      firstStep: firstStep)
    if family == .quasibinomial {
      try SeparationCheck.requireInteriorFit(fit, outcome: frame.response, columnNames: matrix.columnNames)
    }
    guard fit.converged else { throw ModelError.notConverged(iterations: fit.iterations) }

    // Influence values zᵢ = A⁻¹uᵢ, uᵢ = xᵢ·Wᵢ(yᵢ − μ̂ᵢ)/μ′(η̂ᵢ), kept as their factors and A⁻¹.
    let estimatingFunctions = CoefficientInfluence.EstimatingFunctions(
      factors: RowBlocks.values(n) { fit.workingResiduals[$0] * fit.workingWeights[$0] },
      inverse: fit.unscaledCovariance)
    let isInModel = frame.isInModel
    let covariance: [Double]
    let designDegreesOfFreedom: Int
    if let replicates {
      covariance = try replicateCovariance(
        replicates, x: x, columnNames: matrix.columnNames, frame: frame, family: family, estimates: fit.coefficients)
      // R's svyglm.svyrep.design: degf() of the (domain's) design before rows with missing values
      // are dropped.
      designDegreesOfFreedom = degreesOfFreedom(includingRows: { inDomain[$0] })
    } else {
      covariance = modelCovariance(estimatingFunctions, rows: frame.rows, x: x, isInModel: isInModel)
      designDegreesOfFreedom = degreesOfFreedom(includingRows: { isInModel[$0] })
    }
    let residualDegreesOfFreedom = designDegreesOfFreedom + 1 - p
    guard residualDegreesOfFreedom > 0 else {
      throw ModelError.noResidualDegreesOfFreedom(coefficients: p, designDegreesOfFreedom: designDegreesOfFreedom)
    }

    let samplingWeights = frame.rows.map { weights[$0] }
    // R's resid(fit, "pearson") multiplies by √(prior weight / design weight), both rescaled to
    // mean 1: the prior weights over the subset design before incomplete rows were dropped, the
    // design weights after. With missing values the two means differ, and R's dispersion with them.
    let modelWeightTotal = samplingWeights.reduce(0, +)
    let rowsAfterDropping = Double(isCalibrated ? respondentTotal : respondentsInModel)
    let weightMeanRatio = (modelWeightTotal / rowsAfterDropping) / meanWeight
    let dispersion = weightMeanRatio * Self.pearsonDispersion(
      outcome: frame.response, means: fit.fittedMeans, weights: samplingWeights, family: family,
      respondents: respondentsInModel)
    let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(residualDegreesOfFreedom))
    let distribution = StudentTDistribution(degreesOfFreedom: Double(residualDegreesOfFreedom))
    let coefficients = (0..<p).map { j -> ModelCoefficient in
      let estimate = fit.coefficients[j]
      let standardError = covariance[j * p + j].squareRoot()
      let statistic = estimate / standardError
      return ModelCoefficient(
        term: matrix.columnNames[j], components: matrix.columnComponents[j], estimate: estimate,
        standardError: standardError, statistic: statistic,
        pValue: 2 * distribution.cdf(-abs(statistic)),
        confidenceInterval: ConfidenceInterval(
          lower: estimate - t * standardError, upper: estimate + t * standardError, method: .mean, level: level),
        degreesOfFreedom: residualDegreesOfFreedom, respondents: respondentsInModel, domain: domain)
    }
    let covarianceRows = (0..<p).map { i in Array(covariance[(i * p)..<((i + 1) * p)]) }
    let termTests = formula.terms.indices.map { term in
      WaldTest.test(
        label: formula.termLabels[term], columns: matrix.assign.indices.filter { matrix.assign[$0] == term + 1 },
        coefficients: fit.coefficients, covariance: covariance, degreesOfFreedom: residualDegreesOfFreedom)
    }
    return ModelFit(
      formula: formula, family: family, domain: domain, coefficients: coefficients, thresholdCount: 0,
      covariance: covarianceRows,
      respondents: respondentsInModel, degreesOfFreedom: residualDegreesOfFreedom,
      designDegreesOfFreedom: designDegreesOfFreedom, dispersion: dispersion, termTests: termTests,
      level: level, iterations: fit.iterations,
      context: ModelContext(
        design: self, frame: frame, matrix: matrix, x: x, influence: .estimatingFunctions(estimatingFunctions),
        samplingWeights: samplingWeights))
  }

  /// The linearized covariance of the coefficients, V̂_design(Σ zᵢ): from the PSU totals of the
  /// estimating functions times A⁻¹ (``CoefficientInfluence/EstimatingFunctions/psuTotals(rows:x:psuOfRow:psuCount:)``),
  /// or, on a calibrated design, from the row values projected on the calibration.
  private func modelCovariance(
    _ estimatingFunctions: CoefficientInfluence.EstimatingFunctions, rows: [Int], x: [Double], isInModel: [Bool]
  ) -> [Double] {
    let p = estimatingFunctions.coefficientCount
    if isCalibrated {
      let influence = estimatingFunctions.surveyRowValues(rows: rows, x: x, respondentCount: respondentCount)
      return covariance(rowInfluence: influence, statisticCount: p, isActive: { isInModel[$0] })
    }
    let totals = estimatingFunctions.psuTotals(rows: rows, x: x, psuOfRow: structure.psuOfRow, psuCount: psuCount)
    return structure.covariance(of: totals, lonelyPSU: lonelyPSU)
  }

  /// The rows of `domain` (every row for the whole sample).
  func rows(in domain: Domain) throws -> [Bool] {
    var mask = [Bool](repeating: true, count: respondentCount)
    for level in domain.levels {
      guard survey.hasVariable(named: level.variable) else {
        let available = survey.variableNames
        throw ModelError.unknownVariable(
          name: level.variable, suggestion: closestName(to: level.variable, among: available), available: available)
      }
      let categories = try survey.variable(named: level.variable).categorical
      let number = Double(level.value.trimmingSpaces())
      let matches = categories.levels.map { written in
        written == level.value || (number != nil && Double(written.trimmingSpaces()) == number)
      }
      for row in 0..<respondentCount where mask[row] {
        let code = categories.codes[row]
        mask[row] = code >= 0 && matches[Int(code)]
      }
    }
    return mask
  }

  /// R's `svyvar(resid(fit, "pearson"), design)`: Σwᵢ(rᵢ − r̄)²/Σwᵢ · n/(n − 1) for the Pearson
  /// residuals rᵢ = (yᵢ − μ̂ᵢ)/√V(μ̂ᵢ) of the n `respondents` in the model (the rows, or collapsed
  /// rows whose weights sum their respondents').
  static func pearsonDispersion(
    outcome: [Double], means: [Double], weights: [Double], family: ModelFamily, respondents: Int
  ) -> Double {
    let residuals = RowBlocks.values(outcome.count) { (outcome[$0] - means[$0]) / family.variance(means[$0]).squareRoot() }
    var total = 0.0, weighted = 0.0
    for i in residuals.indices {
      total += weights[i]
      weighted += weights[i] * residuals[i]
    }
    let centre = weighted / total
    var squares = 0.0
    for i in residuals.indices {
      let deviation = residuals[i] - centre
      squares += weights[i] * deviation * deviation
    }
    let n = Double(respondents)
    return squares / total * n / (n - 1)
  }
}

extension ModelFamily {
  /// Checks that the outcome suits the family: 0/1 for logistic, no negative count for Poisson.
  func validateOutcome(variable: String, values: [Double]) throws {
    switch self {
    case .gaussian, .proportionalOdds: return
    case .quasibinomial:
      guard values.allSatisfy({ $0 == 0 || $0 == 1 }) else {
        throw ModelError.outcomeNotBinary(variable: variable, valuesSeen: Set(values).sorted().map(NumericValues.shortText))
      }
    case .quasipoisson:
      if let negative = values.first(where: { $0 < 0 }) {
        throw ModelError.negativeCount(variable: variable, value: negative)
      }
    }
  }
}

extension ModelFrame {
  /// A predictor must vary: a number that is constant next to an intercept, or a factor with one
  /// observed level, cannot be estimated.
  func validatePredictors(of formula: Formula) throws {
    let used = Set(formula.terms.flatMap { $0 })
    for index in formula.variables.indices where used.contains(index) {
      switch columns[index] {
      case .numeric(let values):
        if formula.hasIntercept, let first = values.first, values.allSatisfy({ $0 == first }) {
          throw ModelError.constantPredictor(variable: formula.variables[index].name, value: NumericValues.shortText(first))
        }
      case .factor(_, let levels):
        if levels.count == 1 { throw ModelError.singleLevel(variable: formula.variables[index].name, level: levels[0]) }
      }
    }
  }
}
