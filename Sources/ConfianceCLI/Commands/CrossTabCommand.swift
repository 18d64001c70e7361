import ArgumentParser
import Confiance
import SurveyDatabase

/// `confiance crosstab`: a weighted two-way table with the Rao–Scott test of independence.
struct CrossTabCommand: EstimatingCommand {
  static let configuration = CommandConfiguration(
    commandName: "crosstab",
    abstract: "A weighted two-way table: cell, row and column percentages with confidence intervals, and the Rao–Scott test.",
    discussion: """
      For every cell of --row by --col: the unweighted count, the weighted count, the cell's share of the table, its share of the row (row percentage) and of the column (column percentage), each with a design-based standard error and confidence interval. Then the test of independence R survey's svychisq() gives by default: Pearson's X² with the Rao–Scott second-order correction, an F statistic on d0 and d0·ν degrees of freedom (ν = PSUs − strata). The uncorrected Pearson X² is shown for reference only: it ignores the design and is too often significant. Respondents without a value on either variable are left out of the table (masked, so the design keeps every PSU).

      Examples:
        # Concern by age band, design from the codebook next to the file
        confiance crosstab survey.csv --row concern_data_use --col age_band

        # Stratified cluster design, one table per sex, Korn-Graubard intervals
        confiance crosstab survey.csv --row concern_data_use --col protect_cookies \\
          --by sex --weight weight --strata region --psu point --ci beta

        # Raked to census margins first; standard errors account for the raking
        confiance crosstab survey.csv --row concern_data_use --col sex --rake-to census.csv

        # Where the data lives: PostgreSQL or Spark sums by group, only aggregates come back
        confiance crosstab postgresql://me@db.example:5432/surveys --table public.fr2025 \\
          --row concern_data_use --col age_band --weight w --strata region --psu point

        # The Westin segment, derived on the fly, against a behaviour; JSON for scripts
        confiance crosstab survey.csv --row westin_segment --col protect_cookies \\
          --derive 'westin_segment: {kind: westin, items: [westin_a, westin_b, westin_c]}' \\
          --format json

      Row percentages answer "among people in this row, what share is in each column"; they are R's svyby(~col, ~row, design, svymean). Column percentages are the reverse. Interval methods (--ci): logit (default, as R), likelihood, asin, beta (alias korn-graubard), mean (alias wald), xlogit, wilson.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(name: .customLong("row"), help: ArgumentHelp("The variable whose categories are the rows.", valueName: "column"))
  var rowVariable: String

  @Option(name: .customLong("col"), help: ArgumentHelp("The variable whose categories are the columns.", valueName: "column"))
  var columnVariable: String

  func validate() throws {
    guard rowVariable != columnVariable else {
      throw ValidationError("--row and --col are both '\(rowVariable)'; a cross-tab needs two different variables.")
    }
  }

  func run() throws {
    try run(database, input, raking) { try $0.crossTabWaiting(
      row: rowVariable, column: columnVariable, by: estimation.domainVariables, declaration: design.declaration,
      method: estimation.intervalMethod, level: estimation.level) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let prepared = try PreparedSurvey(
      input: input, design: design, raking: raking,
      columns: [rowVariable, columnVariable] + estimation.domainVariables, context: context)
    let crossTab = try prepared.design.crossTab(
      row: rowVariable, column: columnVariable, by: estimation.domainVariables, method: estimation.intervalMethod,
      level: estimation.level)
    return (crossTab, prepared)
  }
}
