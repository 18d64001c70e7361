/// A Markdown document: a title and a list of ``Block`` values, rendered by
/// `render(figureFolder:)` and written, with its charts, by ``write(to:replacingExisting:)``.
///
/// A report is a value: building one computes nothing and touches no file.
///
/// ```swift
/// var report = Report(title: "Privacy survey")
/// report.append(.paragraph("2,145 respondents."))
/// report.render()
/// // # Privacy survey
/// //
/// // 2,145 respondents.
/// ```
public struct Report: Sendable, Hashable {
  /// The title, rendered as a level-1 heading; `nil` for a document whose blocks carry their own
  /// title (a rendered notebook).
  package var title: String?
  /// The blocks, in reading order.
  package var blocks: [Block]
  /// The language of the text, whose typography ``render(figureFolder:)`` applies: in French, a
  /// narrow no-break space before ; : ! ? and inside « » in every heading, paragraph, list, table
  /// and note (code, comments and Markdown kept verbatim, such as a notebook's prose, are left as
  /// written).
  package var language: ReportLanguage

  /// Creates a report.
  public init(title: String? = nil, blocks: [Block] = [], language: ReportLanguage = .english) {
    self.title = title
    self.blocks = blocks
    self.language = language
  }

  /// Adds a block at the end.
  public mutating func append(_ block: Block) { blocks.append(block) }

  /// Adds blocks at the end.
  public mutating func append(contentsOf newBlocks: [Block]) { blocks += newBlocks }

  /// The charts of the report, in order of appearance.
  package var figures: [Figure] {
    blocks.compactMap { block in
      if case .figure(let figure) = block { return figure }
      return nil
    }
  }
}

extension Report {
  /// The folder (possibly empty) and the file name of a path.
  package static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[..<slash]), String(path[path.index(after: slash)...]))
  }

  /// A file name without its last extension (`survey.md` → `survey`).
  package static func stem(of name: String) -> String {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name + "-figures" }
    return String(name[..<dot])
  }
}
