/// What every interval method needs to know about an estimated proportion.
package struct ProportionIntervalInputs: Sendable, Hashable {
  /// The estimated proportion p̂.
  package var proportion: Double
  /// Its design-based variance V̂.
  package var variance: Double
  /// The degrees of freedom ν of the t quantiles (design degrees of freedom of the domain).
  package var degreesOfFreedom: Double
  /// The number of rows of the (domain) design, R's `nrow(design)`, used by ``IntervalMethod/beta``.
  package var designRows: Int
  /// For ``IntervalMethod/likelihood``: the sum of the analysed respondents' weights rescaled to
  /// mean 1 over the design rows (R's `svyglm` prior weights).
  package var scaledWeightTotal: Double
  /// For ``IntervalMethod/likelihood``: the quasibinomial dispersion φ̂, the design-based variance
  /// of the Pearson residuals (R's `summary.svyglm`).
  package var dispersion: Double
  /// For ``IntervalMethod/logit``: R's fitted logit coefficient and its sandwich variance
  /// (``InterceptOnlyLogisticFit``). Without it the logit interval uses the delta method on p̂,
  /// which is what R's fit converges to (within about 1e-8 relative).
  package var logitCoefficient: LogitCoefficient?
  /// For ``IntervalMethod/likelihood`` on a replicate design: the design effect of the logit
  /// coefficient λ = V̂(β̂)·Σw̃·μ̂(1 − μ̂), R's `cov.unscaled / naive.cov`, with V̂(β̂) from the
  /// replicates. Without it, λ = V̂·Σw̃/(p̂(1 − p̂)), which the sandwich variance of a linearized
  /// design equals.
  package var coefficientDesignEffect: Double?

  /// Creates the inputs.
  package init(
    proportion: Double, variance: Double, degreesOfFreedom: Double, designRows: Int,
    scaledWeightTotal: Double = .nan, dispersion: Double = .nan, logitCoefficient: LogitCoefficient? = nil,
    coefficientDesignEffect: Double? = nil
  ) {
    self.coefficientDesignEffect = coefficientDesignEffect
    self.proportion = proportion
    self.variance = variance
    self.degreesOfFreedom = degreesOfFreedom
    self.designRows = designRows
    self.scaledWeightTotal = scaledWeightTotal
    self.dispersion = dispersion
    self.logitCoefficient = logitCoefficient
  }
}

/// A coefficient on the logit scale with its variance.
package struct LogitCoefficient: Sendable, Hashable {
  /// β̂.
  package var estimate: Double
  /// V̂(β̂).
  package var variance: Double

  /// Creates a coefficient.
  package init(estimate: Double, variance: Double) {
    self.estimate = estimate
    self.variance = variance
  }
}
