/// The χ² distribution with k degrees of freedom; k may be fractional (as in Rao–Scott tests).
///
/// ```swift
/// let chiSquared = ChiSquaredDistribution(degreesOfFreedom: 1)
/// chiSquared.survival(10)   // 0.0015654022580025482
/// ```
package struct ChiSquaredDistribution: Sendable, Hashable {
  /// k, the degrees of freedom.
  package let degreesOfFreedom: Double

  /// Creates the distribution.
  ///
  /// - Parameter degreesOfFreedom: k > 0 and finite, possibly fractional.
  /// - Precondition: `degreesOfFreedom` is positive and finite.
  package init(degreesOfFreedom: Double) {
    precondition(
      degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
      "chi-squared degrees of freedom must be positive and finite, got \(degreesOfFreedom)")
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// P(X ≤ x) = P(k/2, x/2), the regularized lower incomplete gamma function, as R's
  /// `pchisq(x, df)`.
  ///
  /// Method: the power series of P when x/2 < k/2 + 1, else the Legendre continued fraction of
  /// Q = 1 − P by the modified Lentz algorithm (Press et al., *Numerical Recipes*, 3rd ed., §6.2),
  /// with the prefactor (x/2)^{k/2} e^{−x/2}/Γ(k/2) in logarithms through Stirling's series.
  ///
  /// - Parameter x: Any value; values at or below 0 give 0.
  /// - Returns: The probability, or NaN when `x` is NaN.
  package func cdf(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    return SpecialFunctions.regularizedGamma(degreesOfFreedom / 2, x / 2).lower
  }

  /// P(X > x) = Q(k/2, x/2), the upper tail, as R's `pchisq(x, df, lower.tail = FALSE)`.
  ///
  /// Method: as ``cdf(_:)``; when x/2 ≥ k/2 + 1 the continued fraction yields the upper tail
  /// directly, so small p-values keep full relative precision.
  ///
  /// - Parameter x: Any value; values at or below 0 give 1.
  /// - Returns: The probability, or NaN when `x` is NaN.
  package func survival(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    return SpecialFunctions.regularizedGamma(degreesOfFreedom / 2, x / 2).upper
  }
}
