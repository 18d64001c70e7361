/// A GitHub-flavoured Markdown table: column titles with their alignment, then rows of cells.
///
/// Cells are Markdown inline text; a `|` inside a cell is escaped when rendered and line breaks
/// become spaces, so a cell can never break the table.
///
/// ```swift
/// let table = MarkdownTable(
///   columns: [.init("Item"), .init("%", alignment: .right)],
///   rows: [["Banks", "61.2"], ["Social networks", "18.4"]])
/// table.rendered
/// // | Item | % |
/// // | --- | ---: |
/// // | Banks | 61.2 |
/// // | Social networks | 18.4 |
/// ```
public struct MarkdownTable: Sendable, Hashable {
  /// How the cells of a column line up.
  package enum Alignment: Sendable, Hashable {
    /// Text columns.
    case left
    /// Number columns.
    case right
    /// Short markers.
    case center
  }

  /// One column: its title and alignment.
  package struct Column: Sendable, Hashable {
    /// The title in the header row.
    package var title: String
    /// How the column's cells line up.
    package var alignment: Alignment

    /// Creates a column.
    package init(_ title: String, alignment: Alignment = .left) {
      self.title = title
      self.alignment = alignment
    }
  }

  /// The columns, in order.
  package var columns: [Column]
  /// The rows; each has one cell per column (missing cells render empty, extra cells are dropped).
  package var rows: [[String]]

  /// Creates a table.
  package init(columns: [Column], rows: [[String]] = []) {
    self.columns = columns
    self.rows = rows
  }

  /// The table as GitHub-flavoured Markdown, without a trailing line break.
  package var rendered: String {
    let header = "| " + columns.map { Self.escaped($0.title) }.joined(separator: " | ") + " |"
    let rule = "|" + columns.map { column -> String in
      switch column.alignment {
      case .left: return " --- |"
      case .right: return " ---: |"
      case .center: return " :---: |"
      }
    }.joined()
    let body = rows.map { row -> String in
      let cells = columns.indices.map { index in index < row.count ? Self.escaped(row[index]) : "" }
      return "| " + cells.joined(separator: " | ") + " |"
    }
    return ([header, rule] + body).joined(separator: "\n")
  }

  /// A cell's text with `|` escaped and line breaks turned into spaces.
  static func escaped(_ text: String) -> String {
    var result = ""
    var previous: Character = " "
    for character in text {
      switch character {
      case "|" where previous != "\\": result += "\\|"
      case "\n", "\r", "\r\n": result += " "
      default: result.append(character)
      }
      previous = character
    }
    return result
  }
}
