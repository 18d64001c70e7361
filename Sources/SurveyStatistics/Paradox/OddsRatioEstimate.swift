/// The odds ratio of the weighted concern × action table, OR = (p₁₁·p₀₀) / (p₁₀·p₀₁), with a
/// delta-method standard error and an interval computed on the log scale.
///
/// The cell proportions p_ca = P(C = c, A = a) are Hájek means of the cell indicators; their
/// linearized covariance V gives Var(log OR) = J V Jᵀ with J = (1/p₁₁, −1/p₁₀, −1/p₀₁, 1/p₀₀)
/// (R: `svycontrast(svymean(~c11 + c10 + c01 + c00, design), quote(log(c11 * c00 / (c10 * c01))))`).
/// The interval is exp(log OR ± t_{1−α/2, ν}·SE(log OR)); the reported SE of OR itself is
/// OR·SE(log OR) (delta method, as `svycontrast(…, quote(c11 * c00 / (c10 * c01)))`).
/// An empty discordant cell makes OR infinite and its SE undefined (NaN), as in R.
public struct OddsRatioEstimate: Sendable, Hashable {
  /// The odds ratio.
  public var estimate: Double
  /// SE(OR) = OR·SE(log OR).
  public var standardError: Double
  /// SE(log OR).
  package var logStandardError: Double
  /// exp(log OR ± t·SE(log OR)).
  public var confidenceInterval: ConfidenceInterval
  /// The design degrees of freedom of the t quantiles.
  package var degreesOfFreedom: Int

  /// Creates an odds-ratio estimate.
  package init(
    estimate: Double, standardError: Double, logStandardError: Double, confidenceInterval: ConfidenceInterval,
    degreesOfFreedom: Int
  ) {
    self.estimate = estimate
    self.standardError = standardError
    self.logStandardError = logStandardError
    self.confidenceInterval = confidenceInterval
    self.degreesOfFreedom = degreesOfFreedom
  }
}
