import ArgumentParser
import Confiance

/// How raking iterates: shared by `confiance rake` and every command that takes `--rake-to`.
struct RakingControlOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "The population size that proportion targets are multiplied by. Default: the sum of the first margin given as totals, else the weight total.",
    valueName: "N"))
  var population: Double?

  @Option(help: ArgumentHelp("The largest number of raking sweeps over the margins.", valueName: "count"))
  var maxIterations = RakingControl.defaultMaxIterations

  @Option(help: ArgumentHelp(
    "Raking stops when no weighted cell total changes by more than this fraction of the weight total between two sweeps.",
    valueName: "fraction"))
  var epsilon = RakingControl.defaultTolerance

  @Flag(help: "Keep the weights of the last sweep when raking has not converged, instead of stopping with an error.")
  var allowNonconvergence = false

  func validate() throws {
    guard maxIterations >= 1 else {
      throw ValidationError("--max-iterations \(maxIterations) must be at least 1.")
    }
    guard epsilon > 0, epsilon < 1 else {
      throw ValidationError("--epsilon \(epsilon) must be between 0 and 1: it is a fraction of the weight total (e.g. 1e-10).")
    }
    if let population, !(population > 0 && population.isFinite) {
      throw ValidationError("--population \(population) must be a positive number of people.")
    }
  }

  /// The library's raking control.
  var control: RakingControl {
    RakingControl(
      maxIterations: maxIterations, tolerance: .relativeToWeightTotal(epsilon), allowsNonconvergence: allowNonconvergence)
  }

  /// The margins of a targets file, with `--population`.
  func margins(targetsFile: String) throws -> PopulationMargins {
    try PopulationMargins(targetsFile: targetsFile, populationSize: population)
  }
}

/// `--rake-to T.csv` and its controls: estimates on the design raked to the targets, with
/// standard errors that account for the raking (as R survey's `rake()`). Add it to a command with
/// `@OptionGroup(title: "Weighting") var raking: RakingOptions`.
struct RakingOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "Rake the weights to the population margins of this targets file (CSV: variable,category,target) before estimating.",
    valueName: "targets.csv"))
  var rakeTo: String?

  @OptionGroup var control: RakingControlOptions

  func validate() throws {
    if rakeTo == nil, control.population != nil || control.allowNonconvergence {
      throw ValidationError("--population and --allow-nonconvergence apply to raking: add --rake-to targets.csv.")
    }
  }

  /// The margins of `--rake-to`, or `nil` without it.
  func margins() throws -> PopulationMargins? {
    guard let rakeTo else { return nil }
    return try control.margins(targetsFile: rakeTo)
  }

  /// `design` raked to `margins`, with the result; `design` itself without margins.
  func apply(_ margins: PopulationMargins?, to design: SurveyDesign) throws -> (design: SurveyDesign, raking: RakingResult?) {
    guard let margins else { return (design, nil) }
    let result = try design.raking(to: margins, options: control.control)
    return (result.design, result)
  }
}
