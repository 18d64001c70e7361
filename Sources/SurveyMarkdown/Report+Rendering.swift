extension Report {
  /// The report as GitHub-flavoured Markdown: the title, then every block, separated by one blank
  /// line, ending with a single line break.
  ///
  /// The output depends on the blocks only: same blocks, same bytes (no dates, no dictionary
  /// order). Figures render as `![alternative text](figureFolder/fileName)`.
  ///
  /// - Parameter figureFolder: The folder of the SVG files, relative to the report; ``write(to:replacingExisting:)``
  ///   uses the report's file name without extension (`reports/survey.md` → `survey`).
  package func render(figureFolder: String = "figures") -> String {
    var parts: [String] = []
    if let title { parts.append("# " + Self.singleLine(language.typeset(title))) }
    for block in blocks {
      let text = Self.render(Self.typeset(block, language), figureFolder: figureFolder)
      if !text.isEmpty { parts.append(text) }
    }
    return parts.joined(separator: "\n\n") + "\n"
  }

  /// A block with the typography of `language`; code, comments and verbatim Markdown unchanged.
  static func typeset(_ block: Block, _ language: ReportLanguage) -> Block {
    guard language != .english else { return block }
    let typeset = language.typeset
    switch block {
    case .heading(let text, let level): return .heading(typeset(text), level: level)
    case .paragraph(let text): return .paragraph(typeset(text))
    case .bulletList(let items): return .bulletList(items.map(typeset))
    case .table(var table):
      table.columns = table.columns.map { MarkdownTable.Column(typeset($0.title), alignment: $0.alignment) }
      table.rows = table.rows.map { $0.map(typeset) }
      return .table(table)
    case .figure(var figure):
      figure.alternativeText = typeset(figure.alternativeText)
      return .figure(figure)
    case .notes(let notes): return .notes(notes.map(typeset))
    case .code, .comment, .markdown: return block
    }
  }

  static func render(_ block: Block, figureFolder: String) -> String {
    switch block {
    case .heading(let text, let level):
      return String(repeating: "#", count: min(max(level, 1), 6)) + " " + singleLine(text)
    case .paragraph(let text):
      return trimmedLines(text)
    case .bulletList(let items):
      return items.map { "- " + singleLine($0) }.joined(separator: "\n")
    case .table(let table):
      return table.columns.isEmpty ? "" : table.rendered
    case .figure(let figure):
      let alternative = singleLine(figure.alternativeText)
        .replacingAll("[", with: "(").replacingAll("]", with: ")")
      let folder = figureFolder.isEmpty ? "" : figureFolder + "/"
      return "![\(alternative)](\(folder)\(figure.fileName))"
    case .notes(let notes):
      // A note starting with "*", "-" or "+" would become a list item: escape the marker.
      return notes.map { note in
        let line = singleLine(note)
        return line.first.map { "*-+#".contains($0) } == true ? "\\" + line : line
      }.joined(separator: "\\\n")
    case .code(let code, let language):
      var fence = "```"
      while code.contains(fence) { fence += "`" }
      let body = code.hasSuffix("\n") ? String(code.dropLast()) : code
      return fence + (language ?? "") + "\n" + body + "\n" + fence
    case .comment(let text):
      return "<!-- " + singleLine(text).replacingAll("-->", with: "- ->") + " -->"
    case .markdown(let text):
      return trimmedLines(text)
    }
  }

  /// Text on one line: line breaks become spaces.
  static func singleLine(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 })
  }

  /// Text without leading or trailing blank lines, and without spaces at the end of lines.
  static func trimmedLines(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var line = Substring(line)
      while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
      return line
    }
    while let first = lines.first, first.isEmpty { lines.removeFirst() }
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// A copy with every occurrence of `target` replaced (no Foundation in this module).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, contains(target) else { return self }
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
