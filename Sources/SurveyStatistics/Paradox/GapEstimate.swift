/// The marginal privacy-paradox gap G = P(concerned) − P(acting), estimated on the same
/// respondents, with the design-based paired test of G = 0.
///
/// Because both shares come from the same people, Var(Ĝ) = V₁₁ + V₂₂ − 2V₁₂ includes their
/// covariance: the linearization variable of the difference is the difference of the
/// linearization variables, so Ĝ and its SE are those of R's
/// `svycontrast(svymean(~C + A, design), c(1, -1))`, identical to `svymean(~I(C - A), design)`
/// (Lumley 2010, §3.3; statistics.md §2(d)). With an unweighted simple random sample the test is
/// the paired (McNemar-type) comparison of the discordant cells.
///
/// The interval is Ĝ ± t_{1−α/2, ν}·SE and the test statistic t = Ĝ/SE is referred to Student's t
/// with ν = the design degrees of freedom of the domain (R's `degf(design)`: PSUs − strata),
/// p = 2·P(T_ν > |t|) — R's `confint(svycontrast(…), df = degf(design))` and
/// `2 * pt(-abs(t), degf(design))`. R 4.1's `svyttest(I(C - A) ~ 0, design)` gives the same t but
/// refers it to ν − 1 degrees of freedom, a slightly larger p-value.
public struct GapEstimate: Sendable, Hashable {
  /// Ĝ, its SE, its t interval and the degrees of freedom ν.
  package var interval: IntervalEstimate
  /// t = Ĝ / SE (NaN when Ĝ = SE = 0).
  package var tStatistic: Double
  /// The two-sided p-value 2·P(T_ν > |t|) (NaN when t is undefined or ν < 1).
  public var pValue: Double

  /// Ĝ.
  public var estimate: Double { interval.estimate }
  /// SE(Ĝ).
  public var standardError: Double { interval.standardError }
  /// Ĝ ± t_{1−α/2, ν}·SE.
  public var confidenceInterval: ConfidenceInterval { interval.confidenceInterval }
  /// ν.
  package var degreesOfFreedom: Int { interval.degreesOfFreedom }

  /// Creates a gap estimate from its parts.
  package init(interval: IntervalEstimate, tStatistic: Double, pValue: Double) {
    self.interval = interval
    self.tStatistic = tStatistic
    self.pValue = pValue
  }

  /// The Wald interval and the two-sided t test of a difference.
  init(estimate: Double, standardError: Double, degreesOfFreedom: Int, level: Double) {
    interval = .wald(estimate: estimate, standardError: standardError, degreesOfFreedom: degreesOfFreedom, level: level)
    tStatistic = estimate / standardError
    pValue = twoSidedPValue(t: tStatistic, degreesOfFreedom: degreesOfFreedom)
  }
}

/// 2·P(T_ν > |t|), R's `2 * pt(-abs(t), df)`; NaN for an undefined t or ν < 1.
func twoSidedPValue(t: Double, degreesOfFreedom: Int) -> Double {
  guard !t.isNaN, degreesOfFreedom > 0 else { return .nan }
  if t.isInfinite { return 0 }
  return 2 * StudentTDistribution(degreesOfFreedom: Double(degreesOfFreedom)).cdf(-abs(t))
}
