import ArgumentParser
import Confiance

/// `confiance estimate`: weighted proportions of categorical variables with confidence intervals.
struct Estimate: ParsableCommand {
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

        # Codes 9 and 99 mean "refused" for concern; JSON for scripts
        confiance estimate survey.csv --var concern \\
          --missing concern=9,99 --format json

      Interval methods (--ci): logit (default, as R), likelihood, asin, beta (alias korn-graubard), mean (alias wald), xlogit, wilson.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions

  @Option(name: .customLong("var"), help: ArgumentHelp("A categorical variable to estimate. Repeatable.", valueName: "column"))
  var variables: [String] = []

  @Option(name: .customLong("by"), help: ArgumentHelp(
    "Estimate within each level of this variable (a domain). Repeat to cross variables.", valueName: "column"))
  var domainVariables: [String] = []

  @Option(name: .customLong("ci"), help: ArgumentHelp(
    "The confidence-interval method: logit, likelihood, asin, beta, mean, xlogit or wilson.", valueName: "method"))
  var intervalMethod: IntervalMethod = .logit

  @Option(help: ArgumentHelp("The confidence level, between 0 and 1.", valueName: "level"))
  var level: Double = 0.95

  @Option(help: "Output format: text, json, csv or markdown.")
  var format: OutputFormat = .text

  func validate() throws {
    guard !variables.isEmpty else {
      throw ValidationError("name at least one variable to estimate, e.g. --var concern.")
    }
    guard level > 0, level < 1 else {
      throw ValidationError("--level \(level) is not between 0 and 1; use e.g. --level 0.9 for 90% intervals.")
    }
  }

  func run() throws {
    print(try output(), terminator: "")
  }

  /// What the command prints.
  func output() throws -> String {
    let margins = try raking.margins()
    let loaded = try LoadedSurvey(
      input: input, design: design, columns: variables + domainVariables + raking.columns(of: margins),
      margins: margins)
    try loaded.refusingIdentifiers(variables, option: "--var")
    try loaded.refusingIdentifiers(domainVariables, option: "--by")
    try loaded.refusingEmptyVariables(variables)
    let (surveyDesign, rakingResult) = try raking.apply(margins, to: loaded.makeDesign())
    let estimates = try surveyDesign.proportions(
      of: variables, by: domainVariables, method: intervalMethod, level: level)
    let report = EstimateReport(design: surveyDesign, estimates: estimates)
    guard let rakingResult else { return try report.rendered(as: format) }
    return try report.rendered(as: format, raking: rakingResult)
  }
}

extension IntervalMethod: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
}

extension Estimate: MarkdownProducing {
  /// One table per variable, with labels from the codebook and small cells suppressed; with
  /// raking (`--rake-to` or the notebook's `targets:`), what the raking did comes first.
  func markdownBlocks(context: NotebookContext) throws -> [Block] {
    let raking = context.filling(self.raking)
    let margins = try raking.margins()
    let loaded = try LoadedSurvey(
      input: context.filling(input), design: context.filling(design),
      columns: variables + domainVariables + raking.columns(of: margins),
      margins: margins)
    let (surveyDesign, rakingResult) = try raking.apply(margins, to: loaded.makeDesign())
    var blocks: [Block] = []
    if let rakingResult, let targets = raking.rakeTo {
      let table = RakingTable(rakingResult, survey: surveyDesign.survey, language: context.language).blocks
      // The margins table once per targets file; later cells only say that they are raked.
      blocks += context.memory.describedTargets.insert(targets).inserted ? table : Array(table.prefix(1))
    }
    for variable in variables {
      let estimates = try surveyDesign.proportions(
        of: variable, by: domainVariables, method: intervalMethod, level: level)
      blocks += ProportionTable(
        estimates, survey: surveyDesign.survey, language: context.language,
        minimumCellSize: context.minimumCellSize, codebook: loaded.codebook
      ).blocks
    }
    return blocks
  }
}
