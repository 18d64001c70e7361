/// A predictive margin: the mean outcome the model predicts if every respondent had one level of
/// a categorical predictor, their other characteristics unchanged (a probability for a logistic
/// model, a mean count for a Poisson model).
public struct PredictiveMargin: Sendable, Hashable, SurveyEstimate {
  /// The predictor.
  package var variable: String
  /// Its level.
  package var level: String
  /// m_l = Σᵢ wᵢ μ̂ᵢ(l) / Σᵢ wᵢ.
  public var estimate: Double
  /// The design-based standard error (linearized in the respondents and in β̂).
  public var standardError: Double
  /// m_l ± t·SE on the design degrees of freedom of the model's respondents.
  public var confidenceInterval: ConfidenceInterval
  /// The design degrees of freedom (PSUs − strata among the model's respondents).
  public var degreesOfFreedom: Int
  /// The respondents in the model.
  public var respondents: Int
  /// The model's domain.
  public var domain: Domain
}

/// An average marginal effect: for a level of a categorical predictor, the difference between its
/// predictive margin and the reference level's; for a numeric predictor, the average over
/// respondents of the derivative of the predicted mean with respect to it.
public struct MarginalEffect: Sendable, Hashable, SurveyEstimate {
  /// The unit of ``estimate``.
  package enum Unit: String, Sendable, Hashable, Codable {
    /// The outcome's own unit (linear and Poisson models).
    case outcome
    /// Percentage points of probability (logistic models): 100 × the difference in probability.
    case percentagePoints
  }

  /// The predictor.
  package var variable: String
  /// The level compared with `reference`; `nil` for a numeric predictor (a slope).
  package var level: String?
  /// The reference level; `nil` for a numeric predictor.
  package var reference: String?
  /// The effect, in `unit`.
  public var estimate: Double
  /// Its design-based standard error, in `unit`.
  public var standardError: Double
  /// estimate ± t·SE on the design degrees of freedom.
  public var confidenceInterval: ConfidenceInterval
  /// The design degrees of freedom (PSUs − strata among the model's respondents).
  public var degreesOfFreedom: Int
  /// The respondents in the model.
  public var respondents: Int
  /// The model's domain.
  public var domain: Domain
  /// Percentage points for a logistic model, the outcome's unit otherwise.
  package var unit: Unit
}

extension ModelFit {
  /// The predictive margins of every level of a categorical predictor (Graubard & Korn 1999):
  /// Stata's `margins variable, vce(unconditional)`; R survey's `svypredmeans` gives the same
  /// margins with a smaller, approximate variance (see below).
  ///
  /// ```swift
  /// let fit = try design.regression(Formula("concerned ~ age_band + sex + trust_score"), family: .quasibinomial)
  /// try fit.predictiveMargins(of: "age_band").map(\.estimate)   // one probability per age band
  /// ```
  ///
  /// Method: with xᵢ(l) respondent i's model row when the predictor is set to level l,
  /// m_l = Σ wᵢ μ(xᵢ(l)ᵀβ̂) / Σ wᵢ. m_l depends on the sample both through the weighted mean and
  /// through β̂, so its influence value is
  /// zᵢ = wᵢ(μᵢ(l) − m_l)/Σw + g_lᵀ ζᵢ, with g_l = ∂m_l/∂β = Σ wᵢ μ′(ηᵢ(l)) xᵢ(l) / Σw and ζᵢ the
  /// influence value of β̂ (A⁻¹uᵢ, see ``SurveyDesign/regression(_:family:in:level:)``), and the
  /// variance is the design variance of Σ zᵢ (delta method, fully linearized: Binder 1983;
  /// Stata's `margins, vce(unconditional)`). R 4.1's `svypredmeans` adds the variance of the mean
  /// with β̂ held fixed to g_lᵀV̂(β̂)g_l and leaves out their covariance; its margins are the same.
  ///
  /// - Throws: ``ModelError/notCategoricalPredictor(_:)`` when `variable` is not a factor of the
  ///   formula.
  public func predictiveMargins(of variable: String) throws -> [PredictiveMargin] {
    guard family != .proportionalOdds else { throw ModelError.marginsOfOrdinalModel }
    try context.design.requireNoReplicates(for: "Margins of a regression model")
    let (index, levels) = try factorVariable(variable)
    let values = levels.indices.map { level in marginInfluence(settingFactor: index, toLevel: level) }
    let covariance = marginCovariance(values.map(\.influence))
    return levels.indices.map { level in
      let estimate = values[level].estimate, standardError = covariance[level * levels.count + level].squareRoot()
      return PredictiveMargin(
        variable: variable, level: levels[level], estimate: estimate, standardError: standardError,
        confidenceInterval: interval(estimate, standardError), degreesOfFreedom: designDegreesOfFreedom,
        respondents: respondents, domain: domain)
    }
  }

  /// The average marginal effects of a predictor: for a categorical predictor, m_l − m_ref for
  /// every level but the reference (see ``predictiveMargins(of:)``); for a numeric predictor x,
  /// AME = Σ wᵢ μ′(ηᵢ)·∂ηᵢ/∂x / Σ wᵢ, where ∂ηᵢ/∂x = (xᵢ(x = 1) − xᵢ(x = 0))ᵀβ̂ includes its
  /// interactions. For a logistic model the effects are in percentage points (100 × the change in
  /// probability), as in the NTIA's reports.
  ///
  /// Variance: fully linearized as for predictive margins. For a slope, the influence value is
  /// zᵢ = wᵢ(μ′(ηᵢ)dᵢᵀβ̂ − AME)/Σw + hᵀζᵢ with dᵢ = xᵢ(x = 1) − xᵢ(x = 0) and
  /// h = Σ wᵢ(μ″(ηᵢ)(dᵢᵀβ̂)xᵢ + μ′(ηᵢ)dᵢ)/Σw (Stata's `margins, dydx(x) vce(unconditional)`).
  ///
  /// - Throws: ``ModelError/notCategoricalPredictor(_:)`` for a variable that is not in the
  ///   formula.
  public func averageMarginalEffects(of variable: String) throws -> [MarginalEffect] {
    guard family != .proportionalOdds else { throw ModelError.marginsOfOrdinalModel }
    try context.design.requireNoReplicates(for: "Margins of a regression model")
    let unit: MarginalEffect.Unit = family == .quasibinomial ? .percentagePoints : .outcome
    let scale = unit == .percentagePoints ? 100.0 : 1.0
    guard let index = formula.variables.firstIndex(where: { $0.name == variable || $0.column == variable }) else {
      throw ModelError.notCategoricalPredictor(variable)
    }
    if case .numeric = context.frame.columns[index] {
      let slope = slopeInfluence(of: index)
      let variance = marginCovariance([slope.influence])[0]
      let estimate = scale * slope.estimate, standardError = scale * variance.squareRoot()
      return [
        MarginalEffect(
          variable: variable, level: nil, reference: nil, estimate: estimate, standardError: standardError,
          confidenceInterval: interval(estimate, standardError), degreesOfFreedom: designDegreesOfFreedom,
          respondents: respondents, domain: domain, unit: unit)
      ]
    }
    let (_, levels) = try factorVariable(variable)
    let values = levels.indices.map { level in marginInfluence(settingFactor: index, toLevel: level) }
    let n = context.design.respondentCount
    let contrasts = levels.indices.dropFirst().map { level in
      (0..<n).map { values[level].influence[$0] - values[0].influence[$0] }
    }
    let covariance = marginCovariance(contrasts)
    return levels.indices.dropFirst().enumerated().map { position, level in
      let estimate = scale * (values[level].estimate - values[0].estimate)
      let standardError = scale * covariance[position * contrasts.count + position].squareRoot()
      return MarginalEffect(
        variable: variable, level: levels[level], reference: levels[0], estimate: estimate,
        standardError: standardError, confidenceInterval: interval(estimate, standardError),
        degreesOfFreedom: designDegreesOfFreedom, respondents: respondents, domain: domain, unit: unit)
    }
  }

  // MARK: - Influence values

  private func factorVariable(_ variable: String) throws -> (index: Int, levels: [String]) {
    let used = Set(formula.terms.flatMap { $0 })
    guard
      let index = formula.variables.indices.first(where: {
        used.contains($0) && (formula.variables[$0].name == variable || formula.variables[$0].column == variable)
      }),
      case .factor(_, let levels) = context.frame.columns[index]
    else { throw ModelError.notCategoricalPredictor(variable) }
    return (index, levels)
  }

  /// m_l and its influence values on survey rows.
  private func marginInfluence(settingFactor index: Int, toLevel level: Int) -> (estimate: Double, influence: [Double]) {
    let frame = context.frame, n = frame.rows.count, p = context.matrix.columnCount
    var columns = frame.columns
    if case .factor(_, let levels) = columns[index] {
      columns[index] = .factor(codes: [Int](repeating: level, count: n), levels: levels)
    }
    let x = context.matrix.values(columns: columns, rowCount: n)
    let beta = coefficients.map(\.estimate)
    let weights = context.samplingWeights, total = weights.reduce(0, +)
    var means = [Double](repeating: 0, count: n)
    var gradient = [Double](repeating: 0, count: p)
    var estimate = 0.0
    for i in 0..<n {
      var eta = 0.0
      for j in 0..<p { eta += x[i * p + j] * beta[j] }
      means[i] = family.mean(eta)
      estimate += weights[i] * means[i]
      let derivative = weights[i] * family.meanDerivative(eta)
      for j in 0..<p { gradient[j] += derivative * x[i * p + j] }
    }
    estimate /= total
    for j in 0..<p { gradient[j] /= total }
    return (estimate, influence(meanPart: (0..<n).map { weights[$0] * (means[$0] - estimate) / total }, gradient: gradient))
  }

  /// The AME of numeric variable `index` and its influence values on survey rows.
  private func slopeInfluence(of index: Int) -> (estimate: Double, influence: [Double]) {
    let frame = context.frame, n = frame.rows.count, p = context.matrix.columnCount
    var atOne = frame.columns, atZero = frame.columns
    atOne[index] = .numeric([Double](repeating: 1, count: n))
    atZero[index] = .numeric([Double](repeating: 0, count: n))
    let one = context.matrix.values(columns: atOne, rowCount: n)
    let zero = context.matrix.values(columns: atZero, rowCount: n)
    let x = context.x
    let beta = coefficients.map(\.estimate)
    let weights = context.samplingWeights, total = weights.reduce(0, +)
    var effects = [Double](repeating: 0, count: n)
    var gradient = [Double](repeating: 0, count: p)
    var estimate = 0.0
    for i in 0..<n {
      var eta = 0.0, slope = 0.0
      for j in 0..<p {
        eta += x[i * p + j] * beta[j]
        slope += (one[i * p + j] - zero[i * p + j]) * beta[j]
      }
      let first = family.meanDerivative(eta), second = family.meanSecondDerivative(eta)
      effects[i] = first * slope
      estimate += weights[i] * effects[i]
      for j in 0..<p {
        gradient[j] += weights[i] * (second * slope * x[i * p + j] + first * (one[i * p + j] - zero[i * p + j]))
      }
    }
    estimate /= total
    for j in 0..<p { gradient[j] /= total }
    return (estimate, influence(meanPart: (0..<n).map { weights[$0] * (effects[$0] - estimate) / total }, gradient: gradient))
  }

  /// zᵢ = meanPartᵢ + gradientᵀζᵢ on survey rows (0 outside the model).
  private func influence(meanPart: [Double], gradient: [Double]) -> [Double] {
    let rows = context.frame.rows
    let coefficientPart = context.influence.projected(on: gradient, rows: rows, x: context.x)
    var result = [Double](repeating: 0, count: context.design.respondentCount)
    for (position, row) in rows.enumerated() { result[row] = meanPart[position] + coefficientPart[position] }
    return result
  }

  /// The design covariance of several influence columns (each over survey rows).
  private func marginCovariance(_ columns: [[Double]]) -> [Double] {
    let k = columns.count, n = context.design.respondentCount
    var rowMajor = [Double](repeating: 0, count: n * k)
    for (column, values) in columns.enumerated() {
      for row in 0..<n { rowMajor[row * k + column] = values[row] }
    }
    let isInModel = context.frame.isInModel
    return context.design.covariance(rowInfluence: rowMajor, statisticCount: k, isActive: { isInModel[$0] })
  }

  private func interval(_ estimate: Double, _ standardError: Double) -> ConfidenceInterval {
    let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(designDegreesOfFreedom))
    return ConfidenceInterval(
      lower: estimate - t * standardError, upper: estimate + t * standardError, method: .mean, level: level)
  }
}
