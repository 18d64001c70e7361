/// The difference of a share between two groups, θ̂_first − θ̂_second, with its design-based t test.
///
/// The groups share strata and PSUs, so their shares are correlated; the variance of the
/// difference is V_ff + V_ss − 2V_fs from the joint covariance of the groups' shares (R's
/// `svycontrast(svyby(~y, ~group, design, svymean, covmat = TRUE), c(1, -1, 0, …))`). The interval
/// is the difference ± t_{1−α/2, ν}·SE and t = difference / SE is referred to Student's t with ν
/// the degrees of freedom of the design restricted to the compared rows (R's
/// `confint(…, df = ν)`, `2 * pt(-abs(t), ν)`).
public struct ShareDifference: Sendable, Hashable {
  /// The positions of the two groups in ``ShareComparisons/shares``.
  package var first: Int
  package var second: Int
  /// The two groups.
  package var firstDomain: Domain
  package var secondDomain: Domain
  /// θ̂_first − θ̂_second, its SE, t interval and degrees of freedom.
  package var difference: IntervalEstimate
  /// t = difference / SE (NaN when both are 0).
  package var tStatistic: Double
  /// The two-sided p-value 2·P(T_ν > |t|).
  package var pValue: Double
  /// Holm's adjustment of ``pValue`` across every pair of ``ShareComparisons/comparisons``
  /// (R's `p.adjust(p, method = "holm")`).
  package var holmAdjustedPValue: Double
  /// The respondents with an answer in the two groups.
  public var respondents: Int
}

/// A share (the respondents for whom an ``Indicator`` holds) in every group of a variable, with the
/// joint covariance of the groups' shares and every pairwise difference tested.
///
/// Each group's share p̂_g = Σ_{i∈g} wᵢyᵢ / Σ_{i∈g} wᵢ (Hájek) over the respondents with an answer,
/// with the interval of ``SurveyDesign/proportions(of:by:method:level:)-([String],_,_,_)``. The covariance of the
/// shares is the linearized covariance of the influence values zᵢg = wᵢ(yᵢ − p̂_g)/Σ_{i∈g}wᵢ (zero
/// outside group g), summed by PSU over the rows with an answer and a group (Woodruff 1971;
/// Lumley 2010, §2.3, §3.4), projected on the calibration of a raked design; on a replicate design
/// the covariance of the replicate shares. This is R's
/// `svyby(~y, ~group, subset(design, !is.na(y)), svymean, covmat = TRUE)`, and each difference its
/// `svycontrast()`; p-values are adjusted by Holm's method over all pairs (Holm 1979).
///
/// ```swift
/// let answered = Indicator(variable: "protect", values: ["yes"])
/// let table = try design.shareComparisons(of: answered, by: "age_band")
/// table.comparisons.filter { $0.holmAdjustedPValue < 0.05 }
/// ```
public struct ShareComparisons: Sendable {
  /// The share compared.
  package var indicator: Indicator
  /// The variable whose groups are compared.
  package var groupVariable: String
  /// Every group's share (category "1" of the indicator), groups in the order of their levels.
  package var shares: [ProportionEstimate]
  /// The covariance of the shares, row-major, in the order of ``shares``.
  package var covariance: [Double]
  /// Every pair of groups (first before second in `shares`), in the order (1, 2), (1, 3), …, (2, 3), ….
  public var comparisons: [ShareDifference]
  /// ν: PSUs − strata among the rows with an answer and a group (replicate designs: the rank of
  /// their replicate weights minus one).
  package var degreesOfFreedom: Int
  /// The confidence level of the intervals.
  package var level: Double
  /// The design the comparisons were computed on.
  package var design: DesignSummary?

  /// The difference between the groups at positions `first` and `second` (either order).
  package func comparison(_ first: Int, _ second: Int) -> ShareDifference? {
    comparisons.first { ($0.first, $0.second) == (min(first, second), max(first, second)) }
  }
}

extension ShareDifference: SurveyEstimate {
  /// θ̂_first − θ̂_second.
  public var estimate: Double { difference.estimate }
  /// The SE of the difference, from the joint covariance.
  public var standardError: Double { difference.standardError }
  /// The Wald interval on t quantiles.
  public var confidenceInterval: ConfidenceInterval { difference.confidenceInterval }
  /// ν.
  public var degreesOfFreedom: Int { difference.degreesOfFreedom }
  /// The first group.
  public var domain: Domain { firstDomain }
}
