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

  /// The declaration: flags first, then the codebook's design block.
  func declaration(codebook: Codebook?) throws -> DesignDeclaration {
    let declared = codebook?.design
    var policy = LonelyPSUPolicy.fail
    if let lonelyPSU {
      policy = lonelyPSU
    } else if let name = declared?.lonelyPSU {
      guard let parsed = LonelyPSUPolicy(rawValue: name) else {
        throw ValidationError("the codebook's lonely_psu '\(name)' is not one of fail, remove, certainty, adjust, average.")
      }
      policy = parsed
    }
    return DesignDeclaration(
      weights: weight ?? declared?.weight, strata: strata ?? declared?.strata,
      clusters: psu ?? declared?.psu, fpc: fpc ?? declared?.fpc, lonelyPSU: policy)
  }
}

extension LonelyPSUPolicy: ExpressibleByArgument {}
