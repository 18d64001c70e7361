/// One block of a Markdown document: what a ``Report`` is made of.
///
/// Markdown has few block kinds, so a report is a flat list of these values and
/// `Report.render(figureFolder:)` turns them into GitHub-flavoured Markdown, always the same bytes
/// for the same blocks.
///
/// ```swift
/// let blocks: [Block] = [
///   .heading("Trust", level: 2),
///   .paragraph("Weighted shares, 95% confidence intervals."),
///   .table(MarkdownTable(columns: [.init("Item"), .init("%", alignment: .right)], rows: [["Banks", "61.2"]])),
/// ]
/// ```
public enum Block: Sendable, Hashable {
  /// A heading of level 1–6 (`## Trust`). Its text is Markdown inline text.
  case heading(String, level: Int)
  /// A paragraph of Markdown inline text.
  case paragraph(String)
  /// A bulleted list; each item is Markdown inline text.
  case bulletList([String])
  /// A table.
  case table(MarkdownTable)
  /// A chart: rendered as an image link to `figureFolder/fileName`; its SVG text is written next
  /// to the report by ``Report/write(to:replacingExisting:)``.
  case figure(Figure)
  /// Notes under a table or chart (reliability flags, suppressed cells), one line each.
  case notes([String])
  /// A fenced code block, with an optional info string (`sh`, `swift`).
  case code(String, language: String?)
  /// An HTML comment that records where the next blocks came from; invisible when rendered.
  case comment(String)
  /// Markdown kept verbatim, such as the prose of a notebook.
  case markdown(String)
}
