import RealModule

extension SpecialFunctions {
  /// Solves I_x(a, b) = p, equivalently 1 − I_x(a, b) = q, for x.
  ///
  /// Both p and q = 1 − p are passed so that whichever is small keeps its precision, and both x and
  /// y = 1 − x are returned, each with full relative precision: the solver works in whichever of x
  /// and y is below ½.
  ///
  /// Method: a starting value from Abramowitz and Stegun 26.5.22 (a, b ≥ 1) or from the power-law
  /// behaviour of both tails (otherwise), as in Press et al., *Numerical Recipes*, 3rd ed., §6.14;
  /// then Newton's method on the logarithm of the smaller tail, taken in log x for the lower tail
  /// (exact for a pure power xᵃ) and in log(1 − x) for the upper tail, inside a bracket that every
  /// evaluation narrows, with bisection whenever a step would leave the bracket. It stops when a
  /// step changes x by less than 1e-15 relative.
  ///
  /// - Precondition: a, b > 0 and finite; 0 ≤ p, q ≤ 1 with p + q = 1.
  static func inverseRegularizedBeta(
    _ a: Double, _ b: Double, lower p: Double, upper q: Double
  ) -> (x: Double, y: Double) {
    if p <= 0 { return (0, 1) }
    if q <= 0 { return (1, 0) }
    let start = startingValue(a, b, p, q)
    if start.x <= 0.5 {
      let x = solveForSmallVariable(a, b, p, q, start: start.x)
      if x <= 0.5 { return (x, 1 - x) }
      let y = solveForSmallVariable(b, a, q, p, start: 1 - x)
      return (1 - y, y)
    }
    let y = solveForSmallVariable(b, a, q, p, start: start.y)
    if y <= 0.5 { return (1 - y, y) }
    let x = solveForSmallVariable(a, b, p, q, start: 1 - y)
    return (x, 1 - x)
  }

  /// A first guess of I⁻¹(p; a, b), as the pair (x, 1 − x).
  private static func startingValue(
    _ a: Double, _ b: Double, _ p: Double, _ q: Double
  ) -> (x: Double, y: Double) {
    if a >= 1 && b >= 1 {
      // Abramowitz and Stegun 26.5.22, with the normal deviate whose upper tail is p.
      let deviate = p < q ? -NormalDistribution.quantile(p) : NormalDistribution.quantile(q)
      let lambda = (deviate * deviate - 3) / 6
      let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
      let w = deviate * (h + lambda).squareRoot() / h
        - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5.0 / 6 - 2 / (3 * h))
      let scaled = b * Double.exp(2 * w)
      guard scaled.isFinite else { return (0, 1) }
      return (a / (a + scaled), scaled / (a + scaled))
    }
    // I_x ≈ xᵃ/(a B) near 0 and 1 − I_x ≈ yᵇ/(b B) near 1; the shares of the two power laws
    // (with B replaced by the terms below) decide which end the quantile is at.
    let lowerWeight = Double.exp(-a * Double.log(onePlus: b / a)) / a
    let upperWeight = Double.exp(-b * Double.log(onePlus: a / b)) / b
    let total = lowerWeight + upperWeight
    if p < lowerWeight / total {
      let x = Double.pow(a * total * p, 1 / a)
      return (x, 1 - x)
    }
    let y = Double.pow(b * total * q, 1 / b)
    return (1 - y, y)
  }

  /// Newton iteration for x in I_x(a, b) = p, for a root expected below ½.
  private static func solveForSmallVariable(
    _ a: Double, _ b: Double, _ p: Double, _ q: Double, start: Double
  ) -> Double {
    let matchLowerTail = p <= q
    let logTarget = Double.log(matchLowerTail ? p : q)
    var low = 0.0
    var high = 1.0
    var x = min(max(start, Double.leastNormalMagnitude), 0.5)
    for _ in 0..<400 {
      let tails = regularizedBeta(a, b, x, 1 - x)
      let tail = matchLowerTail ? tails.lower : tails.upper
      // g(x) = ±(log tail − log target), increasing in x.
      let g: Double
      if tail > 0 {
        g = matchLowerTail ? Double.log(tail) - logTarget : logTarget - Double.log(tail)
      } else {
        g = matchLowerTail ? -.infinity : .infinity
      }
      if g == 0 { return x }
      if g > 0 { high = x } else { low = x }
      var next = Double.nan
      if g.isFinite {
        let logPower = logBetaPowerTerm(a, b, x, 1 - x)
        if matchLowerTail {
          // d log I / d log x = xᵃ yᵇ / (B y I).
          let slope = Double.exp(logPower - Double.log(tail)) / (1 - x)
          next = x * Double.exp(-g / slope)
        } else {
          // d log(1 − I) / d log y = xᵃ yᵇ / (B x (1 − I)).
          let slope = Double.exp(logPower - Double.log(tail)) / x
          next = x - (1 - x) * Double.expMinusOne(g / slope)
        }
      }
      if !(next > low && next < high) { next = bisection(low, high) }
      if next == 0 { return 0 }
      if abs(next - x) <= 1e-15 * next || high - low <= 1e-15 * high { return next }
      x = next
    }
    return x
  }

  /// A point inside (low, high), geometric when the bracket spans orders of magnitude.
  private static func bisection(_ low: Double, _ high: Double) -> Double {
    if low == 0 { return high / 16 }
    if high == 1 { return (low + 1) / 2 }
    if high > 4 * low { return (low * high).squareRoot() }
    return (low + high) / 2
  }
}
