/// When raking stops: the largest change of a weighted cell total between two sweeps must fall
/// below this tolerance.
public enum ConvergenceTolerance: Sendable, Hashable {
  /// A fraction of the weight total before raking (R's `control$epsilon` below 1).
  case relativeToWeightTotal(Double)
  /// An amount in weight units (R's `control$epsilon` of 1 or more).
  case absolute(Double)

  /// The tolerance in weight units for a design whose weights sum to `weightTotal`.
  func amount(weightTotal: Double) -> Double {
    switch self {
    case .relativeToWeightTotal(let fraction): return fraction * weightTotal
    case .absolute(let amount): return amount
    }
  }

  /// R's `control$epsilon` for the same tolerance: values below 1 are relative, others absolute.
  var value: Double {
    switch self {
    case .relativeToWeightTotal(let fraction): return fraction
    case .absolute(let amount): return amount
    }
  }
}

/// How raking iterates (R survey's `control` argument of `rake(…, control = list(maxit =, epsilon =))`), with
/// Confiance's defaults of 100 sweeps and a tolerance of 1e-10 of the weight total (R's defaults,
/// 10 sweeps and 1 weight unit, stop early on large surveys).
public struct RakingControl: Sendable, Hashable {
  /// The largest number of sweeps over the margins.
  package var maxIterations: Int
  /// The convergence tolerance.
  package var tolerance: ConvergenceTolerance
  /// Whether to return the weights of the last sweep instead of throwing when raking has not
  /// converged (R warns and returns them).
  package var allowsNonconvergence: Bool

  /// Creates raking options.
  ///
  /// - Parameters:
  ///   - maxIterations: The largest number of sweeps (at least 1).
  ///   - tolerance: The convergence tolerance; by default 1e-10 of the weight total.
  ///   - allowsNonconvergence: Return unconverged weights instead of throwing.
  /// The default iteration limit: 100 sweeps (R's `rake()` default is 10, often too few).
  public static let defaultMaxIterations = 100
  /// The default tolerance: a change of 1e-10 of the weight total between sweeps.
  public static let defaultTolerance = 1e-10

  /// Creates the control of a raking: iteration limit, convergence tolerance, and whether a raking
  /// that has not converged is still returned (R `rake()`'s `control = list(maxit, epsilon)`).
  public init(
    maxIterations: Int = defaultMaxIterations, tolerance: ConvergenceTolerance = .relativeToWeightTotal(defaultTolerance),
    allowsNonconvergence: Bool = false
  ) {
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.allowsNonconvergence = allowsNonconvergence
  }

  func validate() throws {
    guard maxIterations >= 1 else {
      throw WeightingError.invalidOption(
        name: "the iteration limit", value: String(maxIterations), requirement: "allow at least 1 sweep")
    }
    guard tolerance.value > 0, tolerance.value.isFinite else {
      throw WeightingError.invalidOption(
        name: "the convergence tolerance", value: NumericValues.shortText(tolerance.value),
        requirement: "give a positive number, e.g. 1e-10 of the weight total")
    }
  }
}
