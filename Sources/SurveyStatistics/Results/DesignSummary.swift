/// The facts about a design that every result reports with its estimates: the declaration, the
/// respondents, strata, PSUs, degrees of freedom, the weight total and, for a raked design, how the
/// raking went.
public struct DesignSummary: Sendable, Hashable {
  /// The design columns and lonely-PSU policy.
  public var declaration: DesignDeclaration
  /// The number of respondents.
  public var respondents: Int
  /// The number of strata (1 for an unstratified design).
  public var strata: Int
  /// The number of primary sampling units.
  public var psus: Int
  /// PSUs − strata (R's `degf`).
  public var degreesOfFreedom: Int
  /// The sum of the weights: the estimated population size.
  public var weightTotal: Double
  /// How the weights were raked, for a raked design; `nil` otherwise.
  public var raking: RakingSummary?
}

/// How a raking went, without the raked design: kept on the design it produced, so that every
/// estimate made on it can say so.
public struct RakingSummary: Sendable, Hashable {
  /// Whether raking converged (``RakingResult/converged``).
  public var converged: Bool
  /// The number of sweeps.
  public var iterations: Int
  /// Every margin's fit, in the order of the margins.
  public var margins: [RakingResult.MarginFit]
  /// The raked weights' total, spread and Kish design effect.
  public var weights: WeightDiagnostics
}

extension SurveyDesign {
  /// What results report about this design.
  public var summary: DesignSummary {
    DesignSummary(
      declaration: declaration, respondents: respondentCount, strata: stratumCount, psus: psuCount,
      degreesOfFreedom: degreesOfFreedom, weightTotal: weightTotal, raking: rakingSummary)
  }
}
