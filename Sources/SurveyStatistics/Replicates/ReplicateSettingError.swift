/// Replicate-weight settings that contradict each other or are out of range, found before any
/// data is read (`ReplicateSettings.applied(to:)`). `setting` names the setting at fault, so
/// that a codebook can point at its line and a front end at its option.
public enum ReplicateSettingError: Error, CustomStringConvertible, Sendable, Equatable {
  /// Replicate-weight columns and replicates to create, both given.
  case twoSources
  /// A setting given without replicate-weight columns or replicates to create.
  case withoutReplicates(ReplicateSetting)
  /// A setting of supplied replicates given for created ones (type, scale, replicate scales).
  case notForCreated(ReplicateSetting)
  /// A setting of created replicates given for supplied ones (count, seed).
  case notForSupplied(ReplicateSetting)
  /// Replicates of a method that come with the data (SDR, ACS, other) asked to be created.
  case cannotCreate(ReplicateMethod)
  /// Fay replicates without ρ.
  case fayRhoNeeded
  /// Fay's ρ outside (0, 1).
  case fayRhoOutOfRange(Double)
  /// A scale that is not a positive finite number.
  case invalidScale(Double)
  /// Replicate scales that are negative, not finite, or none.
  case invalidReplicateScales
  /// Supplied JKn replicates without their replicate scales.
  case replicateScalesNeeded
  /// Fewer than two bootstrap replicates.
  case tooFewBootstrapReplicates(Int)

  /// The setting at fault.
  package var setting: ReplicateSetting {
    switch self {
    case .twoSources: return .created
    case .withoutReplicates(let setting), .notForCreated(let setting), .notForSupplied(let setting): return setting
    case .cannotCreate: return .created
    case .fayRhoNeeded, .fayRhoOutOfRange: return .fayRho
    case .invalidScale: return .scale
    case .invalidReplicateScales, .replicateScalesNeeded: return .replicateScales
    case .tooFewBootstrapReplicates: return .count
    }
  }

  /// A sentence for the researcher: what is wrong, and what to do.
  public var description: String {
    switch self {
    case .twoSources:
      return "both replicate-weight columns and replicates to create were declared; a design has one or the other. "
        + "Keep the columns when the file ships replicate weights, or create replicates from the strata and PSUs."
    case .withoutReplicates(let setting):
      return "\(setting.meaning) was given, but no replicate weights: declare the replicate-weight columns "
        + "(a regular expression such as 'repw[0-9]+') or the replicates to create (jk1, jkn, brr, fay or bootstrap)."
    case .notForCreated(let setting):
      return "\(setting.meaning) applies to replicate weights that come with the data, not to replicates created "
        + "from the strata and PSUs, whose method fixes it (as R's as.svrepdesign())."
    case .notForSupplied(let setting):
      return "\(setting.meaning) applies to bootstrap replicates created from the strata and PSUs, not to "
        + "replicate weights that come with the data."
    case .cannotCreate(let method):
      return "\(method.rName) replicates cannot be created from strata and PSUs; they come with the data. "
        + "Create jk1, jkn, brr, fay or bootstrap replicates, or declare the replicate-weight columns."
    case .fayRhoNeeded:
      return "Fay's method needs its ρ, the factor of the PSUs left out of a replicate (for example 0.5, as in PISA)."
    case .fayRhoOutOfRange(let rho):
      return "Fay's ρ must lie strictly between 0 and 1 (PSUs left out weigh ρ, those kept 2 − ρ), "
        + "but it is \(NumericValues.shortText(rho)). With ρ = 0 the method is BRR."
    case .invalidScale(let scale):
      return "the replicate scale \(NumericValues.shortText(scale)) is not a positive number. "
        + "Give the scale of the replicate method, for example (R − 1)/R for a jackknife of R replicates."
    case .invalidReplicateScales:
      return "the replicate scales (rscales) must be numbers, zero or positive: one per replicate, or one for all."
    case .replicateScalesNeeded:
      return "a stratified jackknife (JKn) needs one scale per replicate, (n_h − 1)/n_h for the stratum the "
        + "replicate drops a PSU from (R's rscales)."
    case .tooFewBootstrapReplicates(let count):
      return "\(count) bootstrap replicate\(count == 1 ? " was" : "s were") asked for, but a variance needs at least "
        + "two (R's default is 50)."
    }
  }
}

extension ReplicateSettingError: ConfianceError {
  /// Always ``ErrorKind/usage``: the settings must change.
  package var kind: ErrorKind { .usage }
  /// The setting to change.
  package var remedy: Remedy? { .replicateSetting(setting) }
}
