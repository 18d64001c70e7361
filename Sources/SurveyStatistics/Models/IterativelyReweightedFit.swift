/// The weighted fit of a generalized linear model by iteratively reweighted least squares,
/// step for step as R's `glm.fit` (R 4.2, `src/library/stats/R/glm.R`), so that the coefficients
/// and the quantities the sandwich variance reads from the last iteration are R's own:
///
/// 1. start from R's `family$initialize` means μ⁰ (y for gaussian, (w·y + ½)/(w + 1) for
///    logistic, y + 0.1 for Poisson) and η⁰ = g(μ⁰);
/// 2. repeat: z = η + (y − μ)/μ′(η), working weights W = w·μ′(η)²/V(μ); β = the least-squares
///    solution of √W·X β = √W·z (Householder QR, R's `dqrdc2` with tolerance 1e-11); η = Xβ,
///    μ = g⁻¹(η); halve the step towards the previous β while the deviance is not finite or μ is
///    outside its range;
/// 3. stop when |D − D_old| / (|D| + 0.1) < 1e-8 (R's `glm.control()`: ε = 1e-8, at most 25
///    iterations).
///
/// As in R, the working weights W and the QR decomposition kept for the variance are those of the
/// last iteration (computed from the means before its step), and the working residuals
/// (y − μ)/μ′(η) use the final means.
///
/// Unlike R, the iterations solve the normal equations XᵀWX β = XᵀWz (``WeightedNormalEquations``,
/// one pass over the rows) instead of decomposing √W·X, and (XᵀWX)⁻¹ comes from their Cholesky
/// factor instead of the QR's R factor: the same numbers in exact arithmetic, and in floating
/// point the same to about 11 significant digits while no column is nearly a combination of the
/// others (``WeightedNormalEquations/shareForFinalStep``; the committed R comparisons hold to
/// 7e-12). A nearly collinear X goes to the QR at once, where R's tolerance decides which terms are
/// aliased, and a fit whose last normal equations are less well conditioned takes its last step
/// again from the QR, as R takes it.
///
/// The row-by-row work (η, μ, the deviance residuals, z and √W, √W·X) runs on all processors
/// (``RowBlocks``), and so do the cross products and the QR's column updates: each value is
/// computed by the same operations in the same order on whichever thread, and every sum over the
/// rows is still taken front to back, so the fit is the same to the last bit on any number of
/// threads.
struct IterativelyReweightedFit {
  /// β, in the columns' order.
  let coefficients: [Double]
  /// η = Xβ on each model row.
  let linearPredictor: [Double]
  /// μ = g⁻¹(η) on each model row.
  let fittedMeans: [Double]
  /// W of the last iteration (R's `glm$weights`); 0 on rows of zero prior weight.
  let workingWeights: [Double]
  /// (y − μ)/μ′(η) (R's `residuals(glm, "working")`).
  let workingResiduals: [Double]
  /// (XᵀWX)⁻¹ from the last iteration's QR, p × p row-major (R's `summary(glm)$cov.unscaled`).
  let unscaledCovariance: [Double]
  /// The number of iterations.
  let iterations: Int
  /// Whether the deviance criterion was met within the iteration limit (R's `glm$converged`).
  let converged: Bool

  static let tolerance = 1e-8
  static let maximumIterations = 25

  /// Fits `family` to outcome `y` on X (row-major n × p) with prior weights `weights`, from R's
  /// starting means, or from the coefficients `start` (R's `glm.fit(…, start = start)`: η = X·start,
  /// and a first step without a finite deviance is halved towards `start`).
  ///
  /// `firstStep` is the first iteration's least-squares problem and the starting means' deviance,
  /// when they were summed over the respondents of collapsed rows (``LogisticFirstSteps``).
  ///
  /// - Throws: ``ModelError/aliasedTerms(_:)`` naming the columns R would report as `NA`;
  ///   ``ModelError/notConverged(iterations:)`` when no step gives a finite deviance.
  init(
    x: [Double], columnNames: [String], y: [Double], weights: [Double], family: ModelFamily, start: [Double]? = nil,
    firstStep: (step: Step, deviance: Double)? = nil
  ) throws {
    let n = y.count, p = columnNames.count
    var mu: [Double]
    var eta: [Double]
    if let start {
      eta = RowBlocks.values(n) { i in
        var sum = 0.0
        for j in 0..<p { sum += x[i * p + j] * start[j] }
        return sum
      }
      mu = RowBlocks.values(n) { family.mean(eta[$0]) }
    } else {
      mu = RowBlocks.values(n) { family.startingMean(outcome: y[$0], weight: weights[$0]) }
      eta = RowBlocks.values(n) { family.linearPredictor(mu[$0]) }
    }
    /// The deviance: the residuals on all threads, their sum front to back.
    func deviance(_ mu: [Double]) -> Double {
      let residuals = RowBlocks.values(n) { i in
        family.devianceResidual(outcome: y[i], mean: mu[i], weight: weights[i])
      }
      var total = 0.0
      for residual in residuals { total += residual }
      return total
    }
    func predict(_ beta: [Double]) -> [Double] {
      x.withUnsafeBufferPointer { x in
        beta.withUnsafeBufferPointer { beta in
          RowBlocks.values(n) { i in
            var sum = 0.0
            for j in 0..<p { sum += x[i * p + j] * beta[j] }
            return sum
          }
        }
      }
    }
    func means(_ eta: [Double]) -> [Double] { RowBlocks.values(n) { family.mean(eta[$0]) } }
    var iterations = 0
    /// R's decomposition of √W·X for `step`, or the error R's `NA` coefficients mean.
    func decompose(_ step: Step) throws -> HouseholderQR {
      // √W·X, column-major, handed to the decomposition without a copy.
      let m = step.rows.count
      let weighted = [Double](unsafeUninitializedCapacity: m * p) { buffer, count in
        let target = buffer.baseAddress
        x.withUnsafeBufferPointer { x in
          step.rows.withUnsafeBufferPointer { rows in
            step.rootWeights.withUnsafeBufferPointer { rootWeights in
              RowBlocks.forEach(m) { positions in
                for position in positions {
                  let i = rows[position]
                  for j in 0..<p { target.unsafelyUnwrapped[j * m + position] = x[i * p + j] * rootWeights[position] }
                }
              }
            }
          }
        }
        count = m * p
      }
      let qr = HouseholderQR(columnMajor: consume weighted, rowCount: m, columnCount: p, tolerance: 1e-11)
      if qr.rank < p {
        throw ModelError.aliasedTerms(qr.pivot[qr.rank...].sorted().map { columnNames[$0] })
      }
      return qr
    }
    /// β from `qr`, in the columns' order.
    func coefficients(_ qr: HouseholderQR, _ step: Step) throws -> [Double] {
      let solution = qr.coefficients(zip(step.z, step.rootWeights).map { $0 * $1 })
      guard solution.allSatisfy(\.isFinite) else { throw ModelError.notConverged(iterations: iterations) }
      var beta = [Double](repeating: 0, count: p)
      for (position, column) in qr.pivot.enumerated() { beta[column] = solution[position] }
      return beta
    }

    var previousDeviance = firstStep?.deviance ?? deviance(mu)
    var previousBeta: [Double]? = start
    var beta = [Double](repeating: 0, count: p)
    var workingWeights = [Double](repeating: 0, count: n)
    var decomposition: HouseholderQR? = nil
    var normalEquations: WeightedNormalEquations? = nil
    var step = Step()
    var halvedLastStep = false
    // The normal equations while they are well conditioned, the QR after (and for a last step on
    // less well conditioned equations).
    var normalEquationsHold = true
    var converged = false
    while iterations < Self.maximumIterations {
      iterations += 1
      if iterations == 1, let firstStep {
        step = firstStep.step
      } else {
        step = Self.step(eta: eta, mu: mu, y: y, weights: weights, family: family)
      }
      if normalEquationsHold, let equations = WeightedNormalEquations.solve(
        x: x, columnCount: p, rows: step.rows, z: step.z, rootWeights: step.rootWeights)
      {
        beta = equations.coefficients
        normalEquations = equations
        decomposition = nil
      } else {
        normalEquationsHold = false
        normalEquations = nil
        let qr = try decompose(step)
        beta = try coefficients(qr, step)
        decomposition = qr
      }

      eta = predict(beta)
      mu = means(eta)
      var currentDeviance = deviance(mu)
      // Step halving (R's "inner loops").
      var halvings = 0
      while !currentDeviance.isFinite || !mu.allSatisfy({ family.isValidMean($0) }) {
        guard let previous = previousBeta, halvings < Self.maximumIterations else {
          throw ModelError.notConverged(iterations: iterations)
        }
        halvings += 1
        beta = zip(beta, previous).map { ($0 + $1) / 2 }
        eta = predict(beta)
        mu = means(eta)
        currentDeviance = deviance(mu)
      }
      halvedLastStep = halvings > 0
      if abs(currentDeviance - previousDeviance) / (abs(currentDeviance) + 0.1) < Self.tolerance {
        converged = true
        break
      }
      previousDeviance = currentDeviance
      previousBeta = beta
    }
    var covariance = [Double](repeating: 0, count: p * p)
    if decomposition == nil, let normalEquations, normalEquations.isWellConditioned {
      covariance = normalEquations.inverseCrossProduct()
    } else {
      // The last step as R takes it: from the QR of √W·X, whose decomposition the variance reads.
      if decomposition == nil, !step.rows.isEmpty {
        let qr = try decompose(step)
        if !halvedLastStep {
          beta = try coefficients(qr, step)
          eta = predict(beta)
          mu = means(eta)
        }
        decomposition = qr
      }
      guard let decomposition else { throw ModelError.notConverged(iterations: iterations) }
      let pivotedCovariance = decomposition.inverseCrossProduct()
      for (a, i) in decomposition.pivot.enumerated() {
        for (b, j) in decomposition.pivot.enumerated() { covariance[i * p + j] = pivotedCovariance[a * p + b] }
      }
    }
    for (position, i) in step.rows.enumerated() { workingWeights[i] = step.rootWeights[position] * step.rootWeights[position] }
    self.coefficients = beta
    self.linearPredictor = eta
    self.fittedMeans = mu
    self.workingWeights = workingWeights
    self.workingResiduals = RowBlocks.values(n) { (y[$0] - mu[$0]) / family.meanDerivative(eta[$0]) }
    self.unscaledCovariance = covariance
    self.iterations = iterations
    self.converged = converged
  }

  /// One iteration's weighted least-squares problem: its rows (prior weight and μ′(η) not 0),
  /// working responses z and √W.
  struct Step {
    var rows: [Int] = []
    var z: [Double] = []
    var rootWeights: [Double] = []
  }

  /// The working responses z = η + (y − μ)/μ′(η) and √W = √(w·μ′(η)²/V(μ)) of the rows with a
  /// positive prior weight and μ′(η) ≠ 0, computed on all threads (each row on its own) and then
  /// gathered front to back.
  static func step(eta: [Double], mu: [Double], y: [Double], weights: [Double], family: ModelFamily) -> Step {
    let n = eta.count
    // μ′(η), or 0 for a row left out.
    let derivatives = RowBlocks.values(n) { i in weights[i] > 0 ? family.meanDerivative(eta[i]) : 0 }
    let z = RowBlocks.values(n) { i in
      let derivative = derivatives[i]
      return derivative != 0 ? eta[i] + (y[i] - mu[i]) / derivative : 0
    }
    let rootWeights = RowBlocks.values(n) { i in
      let derivative = derivatives[i]
      return derivative != 0 ? (weights[i] * derivative * derivative / family.variance(mu[i])).squareRoot() : 0
    }
    if !derivatives.contains(0) { return Step(rows: Array(0..<n), z: z, rootWeights: rootWeights) }
    var step = Step()
    for i in 0..<n where derivatives[i] != 0 {
      step.rows.append(i)
      step.z.append(z[i])
      step.rootWeights.append(rootWeights[i])
    }
    return step
  }
}
