/// The estimated mean of a numeric variable (or of a score) in one domain.
public struct MeanEstimate: Sendable, Hashable {
  /// The analysed variable.
  package var variable: String
  /// The domain.
  public var domain: Domain
  /// The weighted mean ȳ = Σ wᵢyᵢ / Σ wᵢ over respondents of the domain with a value.
  package var mean: Double
  /// The linearized standard error.
  public var standardError: Double
  /// The t interval ȳ ± t_{1−α/2, ν}·SE with the domain's design degrees of freedom.
  public var confidenceInterval: ConfidenceInterval
  /// The unweighted number of respondents of the domain with a value.
  public var respondents: Int
  /// The design degrees of freedom of the domain.
  public var degreesOfFreedom: Int
  /// The design effect against SRS without replacement (R's `deff = TRUE`); `nil` when the
  /// weights sum to less than the sample size.
  public var designEffect: Double?
}

extension MeanEstimate: SurveyEstimate {
  /// The weighted mean ȳ (`mean`).
  public var estimate: Double { mean }
}
