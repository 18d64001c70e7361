import RealModule

extension ConfidenceInterval {
  /// The profile-likelihood interval of R's `svyciprop(method = "likelihood")`, solved exactly.
  ///
  /// R fits the intercept-only quasibinomial `svyglm` with prior weights w̃ᵢ = wᵢ / mean(w) and
  /// takes the interval where the signed root of the scaled deviance difference,
  /// z(μ) = sign(μ − p̂) √((D(μ) − D(p̂)) / φ̂), lies between Φ⁻¹(2a) and −Φ⁻¹(2a), with
  /// a = Φ(t_{(1−level)/2, ν} · √λ) / 2 and λ the design effect of the intercept, design variance over
  /// model variance: λ = V̂ · Σw̃ / (p̂(1−p̂)) (`confint.svyglm`, R/survey.R; Rao & Scott 1984).
  /// For binary y, D(μ) − D(p̂) = 2 Σw̃ · [p̂ log(p̂/μ) + (1−p̂) log((1−p̂)/(1−μ))].
  static func profileLikelihood(_ inputs: ProportionIntervalInputs, level: Double) -> (Double, Double) {
    let p = inputs.proportion
    let total = inputs.scaledWeightTotal
    let dispersion = inputs.dispersion
    guard p > 0, p < 1, total > 0, dispersion > 0, inputs.degreesOfFreedom > 0, inputs.variance > 0 else {
      return (.nan, .nan)
    }
    let lambda = inputs.coefficientDesignEffect ?? inputs.variance * total / (p * (1 - p))
    // R computes a = Φ(t·√λ)/2 and cuts z at Φ⁻¹(2a) = t·√λ. The round trip is the identity, but
    // Φ underflows for t·√λ below about −38 (a small domain of a calibrated design, whose prior
    // weights are rescaled over every row of the file, on few degrees of freedom), so the cut is
    // taken directly.
    let t = inputs.degreesOfFreedom == .infinity
      ? NormalDistribution.quantile((1 - level) / 2)
      : StudentTDistribution(degreesOfFreedom: inputs.degreesOfFreedom).quantile((1 - level) / 2)
    let cutoff = -t * lambda.squareRoot()  // positive
    let target = cutoff * cutoff * dispersion / (2 * total)  // KL(p̂ ‖ μ) at the bounds
    func divergence(_ mu: Double) -> Double {
      p * Double.log(p / mu) + (1 - p) * Double.log((1 - p) / (1 - mu))
    }
    let lower = solveOnLogitScale(from: p, towards: 0, target: target, divergence: divergence)
    let upper = solveOnLogitScale(from: p, towards: 1, target: target, divergence: divergence)
    return (lower, upper)
  }

  /// Finds μ between p̂ and `limit` with divergence(μ) = target by bisection on the logit scale
  /// (the divergence increases monotonically away from p̂).
  private static func solveOnLogitScale(
    from p: Double, towards limit: Double, target: Double, divergence: (Double) -> Double
  ) -> Double {
    let start = Double.log(p / (1 - p))
    let direction: Double = limit > p ? 1 : -1
    var inner = start, outer = start + direction
    var step = 1.0
    while divergence(expit(outer)) < target {
      inner = outer
      step *= 2
      outer = start + direction * step
      if step > 1e4 { return limit }
    }
    for _ in 0..<200 {
      let middle = (inner + outer) / 2
      if middle == inner || middle == outer { break }
      if divergence(expit(middle)) < target { inner = middle } else { outer = middle }
    }
    return expit((inner + outer) / 2)
  }
}
