/// The first step of R's logistic fit on collapsed rows
/// (``SurveyDesign/init(collapsedRows:frequencies:weightSums:declaration:)``), summed over the
/// respondents of each row by the database.
///
/// R's `glm.fit` starts a quasibinomial fit from μ⁰ᵢ = (w̃ᵢyᵢ + ½)/(w̃ᵢ + 1), with w̃ᵢ = wᵢ/w̄ the
/// prior weight (the weight over the mean weight of the model's design rows). Its first
/// iteration solves XᵀW⁰X β = XᵀW⁰z⁰ with W⁰ᵢ = w̃ᵢμ⁰ᵢ(1 − μ⁰ᵢ) and z⁰ᵢ = η⁰ᵢ + (yᵢ − μ⁰ᵢ)/(μ⁰ᵢ(1 − μ⁰ᵢ)),
/// and its convergence test starts from the deviance of μ⁰. These depend on each respondent's
/// own weight, not only on Σw; but for y ∈ {0, 1}, with v = ½(w̃ + ½)/(w̃ + 1)²,
/// W⁰ = w̃v, W⁰z⁰ = ±(w̃v·ln(1 + 2w̃) + ½w̃/(w̃ + 1)) (+ for y = 1) and the deviance term
/// 2w̃·ln(1 + ½/(w̃ + ½)) (the same for both), so three sums per row that do not read y give
/// R's first step exactly — the sums of R's logit interval (`GroupSums.LogitFirstStep`), by row.
package struct LogisticFirstSteps: Sendable {
  /// One row's sums: Σ w̃v·ln(1 + 2w̃) + ½w̃/(w̃ + 1), Σ w̃v and Σ 2w̃·ln(1 + ½/(w̃ + ½)).
  package struct Sums: Sendable, Hashable {
    package var signedSum: Double
    package var weight: Double
    package var deviance: Double

    package init(signedSum: Double, weight: Double, deviance: Double) {
      self.signedSum = signedSum
      self.weight = weight
      self.deviance = deviance
    }
  }

  /// Each row's sums with the whole sample's prior weights (its model's).
  package var wholeSample: [Sums]
  /// Each row's sums with the prior weights of its domain's model (the domain of the variables
  /// the rows were collapsed by); empty without domains.
  package var domain: [Sums]

  package init(wholeSample: [Sums], domain: [Sums]) {
    self.wholeSample = wholeSample
    self.domain = domain
  }

  /// The first step of the model of `rows` (survey rows, with outcomes `outcome`), in the whole
  /// sample or in a domain, and the deviance of the starting means.
  func firstStep(
    rows: [Int], outcome: [Double], inDomain: Bool
  ) -> (step: IterativelyReweightedFit.Step, deviance: Double) {
    let sums = inDomain ? domain : wholeSample
    var step = IterativelyReweightedFit.Step()
    var deviance = 0.0
    for (position, row) in rows.enumerated() {
      let row = sums[row]
      deviance += row.deviance
      guard row.weight > 0 else { continue }
      step.rows.append(position)
      step.rootWeights.append(row.weight.squareRoot())
      step.z.append((outcome[position] == 1 ? row.signedSum : -row.signedSum) / row.weight)
    }
    return (step, deviance)
  }
}
