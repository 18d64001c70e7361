import ArgumentParser
import Confiance

/// The sample design flags, shared by every estimating command. Flags override the codebook's
/// `design:` block.
struct DesignOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The sampling-weight column. Default: every respondent weighs 1.", valueName: "column"))
  var weight: String?

  @Option(help: ArgumentHelp("The stratum column.", valueName: "column"))
  var strata: String?

  @Option(help: ArgumentHelp("The first-stage cluster (primary sampling unit) column. Default: each respondent is its own PSU.", valueName: "column"))
  var psu: String?

  @Option(help: ArgumentHelp(
    "The finite population correction column: the number of PSUs in the stratum's population, or the sampling fraction.",
    valueName: "column"))
  var fpc: String?

  @Option(help: ArgumentHelp(
    "What to do with a stratum that has one PSU: fail (default), remove, certainty, adjust or average, as R survey's survey.lonely.psu.",
    valueName: "policy"))
  var lonelyPSU: LonelyPSUPolicy?

  /// The flags, which replace the codebook's design columns and policy.
  var overrides: DesignOverrides {
    DesignOverrides(weights: weight, strata: strata, clusters: psu, fpc: fpc, lonelyPSU: lonelyPSU)
  }

  /// The flag that names each part of the design.
  static let flags: [DesignRole: String] = [.weights: "--weight", .strata: "--strata", .clusters: "--psu", .fpc: "--fpc"]
}

extension LonelyPSUPolicy: ExpressibleByArgument {}
