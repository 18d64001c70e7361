/// Every privacy-paradox measure of one domain (or of the whole sample), on the respondents of the
/// domain who answered every item of the definition.
///
/// With C = concerned and A = acting, and weighted cell shares p_ca = P(C = c, A = a):
/// - ``concerned`` = P(C), ``acting`` = P(A): Hájek proportions, intervals by the chosen
///   `svyciprop` method on the domain's degrees of freedom;
/// - ``gap`` = P(C) − P(A) = p₁₀ − p₀₁ with the paired design-based test;
/// - ``paradoxShare`` = P(C ∧ ¬A) = p₁₀, the share of "concerned non-protectors" among all;
/// - ``inactionGivenConcern`` = P(¬A | C) = p₁₀ / P(C), the ratio estimator of R's
///   `svyratio(~I(C * (1 - A)), ~C, design)` with influence zᵢ = wᵢ(yᵢ − R̂xᵢ)/Σwx; its interval is
///   `svyciprop(~I(A == 0), subset(design, C == 1), method)` (same estimate and SE), on the degrees
///   of freedom of the concerned respondents' PSUs;
/// - ``phi`` = (p₁₁p₀₀ − p₁₀p₀₁)/√(P(C)(1−P(C))P(A)(1−P(A))) and ``oddsRatio``, by the delta method
///   on the linearized cell proportions, with t intervals (log scale for the odds ratio).
///
/// Definitions: privacy-paradox.md §1.2 (Barth & de Jong 2017; Kokolakis 2017); estimators:
/// Lumley (2010) §2.3 (domains), §3.3 (contrasts), Woodruff (1971) (linearization).
public struct DomainParadox: Sendable, Hashable {
  /// The domain (``Domain/wholeSample`` for the overall results).
  package var domain: Domain
  /// Respondents of the domain who answered every item of the definition.
  package var respondents: Int
  /// P(concerned).
  public var concerned: IntervalEstimate
  /// P(acting).
  public var acting: IntervalEstimate
  /// P(concerned ∧ not acting).
  public var paradoxShare: IntervalEstimate
  /// P(not acting | concerned).
  public var inactionGivenConcern: IntervalEstimate
  /// The φ coefficient of the weighted 2×2 table.
  public var phi: IntervalEstimate
  /// The odds ratio of the weighted 2×2 table.
  public var oddsRatio: OddsRatioEstimate
  /// P(concerned) − P(acting) with the paired test.
  public var gap: GapEstimate
  /// The unweighted discordant counts.
  package var mcnemarCounts: McNemarCounts
  /// The weighted cell shares (p₁₁, p₁₀, p₀₁, p₀₀): concerned and acting, concerned only, acting only, neither.
  package var cellShares: [Double]
}
