/// What every estimate of a numeric variable shares beyond ``SurveyEstimate``: which statistic it
/// is, of which variables, and its design effect.
///
/// ``MeanEstimate``, ``TotalEstimate``, ``RatioEstimate`` and ``QuantileEstimate`` conform, so that
/// ``NumericEstimates`` can hold any of them and a presentation can name what each row estimates:
///
/// ```swift
/// for estimate in try design.ratios(numerator: "api.stu", denominator: "enroll") {
///   print(estimate.statistic, estimate.estimate)   // ratio(numerator: "api.stu", denominator: "enroll") 0.8497…
/// }
/// ```
public protocol NumericEstimate: SurveyEstimate {
  /// The statistic and the variables it is computed from.
  var statistic: NumericStatistic { get }
  /// The design effect against simple random sampling without replacement (R's `deff = TRUE`);
  /// `nil` where there is none (quantiles, or weights summing to less than the respondents).
  var designEffect: Double? { get }
}

/// A statistic of numeric variables, with the variables it is computed from.
public enum NumericStatistic: Sendable, Hashable {
  /// The weighted mean of a variable (R's `svymean`).
  case mean(of: String)
  /// The estimated population total of a variable (R's `svytotal`).
  case total(of: String)
  /// The ratio of the totals of two variables (R's `svyratio`).
  case ratio(numerator: String, denominator: String)
  /// The quantile of a variable at a probability between 0 and 1 (R's `svyquantile`).
  case quantile(of: String, probability: Double)

  /// `mean`, `total`, `ratio` or `quantile`: the statistic's name in the JSON contract.
  package var name: String {
    switch self {
    case .mean: return "mean"
    case .total: return "total"
    case .ratio: return "ratio"
    case .quantile: return "quantile"
    }
  }

  /// The analysed variable; for a ratio, `numerator/denominator`.
  package var variable: String {
    switch self {
    case .mean(let variable), .total(let variable), .quantile(let variable, _): return variable
    case .ratio(let numerator, let denominator): return "\(numerator)/\(denominator)"
    }
  }
}

extension MeanEstimate: NumericEstimate {
  /// ``NumericStatistic/mean(of:)`` of `variable`.
  public var statistic: NumericStatistic { .mean(of: variable) }
}

extension TotalEstimate: NumericEstimate {
  /// ``NumericStatistic/total(of:)`` of `variable`.
  public var statistic: NumericStatistic { .total(of: variable) }
}

extension RatioEstimate: NumericEstimate {
  /// ``NumericStatistic/ratio(numerator:denominator:)``.
  public var statistic: NumericStatistic { .ratio(numerator: numerator, denominator: denominator) }
}

extension QuantileEstimate: NumericEstimate {
  /// ``NumericStatistic/quantile(of:probability:)`` of `variable` at `probability`.
  public var statistic: NumericStatistic { .quantile(of: variable, probability: probability) }
  /// Always `nil`: R's `svyquantile()` gives no design effect.
  public var designEffect: Double? { nil }
}
