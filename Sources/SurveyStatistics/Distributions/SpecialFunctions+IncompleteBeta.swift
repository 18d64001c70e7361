import RealModule

extension SpecialFunctions {
  /// log(xᵃ yᵇ / B(a, b)) with y = 1 − x, the factor in front of the incomplete beta continued
  /// fraction (and, divided by x·y, the beta density).
  ///
  /// Both x and y are passed so that whichever is small keeps its full precision. When a shape is
  /// 10 or more, log Γ is written in Stirling's form with `stirlingCorrection`, and the powers are
  /// grouped as a·[log(1 + e₁) − e₁] + b·[log(1 + e₂) − e₂] with e₁ = x/x₀ − 1, e₂ = y/y₀ − 1,
  /// x₀ = a/(a + b); nothing large cancels, so the result stays exact for shapes up to 1e10 and
  /// beyond (the grouping of DiDonato and Morris 1992, TOMS 708, function BRCOMP).
  ///
  /// - Precondition: a, b > 0 and finite; x, y > 0 with x + y = 1.
  static func logBetaPowerTerm(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Double {
    if a < largeShape && b >= largeShape { return logBetaPowerTerm(b, a, y, x) }
    guard a >= largeShape else {
      let logBeta = Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
      return a * Double.log(x) + b * Double.log(y) - logBeta
    }
    let total = a + b
    let x0 = a / total
    // λ = a − (a + b)x = (a + b)y − b, from whichever of x and y is smaller.
    let lambda = x <= y ? a - total * x : total * y - b
    let e1 = -lambda / a
    if b >= largeShape {
      let y0 = b / total
      let e2 = lambda / b
      let partA = abs(e1) <= 0.6 ? a * logOnePlusMinusX(e1) : a * (Double.log(x / x0) - e1)
      let partB = abs(e2) <= 0.6 ? b * logOnePlusMinusX(e2) : b * (Double.log(y / y0) - e2)
      return partA + partB + 0.5 * Double.log(a * y0) - halfLogTwoPi
        + stirlingCorrection(total) - stirlingCorrection(a) - stirlingCorrection(b)
    }
    // a large, b small: a·log(x/x₀) + b·log((a + b)y) − b − ½ log(1 + b/a) + δ(a + b) − δ(a) − log Γ(b).
    let partA = abs(e1) <= 0.6 ? a * logOnePlusMinusX(e1) - lambda : a * Double.log(x / x0)
    return partA + b * Double.log(total * y) - b - 0.5 * Double.log(onePlus: b / a)
      + stirlingCorrection(total) - stirlingCorrection(a) - Double.logGamma(b)
  }

  /// log B(a, b), without cancellation when a shape is large.
  ///
  /// With Stirling's form log Γ(z) = (z − ½) log z − z + ½ log 2π + δ(z) for shapes of 10 or more,
  /// log Γ(a + b) − log Γ(b) = (b − ½) log(1 + a/b) + a log(a + b) − a + δ(a + b) − δ(b).
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    if a >= largeShape && b < largeShape { return logBeta(b, a) }
    guard b >= largeShape else {
      return Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
    }
    if a < largeShape {
      let ratio = (b - 0.5) * Double.log(onePlus: a / b) + a * Double.log(a + b) - a
        + stirlingCorrection(a + b) - stirlingCorrection(b)
      return Double.logGamma(a) - ratio
    }
    let total = a + b
    return halfLogTwoPi + (a - 0.5) * Double.log(a / total) + (b - 0.5) * Double.log(b / total)
      - 0.5 * Double.log(total) + stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(total)
  }

  /// I_x(a, b) for x below 1e-30, from log x, so that x may underflow.
  ///
  /// There I_x(a, b) = xᵃ/(a B(a, b)) · (1 + O(x)), and the leading term is exact to double
  /// precision. It matters for small a, where xᵃ is not small even when x is (R's `pt` treats
  /// |t| > 1e50 √ν the same way).
  static func regularizedBetaNearZero(_ a: Double, _ b: Double, logX: Double) -> Double {
    Double.exp(a * logX - Double.log(a) - logBeta(a, b))
  }

  /// The regularized incomplete beta function I_x(a, b) (lower) and 1 − I_x(a, b) = I_y(b, a)
  /// (upper), with y = 1 − x.
  ///
  /// Method: the symmetry I_x(a, b) = 1 − I_y(b, a) puts the point below the switch point
  /// (a + 1)/(a + b + 2), where the continued fraction converges fast; the tail on that side is
  /// computed directly and the other tail as its complement. On that side:
  /// - the continued fraction of DLMF 8.17.22, evaluated by the modified Lentz algorithm
  ///   (Press et al., *Numerical Recipes*, 3rd ed., §6.4), times xᵃyᵇ/(a B(a, b));
  /// - except when a ≥ 15, x > ½ and b (log x)² ≤ 24 (a much larger than b, as in Student t tails
  ///   with many degrees of freedom). There the continued fraction converges falsely (successive
  ///   approximants agree long before the limit: errors of 1e-11 at a = 1e6 and 1e-9 at a = 1e8),
  ///   and the expansion in incomplete gamma functions of `largeShapeExpansion` is used instead.
  ///
  /// - Precondition: a, b > 0 and finite; 0 ≤ x, y ≤ 1 with x + y = 1 (both given so that the
  ///   smaller keeps its precision).
  static func regularizedBeta(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Tails {
    if x <= 0 { return Tails(lower: 0, upper: 1) }
    if y <= 0 { return Tails(lower: 1, upper: 0) }
    if x < (a + 1) / (a + b + 2) {
      return regularizedBetaBelowSwitchPoint(a, b, x, y)
    }
    return regularizedBetaBelowSwitchPoint(b, a, y, x).swapped
  }

  /// I_x(a, b) for x below (a + 1)/(a + b + 2).
  private static func regularizedBetaBelowSwitchPoint(
    _ a: Double, _ b: Double, _ x: Double, _ y: Double
  ) -> Tails {
    if x > 0.5 && a >= 15 {
      let u = -Double.log(onePlus: -y)
      if b * u * u <= 24, let tails = largeShapeExpansion(a, b, u) { return tails }
    }
    let lower = Double.exp(logBetaPowerTerm(a, b, x, y)) * continuedFraction(a, b, x) / a
    return Tails(lower: lower, upper: 1 - lower)
  }

  /// The continued fraction of DLMF 8.17.22,
  /// 1/(1 + d₁/(1 + d₂/(1 + ⋯))), d₂ₘ = m(b − m)x/((a + 2m − 1)(a + 2m)),
  /// d₂ₘ₊₁ = −(a + m)(a + b + m)x/((a + 2m)(a + 2m + 1)), by the modified Lentz algorithm.
  private static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
    func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
    var c = 1.0
    var d = 1 / guarded(1 - (a + b) * x / (a + 1))
    var fraction = d
    var m = 1.0
    while m < 1_000_000 {
      let twoM = 2 * m
      let even = m * (b - m) * x / ((a + twoM - 1) * (a + twoM))
      d = 1 / guarded(1 + even * d)
      c = guarded(1 + even / c)
      fraction *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + twoM + 1))
      d = 1 / guarded(1 + odd * d)
      c = guarded(1 + odd / c)
      let delta = d * c
      fraction *= delta
      if abs(delta - 1) <= Double.ulpOfOne { break }
      m += 1
    }
    return fraction
  }

  /// I_x(a, b) for a large and x near 1, as a series of incomplete gamma functions.
  ///
  /// With t = e⁻ˢ, I_x(a, b) = ∫_{u}^{∞} e^{−Ts} s^{b−1} φ(s) ds / B(a, b), where u = −log x,
  /// T = a + (b − 1)/2 and φ(s) = (sinh(s/2)/(s/2))^{b−1} = Σₖ cₖ s²ᵏ. Integrating term by term,
  ///
  ///     I_x(a, b)     = R Σₖ cₖ gₖ Q(b + 2k, Tu),
  ///     1 − I_x(a, b) = R Σₖ cₖ gₖ P(b + 2k, Tu),
  ///
  /// with gₖ = Γ(b + 2k)/(Γ(b) T²ᵏ) and R = Γ(a + b)/(Γ(a) Tᵇ). The coefficients follow from
  /// log(sinh(w)/w) = Σₙ B₂ₙ (2w)²ⁿ/(2n (2n)!) by the power-series exponential recurrence
  /// k cₖ = (b − 1) Σₙ n ℓₙ cₖ₋ₙ, ℓₙ = B₂ₙ/(2n (2n)!). This is the expansion behind BGRAT in
  /// DiDonato and Morris (1992), TOMS 708, and Temme (1987); the series is asymptotic in 1/T and,
  /// for T ≥ 15 and b u² ≤ 24, its terms fall below the double precision in at most 40 steps.
  ///
  /// - Returns: `nil` if the terms did not become negligible within the table of coefficients.
  private static func largeShapeExpansion(_ a: Double, _ b: Double, _ u: Double) -> Tails? {
    let t = a + (b - 1) / 2
    let z = t * u
    let logR = (a - 0.5) * Double.log(onePlus: b / a) - b + b * Double.log(onePlus: (b + 1) / (2 * t))
      + stirlingCorrection(a + b) - stirlingCorrection(a)
    var coefficients = [1.0]
    coefficients.reserveCapacity(sinhSeries.count + 1)
    var gammaRatio = 1.0
    var lowerSum = 0.0
    var upperSum = 0.0
    for k in 0...sinhSeries.count {
      if k > 0 {
        var sum = 0.0
        for n in 1...k { sum += Double(n) * sinhSeries[n - 1] * coefficients[k - n] }
        coefficients.append((b - 1) * sum / Double(k))
        let s = b + Double(2 * k)
        gammaRatio *= (s - 2) * (s - 1) / (t * t)
      }
      let gamma = regularizedGamma(b + Double(2 * k), z)
      let weight = coefficients[k] * gammaRatio
      let lowerTerm = weight * gamma.upper
      let upperTerm = weight * gamma.lower
      lowerSum += lowerTerm
      upperSum += upperTerm
      if abs(lowerTerm) <= precision * abs(lowerSum) && abs(upperTerm) <= precision * abs(upperSum) {
        let r = Double.exp(logR)
        return Tails(lower: r * lowerSum, upper: r * upperSum)
      }
    }
    return nil
  }

  /// ℓₙ = B₂ₙ / (2n (2n)!), n = 1…40: the coefficients of log(sinh(s/2)/(s/2)) = Σₙ ℓₙ s²ⁿ.
  private static let sinhSeries: [Double] = [
    4.1666666666666667e-2, -3.4722222222222222e-4, 5.5114638447971781e-6,
    -1.0333994708994709e-7, 2.0876756987868099e-9, -4.4034917822395777e-11,
    9.5589546647747706e-13, -2.1185501852016143e-14, 4.7700344757099136e-16,
    -1.0874343492790309e-17, 2.5040921947091952e-19, -5.8143602857552181e-21,
    1.3595027075497952e-22, -3.1976847953705524e-24, 7.5598415077922769e-26,
    -1.7952470840225633e-27, 4.2799190459260732e-29, -1.0238874835181417e-30,
    2.4570353308144854e-32, -5.9125560392515748e-34, 1.4263504196386034e-35,
    -3.448761101064296e-37, 8.3559959249004092e-39, -2.0284068901347273e-40,
    4.9324940884013619e-42, -1.2013609118886046e-43, 2.9303759712305397e-45,
    -7.1576315820516714e-47, 1.7505303199257856e-48, -4.2863402637364529e-50,
    1.0507187153602927e-51, -2.578329672952582e-53, 6.3330767099082968e-55,
    -1.5570050981916042e-56, 3.8312559875153867e-58, -9.4351102098714183e-60,
    2.3253483265785682e-61, -5.7351714859853866e-63, 1.4154862697031624e-64,
    -3.4958318917226681e-66,
  ]
}
