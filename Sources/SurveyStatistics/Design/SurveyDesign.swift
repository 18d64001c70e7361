/// A sample design: who stands for how many people (weights), how the sample was drawn
/// (strata, first-stage clusters or primary sampling units), and what share of the population's
/// PSUs was sampled (finite population correction).
///
/// The rules are those of R survey's `svydesign(ids=, strata=, weights=, fpc=, nest=TRUE)`:
/// - weights default to 1, or to N_h / n_h when only an FPC is given;
/// - PSUs are nested in strata (the same PSU code in two strata is two PSUs);
/// - without `clusters`, every respondent is its own PSU;
/// - the FPC is the number of PSUs in the stratum's population (all values ≥ 1), or the sampling
///   fraction (all values ≤ 1); it must be constant within a stratum.
///
/// ```swift
/// let design = try SurveyDesign(survey, weights: "w", strata: "region", clusters: "point")
/// design.degreesOfFreedom  // PSUs − strata
/// ```
public struct SurveyDesign: Sendable {
  /// The data.
  package let survey: Survey
  /// The sampling weight of each respondent.
  package let weights: [Double]
  /// The names of the design variables, as declared.
  package let declaration: DesignDeclaration
  /// The lonely-PSU policy.
  package var lonelyPSU: LonelyPSUPolicy { declaration.lonelyPSU }
  /// Strata and PSUs, as integer indices.
  let structure: DesignStructure
  /// The calibrations (post-stratifications, rakings) that produced ``weights``, in the order they
  /// were applied; the variance projects influence values on each of them (R's `design$postStrata`).
  let calibrations: [Calibration]
  /// How the weights were raked, when ``raking(to:options:)`` made this design.
  var rakingSummary: RakingSummary? = nil
  /// The replicate weights, when the design has them (declared with
  /// ``DesignDeclaration/replicates`` or made by ``replicated(_:count:seed:fayRho:meanSquaredError:)``):
  /// every estimator then takes its variance from them instead of linearizing.
  package internal(set) var replicates: ReplicateWeights? = nil
  /// How many respondents each row stands for when the rows are collapsed respondents — those of a
  /// stratum × PSU sharing every value an analysis reads, with their weights summed (a database
  /// table's group sums, ``init(collapsedRows:frequencies:weightSums:declaration:)``); `nil` when
  /// every row is one respondent (a file).
  package internal(set) var rowFrequencies: [Int]? = nil
  /// The first step of R's logistic fit on collapsed rows, summed by the database over each row's
  /// respondents (``LogisticFirstSteps``); `nil` otherwise.
  package var logisticFirstSteps: LogisticFirstSteps? = nil

  /// Declares a design on `survey`.
  ///
  /// - Parameters:
  ///   - weights: the sampling-weight variable; `nil` for weights of 1 (or N_h/n_h with an FPC).
  ///   - strata: the stratum variable; `nil` for an unstratified sample.
  ///   - clusters: the first-stage cluster (PSU) variable; `nil` when respondents were sampled individually.
  ///   - fpc: the finite population correction variable.
  ///   - lonelyPSU: what to do with strata that have one PSU.
  /// - Throws: ``SurveyError`` naming the variable, row and value when a weight is not a positive
  ///   finite number, a design value is missing, the FPC is unusable, or a stratum has a single PSU
  ///   under ``LonelyPSUPolicy/fail``.
  public init(
    _ survey: Survey, weights: String? = nil, strata: String? = nil, clusters: String? = nil,
    fpc: String? = nil, lonelyPSU: LonelyPSUPolicy = .fail
  ) throws {
    try self.init(survey, declaration: DesignDeclaration(
      weights: weights, strata: strata, clusters: clusters, fpc: fpc, lonelyPSU: lonelyPSU))
  }

  /// Declares a design from a ``DesignDeclaration``, with its replicate weights when it declares
  /// them (``ReplicateDeclaration``).
  ///
  /// - Throws: ``SurveyError`` for unusable weights, strata, PSUs or FPC; ``ReplicateError`` for
  ///   unusable replicate weights.
  public init(_ survey: Survey, declaration: DesignDeclaration) throws {
    guard survey.respondentCount > 0 else { throw SurveyError.noRespondents }
    let structure = try DesignStructure(survey: survey, declaration: declaration)
    let weights: [Double]
    if let weightName = declaration.weights {
      weights = try survey.variable(named: weightName, role: "weight").validatedWeights(origin: survey.origin)
    } else if let populationPSUs = structure.populationPSUCount {
      weights = structure.stratumOfRow.map { stratum in
        populationPSUs[Int(stratum)] / Double(structure.psuCountInStratum[Int(stratum)])
      }
    } else {
      weights = [Double](repeating: 1, count: survey.respondentCount)
    }
    self.survey = survey
    self.weights = weights
    self.declaration = declaration
    self.structure = structure
    self.calibrations = []
    if let replication = declaration.replicates {
      replicates = try ReplicateWeights(replication, design: self)
    }
  }

  /// A copy with new weights and the calibrations that produced them.
  init(reweighting design: SurveyDesign, weights: [Double], calibrations: [Calibration]) {
    precondition(weights.count == design.respondentCount, "one weight per respondent")
    self.survey = design.survey
    self.weights = weights
    self.declaration = design.declaration
    self.structure = design.structure
    self.calibrations = calibrations
    self.rowFrequencies = design.rowFrequencies
  }

  /// Whether the weights were post-stratified or raked (``postStratified(to:populationSize:)``,
  /// ``raked(to:options:)``). The variance of a calibrated design accounts for the calibration, and
  /// its domains keep every row (R survey's `subset()` of a calibrated design gives rows outside the
  /// domain weight 0 instead of dropping them).
  package var isCalibrated: Bool { !calibrations.isEmpty }

  /// R's `nrow(subset(design, domain))` for a domain of `domainRows` rows: the domain's rows on an
  /// ordinary design, every row on a calibrated one (whose `subset()` keeps all rows with weight 0).
  /// Korn–Graubard intervals (``IntervalMethod/beta``) and svyglm's rescaled weights use it.
  package func designRows(ofDomainWith domainRows: Int) -> Int {
    isCalibrated ? respondentTotal : domainRows
  }

  /// The number of respondents.
  public var respondentCount: Int { survey.respondentCount }
  /// The number of strata (1 for an unstratified design).
  public var stratumCount: Int { structure.stratumNames.count }
  /// The number of primary sampling units.
  public var psuCount: Int { structure.stratumOfPSU.count }
  /// The sum of the weights: the estimated population size.
  package var weightTotal: Double { weights.reduce(0, +) }
  /// The design degrees of freedom: PSUs − strata (R survey's `degf`); with replicate weights,
  /// the rank of the replicate-weight matrix minus one (``ReplicateWeights/degreesOfFreedom``).
  package var degreesOfFreedom: Int { replicates?.degreesOfFreedom ?? psuCount - stratumCount }
}

/// The names of the design variables and the lonely-PSU policy; what a codebook's `design:`
/// block or the command line declares.
public struct DesignDeclaration: Sendable, Hashable, Codable {
  /// The sampling-weight variable.
  package var weights: String?
  /// The stratum variable.
  package var strata: String?
  /// The first-stage cluster (PSU) variable.
  package var clusters: String?
  /// The finite-population-correction variable.
  package var fpc: String?
  /// The lonely-PSU policy.
  package var lonelyPSU: LonelyPSUPolicy
  /// Replicate weights: supplied columns, or replicates to create from the strata and PSUs.
  package var replicates: ReplicateDeclaration?

  /// Creates a declaration; every part is optional.
  public init(
    weights: String? = nil, strata: String? = nil, clusters: String? = nil, fpc: String? = nil,
    lonelyPSU: LonelyPSUPolicy = .fail, replicates: ReplicateDeclaration? = nil
  ) {
    self.weights = weights
    self.strata = strata
    self.clusters = clusters
    self.fpc = fpc
    self.lonelyPSU = lonelyPSU
    self.replicates = replicates
  }
}
