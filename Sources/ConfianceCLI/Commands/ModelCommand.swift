import ArgumentParser
import Confiance
import Foundation
import SurveyDatabase

/// `confiance model`: a design-based regression (R survey's svyglm) with Wald tests and margins.
struct ModelCommand: EstimatingCommand {
  static let configuration = CommandConfiguration(
    commandName: "model",
    abstract: "A design-based regression: coefficients, standard errors, Wald tests and margins, as R survey's svyglm.",
    discussion: """
      Fits --formula, written as in R (y ~ a + b, a * b for an interaction, factor(x) for a number read as categories, - 1 without intercept), by weighted estimating equations with design-based (sandwich) standard errors: R's svyglm(formula, design, family = …). A column of numbers enters as a number, a column with text as categories, its first level (sorted as R sorts) the reference. Respondents without a value for a model variable are left out (their PSUs stay in the design).

      Families (--family): logistic (a 0/1 outcome; R's quasibinomial), linear (gaussian), poisson (a count; quasipoisson) and ordinal (a proportional-odds model of an outcome with 3 or more ordered levels, R's svyolr: numbers in numeric order, text in the codebook's order of an ordinal variable; thresholds 1|2, 2|3… follow the coefficients; no margins).

      The text shows R's summary(): each coefficient with its standard error, t, p and interval on the residual degrees of freedom (design df + 1 − coefficients), then a Wald F test of every term (R's regTermTest), or of those named by --test. --margins gives predictive margins and average marginal effects with design-based standard errors: in percentage points for a logistic model. With --by, one model per domain follows the whole sample's.

      Examples:
        # Who refuses cookies? A logistic model, design from the codebook
        confiance model survey.csv --formula "protect_cookies ~ age_band + sex + trust_companies" \\
          --family logistic

        # Concern as categories; test age band; effects of concern in points
        confiance model survey.csv --family logistic \\
          --formula "acting ~ factor(concern_data_use) + age_band + sex" \\
          --test age_band --margins concern_data_use

        # A joint test of two terms, one model per sex, JSON for scripts
        confiance model survey.csv --formula "trust_score ~ age_band * region" --family linear \\
          --test "age_band + age_band:region" --by sex --format json

      JSON term names are R's (age_band25-34, factor(concern_data_use)2); Markdown names terms with the codebook's labels.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(help: ArgumentHelp("The model, in R's syntax: \"acting ~ age_band + sex + trust_score\".", valueName: "formula"))
  var formula: String

  @Option(
    help: ArgumentHelp("logistic (0/1 outcome), linear, poisson (counts) or ordinal (ordered levels).", valueName: "family"),
    transform: { name in
      guard let family = ModelFamily(name: name) else { throw ValidationError("choose logistic, linear, poisson or ordinal.") }
      return family
    })
  var family: ModelFamily

  @Option(name: .customLong("test"), help: ArgumentHelp(
    "A term to test (Wald F, R's regTermTest); 'a + b' tests terms jointly. Repeatable. Default: every term.",
    valueName: "term"))
  var tests: [String] = []

  @Option(name: .customLong("margins"), help: ArgumentHelp(
    "A predictor whose predictive margins and average marginal effects to show. Repeatable.", valueName: "variable"))
  var margins: [String] = []

  func validate() throws {
    guard family != .proportionalOdds || margins.isEmpty else {
      throw ValidationError(
        "--margins is available for logistic, linear and poisson models, not for --family ordinal; "
          + "for effects in points, fit --family logistic on a 0/1 recode of the outcome.")
    }
  }

  /// The terms of each --test.
  var termTests: [[String]] { tests.map { $0.split(separator: "+").map { String($0).trimmingCharacters(in: .whitespaces) } } }

  func run() throws {
    try run(database, input, raking) { try $0.modelAnalysisWaiting(Formula(formula), family: family,
      by: estimation.domainVariables, declaration: design.declaration, tests: termTests, margins: margins, level: estimation.level) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let model = try Formula(formula)
    let columns = model.columns + estimation.domainVariables
    let prepared = try PreparedSurvey(input: input, design: design, raking: raking, columns: columns, context: context)
    try prepared.survey.checkingAnalysable(columns)
    let analysis = try prepared.design.modelAnalysis(
      model, family: family, by: estimation.domainVariables,
      tests: termTests, margins: margins, level: estimation.level)
    return (analysis, prepared)
  }
}
