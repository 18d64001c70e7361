import ArgumentParser
import Confiance
import SurveyDatabase

/// `confiance rake`: weights raked to population margins, written to a copy of the data.
struct Rake: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Rake the weights to population margins and write a copy of the data with the new weights.",
    discussion: """
      Adjusts the weights (or weights of 1) by iterative proportional fitting so that the weighted counts of every category of each raking variable match the population targets — R survey's rake(), with the same convergence rule. Optionally trims the raked weights (R's trimWeights) and rakes again until the weights are within the bounds. Prints the weight diagnostics (spread, Kish design effect, effective sample size) and every margin before and after.

      The targets file is CSV with the header variable,category,target and one row per category. A variable's targets are proportions when they are all at most 1 (they must sum to 1), otherwise population totals. Cross variables with '*': variable sex*agegroup, category F*18-34.

        variable,category,target
        sex,F,0.52
        sex,M,0.48
        region,north,2100000
        region,south,3300000

      The copy (--out, default FILE-raked.csv next to FILE) holds every original column unchanged plus the new weight column at the end; the input is never changed and an existing file is only replaced with --force.

      On a postgresql:// or sc:// table (--table), the rows stay on the server and the table is not changed: the raked weight of a row is its weight times the factor of its raking cell (every combination of the raking variables' values), and --out (default TABLE-raking-factors.csv) gets one row per cell with the raking variables, factor and the raked weight total; join it to the table on the raking variables. Replicate-weight columns (--replicate-weights) are raked too: each cell also gets factor_rep1, factor_rep2, …, the factors of the replicate columns in the table's order. Trimming and replicates created from --strata/--psu need a file.

      With replicate weights (supplied, created from --strata/--psu, or declared in the codebook), every replicate is raked too, as R's rake() of a replicate design, and the copy also gets the raked replicate weights as analysis weights, in columns NAME_rep1, NAME_rep2, … after the new weight column (read them back with --replicate-weights "NAME_rep[0-9]+" and the same --replicate-type).

      Examples:
        confiance rake survey.csv --targets census.csv --weight design_weight
        confiance rake survey.csv --targets census.csv --population 5400000 --trim-upper 5median --trim-and-rerake --format json
        confiance rake acs.csv --targets census.csv --weight PWGTP --replicate-weights "PWGTP[0-9]+" --replicate-type acs
      """
  )

  @OptionGroup var input: InputOptions

  @Option(help: ArgumentHelp("The population margins: CSV with the header variable,category,target.", valueName: "targets.csv"))
  var targets: String

  /// `--weight` (the base weights) and the replicate flags; strata and PSUs serve created replicates.
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(help: ArgumentHelp("The file to write. Default: FILE-raked.csv next to FILE (a table's factors: TABLE-raking-factors.csv).", valueName: "file"))
  var out: String?

  @Option(help: ArgumentHelp("The name of the new weight column.", valueName: "name"))
  var weightName = "raked_weight"

  @Flag(help: "Replace the output file when it exists.")
  var force = false

  @OptionGroup(title: "Raking") var raking: RakingControlOptions
  @OptionGroup(title: "Trimming") var trimming: TrimmingOptions

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func validate() throws {
    guard format == .text || format == .json else {
      throw ValidationError("--format \(format.rawValue) is not available for rake; use text or json.")
    }
    guard !weightName.isEmpty else { throw ValidationError("--weight-name needs a column name.") }
  }

  func run() throws { print(try output(), terminator: "") }

  /// Rakes, writes the copy (for a table, the factors of its raking cells), and returns what the command prints.
  func output() throws -> String {
    let margins = try raking.margins(targetsFile: targets)
    if let table = try database.table(input: input, raking: nil) {
      let cells = try table.rakingFactorsWaiting(
        declaration: design.declaration, to: margins, options: raking.control, trimming: trimming.trimming)
      return try WeightingReport(factorsOf: cells, table: database.table!, control: raking.control, destination: out,
        weightColumn: weightName, replacingExisting: force).rendered(as: format)
    }
    // Only the margins' variables and the design's are read; the copy is made from the file's bytes.
    let survey = try Survey(
      contentsOf: input.file, options: input.loadOptions(design: design.overrides, columns: [], margins: margins))
    let report = try WeightingReport(
      rakingCopyOf: survey, file: input.file, reading: input.reading, to: margins, control: raking.control,
      trimming: trimming.trimming, rerake: trimming.trimAndRerake, maxRounds: trimming.maxTrimRounds,
      destination: out ?? WeightingReport.rakedCopyPath(for: input.file), weightColumn: weightName, replacingExisting: force)
    return report.rendered(as: format)
  }
}
