/// What every interval method needs to know about an estimated proportion.
public struct ProportionIntervalInputs: Sendable, Hashable {
  /// The estimated proportion p̂.
  public var proportion: Double
  /// Its design-based variance V̂.
  public var variance: Double
  /// The degrees of freedom ν of the t quantiles (design degrees of freedom of the domain).
  public var degreesOfFreedom: Double
  /// The number of rows of the (domain) design, R's `nrow(design)`, used by ``IntervalMethod/beta``.
  public var designRows: Int
  /// For ``IntervalMethod/likelihood``: the sum of the analysed respondents' weights rescaled to
  /// mean 1 over the design rows (R's `svyglm` prior weights).
  public var scaledWeightTotal: Double
  /// For ``IntervalMethod/likelihood``: the quasibinomial dispersion φ̂, the design-based variance
  /// of the Pearson residuals (R's `summary.svyglm`).
  public var dispersion: Double

  /// Creates the inputs.
  public init(
    proportion: Double, variance: Double, degreesOfFreedom: Double, designRows: Int,
    scaledWeightTotal: Double = .nan, dispersion: Double = .nan
  ) {
    self.proportion = proportion
    self.variance = variance
    self.degreesOfFreedom = degreesOfFreedom
    self.designRows = designRows
    self.scaledWeightTotal = scaledWeightTotal
    self.dispersion = dispersion
  }
}
