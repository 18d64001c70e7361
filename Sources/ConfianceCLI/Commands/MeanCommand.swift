import ArgumentParser
import Confiance
import SurveyDatabase

/// `confiance mean`: weighted means of numeric variables with t confidence intervals.
struct MeanCommand: EstimatingCommand {
  static let configuration = CommandConfiguration(
    commandName: "mean",
    abstract: "Weighted means of numeric variables, with design-based standard errors and t intervals.",
    discussion: """
      For each --var: the weighted mean Σwy/Σw over the respondents with a value, its linearized standard error (strata, clusters, finite population correction), the design effect, and the interval mean ± t × SE on the design degrees of freedom. These are the numbers of R survey's svymean(~y, design, na.rm = TRUE, deff = TRUE) and confint(…, df = degf(design)). Respondents without a value are left out of that variable's mean (masked, so the design keeps every PSU); codes such as 99 are values until declared missing.

      Examples:
        # Mean hours online a week, design from the codebook next to the file
        confiance mean survey.csv --var hours_online

        # Two variables by age band, on a stratified cluster design
        confiance mean survey.csv --var hours_online --var apps_installed \\
          --by age_band --weight weight --strata region --psu point

        # 99 means "don't know"; raked to census margins; JSON for scripts
        confiance mean survey.csv --var hours_online --missing hours_online=99 \\
          --rake-to census.csv --format json

      Medians and other quantiles: confiance quantile. Population totals: confiance total.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(name: .customLong("var"), help: ArgumentHelp("A numeric variable to average. Repeatable.", valueName: "column"))
  var variables: [String] = []

  func validate() throws {
    guard !variables.isEmpty else { throw ValidationError("name at least one variable, e.g. --var hours_online.") }
    try estimation.refusingIntervalMethod("means have t intervals on the design degrees of freedom")
  }

  func run() throws {
    try run(database, input, raking) { try $0.meansWaiting(
      of: variables, by: estimation.domainVariables, declaration: design.declaration, level: estimation.level) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let prepared = try PreparedSurvey(numeric: variables, of: self, context: context)
    let means = try prepared.design.means(of: variables, by: estimation.domainVariables, level: estimation.level)
    return (means, prepared)
  }
}
