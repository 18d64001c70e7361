import RealModule

/// The kind of regression: how the mean of the outcome depends on the linear predictor η = xᵀβ,
/// and how its variance depends on the mean. The functions are R's `gaussian()`,
/// `quasibinomial()` and `quasipoisson()` families with their default links
/// (`src/library/stats/R/family.R`, `src/library/stats/src/family.c`).
///
/// The quasi families give the same estimates as binomial and Poisson maximum likelihood; with
/// survey weights the likelihood is not a likelihood of the data anyway, and the variance comes
/// from the design (Lumley 2010, §5.2), so R survey recommends them to avoid warnings about
/// non-integer counts.
public enum ModelFamily: String, Sendable, Hashable, CaseIterable, Codable {
  /// Linear regression: identity link μ = η, constant variance. R: `family = gaussian()`.
  case gaussian
  /// Logistic regression: logit link μ = 1/(1 + e^{−η}), variance μ(1 − μ); the outcome is 0/1.
  /// R: `family = quasibinomial()`.
  case quasibinomial
  /// Poisson (log-linear) regression: log link μ = e^η, variance μ; the outcome is a count.
  /// R: `family = quasipoisson()`.
  case quasipoisson
  /// Proportional-odds (cumulative logit) regression of an ordinal outcome: P(Y ≤ k) =
  /// F(ζ_k − xᵀβ) with the logistic F. R: `svyolr(formula, design)` (R survey's `olr.R`), fitted by
  /// ``SurveyDesign/regression(_:family:in:level:)`` as R does; the functions below that belong to
  /// the GLM families are the logistic ones (the starting values are a logistic fit).
  case proportionalOdds = "ordinal"

  /// The family called by its common name — `logistic`, `linear`, `poisson`, `ordinal` — or by
  /// R's (`quasibinomial`, `gaussian`, `quasipoisson`); `nil` for another name.
  package init?(name: String) {
    let common: [String: ModelFamily] = [
      "logistic": .quasibinomial, "linear": .gaussian, "poisson": .quasipoisson, "ordinal": .proportionalOdds,
    ]
    guard let family = common[name] ?? ModelFamily(rawValue: name) else { return nil }
    self = family
  }

  /// The link's name as R prints it.
  package var link: String {
    switch self {
    case .gaussian: return "identity"
    case .quasibinomial, .proportionalOdds: return "logit"
    case .quasipoisson: return "log"
    }
  }

  // R's constants in family.c: THRESH = 30, MTHRESH = −30, INVEPS = 1/DBL_EPSILON.
  private static let threshold = 30.0

  /// μ = g⁻¹(η).
  func mean(_ eta: Double) -> Double {
    switch self {
    case .gaussian: return eta
    case .quasibinomial, .proportionalOdds:
      let t = eta < -Self.threshold ? Double.ulpOfOne : (eta > Self.threshold ? 1 / Double.ulpOfOne : Double.exp(eta))
      return t / (1 + t)
    case .quasipoisson: return max(Double.exp(eta), Double.ulpOfOne)
    }
  }

  /// η = g(μ).
  func linearPredictor(_ mu: Double) -> Double {
    switch self {
    case .gaussian: return mu
    case .quasibinomial, .proportionalOdds: return Double.log(mu / (1 - mu))
    case .quasipoisson: return Double.log(mu)
    }
  }

  /// dμ/dη.
  func meanDerivative(_ eta: Double) -> Double {
    switch self {
    case .gaussian: return 1
    case .quasibinomial, .proportionalOdds:
      if eta > Self.threshold || eta < -Self.threshold { return Double.ulpOfOne }
      let e = Double.exp(eta)
      return e / ((1 + e) * (1 + e))
    case .quasipoisson: return max(Double.exp(eta), Double.ulpOfOne)
    }
  }

  /// d²μ/dη², for the delta method of average marginal effects.
  func meanSecondDerivative(_ eta: Double) -> Double {
    switch self {
    case .gaussian: return 0
    case .quasibinomial, .proportionalOdds:
      let mu = mean(eta)
      return mu * (1 - mu) * (1 - 2 * mu)
    case .quasipoisson: return Double.exp(eta)
    }
  }

  /// V(μ).
  func variance(_ mu: Double) -> Double {
    switch self {
    case .gaussian: return 1
    case .quasibinomial, .proportionalOdds: return mu * (1 - mu)
    case .quasipoisson: return mu
    }
  }

  /// The deviance residual of one respondent with prior weight `weight` (R's `dev.resids`).
  func devianceResidual(outcome y: Double, mean mu: Double, weight: Double) -> Double {
    switch self {
    case .gaussian: return weight * (y - mu) * (y - mu)
    case .quasibinomial, .proportionalOdds:
      func yLogY(_ y: Double, _ mu: Double) -> Double { y != 0 ? y * Double.log(y / mu) : 0 }
      return 2 * weight * (yLogY(y, mu) + yLogY(1 - y, 1 - mu))
    case .quasipoisson:
      return y > 0 ? 2 * weight * (y * Double.log(y / mu) - (y - mu)) : 2 * mu * weight
    }
  }

  /// R's `validmu`: means inside the family's range.
  func isValidMean(_ mu: Double) -> Bool {
    switch self {
    case .gaussian: return mu.isFinite
    case .quasibinomial, .proportionalOdds: return mu.isFinite && mu > 0 && mu < 1
    case .quasipoisson: return mu.isFinite && mu > 0
    }
  }

  /// R's `family$initialize` starting means, for prior weights `weight`.
  func startingMean(outcome y: Double, weight: Double) -> Double {
    switch self {
    case .gaussian: return y
    case .quasibinomial, .proportionalOdds: return (weight * (weight == 0 ? 0 : y) + 0.5) / (weight + 1)
    case .quasipoisson: return y + 0.1
    }
  }
}
