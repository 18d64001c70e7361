/// An estimate with its design-based standard error, confidence interval and the degrees of
/// freedom of that interval's t quantiles.
public struct IntervalEstimate: Sendable, Hashable {
  /// The point estimate.
  public var estimate: Double
  /// The linearized (Taylor-series) standard error; NaN when the estimate is undefined.
  public var standardError: Double
  /// The confidence interval.
  public var confidenceInterval: ConfidenceInterval
  /// The design degrees of freedom of the t quantiles.
  package var degreesOfFreedom: Int

  /// Creates an estimate.
  package init(estimate: Double, standardError: Double, confidenceInterval: ConfidenceInterval, degreesOfFreedom: Int) {
    self.estimate = estimate
    self.standardError = standardError
    self.confidenceInterval = confidenceInterval
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// A Wald interval on t quantiles, θ̂ ± t_{1−α/2, ν}·SE: R's `confint(stat, level =, df = ν)`.
  static func wald(estimate: Double, standardError: Double, degreesOfFreedom: Int, level: Double) -> IntervalEstimate {
    let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(degreesOfFreedom))
    return IntervalEstimate(
      estimate: estimate, standardError: standardError,
      confidenceInterval: ConfidenceInterval(
        lower: estimate - t * standardError, upper: estimate + t * standardError, method: .mean, level: level),
      degreesOfFreedom: degreesOfFreedom)
  }
}
