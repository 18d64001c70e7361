/// A design-based regression model fitted by ``SurveyDesign/regression(_:family:in:level:)``:
/// R survey's `svyglm` object with what `summary()`, `vcov()`, `confint()` and `regTermTest()`
/// report.
///
/// ```swift
/// let fit = try design.regression(Formula("api00 ~ ell + meals + mobility"))
/// fit.coefficients.map(\.estimate)       // [811.4907, −2.0592, −1.7772, 0.3253]
/// fit.coefficients.map(\.standardError)  // [30.8795, 1.4075, 1.1053, 0.5305]
/// fit.degreesOfFreedom                    // design df + 1 − 4
/// ```
public struct ModelFit: Sendable {
  /// The formula.
  package let formula: Formula
  /// The family and link.
  package let family: ModelFamily
  /// The domain the model was fitted in (``Domain/wholeSample`` for the whole sample).
  package let domain: Domain
  /// The coefficients in R's order, with their sandwich standard errors, t tests and intervals;
  /// for a proportional-odds model, the slopes then the `thresholdCount` thresholds ζ₁ … ζ_q
  /// named as R names them (`1|2`, `2|3`: R's `coef(svyolr(…))`).
  public let coefficients: [ModelCoefficient]
  /// The number of thresholds at the end of ``coefficients``: q for a proportional-odds model of
  /// q + 1 levels, 0 for the other families.
  package let thresholdCount: Int
  /// The sandwich covariance of the coefficients, p × p (R's `vcov(fit)`), in the order of
  /// ``coefficients``.
  package let covariance: [[Double]]
  /// The respondents in the model: in the domain and with a value for every model variable.
  package let respondents: Int
  /// The residual degrees of freedom ν = design degrees of freedom + 1 − p (R's `fit$df.residual`),
  /// where the design degrees of freedom are PSUs − strata among the respondents in the model; for
  /// a proportional-odds model ν = design degrees of freedom − number of slopes, as `svyolr` sets it.
  package let degreesOfFreedom: Int
  /// The design degrees of freedom of the model's respondents: PSUs − strata among them (R's
  /// `degf(fit$survey.design)`); predictive margins use it.
  package let designDegreesOfFreedom: Int
  /// The dispersion R's `summary.svyglm` reports: the design-weighted variance of the Pearson
  /// residuals (y − μ̂)/√V(μ̂), `svyvar(resid(fit, "pearson"), design)`, with the n/(n − 1) factor.
  /// It does not enter the standard errors, which come from the sandwich. As in R, when respondents
  /// are left out for missing values the residuals carry the factor √(m₁/m₀), m₀ the mean weight of
  /// the (domain's) design rows before they are left out and m₁ after, so the dispersion is
  /// m₁/m₀ times the weighted variance. NaN for a proportional-odds model, which has none.
  package let dispersion: Double
  /// A Wald F test for every term of the formula (R's `regTermTest(fit, ~term)` for each term).
  public let termTests: [TermTest]
  /// The confidence level of the intervals.
  package let level: Double
  /// The IRLS iterations R's `glm.fit` would take; for a proportional-odds model, the gradient
  /// evaluations of R's `optim` (`fit$niter[2]`).
  package let iterations: Int

  /// What margins and further tests need.
  let context: ModelContext

  /// The design the model was fitted on (the whole design, also for a domain).
  package var design: DesignSummary { context.design.summary }

  /// The levels of a categorical predictor among the model's respondents, in R's order: the first
  /// is the reference of its contrasts. `nil` for a variable that is not a factor of the formula.
  package func levels(of variable: String) -> [String]? {
    guard let index = formula.variables.firstIndex(where: { $0.name == variable || $0.column == variable }),
      case .factor(_, let levels) = context.frame.columns[index]
    else { return nil }
    return levels
  }

  /// The thresholds of a proportional-odds model (the last `thresholdCount` coefficients).
  public var thresholds: ArraySlice<ModelCoefficient> { coefficients.suffix(thresholdCount) }

  /// The levels of a proportional-odds model's outcome, lowest first (R's `fit$lev`); threshold k
  /// lies between levels k and k + 1. Empty for the other families.
  public var outcomeLevels: [String] { context.frame.responseLevels }

  /// The coefficient named `term` (R's column name).
  package func coefficient(_ term: String) -> ModelCoefficient? {
    coefficients.first { $0.term == term }
  }
}

/// The fitted model's data, kept for tests of several terms and for margins.
struct ModelContext: Sendable {
  let design: SurveyDesign
  let frame: ModelFrame
  let matrix: ModelMatrix
  /// X on the model rows, row-major.
  let x: [Double]
  /// The influence values of the coefficients, whose design covariance is ``ModelFit/covariance``.
  let influence: CoefficientInfluence
  /// The sampling weights of the model rows (the design's weights, not rescaled).
  let samplingWeights: [Double]
}
