/// One coefficient of a design-based regression: R's row of `summary(svyglm(…))$coefficients`
/// with `confint(fit, ddf = fit$df.residual)`.
///
/// The standard error is the square root of the sandwich variance's diagonal (see
/// ``SurveyDesign/regression(_:family:in:level:)``); the statistic is t = β̂/SE, its p value
/// 2·P(T_ν > |t|) and the interval β̂ ± t_{1−α/2, ν}·SE, with ν the model's residual degrees of
/// freedom (design degrees of freedom + 1 − number of coefficients).
public struct ModelCoefficient: Sendable, Hashable {
  /// One variable of a coefficient's column: a number, or the indicator of one level of a factor.
  package struct Component: Sendable, Hashable {
    /// The variable as R names it in the formula: `age_band`, `factor(concern_data_use)`.
    package var variable: String
    /// The survey column it reads: `concern_data_use` for `factor(concern_data_use)`.
    package var column: String
    /// The factor level whose indicator the column holds (`25-34`); `nil` for a number.
    package var level: String?
  }

  /// R's name of the column: `(Intercept)`, `age_band25-34`, `sexM`, `age_band25-34:sexM`.
  public var term: String
  /// What the column multiplies, in the order of the name: `age_band` at `25-34` and `sex` at `M`
  /// for `age_band25-34:sexM`; empty for the intercept. Front ends label terms with it.
  package var components: [Component]
  /// The estimated coefficient β̂ (on the link scale: log odds for logistic, log rate for Poisson).
  public var estimate: Double
  /// The design-based (sandwich) standard error.
  public var standardError: Double
  /// t = β̂/SE.
  package var statistic: Double
  /// The two-sided p value of t on the residual degrees of freedom (NaN when there are none).
  package var pValue: Double
  /// β̂ ± t·SE on the residual degrees of freedom (NaN bounds when there are none).
  public var confidenceInterval: ConfidenceInterval
  /// The model's residual degrees of freedom.
  public var degreesOfFreedom: Int
  /// The respondents in the model.
  public var respondents: Int
  /// The domain the model was fitted in.
  public var domain: Domain
}

extension ModelCoefficient: SurveyEstimate {}
