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

  @Option(help: ArgumentHelp(
    "Replicate-weight columns: those whose names match this regular expression, holding analysis weights (R: svrepdesign(repweights = \"repw[0-9]+\", combined.weights = TRUE)).",
    valueName: "regex"))
  var replicateWeights: String?

  @Option(help: ArgumentHelp(
    "How the replicate weights were formed; default brr, as R (R: svrepdesign(type = \"JK1\")).",
    valueName: "type"))
  var replicateType: ReplicateMethod?

  @Option(help: ArgumentHelp(
    "Fay's ρ, the factor of the PSUs left out of a replicate, for fay (R: svrepdesign(rho = 0.5), as.svrepdesign(fay.rho = 0.5)).",
    valueName: "rho"))
  var fayRho: Double?

  @Option(help: ArgumentHelp(
    "The variance scale of replicate weights. Default: the type's, as R (R: svrepdesign(scale = 0.95)).", valueName: "number"))
  var replicateScale: Double?

  @Option(help: ArgumentHelp(
    "One scale per replicate, or one for all, separated by commas; needed for jkn (R: svrepdesign(rscales = c(0.5, 0.5))).",
    valueName: "r,r,…"))
  var replicateRscales: String?

  @Flag(inversion: .prefixedNo, help: ArgumentHelp(
    "Centre replicate variances at the full-sample estimate; default no, as R 4.1 (R: svrepdesign(mse = TRUE))."))
  var mse: Bool?

  @Option(help: ArgumentHelp(
    "Create replicates from the strata and PSUs: jk1, jkn, brr, fay or bootstrap (R: as.svrepdesign(design, type = \"JKn\")).",
    valueName: "method"))
  var replicates: ReplicateMethod?

  @Option(help: ArgumentHelp(
    "The number of bootstrap replicates to create; default 50 (R: as.svrepdesign(design, \"bootstrap\", replicates = 50)).",
    valueName: "count"))
  var replicateCount: Int?

  @Option(help: ArgumentHelp(
    "The seed of created bootstrap replicates; default 1. The same seed gives the same replicates on every machine (not R's).",
    valueName: "number"))
  var seed: UInt64?

  func validate() throws {
    if let replicateRscales, ReplicateSettings.replicateScales(from: replicateRscales) == nil {
      throw ValidationError("--replicate-rscales \(replicateRscales): write numbers separated by commas, e.g. 0.5,0.5,0.5.")
    }
  }

  /// The flags, which replace the codebook's design columns and policy, and change its replicates.
  var overrides: DesignOverrides {
    DesignOverrides(
      weights: weight, strata: strata, clusters: psu, fpc: fpc, lonelyPSU: lonelyPSU,
      replicates: ReplicateSettings(
        columns: replicateWeights, type: replicateType, created: replicates, count: replicateCount, seed: seed,
        fayRho: fayRho, scale: replicateScale, replicateScales: replicateRscales.flatMap(ReplicateSettings.replicateScales(from:)),
        meanSquaredError: mse))
  }

  /// The replicate flags given, as words of a command line that repeats them.
  var replicateWords: [String] {
    let options: [(String, String?)] = [
      ("--replicate-weights", replicateWeights), ("--replicate-type", replicateType?.rawValue),
      ("--fay-rho", fayRho.map { "\($0)" }), ("--replicate-scale", replicateScale.map { "\($0)" }),
      ("--replicate-rscales", replicateRscales), ("--replicates", replicates?.rawValue),
      ("--replicate-count", replicateCount.map { "\($0)" }), ("--seed", seed.map { "\($0)" }),
    ]
    return options.flatMap { flag, value in value.map { [flag, $0] } ?? [] } + (mse.map { [$0 ? "--mse" : "--no-mse"] } ?? [])
  }

  /// The flag that names each part of the design.
  static let flags: [DesignRole: String] = [.weights: "--weight", .strata: "--strata", .clusters: "--psu", .fpc: "--fpc"]
}

extension LonelyPSUPolicy: ExpressibleByArgument {}
extension ReplicateMethod: ExpressibleByArgument {}
