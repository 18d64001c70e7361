/// The BFGS variable-metric minimizer of R's `optim(method = "BFGS")` (`vmmin` in R's
/// `src/appl/optim.c`, after Nash 1990, *Compact Numerical Methods for Computers*, Algorithm 21),
/// with `optim`'s numerical Hessian (`optimhess`), step for step, so that a model R fits with
/// `optim` gets R's own estimates: `optim` stops on a relative change of the objective, not at the
/// exact minimum, so only the same steps give the same digits.
///
/// The settings are `optim`'s defaults: at most 100 iterations, `reltol` = √ε (1.49e-8),
/// `abstol` = −∞, no parameter or function scaling, and Hessian steps `ndeps` = 10⁻³.
struct VariableMetricMinimizer {
  /// The objective to minimize.
  let objective: ([Double]) -> Double
  /// Its gradient.
  let gradient: ([Double]) -> [Double]

  /// R's `optim(…)$control$maxit` for BFGS.
  static let maximumIterations = 100
  /// R's default `reltol`, `sqrt(.Machine$double.eps)`.
  static let relativeTolerance = Double.ulpOfOne.squareRoot()

  /// Where the minimizer stopped.
  struct Result {
    /// R's `res$par`.
    var parameters: [Double]
    /// R's `res$value`.
    var value: Double
    /// R's `res$counts`: evaluations of the objective and of the gradient.
    var functionEvaluations: Int
    var gradientEvaluations: Int
    /// R's `res$convergence == 0`: stopped before the iteration limit.
    var converged: Bool
  }

  /// Minimizes from `start` (R's `vmmin`).
  ///
  /// - Returns: `nil` when the objective is not finite at `start` (R: "initial value in 'vmmin'
  ///   is not finite").
  func minimize(from start: [Double]) -> Result? {
    let stepReduction = 0.2, acceptanceTolerance = 0.0001, relativeTest = 10.0
    let n = start.count
    var b = start
    var f = objective(b)
    guard f.isFinite else { return nil }
    var minimum = f
    var functionCount = 1, gradientCount = 1
    var g = gradient(b)
    var iteration = 1
    var lastReset = gradientCount
    // The inverse Hessian approximation, lower triangle: B[i][j] for j ≤ i.
    var inverse = [[Double]](repeating: [], count: n)
    var t = [Double](repeating: 0, count: n), x = [Double](repeating: 0, count: n)
    var c = [Double](repeating: 0, count: n)
    var count = 0
    repeat {
      if lastReset == gradientCount {
        for i in 0..<n { inverse[i] = [Double](repeating: 0, count: i) + [1] }
      }
      for i in 0..<n {
        x[i] = b[i]
        c[i] = g[i]
      }
      var gradientProjection = 0.0
      for i in 0..<n {
        var s = 0.0
        for j in 0...i { s -= inverse[i][j] * g[j] }
        for j in (i + 1)..<n { s -= inverse[j][i] * g[j] }
        t[i] = s
        gradientProjection += s * g[i]
      }
      if gradientProjection < 0 {
        // Downhill: backtrack until the Armijo condition holds or the point stops moving.
        var stepLength = 1.0
        var accepted = false
        repeat {
          count = 0
          for i in 0..<n {
            b[i] = x[i] + stepLength * t[i]
            if relativeTest + x[i] == relativeTest + b[i] { count += 1 }
          }
          if count < n {
            f = objective(b)
            functionCount += 1
            accepted = f.isFinite && f <= minimum + gradientProjection * stepLength * acceptanceTolerance
            if !accepted { stepLength *= stepReduction }
          }
        } while !(count == n || accepted)
        let enough = f > -Double.infinity
          && abs(f - minimum) > Self.relativeTolerance * (abs(minimum) + Self.relativeTolerance)
        if !enough {
          count = n
          minimum = f
        }
        if count < n {
          minimum = f
          g = gradient(b)
          gradientCount += 1
          iteration += 1
          var d1 = 0.0
          for i in 0..<n {
            t[i] = stepLength * t[i]
            c[i] = g[i] - c[i]
            d1 += t[i] * c[i]
          }
          if d1 > 0 {
            var d2 = 0.0
            for i in 0..<n {
              var s = 0.0
              for j in 0...i { s += inverse[i][j] * c[j] }
              for j in (i + 1)..<n { s += inverse[j][i] * c[j] }
              x[i] = s
              d2 += s * c[i]
            }
            d2 = 1 + d2 / d1
            for i in 0..<n {
              for j in 0...i { inverse[i][j] += (d2 * t[i] * t[j] - x[i] * t[j] - t[i] * x[j]) / d1 }
            }
          } else {
            lastReset = gradientCount
          }
        } else if lastReset < gradientCount {
          // No progress: restart from the steepest descent once.
          count = 0
          lastReset = gradientCount
        }
      } else {
        // Uphill: reset unless just reset.
        count = 0
        if lastReset == gradientCount { count = n } else { lastReset = gradientCount }
      }
      if iteration >= Self.maximumIterations { break }
      if gradientCount - lastReset > 2 * n { lastReset = gradientCount }  // periodic restart
    } while count != n || lastReset != gradientCount
    return Result(
      parameters: b, value: minimum, functionEvaluations: functionCount, gradientEvaluations: gradientCount,
      converged: iteration < Self.maximumIterations)
  }

  /// The Hessian by central differences of the gradient, symmetrized (R's `optimhess`, which
  /// `optim(…, hessian = TRUE)` calls): H[i][j] = (∂ⱼf(p + εeᵢ) − ∂ⱼf(p − εeᵢ))/(2ε), ε = 10⁻³,
  /// then (H + Hᵀ)/2. Row-major k × k.
  func hessian(at parameters: [Double]) -> [Double] {
    let k = parameters.count, step = 1e-3
    var point = parameters
    var result = [Double](repeating: 0, count: k * k)
    for i in 0..<k {
      point[i] = point[i] + step
      let above = gradient(point)
      point[i] = point[i] - 2 * step
      let below = gradient(point)
      for j in 0..<k { result[i * k + j] = (above[j] - below[j]) / (2 * step) }
      point[i] = point[i] + step
    }
    for i in 0..<k {
      for j in 0..<i {
        let mean = 0.5 * (result[i * k + j] + result[j * k + i])
        result[i * k + j] = mean
        result[j * k + i] = mean
      }
    }
    return result
  }
}
