import RealModule

/// Student's t distribution with ν degrees of freedom; ν need not be an integer.
///
/// ```swift
/// let t = StudentTDistribution(degreesOfFreedom: 14)
/// t.quantile(0.975)   // 2.1447866879178035
/// t.cdf(2)            // 0.9673560235554439
/// ```
package struct StudentTDistribution: Sendable, Hashable {
  /// ν, positive; `.infinity` gives the standard normal distribution.
  package let degreesOfFreedom: Double

  /// Creates the distribution.
  ///
  /// - Parameter degreesOfFreedom: ν > 0, possibly fractional (design degrees of freedom such as
  ///   20.92) or `.infinity`.
  /// - Precondition: `degreesOfFreedom > 0` (NaN is rejected too).
  package init(degreesOfFreedom: Double) {
    precondition(degreesOfFreedom > 0, "Student t degrees of freedom must be positive, got \(degreesOfFreedom)")
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// P(T ≤ t), as R's `pt(t, df)`.
  ///
  /// Method: P(|T| > |t|) = I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz and Stegun 26.7.1), from
  /// the regularized incomplete beta function; x and 1 − x = t²/(ν + t²) are both formed directly,
  /// so neither tail loses precision. ν = ∞ uses `NormalDistribution.cdf`.
  ///
  /// - Parameter t: Any value; ±∞ give 0 and 1.
  /// - Returns: The probability, or NaN when `t` is NaN.
  package func cdf(_ t: Double) -> Double {
    if t.isNaN { return .nan }
    if degreesOfFreedom == .infinity { return NormalDistribution.cdf(t) }
    if t.isInfinite { return t < 0 ? 0 : 1 }
    let nu = degreesOfFreedom
    let size = abs(t)
    let ratio = (nu / size) / size
    if ratio < 1e-30 {
      // x = ν/(ν + t²) may underflow; I_x(ν/2, ½) from log x = log ν − 2 log|t|.
      let logX = Double.log(nu) - 2 * Double.log(size)
      let beyond = SpecialFunctions.regularizedBetaNearZero(nu / 2, 0.5, logX: logX)
      return t < 0 ? 0.5 * beyond : 0.5 + 0.5 * (1 - beyond)
    }
    let x: Double
    let y: Double
    if size * size < nu {
      let ratio = (size / nu) * size
      x = 1 / (1 + ratio)
      y = ratio / (1 + ratio)
    } else {
      let ratio = (nu / size) / size
      x = ratio / (1 + ratio)
      y = 1 / (1 + ratio)
    }
    let beyond = SpecialFunctions.regularizedBeta(nu / 2, 0.5, x, y)
    // beyond.lower = P(|T| > |t|), beyond.upper = P(|T| ≤ |t|).
    return t < 0 ? 0.5 * beyond.lower : 0.5 + 0.5 * beyond.upper
  }

  /// The quantile t_p with P(T ≤ t_p) = p, as R's `qt(p, df)`.
  ///
  /// Method: with P = 2 min(p, 1 − p), the point x = ν/(ν + t²) solves I_x(ν/2, ½) = P; it is found
  /// by the inverse incomplete beta function (Newton iteration on the log of the smaller of P and
  /// 1 − P, to 1e-15 relative), which returns x and 1 − x each with full precision, and
  /// t = √(ν (1 − x)/x). Near p = ½ this works with 1 − x, so no precision is lost to
  /// cancellation. ν = ∞ and ν > 1e20 use `NormalDistribution.quantile`, as R does.
  ///
  /// - Parameter p: A probability in [0, 1].
  /// - Returns: t_p; −∞ for p = 0, +∞ for p = 1, 0 for p = ½, NaN outside [0, 1] or for NaN.
  package func quantile(_ p: Double) -> Double {
    if p.isNaN || p < 0 || p > 1 { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if p == 0.5 { return 0 }
    let nu = degreesOfFreedom
    if nu > 1e20 { return NormalDistribution.quantile(p) }
    let isLowerHalf = p < 0.5
    // Two-sided probability beyond |t| and its complement; both are exact for p ≥ ¼.
    let beyond = isLowerHalf ? 2 * p : 2 * (1 - p)
    let within = isLowerHalf ? 1 - 2 * p : 2 * p - 1
    let root = SpecialFunctions.inverseRegularizedBeta(nu / 2, 0.5, lower: beyond, upper: within)
    let size = nu.squareRoot() * root.y.squareRoot() / root.x.squareRoot()
    return isLowerHalf ? -size : size
  }
}
