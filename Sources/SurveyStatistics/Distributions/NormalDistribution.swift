import RealModule

/// The standard normal distribution N(0, 1).
///
/// ```swift
/// NormalDistribution.quantile(0.975)          // 1.9599639845400536
/// NormalDistribution.cdf(1.959963984540054)   // 0.975
/// ```
package enum NormalDistribution {
  /// The cumulative distribution function Φ(x) = P(Z ≤ x), as R's `pnorm(x)`.
  ///
  /// Method: W. J. Cody's rational Chebyshev approximations (Cody 1969, "Rational Chebyshev
  /// approximation for the error function", *Mathematics of Computation* 23, 631–637; the
  /// coefficients of ANORM in Cody 1993, ACM TOMS Algorithm 715, which R's `pnorm` also uses), on
  /// |x| ≤ 0.66291, |x| ≤ √32 and |x| < 38.5. In the tails, exp(−x²/2) is split as
  /// exp(−x₁²/2)·exp(−(x − x₁)(x + x₁)/2) with x₁ = ⌊16x⌋/16 so that it keeps full relative
  /// precision. Results below the smallest normal double are returned as 0, as R does.
  ///
  /// - Parameter x: Any value; ±∞ give 0 and 1.
  /// - Returns: Φ(x), or NaN when `x` is NaN.
  package static func cdf(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    let tails = bothTails(x)
    return tails.lower
  }

  /// The quantile function Φ⁻¹(p), as R's `qnorm(p)`.
  ///
  /// Method: M. J. Wichura (1988), "Algorithm AS 241: The percentage points of the normal
  /// distribution", *Applied Statistics* 37, 477–484 (PPND16, accurate to about 1 part in 10¹⁶),
  /// the algorithm of R's `qnorm`.
  ///
  /// - Parameter p: A probability in [0, 1].
  /// - Returns: The z with Φ(z) = p; −∞ for p = 0, +∞ for p = 1, NaN outside [0, 1] or for NaN.
  package static func quantile(_ p: Double) -> Double {
    if p.isNaN || p < 0 || p > 1 { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      let numerator =
        ((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
          + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
          + 133.14166789178437745) * r + 3.387132872796366608
      let denominator =
        ((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r
          + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
          + 42.313330701600911252) * r + 1
      return q * numerator / denominator
    }
    var r = (-Double.log(q < 0 ? p : 1 - p)).squareRoot()
    let value: Double
    if r <= 5 {
      r -= 1.6
      let numerator =
        ((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r
          + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r
          + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734
      let denominator =
        ((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r
          + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r
          + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1
      value = numerator / denominator
    } else {
      r -= 5
      let numerator =
        ((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r
          + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r
          + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772
      let denominator =
        ((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
          + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r
          + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1
      value = numerator / denominator
    }
    return q < 0 ? -value : value
  }

  private static let middleNumerator: [Double] = [
    0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
    597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
    11602.651437647350124, 9842.7148383839780218,
  ]

  private static let middleDenominator: [Double] = [
    22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
    6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
    38912.003286093271411, 19685.429676859990727,
  ]

  private static let tailNumerator: [Double] = [
    0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
    0.001421619193227893466, 2.9112874951168792e-5,
  ]

  private static let tailDenominator: [Double] = [
    1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
    0.00378239633202758244, 7.29751555083966205e-5,
  ]

  /// Both tails Φ(x) and 1 − Φ(x), each with full relative precision.
  static func bothTails(_ x: Double) -> SpecialFunctions.Tails {
    let y = abs(x)
    if y <= 0.66291 {
      let square = y > Double.ulpOfOne / 2 ? x * x : 0
      var numerator = 0.065682337918207449113 * square
      var denominator = square
      numerator = (numerator + 2.2352520354606839287) * square
      denominator = (denominator + 47.20258190468824187) * square
      numerator = (numerator + 161.02823106855587881) * square
      denominator = (denominator + 976.09855173777669322) * square
      numerator = (numerator + 1067.6894854603709582) * square
      denominator = (denominator + 10260.932208618978205) * square
      let half = x * (numerator + 18154.981253343561249) / (denominator + 45507.789335026729956)
      return SpecialFunctions.Tails(lower: 0.5 + half, upper: 0.5 - half)
    }
    var tail: Double
    if y <= 32.0.squareRoot() {
      var numerator = 1.0765576773720192317e-8 * y
      var denominator = y
      for i in 0..<7 {
        numerator = (numerator + middleNumerator[i]) * y
        denominator = (denominator + middleDenominator[i]) * y
      }
      tail = (numerator + middleNumerator[7]) / (denominator + middleDenominator[7])
    } else if y < 38.5 {
      let inverseSquare = 1 / (x * x)
      var numerator = 0.02307344176494017303 * inverseSquare
      var denominator = inverseSquare
      for i in 0..<4 {
        numerator = (numerator + tailNumerator[i]) * inverseSquare
        denominator = (denominator + tailDenominator[i]) * inverseSquare
      }
      tail = inverseSquare * (numerator + tailNumerator[4]) / (denominator + tailDenominator[4])
      tail = (0.398_942_280_401_432_677_94 - tail) / y
    } else {
      tail = 0
    }
    if tail > 0 {
      let rounded = (y * 16).rounded(.towardZero) / 16
      let remainder = (y - rounded) * (y + rounded)
      tail *= Double.exp(-rounded * rounded * 0.5) * Double.exp(-remainder * 0.5)
    }
    if tail < Double.leastNormalMagnitude { tail = 0 }
    return x > 0
      ? SpecialFunctions.Tails(lower: 1 - tail, upper: tail)
      : SpecialFunctions.Tails(lower: tail, upper: 1 - tail)
  }
}
