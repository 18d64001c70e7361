/// What every design-based estimate shares: a point estimate, its standard error, a confidence
/// interval, the degrees of freedom of that interval, the respondents behind it and the domain it
/// describes.
///
/// Proportions (``ProportionEstimate``), means (``MeanEstimate``) and the measures of the privacy
/// paradox all conform, so a script can treat them alike:
///
/// ```swift
/// let shares = try design.proportions(of: "concern_data_use", by: ["age_band"])
/// for share in shares where share.standardError > 0.05 { print(share.domain, share.coef, share.SE) }
/// ```
///
/// The R names are there for readers who know R survey: ``coef`` is `coef()`, ``SE`` is `SE()`,
/// `variance` is `vcov()` of one estimate, ``confint`` is `confint()`, `degf` is `degf()`.
public protocol SurveyEstimate: Sendable {
  /// The point estimate (a share between 0 and 1 for proportions).
  var estimate: Double { get }
  /// The design-based standard error (linearized, or from replicate weights).
  var standardError: Double { get }
  /// The confidence interval, with its method and level.
  var confidenceInterval: ConfidenceInterval { get }
  /// The degrees of freedom of the interval's t quantiles (the design degrees of freedom).
  var degreesOfFreedom: Int { get }
  /// The unweighted number of respondents behind the estimate.
  var respondents: Int { get }
  /// The domain the estimate describes (``Domain/wholeSample`` without subgroups).
  var domain: Domain { get }
}

extension SurveyEstimate {
  /// The point estimate, as R's `coef()`.
  public var coef: Double { estimate }
  /// The standard error, as R's `SE()`.
  public var SE: Double { standardError }
  /// The variance SE², as R's `vcov()` of a single estimate.
  package var variance: Double { standardError * standardError }
  /// The interval's bounds, as R's `confint()` (NaN where a bound cannot be computed).
  public var confint: (lower: Double, upper: Double) { (confidenceInterval.lower, confidenceInterval.upper) }
  /// The degrees of freedom, as R's `degf()`.
  package var degf: Int { degreesOfFreedom }
}
