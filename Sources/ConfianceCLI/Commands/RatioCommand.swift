import ArgumentParser
import Confiance
import SurveyDatabase

/// `confiance ratio`: the ratio of the population totals of two numeric variables.
struct RatioCommand: EstimatingCommand {
  static let configuration = CommandConfiguration(
    commandName: "ratio",
    abstract: "The ratio of the population totals of two numeric variables, with its design-based standard error.",
    discussion: """
      The ratio R = Σwy/Σwx of the --numerator y to the --denominator x, over the respondents with both values, with its linearized standard error (influence values w(y − Rx)/Σwx), the design effect, and the interval R ± t × SE on the design degrees of freedom. These are the numbers of R survey's svyratio(~y, ~x, design, na.rm = TRUE, deff = TRUE) and confint(…, df = degf(design)). A domain whose denominator sums to 0 has no ratio (null in JSON).

      Examples:
        # Students tested per student enrolled, cluster sample of districts
        confiance ratio apiclus1.csv --numerator api.stu --denominator enroll \\
          --weight pw --psu dnum --fpc fpc

        # Share of screen time spent on social networks, by age band
        confiance ratio survey.csv --numerator hours_social \\
          --denominator hours_online --by age_band

      A mean is the ratio with a denominator of 1 for everyone: confiance mean.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(help: ArgumentHelp("The numeric variable summed above the line.", valueName: "column"))
  var numerator: String

  @Option(help: ArgumentHelp("The numeric variable summed below the line.", valueName: "column"))
  var denominator: String

  func validate() throws {
    try estimation.refusingIntervalMethod("ratios have t intervals on the design degrees of freedom")
  }

  func run() throws {
    try run(database, input, raking) { try $0.ratiosWaiting(numerator: numerator, denominator: denominator,
      by: estimation.domainVariables, declaration: design.declaration, level: estimation.level) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let prepared = try PreparedSurvey(numeric: [numerator, denominator], of: self, context: context)
    let ratios = try prepared.design.ratios(
      numerator: numerator, denominator: denominator, by: estimation.domainVariables, level: estimation.level)
    return (ratios, prepared)
  }
}
