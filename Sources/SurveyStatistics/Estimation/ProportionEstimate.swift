/// The estimated share of one category of a variable, in one domain, with its design-based
/// standard error and confidence interval.
public struct ProportionEstimate: Sendable, Hashable {
  /// The analysed variable.
  package var variable: String
  /// The category, as written in the data.
  public var category: String
  /// The category's label from the codebook.
  package var categoryLabel: String?
  /// The domain (``Domain/wholeSample`` without `--by`).
  public var domain: Domain
  /// The weighted proportion p̂ = Σ wᵢ·1[xᵢ = c] / Σ wᵢ over respondents of the domain with a value.
  public var proportion: Double
  /// The linearized standard error.
  public var standardError: Double
  /// The confidence interval.
  public var confidenceInterval: ConfidenceInterval
  /// The unweighted number of respondents in the category within the domain.
  public var respondents: Int
  /// The unweighted number of respondents of the domain with a value for the variable.
  package var domainRespondents: Int
  /// The number of rows of the domain, missing values included (R's `nrow()` of the domain design).
  package var designRows: Int
  /// The design degrees of freedom of the domain: PSUs − strata among the PSUs holding its rows.
  public var degreesOfFreedom: Int
  /// The design effect V̂ / V̂_srs against simple random sampling without replacement (R's
  /// `svymean(…, deff = TRUE)`); `nil` when the weights sum to less than the sample size.
  package var designEffect: Double?
  /// The design effect V̂ / V̂_srs,wr against simple random sampling *with* replacement (R's
  /// `svymean(…, deff = "replace")`): V̂_srs,wr = s²/n with s² = n/(n − 1)·p̂(1 − p̂) (R's
  /// `svyvar()`), n the domain respondents with a value (Kish 1965, §8.2; R survey's
  /// `svymean.survey.design2`, R/multistage.R). The design effect to read when the weights are
  /// normalized to sum to the sample size (``DesignSummary/weightsAreNormalized``): against SRS
  /// without replacement the reference variance is then about zero. `nil` when n < 2 or p̂ is 0 or 1.
  package var designEffectWithReplacement: Double? = nil
  /// Kish's effective sample size (Σw)² / Σw² over the domain respondents with a value.
  package var effectiveSampleSize: Double
  /// The sum of weights of the domain respondents with a value (the estimated population).
  package var weightTotal: Double
}

extension ProportionEstimate: SurveyEstimate {
  /// The weighted proportion p̂ (`proportion`).
  public var estimate: Double { proportion }
}
