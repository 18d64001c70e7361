import ArgumentParser
import Confiance
import Foundation

/// `confiance gap`: the privacy paradox — how many are concerned, how many act, and the gap
/// between the two on the same respondents.
struct Gap: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The privacy paradox: the share concerned, the share acting, and the gap between them, design-based.",
    discussion: """
      A respondent is concerned when the --concern item has one of the listed values, and acting when at least --min-actions (default 1: any) of the --action items have theirs. Respondents missing any of these items are left out (masked, so the design keeps every PSU).

      For the whole sample and every domain of --by:
        concerned, acting   weighted shares, with the --ci interval (R svyciprop)
        gap                 P(concerned) - P(acting) on the same respondents
                            (variance V11 + V22 - 2 V12), t interval and
                            design-based paired test
        paradox share       P(concerned and not acting)
        inaction            P(not acting | concerned), a ratio (R svyratio)
        phi, odds ratio     association in the weighted 2x2 table (delta
                            method; the odds ratio on the log scale)
        McNemar counts      unweighted: concerned not acting, acting not
                            concerned
      With --by, the gap and the paradox share are also compared between every pair of domains (covariance between domains included), with Holm-adjusted p-values.

      Examples:
        # Top-2 box of a 5-point concern item against one behaviour
        confiance gap surveys/example-privacy.csv \\
          --concern concern_data_use=4,5 --action protect_cookies=1

        # Acting = any of two behaviours, by age band, with the design
        confiance gap survey.csv --concern concern_data_use=4,5 \\
          --action protect_settings=1 --action protect_cookies=1 \\
          --by age_band --weight weight --strata region --psu point

        # Raked to census margins first; standard errors account for the raking
        confiance gap survey.csv --concern concern_data_use=4,5 \\
          --action protect_cookies=1 --by age_band \\
          --weight weight --strata region --psu point --rake-to census.csv

        # Acting = at least 2 of 3 behaviours (one coded yes/no); JSON
        confiance gap survey.csv --concern concern_data_use=5 \\
          --action protect_settings=1 --action protect_cookies=1 \\
          --action vpn=yes --min-actions 2 --format json

      Values are written as in the file; numbers also match numerically (4 matches 4.0). The gap's interval and test use Student's t with the design degrees of freedom of the domain (PSUs - strata), as R's confint(svycontrast(...), df = degf(design)); R's svyttest(I(C - A) ~ 0) uses one degree of freedom fewer.

      Interval methods for the shares (--ci): logit (default, as R), likelihood, asin, beta (alias korn-graubard), mean (alias wald), xlogit, wilson.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions

  @Option(help: ArgumentHelp(
    "Who is concerned: an item and the values that count, e.g. concern_data_use=4,5.", valueName: "item=values"))
  var concern: String?

  @Option(name: .customLong("action"), help: ArgumentHelp(
    "A protective behaviour and the values that mean 'did it', e.g. protect_cookies=1. Repeatable.",
    valueName: "item=values"))
  var actions: [String] = []

  @Option(help: ArgumentHelp(
    "How many of the --action items a respondent must have done to count as acting (default 1: any).",
    valueName: "k"))
  var minActions: Int = 1

  @Option(name: .customLong("by"), help: ArgumentHelp(
    "Estimate within each level of this variable (a domain) and compare the domains. Repeat to cross variables.",
    valueName: "column"))
  var domainVariables: [String] = []

  @Option(name: .customLong("ci"), help: ArgumentHelp(
    "The interval method of the shares: logit, likelihood, asin, beta, mean, xlogit or wilson.", valueName: "method"))
  var intervalMethod: IntervalMethod = .logit

  @Option(help: ArgumentHelp("The confidence level, between 0 and 1.", valueName: "level"))
  var level: Double = 0.95

  @Option(help: "Output format: text, json, csv or markdown.")
  var format: OutputFormat = .text

  func validate() throws {
    guard let concern else {
      throw ValidationError("say who is concerned, e.g. --concern concern_data_use=4,5.")
    }
    _ = try Self.indicator(concern, option: "--concern")
    guard !actions.isEmpty else {
      throw ValidationError("name at least one protective behaviour, e.g. --action protect_cookies=1.")
    }
    for action in actions { _ = try Self.indicator(action, option: "--action") }
    guard minActions >= 1, minActions <= actions.count else {
      throw ValidationError(
        "--min-actions \(minActions) is not between 1 (any action) and \(actions.count) (all \(actions.count) --action items).")
    }
    guard level > 0, level < 1 else {
      throw ValidationError("--level \(level) is not between 0 and 1; use e.g. --level 0.9 for 90% intervals.")
    }
  }

  /// `concern_data_use=4,5` as an ``Indicator``.
  static func indicator(_ text: String, option: String) throws -> Indicator {
    guard let equals = text.firstIndex(of: "=") else {
      throw ValidationError(
        "'\(option) \(text)' needs the values that count: write \(option) \(text.isEmpty ? "item" : text)=VALUE[,VALUE] (e.g. \(option) concern_data_use=4,5).")
    }
    let name = String(text[..<equals])
    let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
      .map { String($0).trimmingCharacters(in: .whitespaces) }
    guard !name.isEmpty, !values.isEmpty, !values.contains(where: \.isEmpty) else {
      throw ValidationError(
        "'\(option) \(text)' is not understood: write \(option) ITEM=VALUE[,VALUE], e.g. \(option) concern_data_use=4,5.")
    }
    return Indicator(variable: name, values: values)
  }

  /// The definition the options declare.
  func definition() throws -> ParadoxDefinition {
    ParadoxDefinition(
      concern: try Self.indicator(concern ?? "", option: "--concern"),
      actions: try actions.map { try Self.indicator($0, option: "--action") }, minimumActions: minActions)
  }

  func run() throws {
    print(try output(), terminator: "")
  }

  /// What the command prints.
  func output() throws -> String {
    let definition = try definition()
    let items = ([definition.concern] + definition.actions).map(\.variable)
    let margins = try raking.margins()
    let loaded = try LoadedSurvey(
      input: input, design: design, columns: items + domainVariables + raking.columns(of: margins),
      margins: margins)
    try loaded.refusingIdentifiers(items, option: "--concern/--action")
    try loaded.refusingIdentifiers(domainVariables, option: "--by")
    let (surveyDesign, rakingResult) = try raking.apply(margins, to: loaded.makeDesign())
    let analysis = try surveyDesign.paradox(definition, by: domainVariables, method: intervalMethod, level: level)
    return GapReport(design: surveyDesign, analysis: analysis, raking: rakingResult).rendered(as: format)
  }
}

extension Gap: MarkdownProducing {
  /// The overall measures, one row per domain of --by, the paradox chart and the Holm-significant
  /// differences between domains.
  func markdownBlocks(context: NotebookContext) throws -> [Block] {
    let definition = try definition()
    let items = ([definition.concern] + definition.actions).map(\.variable)
    // The notebook's targets apply to every cell: gap has no --rake-to of its own.
    let raking = try RakingOptions.parse(context.targets.map { ["--rake-to", $0] } ?? [])
    let margins = try raking.margins()
    let loaded = try LoadedSurvey(
      input: context.filling(input), design: context.filling(design),
      columns: items + domainVariables + raking.columns(of: margins),
      margins: margins)
    let (surveyDesign, _) = try raking.apply(margins, to: loaded.makeDesign())
    let analysis = try surveyDesign.paradox(definition, by: domainVariables, method: intervalMethod, level: level)
    let table = ParadoxTable(
      [analysis], survey: surveyDesign.survey, language: context.language, minimumCellSize: context.minimumCellSize,
      chartFileName: "cell-\(context.cellNumber)-paradox.svg", codebook: loaded.codebook)
    let language = context.language
    let definitionText = Block.paragraph(language.text(
      "**Concerned**: `\(definition.concernDescription)`. **Acting**: `\(definition.actingDescription)`.",
      "**Inquiets** : `\(definition.concernDescription)`. **Agissent** : `\(definition.actingDescription)`."))
    return [definitionText] + table.blocks() + table.comparisonBlocks
  }
}
