import RealModule

/// R's fit of the intercept-only quasibinomial model behind `svyciprop(method = "logit")`,
/// replayed step by step so that Confiance's logit bounds equal R's to rounding error rather than
/// to the tolerance at which R's iterations stop.
///
/// `svyglm(y ~ 1, design, family = quasibinomial)` calls `glm.fit` with prior weights
/// w̃ᵢ = wᵢ / mean(w) (the mean over the design's rows). Iteratively reweighted least squares starts
/// from R's binomial `mustart = (w̃y + 0.5)/(w̃ + 1)`, different for every respondent, so the first
/// step needs per-row sums; every later step is the Newton step β ← β + (p̂ − μ)/μ′(β) with the
/// common fitted mean μ. R stops when |D − D_old| / (|D| + 0.1) < 1e-8 (at most 25 steps), with
/// D(μ) = −2Σw̃·[p̂ log μ + (1 − p̂) log(1 − μ)] (R's `glm.fit`, `binomial()$dev.resids`).
///
/// The variance of the coefficient is R's sandwich `svy.varcoef`: for an intercept the working
/// weights cancel, leaving V̂(β̂) = V̂[Σ wᵢ(yᵢ − μ̂)] / (μ′(β̂)·Σwᵢ)², the design variance of the
/// influence values wᵢ(yᵢ − μ̂) centred at the fitted mean μ̂ instead of p̂.
package enum InterceptOnlyLogisticFit {
  /// The first-step contributions of one respondent whose scaled weight is w̃.
  ///
  /// With mustart μ₁ = (w̃ + ½)/(w̃ + 1) for y = 1 and μ₀ = ½/(w̃ + 1) for y = 0, both have
  /// μ(1 − μ) = ½(w̃ + ½)/(w̃ + 1)², logits ±log(1 + 2w̃), and w̃(y − μ) = ±½w̃/(w̃ + 1): the terms
  /// differ only in sign, which ``coefficient(proportion:scaledWeightTotal:firstStepSumOfCategory:firstStepSumOfAll:firstStepWeight:startingDeviance:)``
  /// applies.
  package struct RowTerms: Sendable {
    /// w̃·μ(1 − μ)·logit(μ) + w̃(y − μ) for y = 1.
    package var signedSum: Double
    /// w̃·μ(1 − μ).
    package var weight: Double
    /// The respondent's starting deviance 2w̃·log((w̃ + 1)/(w̃ + ½)), the same for y = 0 and 1.
    package var deviance: Double

    /// The terms of a row that is not in the fit.
    package static let zero = RowTerms(signedSum: 0, weight: 0, deviance: 0)

    private init(signedSum: Double, weight: Double, deviance: Double) {
      self.signedSum = signedSum
      self.weight = weight
      self.deviance = deviance
    }

    /// The terms of a respondent with scaled weight `w`.
    @inlinable
    package init(scaledWeight w: Double) {
      let variance = 0.5 * (w + 0.5) / ((w + 1) * (w + 1))
      signedSum = w * variance * Double.log(onePlus: 2 * w) + 0.5 * w / (w + 1)
      weight = w * variance
      deviance = 2 * w * Double.log(onePlus: 0.5 / (w + 0.5))
    }
  }

  /// R's inverse logit link (`C_logit_linkinv`): e/(1 + e) with e = exp(η) clamped beyond |η| > 30.
  package static func mean(_ eta: Double) -> Double {
    let e = eta < -30 ? Double.ulpOfOne : (eta > 30 ? 1 / Double.ulpOfOne : Double.exp(eta))
    return e / (1 + e)
  }

  /// R's dμ/dη (`C_logit_mu_eta`).
  package static func meanDerivative(_ eta: Double) -> Double {
    guard eta <= 30, eta >= -30 else { return Double.ulpOfOne }
    let e = Double.exp(eta)
    return e / ((1 + e) * (1 + e))
  }

  /// The coefficient of one replicate, where R's `glm.fit()` stops when `svyglm` refits the model
  /// with the replicate's weights normalized to sum 1, starting at the full-sample coefficient
  /// (`svyglm.svyrep.design`, R/surveyrep.R): Newton steps β ← β + (p̂_r − μ)/μ′(β) until
  /// |D − D_old| / (|D| + 0.1) < 1e-8 (at most 25 steps), D(μ) = −2[p̂_r log μ + (1 − p̂_r) log(1 − μ)],
  /// D_old starting at the deviance of the start.
  ///
  /// - Parameters:
  ///   - p: the replicate's weighted proportion p̂_r; NaN (a replicate without weight in the domain)
  ///     gives NaN, which the replicate variance leaves out (as R 4.5; 4.1 stops with an error).
  ///   - start: the full-sample coefficient.
  static func replicateCoefficient(proportion p: Double, start: Double) -> Double {
    guard p.isFinite else { return .nan }
    func deviance(_ eta: Double) -> Double {
      let mu = mean(eta)
      var sum = 0.0
      if p > 0 { sum += p * Double.log(mu) }
      if p < 1 { sum += (1 - p) * Double.log(1 - mu) }
      return -2 * sum
    }
    var beta = start
    var previous = deviance(beta)
    for _ in 0..<25 {
      beta += (p - mean(beta)) / meanDerivative(beta)
      let current = deviance(beta)
      if abs(current - previous) / (abs(current) + 0.1) < 1e-8 { break }
      previous = current
    }
    return beta
  }

  /// The coefficient β̂ where R's iterations stop.
  ///
  /// - Parameters:
  ///   - p: the weighted proportion of respondents with y = 1.
  ///   - total: Σw̃ over the respondents.
  ///   - ofCategory: Σ ``RowTerms/signedSum`` over respondents with y = 1.
  ///   - ofAll: Σ ``RowTerms/signedSum`` over all respondents.
  ///   - weight: Σ ``RowTerms/weight`` over all respondents.
  ///   - startingDeviance: Σ ``RowTerms/deviance`` over all respondents.
  package static func coefficient(
    proportion p: Double, scaledWeightTotal total: Double, firstStepSumOfCategory ofCategory: Double,
    firstStepSumOfAll ofAll: Double, firstStepWeight weight: Double, startingDeviance: Double
  ) -> Double {
    func deviance(_ eta: Double) -> Double {
      let mu = mean(eta)
      var sum = 0.0
      if p > 0 { sum += p * Double.log(mu) }
      if p < 1 { sum += (1 - p) * Double.log(1 - mu) }
      return -2 * total * sum
    }
    var beta = (2 * ofCategory - ofAll) / weight
    var previous = startingDeviance
    var current = deviance(beta)
    var steps = 1
    while !(abs(current - previous) / (abs(current) + 0.1) < 1e-8), steps < 25 {
      beta += (p - mean(beta)) / meanDerivative(beta)
      previous = current
      current = deviance(beta)
      steps += 1
    }
    return beta
  }
}
