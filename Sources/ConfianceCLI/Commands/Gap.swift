import ArgumentParser
import Confiance
import Foundation
import SurveyDatabase

/// `confiance gap`: the privacy paradox — how many are concerned, how many act, and the gap
/// between the two on the same respondents.
struct Gap: EstimatingCommand {
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

        # Where the data lives: PostgreSQL or Spark sums by group, only aggregates come back
        confiance gap postgresql://me@db.example:5432/surveys --table public.fr2025 \\
          --concern concern_data_use=4,5 --action protect_cookies=1 \\
          --by age_band --weight w --strata region --psu point

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
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

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

  func validate() throws {
    guard let concern else { throw ValidationError("say who is concerned, e.g. --concern concern_data_use=4,5.") }
    _ = try Self.indicator(concern, option: "--concern")
    guard !actions.isEmpty else {
      throw ValidationError("name at least one protective behaviour, e.g. --action protect_cookies=1.")
    }
    _ = try definition()
    guard minActions >= 1, minActions <= actions.count else {
      throw ValidationError(
        "--min-actions \(minActions) is not between 1 (any action) and \(actions.count) (all \(actions.count) --action items).")
    }
  }

  /// `concern_data_use=4,5` as an ``Indicator``.
  static func indicator(_ text: String, option: String) throws -> Indicator {
    guard let indicator = Indicator(text: text) else {
      throw ValidationError(text.contains("=")
        ? "'\(option) \(text)' is not understood: write \(option) ITEM=VALUE[,VALUE], e.g. \(option) concern_data_use=4,5."
        : "'\(option) \(text)' needs the values that count: write \(option) \(text.isEmpty ? "item" : text)=VALUE[,VALUE] (e.g. \(option) concern_data_use=4,5).")
    }
    return indicator
  }

  /// The definition the options declare.
  func definition() throws -> ParadoxDefinition {
    ParadoxDefinition(
      concern: try Self.indicator(concern ?? "", option: "--concern"),
      actions: try actions.map { try Self.indicator($0, option: "--action") }, minimumActions: minActions)
  }

  func run() throws {
    try run(database, input, raking) { try $0.paradoxWaiting(
      try definition(), by: estimation.domainVariables, declaration: design.declaration,
      method: estimation.intervalMethod, level: estimation.level) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let definition = try definition()
    let items = ([definition.concern] + definition.actions).map(\.variable)
    let prepared = try PreparedSurvey(
      input: input, design: design, raking: raking, columns: items + estimation.domainVariables, context: context)
    try prepared.survey.checkingAnalysable(items + estimation.domainVariables)
    let analysis = try prepared.design.paradox(
      definition, by: estimation.domainVariables, method: estimation.intervalMethod, level: estimation.level)
    return (analysis, prepared)
  }
}
