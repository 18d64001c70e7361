import ArgumentParser
import Confiance
import Foundation
import SurveyDatabase

/// `confiance scale`: a multi-item scale score, its reliability, and item by item the mean
/// answer and the top/bottom-box shares.
struct ScaleCommand: EstimatingCommand {
  static let configuration = CommandConfiguration(
    commandName: "scale",
    abstract: "Scale scores and ordinal items: weighted mean score with its interval, Cronbach's α, item-total correlations, top-2 and bottom-2 box shares.",
    discussion: """
      Each respondent's score is the mean of their answers to the --items, with --reverse items turned around (on a 1–5 scale, 5 becomes 1). By default a score needs every item answered; --min-items 3 gives a score to whoever answered at least 3 items (the mean of those). The weighted mean score comes with its design-based standard error and a t interval on the design degrees of freedom (R survey's svymean). Reliability uses the respondents who answered every item: Cronbach's α, the design-weighted α (R survey's svycralpha), the corrected item-total correlation of each item and α without it.

      For each item: its weighted mean answer, and the shares in the top box and the bottom box (the --box highest and lowest answers, 2 by default) with the intervals of --ci, as `confiance estimate` gives them. A single item (--items concern) is the analysis of one ordinal question.

      Examples:
        # A single 1-5 question: mean score and top-2 / bottom-2 box
        confiance scale survey.csv --items concern_data_use

        # A trust scale with one reverse-keyed item, by age band
        confiance scale survey.csv --items trust_ecommerce,trust_social,trust_bank \\
          --reverse trust_social --by age_band

        # IUIPC on a 7-point scale, prorated scores, JSON for scripts
        confiance scale survey.csv --items iuipc_ctrl1,iuipc_ctrl2,iuipc_awa1,iuipc_coll1 \\
          --range 1,7 --min-items 3 --format json

      The answer range (for reversing and the boxes) comes from --range, else from the items' categories in the codebook (leaving out missing codes), else from the lowest and highest answers seen (in a postgresql:// or sc:// --table, which has no codebook: MIN and MAX). Declare codes such as 9 "refused" missing (--missing item=9): an answer outside the range is an error.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions
  @OptionGroup(title: "Weighting") var raking: RakingOptions
  @OptionGroup(title: "Estimation") var estimation: EstimationOptions
  @OptionGroup(title: "Database") var database: DatabaseOptions

  @Option(help: ArgumentHelp("The items of the scale, comma-separated or repeated.", valueName: "columns"))
  var items: [String] = []

  @Option(help: ArgumentHelp("The reverse-keyed items among --items, comma-separated or repeated.", valueName: "columns"))
  var reverse: [String] = []

  @Option(help: ArgumentHelp("The lowest and highest answer codes, e.g. 1,5 or 1,7.", valueName: "low,high"))
  var range: String?

  @Option(help: ArgumentHelp("A score needs at least this many answered items. Default: all of them.", valueName: "count"))
  var minItems: Int?

  @Option(help: ArgumentHelp("How many answer codes at each end make the top and bottom boxes.", valueName: "count"))
  var box: Int = 2

  /// `--items a,b --items c` → [a, b, c].
  private static func names(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",").map { String($0.trimmingCharacters(in: .whitespaces)) } }
      .filter { !$0.isEmpty }
  }

  var itemNames: [String] { Self.names(items) }
  var reversedNames: [String] { Self.names(reverse) }

  /// The `--range`, parsed.
  func answerRange() throws -> ClosedRange<Double>? {
    guard let range else { return nil }
    let parts = range.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let low = parts[0], let high = parts[1], low.isFinite, high.isFinite, low < high else {
      throw ValidationError("'--range \(range)' is not understood; give the lowest and highest answer codes, e.g. --range 1,5.")
    }
    return low...high
  }

  func validate() throws {
    guard !itemNames.isEmpty else {
      throw ValidationError("name the items of the scale, e.g. --items trust1,trust2,trust3 (or one item for an ordinal question).")
    }
    guard box >= 1 else { throw ValidationError("--box \(box) must be 1 or more (2 for top-2-box).") }
    _ = try answerRange()
  }

  /// The scale the options declare; without --range, `range` (the codebook's).
  func scale(range: ClosedRange<Double>? = nil) throws -> ScaleDefinition {
    ScaleDefinition(items: itemNames, reversedItems: reversedNames, range: try answerRange() ?? range, minimumAnsweredItems: minItems)
  }

  func run() throws {
    try run(database, input, raking) { try $0.scaleAnalysisWaiting(try scale(), by: estimation.domainVariables,
      declaration: design.declaration, boxSize: box, method: estimation.intervalMethod, level: estimation.level) }
  }

  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey) {
    let prepared = try PreparedSurvey(
      input: input, design: design, raking: raking, columns: itemNames + estimation.domainVariables, context: context)
    let analysis = try prepared.design.scaleAnalysis(try scale(range: prepared.survey.codebook?.answerRange(of: itemNames)),
      by: estimation.domainVariables, boxSize: box, method: estimation.intervalMethod, level: estimation.level)
    return (analysis, prepared)
  }
}
