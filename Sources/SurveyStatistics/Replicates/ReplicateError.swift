/// Why replicate weights cannot be declared, created or used: what is wrong, where (file, line,
/// column, stratum), and what to do.
public enum ReplicateError: Error, CustomStringConvertible, Sendable, Equatable {
  /// No column name matches the pattern of the replicate-weight columns.
  case noMatchingColumn(pattern: String, available: [String], origin: DataOrigin)
  /// The pattern is not a regular expression.
  case invalidPattern(pattern: String)
  /// A replicate weight that is missing, negative, or not a finite number.
  case invalidReplicateWeight(variable: String, row: Int, value: String, problem: String, origin: DataOrigin)
  /// Fewer than two replicates.
  case tooFewReplicates(count: Int, columns: [String], origin: DataOrigin)
  /// Fay's method without ρ, or ρ outside (0, 1).
  case invalidFayRho(Double?)
  /// A scale that is not a positive finite number.
  case invalidScale(Double)
  /// Replicate scales that are negative or not finite, or whose number is neither 1 nor the
  /// number of replicates.
  case invalidReplicateScales(count: Int, replicates: Int)
  /// A supplied stratified jackknife without its per-replicate scales.
  case missingReplicateScales
  /// A method that needs strata (JKn, BRR, Fay) on a design without them.
  case needsStrata(method: ReplicateMethod, origin: DataOrigin)
  /// The unstratified jackknife (JK1) on a stratified design.
  case stratifiedJackknifeNeeded
  /// A method that cannot be created from a design (SDR, ACS, other).
  case cannotCreate(method: ReplicateMethod)
  /// BRR or Fay on a stratum with one PSU, or an odd number above two; `row` is the stratum's
  /// first respondent.
  case pairsNeeded(method: ReplicateMethod, stratum: String, psus: Int, strataVariable: String?, row: Int, origin: DataOrigin)
  /// Every stratum was sampled exhaustively, so no replicate varies.
  case exhaustivelySampled
  /// A bootstrap with fewer than two replicates.
  case invalidReplicateCount(Int)
  /// An analysis that replicate designs do not offer yet.
  case notAvailable(analysis: String)
  /// Replicate quantile intervals asked of a design without replicate weights.
  case replicateIntervalWithoutReplicates
  /// Replicates asked of a design that is already post-stratified or raked.
  case calibratedBeforeReplication

  /// A readable sentence with location and advice.
  public var description: String {
    switch self {
    case .noMatchingColumn(let pattern, let available, let origin):
      let shown = available.prefix(12).joined(separator: ", ")
      return "\(origin.file.map { "\($0): " } ?? "")no column name matches the replicate-weight pattern '\(pattern)'. "
        + "The columns are: \(shown)\(available.count > 12 ? ", …" : ""). "
        + "Give a regular expression that matches the replicate columns' names (for example 'repw[0-9]+')."
    case .invalidPattern(let pattern):
      return "the replicate-weight pattern '\(pattern)' is not a regular expression. "
        + "Give one that matches the replicate columns' names, for example 'repw[0-9]+'."
    case .invalidReplicateWeight(let variable, let row, let value, let problem, let origin):
      let weight = value.isEmpty ? "the replicate weight" : "the replicate weight '\(value)'"
      return "\(origin.location(ofRow: row)): column '\(variable)': \(weight) \(problem). "
        + "Replicate weights must be finite numbers, zero or positive: correct the value, or check that the "
        + "pattern matches only replicate-weight columns."
    case .tooFewReplicates(let count, let columns, let origin):
      let names = columns.isEmpty ? "" : " (\(columns.joined(separator: ", ")))"
      return "\(origin.file.map { "\($0): " } ?? "")\(count == 1 ? "only one column matches" : "no column matches") the replicate-weight pattern\(names), "
        + "but a variance needs at least two replicates. Check the pattern."
    case .invalidFayRho(let rho):
      guard let rho else {
        return "Fay's method needs its ρ, the factor of the PSUs left out of a replicate (for example 0.5). Give it with the replicates."
      }
      return "Fay's ρ must lie strictly between 0 and 1 (PSUs left out weigh ρ, those kept 2 − ρ), "
        + "but it is \(NumericValues.shortText(rho)). With ρ = 0 the method is BRR."
    case .invalidScale(let scale):
      return "the replicate variance scale \(NumericValues.shortText(scale)) is not a positive number. "
        + "Give the scale of the replicate method, for example (R − 1)/R for a jackknife of R replicates."
    case .invalidReplicateScales(let count, let replicates):
      return "\(count) replicate scales were given for \(replicates) replicates, or some are negative or not numbers. "
        + "Give one non-negative scale per replicate, or one for all."
    case .missingReplicateScales:
      return "a stratified jackknife (JKn) needs one scale per replicate, (n_h − 1)/n_h for the stratum the replicate "
        + "drops a PSU from; give them with the replicates (R's rscales)."
    case .needsStrata(let method, let origin):
      return "\(origin.file.map { "\($0): " } ?? "")\(method.rName) replicates are made within strata, but the design declares none. "
        + "Declare the strata, or use the jackknife (JK1) or the bootstrap for an unstratified design."
    case .stratifiedJackknifeNeeded:
      return "the unstratified jackknife (JK1) cannot be used on a stratified design. "
        + "Use the stratified jackknife (JKn), BRR, Fay or the bootstrap."
    case .cannotCreate(let method):
      return "\(method.rName) replicates cannot be created from strata and PSUs; they come with the data. "
        + "Create jk1, jkn, brr, fay or bootstrap replicates, or give the replicate-weight columns."
    case .pairsNeeded(let method, let stratum, let psus, let strataVariable, let row, let origin):
      let which = strataVariable.map { "column '\($0)': stratum '\(stratum)' (from this row on)" } ?? "the sample"
      let location = origin.file == nil || strataVariable == nil ? "" : "\(origin.location(ofRow: row)): "
      return "\(location)\(which) has \(psus) PSU\(psus == 1 ? "" : "s"), but \(method.rName) replicates need two PSUs per stratum "
        + "(or an even number, split into pairs). Merge or split strata, or use the stratified jackknife (JKn) or the bootstrap."
    case .exhaustivelySampled:
      return "every stratum was sampled exhaustively (the FPC equals the number of PSUs), so replicates would not vary: "
        + "the estimates have no sampling variance. Check the finite population correction."
    case .invalidReplicateCount(let count):
      return "\(count) bootstrap replicates were asked for, but a variance needs at least two (R's default is 50)."
    case .notAvailable(let analysis):
      return "\(analysis) is not available yet on a design with replicate weights. "
        + "Analyse it on the strata and PSUs of the design (linearized variance) instead."
    case .replicateIntervalWithoutReplicates:
      return "quantile intervals from replicate quantiles need a design with replicate weights; "
        + "on this design use Woodruff intervals."
    case .calibratedBeforeReplication:
      return "replicate weights must be added before post-stratifying or raking: declare or create the replicates "
        + "on the design first, then rake it (as R survey requires)."
    }
  }
}

extension ReplicateError: ConfianceError {
  /// ``ErrorKind/usage`` for an analysis or interval the design does not offer; ``ErrorKind/data``
  /// otherwise (the replicate weights or the design are at fault).
  package var kind: ErrorKind {
    switch self {
    case .notAvailable, .replicateIntervalWithoutReplicates, .calibratedBeforeReplication: return .usage
    default: return .data
    }
  }
}
