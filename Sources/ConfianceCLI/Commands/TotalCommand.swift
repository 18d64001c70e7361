import ArgumentParser
import Confiance
import SurveyDatabase

/// `confiance total`: estimated population totals of numeric variables.
struct TotalCommand: EstimatingCommand {
  static let configuration = CommandConfiguration(
    commandName: "total",
    abstract: "Estimated population totals of numeric variables, with design-based standard errors and t intervals.",
    discussion: """
      For each --var: the Horvitz–Thompson total Σwy over the respondents with a value — what the whole population adds up to, when the weights sum to its size — its linearized standard error, the design effect, and the interval total ± t × SE on the design degrees of freedom. These are the numbers of R survey's svytotal(~y, design, na.rm = TRUE, deff = TRUE) and confint(…, df = degf(design)). Respondents without a value count as 0 (masked).

      Examples:
        # Enrolled students in all schools, stratified design with FPC
        confiance total apistrat.csv --var enroll \\
          --weight pw --strata stype --fpc fpc

        # Hours online a week across the population, by region, raked to the census
        confiance total survey.csv --var hours_online --by region \\
          --rake-to census.csv

        # CSV for a spreadsheet
        confiance total survey.csv --var monthly_spend --format csv
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(name: .customLong("var"), help: ArgumentHelp("A numeric variable to total. Repeatable.", valueName: "column"))
  var variables: [String] = []

  func validate() throws {
    guard !variables.isEmpty else { throw ValidationError("name at least one variable, e.g. --var enroll.") }
    try estimation.refusingIntervalMethod("totals have t intervals on the design degrees of freedom")
  }

  func run() throws {
    try run(database, input, raking) { try $0.totalsWaiting(
      of: variables, by: estimation.domainVariables, declaration: design.declaration, level: estimation.level) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let prepared = try PreparedSurvey(numeric: variables, of: self, context: context)
    let totals = try prepared.design.totals(of: variables, by: estimation.domainVariables, level: estimation.level)
    return (totals, prepared)
  }
}
