/// The estimated quantile of a numeric variable in one domain, such as its median, with a
/// Woodruff (1952) confidence interval.
///
/// R's `svyquantile()` gives no design effect, and neither does this estimate.
public struct QuantileEstimate: Sendable, Hashable {
  /// The analysed variable.
  package var variable: String
  /// The probability p of the quantile (0.5 for the median).
  package var probability: Double
  /// The domain (``Domain/wholeSample`` without subgroups).
  public var domain: Domain
  /// The weighted quantile: the smallest value whose weighted share of the domain's values at or
  /// below it reaches p (R 4.1's `qrule = "math"`).
  package var quantile: Double
  /// (upper − lower)/(2·t_{1−α/2, ν}), the standard error R derives from the interval; NaN when a
  /// bound is.
  public var standardError: Double
  /// The Woodruff interval: the quantiles at the bounds of the t interval of the estimated
  /// distribution function at `quantile` (method ``IntervalMethod/mean``). A bound is NaN when
  /// that interval reaches below 0 or above 1.
  public var confidenceInterval: ConfidenceInterval
  /// The unweighted number of respondents of the domain with a value.
  public var respondents: Int
  /// The design degrees of freedom of the domain's respondents with a value (R's `svyquantile()`
  /// drops the rows without one before taking `degf()`).
  public var degreesOfFreedom: Int
}

extension QuantileEstimate: SurveyEstimate {
  /// The estimated quantile (`quantile`).
  public var estimate: Double { quantile }
}

extension QuantileEstimate {
  /// Woodruff's interval of the quantile `quantile` of `sample` (R 4.1's `svyquantile`,
  /// `interval.type = "mean"`): the t interval F̂ ± t·SE of the estimated distribution function
  /// F̂ = `share` at the quantile, with t = t_{1−α/2, ν}, mapped back through the same quantile
  /// rule (a bound NaN when its probability falls below 0 or above 1), and SE = (upper − lower)/(2t).
  init(
    variable: String, probability: Double, domain: Domain, sample: WeightedSample, quantile: Double, share: Double,
    shareError: Double, level: Double, degreesOfFreedom: Int
  ) {
    let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(degreesOfFreedom))
    let lowerShare = share - t * shareError, upperShare = share + t * shareError
    let lower = lowerShare.isNaN || lowerShare < 0 ? Double.nan : sample.quantile(lowerShare)
    let upper = upperShare.isNaN || upperShare > 1 ? Double.nan : sample.quantile(upperShare)
    self.init(
      variable: variable, probability: probability, domain: domain, quantile: quantile,
      standardError: (upper - lower) / (2 * t),
      confidenceInterval: ConfidenceInterval(lower: lower, upper: upper, method: .mean, level: level),
      respondents: sample.count, degreesOfFreedom: degreesOfFreedom)
  }
}
