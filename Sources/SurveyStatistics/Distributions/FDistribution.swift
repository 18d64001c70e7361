/// Fisher's F distribution with d₁ and d₂ degrees of freedom; both may be fractional (as in the
/// Rao–Scott adjusted tests) or infinite.
///
/// ```swift
/// let f = FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 13)
/// f.survival(10)   // 0.002345801074012432
/// ```
package struct FDistribution: Sendable, Hashable {
  /// d₁, the numerator degrees of freedom.
  package let numeratorDegreesOfFreedom: Double
  /// d₂, the denominator degrees of freedom.
  package let denominatorDegreesOfFreedom: Double

  /// Creates the distribution.
  ///
  /// - Parameters:
  ///   - numeratorDegreesOfFreedom: d₁ > 0, possibly fractional or `.infinity`.
  ///   - denominatorDegreesOfFreedom: d₂ > 0, possibly fractional or `.infinity`.
  /// - Precondition: both are positive (NaN is rejected too).
  package init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
    precondition(numeratorDegreesOfFreedom > 0, "F numerator degrees of freedom must be positive, got \(numeratorDegreesOfFreedom)")
    precondition(denominatorDegreesOfFreedom > 0, "F denominator degrees of freedom must be positive, got \(denominatorDegreesOfFreedom)")
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
  }

  /// P(F ≤ x), as R's `pf(x, d1, d2)`.
  ///
  /// Method: P(F ≤ x) = I_w(d₁/2, d₂/2) with w = d₁x/(d₁x + d₂) (Abramowitz and Stegun 26.6.2), from
  /// the regularized incomplete beta function. With d₂ = ∞, d₁F is χ²(d₁); with d₁ = ∞ (and d₂
  /// finite), d₂/F is χ²(d₂); with both infinite, F = 1 (and P(F ≤ 1) is reported as ½, as R does).
  ///
  /// - Parameter x: Any value; values at or below 0 give 0.
  /// - Returns: The probability, or NaN when `x` is NaN.
  package func cdf(_ x: Double) -> Double {
    tails(x).lower
  }

  /// P(F > x), the upper tail, as R's `pf(x, d1, d2, lower.tail = FALSE)`.
  ///
  /// Method: as ``cdf(_:)``, but the upper tail I_{1−w}(d₂/2, d₁/2) is computed directly, with
  /// 1 − w = d₂/(d₁x + d₂) formed without subtraction, so p-values keep full relative precision
  /// however small they are.
  ///
  /// - Parameter x: Any value; values at or below 0 give 1.
  /// - Returns: The probability, or NaN when `x` is NaN.
  package func survival(_ x: Double) -> Double {
    tails(x).upper
  }

  private func tails(_ x: Double) -> SpecialFunctions.Tails {
    if x.isNaN { return SpecialFunctions.Tails(lower: .nan, upper: .nan) }
    if x <= 0 { return SpecialFunctions.Tails(lower: 0, upper: 1) }
    if x == .infinity { return SpecialFunctions.Tails(lower: 1, upper: 0) }
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    switch (d1.isInfinite, d2.isInfinite) {
    case (true, true):
      if x < 1 { return SpecialFunctions.Tails(lower: 0, upper: 1) }
      if x > 1 { return SpecialFunctions.Tails(lower: 1, upper: 0) }
      return SpecialFunctions.Tails(lower: 0.5, upper: 0.5)
    case (false, true):
      return SpecialFunctions.regularizedGamma(d1 / 2, d1 * x / 2)
    case (true, false):
      return SpecialFunctions.regularizedGamma(d2 / 2, d2 / x / 2).swapped
    case (false, false):
      let scaled = d1 * x
      let w = scaled / (scaled + d2)
      let complement = d2 / (scaled + d2)
      // Far in either tail w or 1 − w may underflow; use their logarithms there.
      if !(complement >= 1e-30) {
        let logComplement = Double.log(d2) - Double.log(d1) - Double.log(x)
        let upper = SpecialFunctions.regularizedBetaNearZero(d2 / 2, d1 / 2, logX: logComplement)
        return SpecialFunctions.Tails(lower: 1 - upper, upper: upper)
      }
      if w < 1e-30 {
        let logW = Double.log(d1) + Double.log(x) - Double.log(d2)
        let lower = SpecialFunctions.regularizedBetaNearZero(d1 / 2, d2 / 2, logX: logW)
        return SpecialFunctions.Tails(lower: lower, upper: 1 - lower)
      }
      return SpecialFunctions.regularizedBeta(d1 / 2, d2 / 2, w, complement)
    }
  }
}
