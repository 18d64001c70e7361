import RealModule

extension ConfidenceInterval {
  /// The confidence interval of a proportion by `method`, with the numbers R survey's
  /// `svyciprop(…, method:, level:, df:)` gives (R/svyttest.R; Korn & Graubard 1998;
  /// Rao & Scott 1984 for the scaled likelihood; Wilson 1927).
  ///
  /// ```swift
  /// let inputs = ProportionIntervalInputs(proportion: 0.0218579235, variance: 0.000511775283,
  ///                                       degreesOfFreedom: 14, designRows: 183)
  /// ConfidenceInterval(proportion: inputs, method: .logit, level: 0.95)  // 0.0023046913 – 0.1777477665
  /// ```
  package init(proportion inputs: ProportionIntervalInputs, method: IntervalMethod, level: Double) {
    let bounds: (Double, Double)
    switch method {
    case .mean: bounds = Self.wald(inputs, level: level)
    case .asin: bounds = Self.arcsine(inputs, level: level)
    case .logit:
      if let coefficient = inputs.logitCoefficient {
        bounds = Self.fittedLogit(coefficient, degreesOfFreedom: inputs.degreesOfFreedom, level: level)
      } else {
        bounds = Self.logit(inputs, level: level)
      }
    case .xlogit: bounds = Self.logit(inputs, level: level)
    case .beta: bounds = Self.kornGraubard(inputs, level: level)
    case .wilson: bounds = Self.wilson(inputs, level: level)
    case .likelihood: bounds = Self.profileLikelihood(inputs, level: level)
    }
    self.init(lower: bounds.0, upper: bounds.1, method: method, level: level)
  }

  /// t_{1−α/2, ν}, NaN for ν ≤ 0 (R's `confint.svyglm` gives NaN there).
  static func tQuantile(level: Double, degreesOfFreedom: Double) -> Double {
    guard degreesOfFreedom > 0 else { return .nan }
    return StudentTDistribution(degreesOfFreedom: degreesOfFreedom).quantile(1 - (1 - level) / 2)
  }

  /// p̂ ± t·SE.
  static func wald(_ inputs: ProportionIntervalInputs, level: Double) -> (Double, Double) {
    let t = tQuantile(level: level, degreesOfFreedom: inputs.degreesOfFreedom)
    let standardError = inputs.variance.squareRoot()
    return (inputs.proportion - t * standardError, inputs.proportion + t * standardError)
  }

  /// sin²(θ ± t·SE_θ) with θ = asin(√p̂) and SE_θ = SE / (2√(p̂(1−p̂))) (delta method, as
  /// R's `svycontrast(m, quote(asin(sqrt(p))))`). Like R, a bound below θ = 0 folds back.
  static func arcsine(_ inputs: ProportionIntervalInputs, level: Double) -> (Double, Double) {
    let p = inputs.proportion
    let theta = Double.asin(p.squareRoot())
    let derivative = 1 / (2 * p.squareRoot() * (1 - p).squareRoot())
    let standardError = derivative * inputs.variance.squareRoot()
    let t = tQuantile(level: level, degreesOfFreedom: inputs.degreesOfFreedom)
    let lower = Double.sin(theta - t * standardError), upper = Double.sin(theta + t * standardError)
    return (lower * lower, upper * upper)
  }

  /// expit(logit(p̂) ± t·SE/(p̂(1−p̂))).
  static func logit(_ inputs: ProportionIntervalInputs, level: Double) -> (Double, Double) {
    let p = inputs.proportion
    let theta = Double.log(p / (1 - p))
    let standardError = inputs.variance.squareRoot() / (p * (1 - p))
    let t = tQuantile(level: level, degreesOfFreedom: inputs.degreesOfFreedom)
    return (expit(theta - t * standardError), expit(theta + t * standardError))
  }

  /// expit(β̂ ± t·SE(β̂)) for R's fitted coefficient (`confint.svyglm(method = "Wald", ddf = ν)`).
  static func fittedLogit(_ coefficient: LogitCoefficient, degreesOfFreedom: Double, level: Double) -> (Double, Double) {
    let t = tQuantile(level: level, degreesOfFreedom: degreesOfFreedom)
    let standardError = coefficient.variance.squareRoot()
    return (expit(coefficient.estimate - t * standardError), expit(coefficient.estimate + t * standardError))
  }

  /// Korn & Graubard (1998): Clopper–Pearson limits with n* = p̂(1−p̂)/V̂ · (t_{α/2,n−1}/t_{α/2,ν})²
  /// and x* = n*·p̂, i.e. Beta(x*, n*−x*+1) and Beta(x*+1, n*−x*) quantiles; no cap on n*, as in R.
  static func kornGraubard(_ inputs: ProportionIntervalInputs, level: Double) -> (Double, Double) {
    let p = inputs.proportion
    let alpha = 1 - level
    guard inputs.designRows > 1, inputs.degreesOfFreedom > 0 else { return (.nan, .nan) }
    let ratio = StudentTDistribution(degreesOfFreedom: Double(inputs.designRows - 1)).quantile(alpha / 2)
      / StudentTDistribution(degreesOfFreedom: inputs.degreesOfFreedom).quantile(alpha / 2)
    let effectiveSize = p * (1 - p) / inputs.variance * ratio * ratio
    let lower = betaQuantile(alpha / 2, effectiveSize * p, effectiveSize * (1 - p) + 1)
    let upper = betaQuantile(1 - alpha / 2, effectiveSize * p + 1, effectiveSize * (1 - p))
    return (lower, upper)
  }

  /// R's qbeta, including its limits for a zero shape parameter.
  private static func betaQuantile(_ probability: Double, _ a: Double, _ b: Double) -> Double {
    guard a.isFinite, b.isFinite, a >= 0, b >= 0 else { return .nan }
    if a == 0 { return 0 }
    if b == 0 { return 1 }
    return BetaDistribution(alpha: a, beta: b).quantile(probability)
  }

  /// Wilson score interval with n* = p̂(1−p̂)/V̂ and t = t_{1−α/2,ν} (R survey 4.5):
  /// (p̂ + t²/(2n*) ∓ t/(2n*)·√(4n*p̂(1−p̂) + t²)) / (1 + t²/n*).
  static func wilson(_ inputs: ProportionIntervalInputs, level: Double) -> (Double, Double) {
    let p = inputs.proportion
    let effectiveSize = p * (1 - p) / inputs.variance
    let t = tQuantile(level: level, degreesOfFreedom: inputs.degreesOfFreedom)
    let centre = p + t * t / (2 * effectiveSize)
    let halfWidth = t / (2 * effectiveSize) * (4 * effectiveSize * p * (1 - p) + t * t).squareRoot()
    let denominator = 1 + t * t / effectiveSize
    return ((centre - halfWidth) / denominator, (centre + halfWidth) / denominator)
  }

  /// R's `expit`: exp(η)/(1 + exp(η)).
  static func expit(_ eta: Double) -> Double {
    let e = Double.exp(eta)
    return e / (1 + e)
  }
}
