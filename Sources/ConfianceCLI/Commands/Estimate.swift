import ArgumentParser
import Confiance
import SurveyDatabase

/// `confiance estimate`: weighted proportions of categorical variables with confidence intervals.
struct Estimate: EstimatingCommand {
  static let configuration = CommandConfiguration(
    abstract: "Weighted proportions of each category, with design-based standard errors and confidence intervals.",
    discussion: """
      For every category of each --var: the share of the population in that category (Hájek estimator), its linearized standard error (strata, clusters, finite population correction), the design effect, Kish's effective sample size, and a confidence interval on t quantiles with the design degrees of freedom. These are the numbers of R survey's svymean(~factor(x), design, na.rm = TRUE) and svyciprop(). Respondents without a value are left out of that variable's shares (masked, so the design keeps every PSU).

      Examples:
        # Weighted shares, design from the codebook next to the file
        confiance estimate survey.csv --var concern

        # Stratified cluster design, by age band, Korn-Graubard intervals
        confiance estimate survey.csv --var concern --by age_band \\
          --weight weight --strata region --psu point --ci beta

        # Raked to census margins; standard errors account for the raking (as R's rake())
        confiance estimate survey.csv --var concern --weight weight --rake-to census.csv

        # Where the data lives: PostgreSQL or Spark sums by group, only aggregates come back
        confiance estimate postgresql://me@db.example:5432/surveys --table public.fr2025 \\
          --var concern --by age_band --weight w --strata region --psu point
        confiance estimate sc://spark.example:15002 --table 'parquet.`/data/fr2025.parquet`' \\
          --var concern --by age_band --weight w --strata region --psu point

        # Codes 9 and 99 mean "refused" for concern; JSON for scripts
        confiance estimate survey.csv --var concern \\
          --missing concern=9,99 --format json

      Interval methods (--ci): logit (default, as R), likelihood, asin, beta (alias korn-graubard), mean (alias wald), xlogit, wilson.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(name: .customLong("var"), help: ArgumentHelp("A categorical variable to estimate. Repeatable.", valueName: "column"))
  var variables: [String] = []

  func validate() throws {
    guard !variables.isEmpty else {
      throw ValidationError("name at least one variable to estimate, e.g. --var concern.")
    }
  }

  func run() throws {
    try run(database, input, raking) { try $0.proportionsWaiting(
      of: variables, by: estimation.domainVariables, declaration: design.declaration,
      method: estimation.intervalMethod, level: estimation.level) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let prepared = try PreparedSurvey(
      input: input, design: design, raking: raking, columns: variables + estimation.domainVariables, context: context)
    try prepared.survey.checkingAnalysable(variables + estimation.domainVariables)
    try prepared.survey.checkingNotEmpty(variables)
    let estimates = try prepared.design.proportions(
      of: variables, by: estimation.domainVariables, method: estimation.intervalMethod, level: estimation.level)
    return (estimates, prepared)
  }
}
