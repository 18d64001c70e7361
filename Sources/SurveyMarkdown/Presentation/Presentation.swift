public import SurveyStatistics

/// A result that can be shown: the one presentation of each result type, shared by the command
/// line's `--format`, notebook cells and reports, so that they always agree.
///
/// - ``json``: the documented JSON contract (`docs/json-contract.md`): fields are added, never
///   renamed.
/// - ``textTable``: aligned plain text for a terminal; also the result's `description`, so
///   `print(result)` shows it.
/// - ``csvTable``: one row per estimate, numbers in full precision.
/// - ``blocks(_:)``: Markdown tables, notes and charts for notebooks, reports and
///   `--format markdown`, with small cells suppressed and flagged.
///
/// ```swift
/// let shares = try design.proportions(of: "concern_data_use")
/// print(shares)                                       // the text table
/// shares.rendered(as: .json)                          // the JSON contract
/// Report(blocks: shares.blocks(PresentationStyle())).render()
/// ```
public protocol Presentation: CustomStringConvertible, Encodable {
  /// The design the result was computed on (`nil` for a result built by hand).
  var designSummary: DesignSummary? { get }
  /// The result in the JSON contract.
  var json: JSONValue { get }
  /// An aligned plain-text table, with the design and method above it.
  var textTable: String { get }
  /// A CSV table with a header row, numbers in full precision.
  var csvTable: String { get }
  /// The result as Markdown blocks in `style`'s language, small cells suppressed and flagged.
  func blocks(_ style: PresentationStyle) -> [Block]
}

extension Presentation {
  /// The text table.
  public var description: String { textTable }

  /// Encodes the JSON contract (``json``), keys in their documented order.
  public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }

  /// The result in `format`. Markdown is the design (and raking) in one paragraph, then the
  /// blocks' tables and notes — those of a notebook cell; charts are written only by reports and
  /// notebooks, which have a folder for them.
  public func rendered(as format: OutputFormat, style: PresentationStyle = PresentationStyle()) -> String {
    switch format {
    case .text: return textTable
    case .json: return json.serialized()
    case .csv: return csvTable
    case .markdown:
      let shown = blocks(style).filter { if case .figure = $0 { return false } else { return true } }
      let design = designSummary.map { [Block.paragraph($0.summaryLines.split(separator: "\n").joined(separator: "  \n"))] }
      return Report(blocks: (design ?? []) + shown, language: style.language).render()
    }
  }
}

/// How a result is printed.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
  /// An aligned table for a terminal.
  case text
  /// The documented JSON contract.
  case json
  /// One row per estimate.
  case csv
  /// GitHub-flavoured Markdown: the tables and notes of a notebook cell.
  case markdown
}

/// The choices of a Markdown presentation: language, disclosure threshold, labels and chart names.
public struct PresentationStyle: Sendable {
  /// The language of headers, notes and numbers.
  package var language: ReportLanguage
  /// Cells with fewer respondents than this are not printed (the usual disclosure rule: 10).
  package var minimumCellSize: Int
  /// The survey whose question texts and answer labels name the rows; `nil` for names and codes.
  package var survey: Survey?
  /// What the names of chart files start with, in the document's figure folder (`cell-3-`).
  package var chartPrefix: String
  /// The title of the section the result is shown in (a notebook's last heading), which titles its
  /// charts; `nil` for the standard titles.
  package var sectionTitle: String?
  /// The software and its version, for the source line under charts (`confiance 0.1.0`).
  package var software: String?

  /// A style; the defaults are English, 10 respondents, no labels.
  public init(
    language: ReportLanguage = .english, minimumCellSize: Int = 10, survey: Survey? = nil,
    chartPrefix: String = "", sectionTitle: String? = nil, software: String? = nil
  ) {
    self.language = language
    self.minimumCellSize = minimumCellSize
    self.survey = survey
    self.chartPrefix = chartPrefix
    self.sectionTitle = sectionTitle
    self.software = software
  }

  /// The codebook of ``survey``, which orders categories as the questionnaire does.
  var codebook: Codebook? { survey?.codebook }
}
