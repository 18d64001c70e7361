import RealModule

/// Special functions shared by the probability distributions.
///
/// Nothing here is public API. Functions that return probabilities return both tails, and the
/// smaller tail is always computed directly, never as one minus the other, so that it keeps full
/// relative precision however small it is.
///
/// This file holds the logarithmic helpers and the regularized incomplete gamma function;
/// `SpecialFunctions+IncompleteBeta.swift` and `SpecialFunctions+InverseIncompleteBeta.swift`
/// hold the incomplete beta function and its inverse.
enum SpecialFunctions {
  /// The two tails of a distribution at one point: `lower` = P(X ≤ x), `upper` = P(X > x).
  struct Tails: Sendable, Equatable {
    var lower: Double
    var upper: Double

    /// The same point seen from the mirrored variable (for example 1 − X for a beta variable).
    var swapped: Tails { Tails(lower: upper, upper: lower) }
  }

  /// ½ log(2π).
  static let halfLogTwoPi = 0.918_938_533_204_672_741_78

  /// Relative precision aimed at by the series and continued fractions.
  static let precision = Double.ulpOfOne / 2

  /// Below this the shapes are small enough for `Double.logGamma` differences to be exact to
  /// about 1e-15; above it the Stirling form with `stirlingCorrection` is used.
  static let largeShape = 10.0

  /// The correction term of Stirling's formula,
  /// δ(z) = log Γ(z) − [(z − ½) log z − z + ½ log 2π].
  ///
  /// For z ≥ 10 it is summed from the asymptotic series Σ B₂ₙ / (2n(2n − 1) z²ⁿ⁻¹), n = 1…8,
  /// whose truncation error is below 4e-17 there; this keeps differences such as
  /// log Γ(a + b) − log Γ(a) exact when a is huge (DiDonato and Morris 1992, TOMS 708, use the
  /// same device). Below 10 it is the plain difference.
  static func stirlingCorrection(_ z: Double) -> Double {
    guard z >= largeShape else {
      return Double.logGamma(z) - ((z - 0.5) * Double.log(z) - z + halfLogTwoPi)
    }
    let w = 1 / (z * z)
    var series = -3617.0 / 122_400
    series = series * w + 1.0 / 156
    series = series * w - 691.0 / 360_360
    series = series * w + 1.0 / 1188
    series = series * w - 1.0 / 1680
    series = series * w + 1.0 / 1260
    series = series * w - 1.0 / 360
    series = series * w + 1.0 / 12
    return series / z
  }

  /// log(1 + x) − x without cancellation when x is small.
  ///
  /// For |x| ≤ ½ it uses log(1 + x) = 2 atanh(r) with r = x / (2 + x), which gives
  /// log(1 + x) − x = −x r + 2 (r³/3 + r⁵/5 + …).
  static func logOnePlusMinusX(_ x: Double) -> Double {
    guard abs(x) <= 0.5 else { return Double.log(onePlus: x) - x }
    let r = x / (2 + x)
    let rSquared = r * r
    var power = r * rSquared
    var sum = 0.0
    var denominator = 3.0
    while true {
      let term = power / denominator
      sum += term
      if abs(term) <= precision * abs(sum) { break }
      power *= rSquared
      denominator += 2
    }
    return -x * r + 2 * sum
  }

  /// log(zˢ e⁻ᶻ / Γ(s)), the factor in front of the incomplete gamma series and continued
  /// fraction.
  ///
  /// For s ≥ 10 it is written s·[log(1 + e) − e] + ½ log(s / 2π) − δ(s) with e = (z − s)/s, so that
  /// no large terms cancel.
  static func logGammaPowerTerm(_ s: Double, _ z: Double) -> Double {
    guard s >= largeShape else { return s * Double.log(z) - z - Double.logGamma(s) }
    let e = (z - s) / s
    let main = abs(e) <= 0.6 ? s * logOnePlusMinusX(e) : s * Double.log(z / s) + s - z
    return main + 0.5 * Double.log(s) - halfLogTwoPi - stirlingCorrection(s)
  }

  /// The regularized incomplete gamma functions P(s, z) (lower) and Q(s, z) = 1 − P (upper).
  ///
  /// Method: the power series P = zˢe⁻ᶻ/Γ(s + 1) · Σₙ zⁿ / ((s + 1)⋯(s + n)) when z < s + 1, and the
  /// Legendre continued fraction for Q evaluated by the modified Lentz algorithm otherwise
  /// (Press et al., *Numerical Recipes*, 3rd ed., §6.2; Lentz 1976; Thompson and Barnett 1986).
  /// The prefactor comes from `logGammaPowerTerm`.
  ///
  /// - Precondition: s > 0 and finite; z ≥ 0 (z may be +∞).
  static func regularizedGamma(_ s: Double, _ z: Double) -> Tails {
    if z <= 0 { return Tails(lower: 0, upper: 1) }
    if z == .infinity { return Tails(lower: 1, upper: 0) }
    let prefactor = Double.exp(logGammaPowerTerm(s, z))
    if z < s + 1 {
      var term = 1.0
      var sum = 1.0
      var n = 1.0
      while true {
        term *= z / (s + n)
        sum += term
        if term <= precision * sum { break }
        n += 1
      }
      let lower = prefactor * sum / s
      return Tails(lower: lower, upper: 1 - lower)
    }
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
    var b = z + 1 - s
    var c = 1 / tiny
    var d = 1 / b
    var fraction = d
    var i = 1.0
    while i < 100_000 {
      let an = -i * (i - s)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      fraction *= delta
      if abs(delta - 1) <= Double.ulpOfOne { break }
      i += 1
    }
    let upper = prefactor * fraction
    return Tails(lower: 1 - upper, upper: upper)
  }
}
