import RealModule

/// The weighted fit of a proportional-odds (cumulative logit) model, step for step as R survey
/// 4.1's `svyolr.survey.design2` (`R/olr.R`), so that its estimates are R's own:
///
///     P(Y ≤ k | x) = F(ζ_k − xᵀβ),  k = 1 … q,  F(t) = 1/(1 + e^{−t}),
///
/// with q + 1 ordered levels, thresholds ζ₁ < … < ζ_q and no intercept in x (McCullagh 1980).
///
/// 1. Starting values: a quasibinomial `glm.fit` of 1{Y > ⌊(q+1)/2⌋} on (1, x) with weights
///    w/w̄; β⁰ its slopes, and ζ⁰ = −α̂ + s − s_{⌊(q+1)/2⌋} with s_k = logit(k/(q+1))/1.7 (R
///    divides by 1.7 for every link, the logit too).
/// 2. The thresholds are parametrized θ = (ζ₁, log(ζ₂ − ζ₁), …) so that they stay ordered, and
///    −ℓ(β, θ) = −Σᵢ wᵢ log(F(ζ_{yᵢ} − ηᵢ) − F(ζ_{yᵢ−1} − ηᵢ)), ζ₀ = −100, ζ_{q+1} = 100, is
///    minimized by R's BFGS (``VariableMetricMinimizer``) with its analytic gradient.
/// 3. The information is `optim`'s numerical Hessian in (β, θ), inverted and carried to (β, ζ) by
///    the Jacobian of θ ↦ ζ: Vₘ = A H⁻¹ Aᵀ. The influence of each respondent is its score
///    uᵢ = ∂(−ℓᵢ)/∂(β, ζ) times Vₘ, whose design covariance is the sandwich variance.
///
/// Sums are accumulated in extended precision where R's `sum`, `colSums`, `cumsum` and `mean`
/// use `long double`.
struct ProportionalOddsFit {
  /// β, one per column of x.
  let coefficients: [Double]
  /// ζ₁ … ζ_q.
  let thresholds: [Double]
  /// uᵢVₘ on each model row, n × (p + q) row-major: the row-level influence of (β̂, ζ̂).
  let influence: [Double]
  /// Vₘ, the model-based covariance of (β̂, ζ̂), (p + q)² row-major (R's `solve(fit$Hessian)`).
  let modelCovariance: [Double]
  /// 2 × the minimum of −ℓ over w̄ (R's `fit$deviance`).
  let deviance: Double
  /// R's `fit$niter`: evaluations of −ℓ and of its gradient by `optim`.
  let functionEvaluations: Int
  let gradientEvaluations: Int
  /// Whether `optim` stopped before its iteration limit (R's `fit$convergence == 0`).
  let converged: Bool

  /// Fits the model.
  ///
  /// - Parameters:
  ///   - x: the model matrix without intercept, row-major n × p.
  ///   - columnNames: its column names (to name collinear columns).
  ///   - outcome: each row's level, 0 … q.
  ///   - levelCount: q + 1 (at least 3).
  ///   - weights: the sampling weights (not rescaled: R's `weights(design)`).
  ///   - weightsForMean: the weights whose mean rescales the starting fit's weights: `weights`, with
  ///     the zeros R's rows outside a domain of a calibrated design add.
  /// - Throws: ``ModelError/aliasedTerms(_:)`` for collinear columns;
  ///   ``ModelError/notConverged(iterations:)`` when the starting fit fails or the likelihood is
  ///   not finite at the start.
  init(
    x: [Double], columnNames: [String], outcome: [Int], levelCount: Int, weights: [Double], meanOf weightsForMean: [Double]
  ) throws {
    let n = outcome.count, p = columnNames.count, q = levelCount - 1
    let meanWeight = Self.mean(weightsForMean)

    // 1. Starting values from a logistic fit of the upper half.
    let half = levelCount / 2
    var withIntercept = [Double](repeating: 1, count: n * (p + 1))
    for i in 0..<n {
      for j in 0..<p { withIntercept[i * (p + 1) + j + 1] = x[i * p + j] }
    }
    let start = try IterativelyReweightedFit(
      x: withIntercept, columnNames: ["(Intercept)"] + columnNames,
      y: outcome.map { $0 + 1 > half ? 1.0 : 0.0 }, weights: weights.map { $0 / meanWeight }, family: .quasibinomial)
    guard start.converged else { throw ModelError.notConverged(iterations: start.iterations) }
    let spacing = (1...q).map { k -> Double in
      let probability = Double(k) / Double(q + 1)
      return Double.log(probability / (1 - probability)) / 1.7
    }
    let startingThresholds = spacing.map { -start.coefficients[0] + $0 - spacing[half - 1] }
    var startingParameters = Array(start.coefficients.dropFirst())
    startingParameters.append(startingThresholds[0])
    for k in 1..<q { startingParameters.append(Double.log(startingThresholds[k] - startingThresholds[k - 1])) }

    // 2. BFGS on −ℓ(β, θ).
    let likelihood = Likelihood(x: x, outcome: outcome, weights: weights, predictorCount: p, thresholdCount: q)
    let minimizer = VariableMetricMinimizer(
      objective: likelihood.negativeLogLikelihood, gradient: { likelihood.gradient($0) })
    guard let result = minimizer.minimize(from: startingParameters) else {
      throw ModelError.notConverged(iterations: 0)
    }
    let parameters = result.parameters
    let zeta = Likelihood.thresholds(Array(parameters[p...]))

    // 3. Vₘ = A H⁻¹ Aᵀ, A the Jacobian of (β, θ) ↦ (β, ζ) at θ recomputed from ζ̂ as R does.
    let k = p + q
    let hessian = DenseMatrix(rowCount: k, columnCount: k, elements: minimizer.hessian(at: parameters))
    var identity = DenseMatrix(rowCount: k, columnCount: k)
    for i in 0..<k { identity[i, i] = 1 }
    guard let inverseHessian = hessian.solving(identity) else {
      throw ModelError.notConverged(iterations: result.gradientEvaluations)
    }
    var theta = [zeta[0]]
    for m in 1..<q { theta.append(Double.log(zeta[m] - zeta[m - 1])) }
    let jacobian = Likelihood.jacobian(theta)
    var a = DenseMatrix(rowCount: k, columnCount: k)
    for i in 0..<p { a[i, i] = 1 }
    for r in 0..<q {
      for c in 0..<q { a[p + r, p + c] = jacobian[r * q + c] }
    }
    var transposed = DenseMatrix(rowCount: k, columnCount: k)
    for i in 0..<k {
      for j in 0..<k { transposed[i, j] = a[j, i] }
    }
    let covariance = a * inverseHessian * transposed

    let scores = likelihood.rowScores(parameters)
    var influence = [Double](repeating: 0, count: n * k)
    for i in 0..<n {
      for column in 0..<k {
        var sum = 0.0
        for m in 0..<k { sum += scores[i * k + m] * covariance[m, column] }
        influence[i * k + column] = sum
      }
    }
    self.coefficients = Array(parameters[..<p])
    self.thresholds = zeta
    self.influence = influence
    self.modelCovariance = covariance.elements
    self.deviance = 2 * result.value / meanWeight
    self.functionEvaluations = result.functionEvaluations
    self.gradientEvaluations = result.gradientEvaluations
    self.converged = result.converged
  }

  /// R's `mean()`: the sum in extended precision over n, then corrected by the mean deviation.
  static func mean(_ values: [Double]) -> Double {
    var sum: ExtendedPrecision = 0
    for value in values { sum += ExtendedPrecision(value) }
    let n = ExtendedPrecision(values.count)
    var mean = sum / n
    var correction: ExtendedPrecision = 0
    for value in values { correction += ExtendedPrecision(value) - mean }
    mean += correction / n
    return Double(mean)
  }
}

extension ProportionalOddsFit {
  /// −ℓ and its gradient as R's `fmin`, `gmini` and `gmin` inside `svyolr`.
  struct Likelihood {
    let x: [Double]
    let outcome: [Int]
    let weights: [Double]
    let predictorCount: Int
    let thresholdCount: Int

    /// ζ = cumsum(θ₁, e^{θ₂}, …) (R's `cumsum` in extended precision).
    static func thresholds(_ theta: [Double]) -> [Double] {
      var sum: ExtendedPrecision = 0
      return theta.indices.map { k in
        sum += ExtendedPrecision(k == 0 ? theta[0] : Double.exp(theta[k]))
        return Double(sum)
      }
    }

    /// ∂ζ_r/∂θ_c, q × q row-major: 1 in the first column, e^{θ_c} for c ≤ r (R's `jacobian`).
    static func jacobian(_ theta: [Double]) -> [Double] {
      let q = theta.count
      var result = [Double](repeating: 0, count: q * q)
      for r in 0..<q { result[r * q] = 1 }
      for c in 1..<q {
        let e = Double.exp(theta[c])
        for r in c..<q { result[r * q + c] = e }
      }
      return result
    }

    /// R's `plogis`.
    static func logistic(_ t: Double) -> Double { 1 / (1 + Double.exp(-t)) }

    /// R's `dlogis`.
    static func logisticDensity(_ t: Double) -> Double {
      let e = Double.exp(-abs(t))
      let f = 1 + e
      return e / (f * f)
    }

    /// The cut points ζ₀ = −100, ζ₁ … ζ_q, ζ_{q+1} = 100 and the linear predictors.
    private func cutsAndPredictors(_ parameters: [Double]) -> (cuts: [Double], eta: [Double]) {
      let p = predictorCount
      let cuts = [-100] + Self.thresholds(Array(parameters[p...])) + [100]
      let n = outcome.count
      var eta = [Double](repeating: 0, count: n)
      if p > 0 {
        for i in 0..<n {
          var sum = 0.0
          for j in 0..<p { sum += x[i * p + j] * parameters[j] }
          eta[i] = sum
        }
      }
      return (cuts, eta)
    }

    /// −Σ wᵢ log πᵢ, or +∞ when some πᵢ is not positive (R's `fmin`).
    func negativeLogLikelihood(_ parameters: [Double]) -> Double {
      let (cuts, eta) = cutsAndPredictors(parameters)
      var sum: ExtendedPrecision = 0
      for i in outcome.indices {
        let y = outcome[i]
        let probability = Self.logistic(cuts[y + 1] - eta[i]) - Self.logistic(cuts[y] - eta[i])
        guard probability > 0 else { return .infinity }
        sum += ExtendedPrecision(weights[i] * Double.log(probability))
      }
      return Double(-sum)
    }

    /// Each row's gradient of −wᵢ log πᵢ, in (β, ζ) (`logDifferences` false, R's
    /// `gmini(…, logdiff = FALSE)`) or in (β, θ); n × (p + q) row-major.
    func rowScores(_ parameters: [Double], logDifferences: Bool = false) -> [Double] {
      let p = predictorCount, q = thresholdCount, k = p + q
      let (cuts, eta) = cutsAndPredictors(parameters)
      let jacobian = logDifferences ? Self.jacobian(Array(parameters[p...])) : []
      var result = [Double](repeating: 0, count: outcome.count * k)
      var thresholdScores = [Double](repeating: 0, count: q)
      for i in outcome.indices {
        let y = outcome[i]
        let upper = cuts[y + 1] - eta[i], lower = cuts[y] - eta[i]
        let probability = Self.logistic(upper) - Self.logistic(lower)
        let densityUpper = Self.logisticDensity(upper), densityLower = Self.logisticDensity(lower)
        let factor = weights[i] * (densityUpper - densityLower) / probability
        for j in 0..<p { result[i * k + j] = x[i * p + j] * factor }
        let ratio = weights[i] / probability
        for m in 0..<q {
          // R's xx = Y1·p1 − Y2·p2 with Y1 = 1{m = y}, Y2 = 1{m = y − 1}, then −xx·(w/π).
          let xx = (m == y ? densityUpper : 0) - (m == y - 1 ? densityLower : 0)
          thresholdScores[m] = -xx * ratio
        }
        if logDifferences {
          for c in 0..<q {
            var sum = 0.0
            for r in 0..<q { sum += thresholdScores[r] * jacobian[r * q + c] }
            result[i * k + p + c] = sum
          }
        } else {
          for m in 0..<q { result[i * k + p + m] = thresholdScores[m] }
        }
      }
      return result
    }

    /// The gradient of −ℓ in (β, θ): column sums of the row scores (R's `gmin`).
    func gradient(_ parameters: [Double]) -> [Double] {
      let k = predictorCount + thresholdCount
      let scores = rowScores(parameters, logDifferences: true)
      var sums = [ExtendedPrecision](repeating: 0, count: k)
      for i in outcome.indices {
        for j in 0..<k { sums[j] += ExtendedPrecision(scores[i * k + j]) }
      }
      return sums.map { Double($0) }
    }
  }
}
