import ArgumentParser
import Confiance
import SurveyDatabase

/// `confiance quantile`: weighted quantiles of numeric variables with Woodruff intervals.
struct QuantileCommand: EstimatingCommand {
  static let configuration = CommandConfiguration(
    commandName: "quantile",
    abstract: "Weighted medians, quartiles and other quantiles of numeric variables, with Woodruff confidence intervals.",
    discussion: """
      For each --var and probability p: the smallest value whose weighted share of the respondents with a value reaches p, and Woodruff's interval — the quantiles at the bounds of the t interval of that share, on the design degrees of freedom; a bound beyond the data is null. The standard error is the interval's width / (2t). These are the numbers of R survey 4.1's svyquantile(~y, design, p, ci = TRUE, na.rm = TRUE) with its defaults (qrule = "math", interval.type = "mean").

      Examples:
        # The median (the default)
        confiance quantile survey.csv --var hours_online

        # Quartiles of the API score, cluster sample of districts
        confiance quantile apiclus1.csv --var api00 --quantiles 0.25,0.5,0.75 \\
          --weight pw --psu dnum --fpc fpc

        # Deciles 1 and 9 by age band, as JSON
        confiance quantile survey.csv --var monthly_spend --quantiles 0.1,0.9 \\
          --by age_band --format json
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(name: .customLong("var"), help: ArgumentHelp("A numeric variable. Repeatable.", valueName: "column"))
  var variables: [String] = []

  @Option(help: ArgumentHelp(
    "The probabilities, strictly between 0 and 1, separated by commas (0.25,0.5,0.75 for the quartiles). Default: 0.5, the median.",
    valueName: "p,p,…"))
  var quantiles = "0.5"

  @Option(help: ArgumentHelp(
    "The interval: woodruff (default; R's interval.type = \"mean\") or, on a replicate design, replicates (R's \"quantile\").",
    valueName: "type"))
  var interval: QuantileInterval = .woodruff

  /// The probabilities of `--quantiles`.
  var probabilities: [Double] {
    get throws {
      try quantiles.split(separator: ",", omittingEmptySubsequences: false).map { text in
        guard let p = Double(text.filter { !$0.isWhitespace }), p > 0, p < 1 else {
          throw ValidationError(
            "--quantiles \(quantiles): '\(text)' is not a probability strictly between 0 and 1. "
              + "Write probabilities with a decimal point, separated by commas: --quantiles 0.25,0.5,0.75.")
        }
        return p
      }
    }
  }

  func validate() throws {
    guard !variables.isEmpty else { throw ValidationError("name at least one variable, e.g. --var hours_online.") }
    _ = try probabilities
    try estimation.refusingIntervalMethod("quantiles have Woodruff intervals")
  }

  func run() throws {
    try run(database, input, raking) { try $0.quantilesWaiting(of: variables, probabilities: probabilities,
      by: estimation.domainVariables, declaration: design.declaration, level: estimation.level, interval: interval) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let prepared = try PreparedSurvey(numeric: variables, of: self, context: context)
    let quantiles = try prepared.design.quantiles(
      of: variables, probabilities: probabilities, by: estimation.domainVariables, level: estimation.level,
      interval: interval)
    return (quantiles, prepared)
  }
}

extension QuantileInterval: ExpressibleByArgument {
  /// Reads the interval method from its command-line name (`woodruff`, `replicate`…).
  public init?(argument: String) { self.init(name: argument) }
}
