/// The estimated population total of a numeric variable in one domain.
public struct TotalEstimate: Sendable, Hashable {
  /// The analysed variable.
  package var variable: String
  /// The domain (``Domain/wholeSample`` without subgroups).
  public var domain: Domain
  /// The Horvitz–Thompson total Ŷ = Σ wᵢyᵢ over respondents of the domain with a value.
  package var total: Double
  /// The linearized standard error.
  public var standardError: Double
  /// The t interval Ŷ ± t_{1−α/2, ν}·SE with the domain's design degrees of freedom.
  public var confidenceInterval: ConfidenceInterval
  /// The unweighted number of respondents of the domain with a value.
  public var respondents: Int
  /// The design degrees of freedom of the domain: PSUs − strata among the PSUs holding its rows.
  public var degreesOfFreedom: Int
  /// The design effect against simple random sampling without replacement (R's
  /// `svytotal(…, deff = TRUE)`); `nil` when the weights sum to less than the respondents.
  public var designEffect: Double?
}

extension TotalEstimate: SurveyEstimate {
  /// The estimated total Ŷ (`total`).
  public var estimate: Double { total }
}
