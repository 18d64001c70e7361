/// A measure that can be compared between domains.
package enum ParadoxMeasure: String, Sendable, Hashable, CaseIterable, Codable {
  /// P(concerned) − P(acting).
  case gap
  /// P(concerned ∧ not acting).
  case paradoxShare = "paradox_share"
}

/// The difference of a measure between two domains, θ̂_first − θ̂_second, with the covariance
/// between the domains taken into account.
///
/// Domains share strata and PSUs, so their estimates are correlated; the variance is
/// V_ff + V_ss − 2V_fs from the joint linearized covariance of all domains' estimates, R's
/// `svycontrast(svyby(~I(C - A) + I(C * (1 - A)), ~by, design, svymean, covmat = TRUE), …)`.
/// The test refers t = difference / SE to Student's t with the degrees of freedom of the whole
/// (complete-case) design, and ``holmAdjustedPValue`` adjusts across every comparison of the
/// analysis (R's `p.adjust(p, "holm")`; Holm 1979).
public struct DomainComparison: Sendable, Hashable {
  /// The compared measure.
  package var measure: ParadoxMeasure
  /// The first domain.
  package var first: Domain
  /// The second domain.
  package var second: Domain
  /// θ̂_first − θ̂_second, its SE, t interval and degrees of freedom.
  public var difference: IntervalEstimate
  /// t = difference / SE.
  package var tStatistic: Double
  /// The two-sided p-value.
  public var pValue: Double
  /// The Holm-adjusted p-value across all comparisons of the analysis.
  public var holmAdjustedPValue: Double
}
