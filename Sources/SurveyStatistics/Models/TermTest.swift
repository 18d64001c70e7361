/// A Wald test that the coefficients of one or more terms are all zero: R survey's
/// `regTermTest(fit, ~term)` with its defaults (`method = "Wald"`, `df = fit$df.residual`).
///
/// With β̂ the q coefficients of the terms and V̂ their sandwich covariance,
/// X² = β̂ᵀ V̂⁻¹ β̂ and F = X²/q is referred to the F distribution on q and ν degrees of freedom,
/// ν the model's residual degrees of freedom (Lumley & Scott 2017 discuss this and the
/// working-likelihood alternatives; Korn & Graubard 1990 for the F approximation).
public struct TermTest: Sendable, Hashable {
  /// The term or terms tested, as R labels them (`age_band`, `age_band:sex`), joined by ` + `.
  package var term: String
  /// F = X²/q.
  package var statistic: Double
  /// q, the number of coefficients tested.
  package var numeratorDegreesOfFreedom: Int
  /// ν, the model's residual degrees of freedom.
  package var denominatorDegreesOfFreedom: Int
  /// P(F_{q,ν} > F).
  public var pValue: Double
  /// The Wald statistic X² = β̂ᵀ V̂⁻¹ β̂ (R's `Ftest × df`).
  package var chiSquared: Double { statistic * Double(numeratorDegreesOfFreedom) }
}
