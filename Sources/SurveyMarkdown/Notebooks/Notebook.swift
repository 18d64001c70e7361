/// A Markdown analysis notebook: a front-matter block naming the survey and its design, prose,
/// and fenced ` ```confiance ` cells holding ordinary command lines.
///
/// ````markdown
/// ---
/// survey: surveys/example-privacy.csv
/// codebook: surveys/example-privacy.codebook.yaml
/// design:
///   weight: weight
///   strata: region
///   psu: point
/// ---
/// # Who worries?
///
/// ```confiance
/// estimate --var concern_data_use --by age_band
/// ```
/// ````
///
/// Parsing never fails: text that is not front matter or a cell is prose, and what cannot be what
/// the author meant (a cell never closed, a front-matter line that is not `key: value`) is listed
/// in ``problems``. Running the cells is the command line's job (`confiance render`), which stops
/// on the first problem and parses each cell line with the same grammar as the command line itself.
package struct Notebook: Sendable, Hashable {
  /// One line of a cell, with its 1-based line number in the notebook file.
  package struct Line: Sendable, Hashable {
    /// The line's number in the file.
    package var number: Int
    /// The command, with any continuation lines (ending in `\`) joined.
    package var text: String
  }

  /// A part of the notebook, in file order.
  package enum Part: Sendable, Hashable {
    /// Markdown kept as written.
    case prose(String)
    /// A ` ```confiance ` cell: its commands (blank lines and `#` comments dropped).
    case cell(lines: [Line], startLine: Int)
  }

  /// Something that parses but is almost certainly a mistake, with its 1-based line.
  package enum Problem: Sendable, Hashable {
    /// The file starts with `---` but no later `---` (or `...`) line closes the front matter; the
    /// whole file is then read as prose.
    case unclosedFrontMatter
    /// A front-matter line that is neither blank, a `#` comment, nor `key: value`.
    case frontMatterLineWithoutKey(line: Int, text: String)
    /// A front-matter key written a second time (the later value and line are the ones kept).
    case repeatedFrontMatterKey(key: String, line: Int, firstLine: Int)
    /// A ` ```confiance ` cell whose closing fence never comes: it runs to the end of the file.
    case unclosedCell(line: Int)

    /// The line the problem is on.
    package var line: Int {
      switch self {
      case .unclosedFrontMatter: 1
      case .frontMatterLineWithoutKey(let line, _), .repeatedFrontMatterKey(_, let line, _), .unclosedCell(let line): line
      }
    }
  }

  /// The front matter's `key: value` pairs; a key with an indented block under it (`design:`)
  /// is stored as `design.weight`, `design.strata`… Values are unquoted.
  package var frontMatter: [String: String]
  /// The line on which each front-matter key is written, for messages.
  package var frontMatterLines: [String: Int]
  /// The prose and cells.
  package var parts: [Part]
  /// What looks wrong, in file order.
  package var problems: [Problem]

  /// The info string that marks an executable cell.
  package static let cellLanguage = "confiance"

  /// Parses a notebook.
  ///
  /// - Complexity: O(characters).
  package init(parsing text: String) {
    // A byte order mark (editors on Windows write one) is not part of the first line.
    let text = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
    // "\r\n" is one Character in Swift, which a split on "\n" would not see.
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
      line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
    var index = 0
    var frontMatter: [String: String] = [:]
    var frontMatterLines: [String: Int] = [:]
    var problems: [Problem] = []
    if lines.first == "---" {
      if let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) {
        var parent: String?
        for lineIndex in 1..<end {
          let line = lines[lineIndex]
          let trimmed = line.trimmingBlanks()
          guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
          guard let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex else {
            problems.append(.frontMatterLineWithoutKey(line: lineIndex + 1, text: trimmed))
            continue
          }
          var key = String(trimmed[..<colon]).trimmingBlanks()
          let value = Self.unquoted(String(trimmed[trimmed.index(after: colon)...]).trimmingBlanks())
          let isIndented = line.first == " " || line.first == "\t"
          if isIndented, let parent {
            key = parent + "." + key
          } else {
            parent = value.isEmpty ? key : nil
          }
          if let first = frontMatterLines[key] {
            problems.append(.repeatedFrontMatterKey(key: key, line: lineIndex + 1, firstLine: first))
          }
          frontMatterLines[key] = lineIndex + 1
          if !value.isEmpty { frontMatter[key] = value }
        }
        index = end + 1
      } else {
        problems.append(.unclosedFrontMatter)
      }
    }
    var parts: [Part] = []
    var prose: [String] = []
    func flushProse() {
      if prose.contains(where: { !$0.trimmingBlanks().isEmpty }) { parts.append(.prose(prose.joined(separator: "\n"))) }
      prose = []
    }
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingBlanks()
      let fence = String(trimmed.prefix { $0 == "`" || $0 == "~" })
      if fence.count >= 3, Set(fence).count == 1 {
        let info = trimmed.dropFirst(fence.count).trimmingBlanks()
        let closing = lines[(index + 1)...].firstIndex { $0.trimmingBlanks().hasPrefix(fence) && $0.trimmingBlanks().allSatisfy { $0 == fence.first } }
        let end = closing ?? lines.count
        if info == Self.cellLanguage {
          if closing == nil { problems.append(.unclosedCell(line: index + 1)) }
          flushProse()
          parts.append(.cell(lines: Self.commands(in: lines, from: index + 1, to: end), startLine: index + 1))
        } else {
          prose += lines[index..<min(end + 1, lines.count)]
        }
        index = end + 1
        continue
      }
      prose.append(line)
      index += 1
    }
    flushProse()
    self.frontMatter = frontMatter
    self.frontMatterLines = frontMatterLines
    self.parts = parts
    self.problems = problems
  }

  /// The commands of a cell: one per line, `\` continuing a command on the next line, blank lines
  /// and `#` comments skipped.
  static func commands(in lines: [String], from start: Int, to end: Int) -> [Line] {
    var commands: [Line] = []
    var pending: (number: Int, text: String)?
    for index in start..<end {
      var text = lines[index].trimmingBlanks()
      if pending == nil, text.isEmpty || text.hasPrefix("#") { continue }
      let continues = text.hasSuffix("\\")
      if continues { text = String(text.dropLast()).trimmingBlanks() }
      if let current = pending {
        pending = (current.number, current.text + " " + text)
      } else {
        pending = (index + 1, text)
      }
      if !continues, let current = pending {
        commands.append(Line(number: current.number, text: current.text))
        pending = nil
      }
    }
    if let current = pending { commands.append(Line(number: current.number, text: current.text)) }
    return commands
  }

  /// The text of the last ATX heading (`## Who worries?`) of some prose, outside fenced code,
  /// without its `#` marks and emphasis; `nil` when it has none.
  package static func lastHeading(in prose: String) -> String? {
    var heading: String?
    var fence: String?
    for line in prose.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingBlanks()
      let marks = String(trimmed.prefix { $0 == "`" || $0 == "~" })
      if marks.count >= 3 {
        fence = fence == nil ? marks : (trimmed.hasPrefix(fence ?? marks) ? nil : fence)
        continue
      }
      guard fence == nil, trimmed.hasPrefix("#") else { continue }
      let level = trimmed.prefix { $0 == "#" }.count
      let text = trimmed.dropFirst(level)
      guard level <= 6, text.first == " " else { continue }
      var title = text.trimmingBlanks()
      while title.hasSuffix("#") { title = String(title.dropLast()).trimmingBlanks() }
      title = title.replacingAll("**", with: "").replacingAll("`", with: "")
      if !title.isEmpty { heading = title }
    }
    return heading
  }

  static func unquoted(_ value: String) -> String {
    if let first = value.first, first == "\"" || first == "'",
      let closing = value.dropFirst().firstIndex(of: first)
    {
      return String(value[value.index(after: value.startIndex)..<closing])
    }
    if let comment = value.firstRange(of: " #") { return String(value[..<comment.lowerBound]).trimmingBlanks() }
    return value
  }

  /// Splits a command line into words as a POSIX shell does for plain words: blanks separate
  /// words; single quotes keep text as is; double quotes keep text, with `\"` and `\\` escapes;
  /// a backslash outside quotes escapes the next character.
  ///
  /// ```swift
  /// Notebook.words(of: #"estimate --var "concern data" --by age_band"#)
  /// // ["estimate", "--var", "concern data", "--by", "age_band"]
  /// ```
  ///
  /// - Returns: The words, or `nil` when a quote is not closed.
  package static func words(of line: String) -> [String]? {
    var words: [String] = []
    var current = ""
    var hasWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
        hasWord = true
        continue
      }
      switch (quote, character) {
      case (nil, "\\"), ("\"", "\\"):
        escaped = true
      case (nil, "'"), (nil, "\""):
        quote = character
        hasWord = true
      case ("'", "'"), ("\"", "\""):
        quote = nil
      case (nil, " "), (nil, "\t"):
        if hasWord { words.append(current) }
        current = ""
        hasWord = false
      default:
        current.append(character)
        hasWord = true
      }
    }
    guard quote == nil, !escaped else { return nil }
    if hasWord { words.append(current) }
    return words
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  func trimmingBlanks() -> String {
    var slice = Substring(self)
    while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
    return String(slice)
  }
}
