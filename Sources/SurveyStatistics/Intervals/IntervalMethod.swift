/// How a confidence interval for a proportion is computed: the methods of R survey's
/// `svyciprop()` (Lumley, R/svyttest.R), all on t quantiles with the design degrees of freedom.
public enum IntervalMethod: String, Sendable, CaseIterable, Codable {
  /// Wald interval on the logit scale, expit(logit(p̂) ± t·SE/(p̂(1−p̂))): R's default `"logit"`,
  /// from an intercept-only quasibinomial `svyglm`; the same as Stata's `svy: proportion`.
  case logit
  /// Profile-likelihood interval of the intercept-only quasibinomial model, with the
  /// Rao–Scott-scaled deviance (R `"likelihood"`). Confiance solves the profile exactly by root
  /// finding; R interpolates a spline through a grid, so the two differ by up to about 1e-4.
  case likelihood
  /// Wald interval on the arcsine-square-root scale, sin²(asin√p̂ ± t·SE/(2√(p̂(1−p̂)))) (R `"asin"`).
  case asin
  /// Korn & Graubard (1998) Clopper–Pearson-type interval with the effective sample size
  /// n* = p̂(1−p̂)/V̂ · (t_{α/2, n−1} / t_{α/2, ν})² (R `"beta"`; alias `korn-graubard`).
  case beta
  /// Wald interval p̂ ± t·SE (R `"mean"`; alias `wald`).
  case mean
  /// Wald interval on the logit scale by the delta method (R `"xlogit"`); equal to `logit` for
  /// linearized designs.
  case xlogit
  /// Wilson score interval with the effective sample size n* = p̂(1−p̂)/V̂ and a t quantile, as in
  /// R survey 4.5's `svyciprop(method = "wilson")` (Kolenikov).
  case wilson

  /// Parses a method name or alias (`korn-graubard`, `kg` → ``beta``; `wald` → ``mean``).
  package init?(name: String) {
    switch name.lowercased() {
    case "korn-graubard", "korngraubard", "kg": self = .beta
    case "wald": self = .mean
    default:
      guard let method = IntervalMethod(rawValue: name.lowercased()) else { return nil }
      self = method
    }
  }
}

/// A confidence interval for an estimate.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
  /// The lower bound (NaN when it cannot be computed, e.g. for p̂ = 0 on the logit scale).
  public var lower: Double
  /// The upper bound.
  public var upper: Double
  /// The method.
  package var method: IntervalMethod
  /// The confidence level, e.g. 0.95.
  package var level: Double

  /// Creates an interval.
  package init(lower: Double, upper: Double, method: IntervalMethod, level: Double) {
    self.lower = lower
    self.upper = upper
    self.method = method
    self.level = level
  }
}
