import Confiance

/// A command that estimates from a survey and its design (`estimate`, `gap`, `crosstab`, `scale`,
/// `mean`, `total`, `ratio`, `quantile`, `model`): the option groups of `estimate`, and its format.
protocol EstimatingCommand: PresentingCommand {
  var input: InputOptions { get }
  var design: DesignOptions { get }
  var raking: RakingOptions { get }
  var estimation: EstimationOptions { get }
}

extension EstimatingCommand {
  var format: OutputFormat { estimation.format }
}

extension PreparedSurvey {
  /// The survey of a numeric command, `variables` read as numbers; refuses variables that
  /// identify respondents or that no respondent answered.
  init(numeric variables: [String], of command: some EstimatingCommand, context: NotebookContext?) throws {
    let domains = command.estimation.domainVariables
    try self.init(
      input: command.input, design: command.design, raking: command.raking, columns: variables + domains,
      numericColumns: variables, context: context)
    try survey.checkingAnalysable(variables + domains)
    try survey.checkingNotEmpty(variables)
  }
}
