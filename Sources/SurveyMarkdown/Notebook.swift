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
/// Parsing never fails: text that is not front matter or a cell is prose. Running the cells is
/// the command line's job (`confiance render`), which parses each line with the same grammar as
/// the command line itself.
public struct Notebook: Sendable, Hashable {
  /// One line of a cell, with its 1-based line number in the notebook file.
  public struct Line: Sendable, Hashable {
    /// The line's number in the file.
    public var number: Int
    /// The command, with any continuation lines (ending in `\`) joined.
    public var text: String
  }

  /// A part of the notebook, in file order.
  public enum Part: Sendable, Hashable {
    /// Markdown kept as written.
    case prose(String)
    /// A ` ```confiance ` cell: its commands (blank lines and `#` comments dropped).
    case cell(lines: [Line], startLine: Int)
  }

  /// The front matter's `key: value` pairs; a key with an indented block under it (`design:`)
  /// is stored as `design.weight`, `design.strata`… Values are unquoted.
  public var frontMatter: [String: String]
  /// The line on which each front-matter key is written, for messages.
  public var frontMatterLines: [String: Int]
  /// The prose and cells.
  public var parts: [Part]

  /// The info string that marks an executable cell.
  public static let cellLanguage = "confiance"

  /// Parses a notebook.
  ///
  /// - Complexity: O(characters).
  public init(parsing text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
    var index = 0
    var frontMatter: [String: String] = [:]
    var frontMatterLines: [String: Int] = [:]
    if lines.first == "---", let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) {
      var parent: String?
      for lineIndex in 1..<end {
        let line = lines[lineIndex]
        let trimmed = line.trimmingBlanks()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let colon = trimmed.firstIndex(of: ":") else { continue }
        let key = String(trimmed[..<colon]).trimmingBlanks()
        let value = Self.unquoted(String(trimmed[trimmed.index(after: colon)...]).trimmingBlanks())
        let isIndented = line.first == " " || line.first == "\t"
        if isIndented, let parent {
          frontMatter[parent + "." + key] = value
          frontMatterLines[parent + "." + key] = lineIndex + 1
        } else {
          parent = value.isEmpty ? key : nil
          if !value.isEmpty { frontMatter[key] = value }
          frontMatterLines[key] = lineIndex + 1
        }
      }
      index = end + 1
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
  public static func words(of line: String) -> [String]? {
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
