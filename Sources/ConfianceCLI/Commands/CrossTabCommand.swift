import ArgumentParser
import Confiance

/// `confiance crosstab`: a weighted two-way table with the Rao–Scott test of independence.
struct CrossTabCommand: ParsableCommand {
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

  @Option(name: .customLong("row"), help: ArgumentHelp("The variable whose categories are the rows.", valueName: "column"))
  var rowVariable: String

  @Option(name: .customLong("col"), help: ArgumentHelp("The variable whose categories are the columns.", valueName: "column"))
  var columnVariable: String

  @Option(name: .customLong("by"), help: ArgumentHelp(
    "Also make one table within each level of this variable (a domain). Repeat to cross variables.", valueName: "column"))
  var domainVariables: [String] = []

  @Option(name: .customLong("ci"), help: ArgumentHelp(
    "The confidence-interval method of every percentage: logit, likelihood, asin, beta, mean, xlogit or wilson.",
    valueName: "method"))
  var intervalMethod: IntervalMethod = .logit

  @Option(help: ArgumentHelp("The confidence level, between 0 and 1.", valueName: "level"))
  var level: Double = 0.95

  @Option(help: "Output format: text, json, csv or markdown.")
  var format: OutputFormat = .text

  func validate() throws {
    guard level > 0, level < 1 else {
      throw ValidationError("--level \(level) is not between 0 and 1; use e.g. --level 0.9 for 90% intervals.")
    }
    guard rowVariable != columnVariable else {
      throw ValidationError("--row and --col are both '\(rowVariable)'; a cross-tab needs two different variables.")
    }
  }

  func run() throws {
    print(try output(), terminator: "")
  }

  /// What the command prints.
  func output() throws -> String {
    let margins = try raking.margins()
    let loaded = try LoadedSurvey(
      input: input, design: design,
      columns: [rowVariable, columnVariable] + domainVariables + raking.columns(of: margins),
      margins: margins)
    let (surveyDesign, rakingResult) = try raking.apply(margins, to: loaded.makeDesign())
    let crossTab = try surveyDesign.crossTab(
      row: rowVariable, column: columnVariable, by: domainVariables, method: intervalMethod, level: level)
    let report = CrossTabReport(
      design: surveyDesign, crossTab: crossTab, method: intervalMethod, level: level,
      labels: VariableLabels(loaded.survey), raking: rakingResult)
    return report.rendered(as: format)
  }
}

/// Question texts of the analysed variables, for headings.
struct VariableLabels {
  private let labels: [String: String]

  init(_ survey: Survey) {
    var labels: [String: String] = [:]
    for variable in survey.variables { labels[variable.name] = variable.label }
    self.labels = labels
  }

  /// `name`, followed by its question text when the codebook gives one.
  func heading(_ name: String) -> String {
    labels[name].map { "\(name) (\($0))" } ?? name
  }
}

extension CrossTabCommand: MarkdownProducing {
  /// Column percentages with flags and the Rao–Scott test, for every domain of --by; raked when
  /// the cell or the notebook names targets.
  func markdownBlocks(context: NotebookContext) throws -> [Block] {
    let raking = context.filling(self.raking)
    let margins = try raking.margins()
    let loaded = try LoadedSurvey(
      input: context.filling(input), design: context.filling(design),
      columns: [rowVariable, columnVariable] + domainVariables + raking.columns(of: margins),
      margins: margins)
    let (surveyDesign, rakingResult) = try raking.apply(margins, to: loaded.makeDesign())
    var blocks: [Block] = []
    if let rakingResult, let targets = raking.rakeTo {
      let table = RakingTable(rakingResult, survey: surveyDesign.survey, language: context.language).blocks
      blocks += context.memory.describedTargets.insert(targets).inserted ? table : Array(table.prefix(1))
    }
    let crossTab = try surveyDesign.crossTab(
      row: rowVariable, column: columnVariable, by: domainVariables, method: intervalMethod, level: level)
    return blocks + ColumnShareTable(
      crossTab, survey: surveyDesign.survey, language: context.language, minimumCellSize: context.minimumCellSize,
      codebook: loaded.codebook
    ).blocks
  }
}
