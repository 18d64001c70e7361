/// The estimated ratio of two population totals in one domain, such as students tested per
/// student enrolled.
public struct RatioEstimate: Sendable, Hashable {
  /// The variable summed in the numerator.
  package var numerator: String
  /// The variable summed in the denominator.
  package var denominator: String
  /// The domain (``Domain/wholeSample`` without subgroups).
  public var domain: Domain
  /// R̂ = Ŷ/X̂ = Σ wᵢyᵢ / Σ wᵢxᵢ over respondents of the domain with both values.
  package var ratio: Double
  /// The linearized standard error.
  public var standardError: Double
  /// The t interval R̂ ± t_{1−α/2, ν}·SE with the domain's design degrees of freedom.
  public var confidenceInterval: ConfidenceInterval
  /// The unweighted number of respondents of the domain with both values.
  public var respondents: Int
  /// The design degrees of freedom of the domain: PSUs − strata among the PSUs holding its rows.
  public var degreesOfFreedom: Int
  /// The design effect against simple random sampling without replacement (R's
  /// `svyratio(…, deff = TRUE)`); `nil` when the weights sum to less than the respondents.
  public var designEffect: Double?
}

extension RatioEstimate: SurveyEstimate {
  /// The estimated ratio R̂ (`ratio`).
  public var estimate: Double { ratio }
}
