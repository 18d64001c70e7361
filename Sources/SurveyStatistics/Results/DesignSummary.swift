/// The facts about a design that every result reports with its estimates: the declaration, the
/// respondents, strata, PSUs, degrees of freedom, the weight total, for a raked design how the
/// raking went, and for a design with replicate weights how its variances are made.
public struct DesignSummary: Sendable, Hashable {
  /// The design columns and lonely-PSU policy.
  package var declaration: DesignDeclaration
  /// The number of respondents.
  package var respondents: Int
  /// The number of strata (1 for an unstratified design).
  package var strata: Int
  /// The number of primary sampling units.
  package var psus: Int
  /// PSUs − strata (R's `degf`); with replicate weights, their rank minus one.
  package var degreesOfFreedom: Int
  /// The sum of the weights: the estimated population size.
  package var weightTotal: Double
  /// How the weights were raked, for a raked design; `nil` otherwise.
  package var raking: RakingSummary?
  /// The replicate weights the variances come from; `nil` for linearized variances.
  package var replicates: ReplicateSummary? = nil
}

extension DesignSummary {
  /// The largest relative gap |Σw/n − 1| between the weight total and the number of respondents
  /// for which ``weightsAreNormalized`` holds.
  static let normalizedWeightsTolerance = 0.05

  /// Whether the weights are normalized rather than expansion weights: no finite population
  /// correction is declared and they sum to within 5% of the number of respondents
  /// (|Σw/n − 1| < ``normalizedWeightsTolerance``), as Eurobarometer, ESS and Pew weights do (or
  /// there are no weights).
  ///
  /// Such weights estimate no population total, so the design effect against simple random
  /// sampling *without* replacement (R's `deff = TRUE`, whose reference variance carries the factor
  /// (Σw − n)/Σw, about 0) is meaningless: results then show the one against sampling *with*
  /// replacement (R's `deff = "replace"`). Expansion weights sum to the population, hundreds or
  /// thousands of times n; a sample that is 95% of its population would declare an FPC. The 5%
  /// leaves room for weights normalized within countries or trimmed after normalization.
  package var weightsAreNormalized: Bool {
    guard declaration.fpc == nil, respondents > 0 else { return false }
    return abs(weightTotal / Double(respondents) - 1) < Self.normalizedWeightsTolerance
  }
}

/// What results report about replicate weights: the JSON design block's
/// `"replicates": {"type", "count", "scale", "mse"}`.
package struct ReplicateSummary: Sendable, Hashable {
  /// How the replicates were formed.
  package var method: ReplicateMethod
  /// The number of replicates.
  package var count: Int
  /// The overall scale of the variance.
  package var scale: Double
  /// Whether variances are centred at the full-sample estimate (R's `mse`).
  package var meanSquaredError: Bool
  /// Whether the replicates were created from the design's strata and PSUs rather than supplied.
  package var isCreated: Bool
}

/// How a raking went, without the raked design: kept on the design it produced, so that every
/// estimate made on it can say so.
package struct RakingSummary: Sendable, Hashable {
  /// Whether raking converged (``RakingResult/converged``).
  package var converged: Bool
  /// The number of sweeps.
  package var iterations: Int
  /// Every margin's fit, in the order of the margins.
  package var margins: [RakingResult.MarginFit]
  /// The raked weights' total, spread and Kish design effect.
  package var weights: WeightDiagnostics
}

extension SurveyDesign {
  /// What results report about this design.
  package var summary: DesignSummary {
    DesignSummary(
      declaration: declaration, respondents: respondentTotal, strata: stratumCount, psus: psuCount,
      degreesOfFreedom: degreesOfFreedom, weightTotal: weightTotal, raking: rakingSummary,
      replicates: replicates.map {
        ReplicateSummary(
          method: $0.method, count: $0.count, scale: $0.scale, meanSquaredError: $0.meanSquaredError,
          isCreated: $0.isCreated)
      })
  }
}
