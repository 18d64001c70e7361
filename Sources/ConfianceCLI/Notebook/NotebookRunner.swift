import ArgumentParser
import Confiance
import Foundation

/// Runs a notebook: reads its front matter, parses every cell line with the command line's own
/// grammar (`ConfianceCommand.parseAsRoot`), runs it, and replaces the cell with its Markdown
/// blocks and a provenance comment.
struct NotebookRunner {
  var file: String
  var notebook: Notebook

  init(file: String, text: String) {
    self.file = file
    self.notebook = Notebook(parsing: text)
  }

  /// The front-matter keys confiance reads.
  static let frontMatterKeys = [
    "survey", "codebook", "targets", "design", "lang", "language", "min_cell", "weight", "strata", "psu", "fpc",
  ]
  /// The keys of the front matter's `design:` block.
  static let designKeys = ["weight", "strata", "psu", "fpc", "lonely_psu"]
  /// Keys that Markdown tools (Pandoc, static site generators) read, which confiance leaves alone.
  static let otherToolsKeys = ["title", "subtitle", "author", "date", "description", "abstract", "keywords", "tags"]
  /// The keys that name a file.
  static let fileKeys = [("survey", "survey file"), ("codebook", "codebook"), ("targets", "targets file")]

  /// Throws the first of the notebook's ``Notebook/problems``, and refuses front-matter keys that
  /// confiance does not know (a typo would otherwise be ignored) and keys without a value.
  func checkStructure() throws {
    if let problem = notebook.problems.first {
      let message: String
      switch problem {
      case .unclosedFrontMatter:
        message = "the front matter that starts on this line is never closed. End it with a line holding only ---, "
          + "before the notebook's text."
      case .frontMatterLineWithoutKey(_, let text):
        message = "the front matter line '\(text)' is not 'key: value'. Write it as key: value "
          + "(survey: surveys/FILE.csv), or start it with # to make it a comment."
      case .repeatedFrontMatterKey(let key, _, let firstLine):
        message = "\(Self.describe(key: key)) is given a second time in the front matter (first on line \(firstLine)). "
          + "Keep one of them."
      case .unclosedCell:
        message = "the ```confiance cell that opens on this line is never closed, so the rest of the notebook would "
          + "run as commands. Add a line ``` after the cell's last command."
      }
      throw NotebookError(file: file, line: problem.line, message: message)
    }
    for (key, line) in notebook.frontMatterLines.sorted(by: { $0.value < $1.value }) {
      let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
      let allowed = parts.count == 2 && parts[0] == "design" ? Self.designKeys : Self.frontMatterKeys
      let name = parts.count == 2 && parts[0] == "design" ? parts[1] : key
      guard allowed.contains(name) || (parts.count == 1 && Self.otherToolsKeys.contains(name)) else {
        var message = "unknown front matter key \(Self.describe(key: key))."
        if let suggestion = closestName(to: name, among: allowed) { message += " Did you mean '\(suggestion)'?" }
        if allowed == Self.designKeys {
          message += " The keys of the design block are \(Self.designKeys.joined(separator: ", "))."
        } else {
          message += " The keys confiance reads are survey, codebook, targets, design, lang and min_cell "
            + "(\(Self.otherToolsKeys.joined(separator: ", ")) are left to other tools)."
        }
        throw NotebookError(file: file, line: line, message: message)
      }
      let isParent = notebook.frontMatterLines.keys.contains { $0.hasPrefix(key + ".") }
      if notebook.frontMatter[key] == nil, !isParent, name != "design", !Self.otherToolsKeys.contains(name) {
        throw NotebookError(
          file: file, line: line,
          message: "\(Self.describe(key: key)) has no value. Write it after the colon (\(name): …), or remove the line.")
      }
    }
  }

  /// `'survey'`, or `'weight' in the design block` for a nested key.
  static func describe(key: String) -> String {
    let parts = key.split(separator: ".", maxSplits: 1)
    return parts.count == 2 ? "'\(parts[1])' in the \(parts[0]) block" : "'\(key)'"
  }

  /// The front matter as a context.
  func context() throws -> NotebookContext {
    try checkStructure()
    let front = notebook.frontMatter
    guard let survey = front["survey"] else {
      throw NotebookError(
        file: file, line: 1,
        message: "the notebook has no 'survey:' in its front matter. Start the notebook with a line ---, "
          + "a line survey: surveys/FILE.csv, and a line ---.")
    }
    for (key, what) in Self.fileKeys {
      guard let path = front[key], !FileManager.default.fileExists(atPath: path) else { continue }
      throw NotebookError(
        file: file, line: notebook.frontMatterLines[key],
        message: "the \(what) \(path) does not exist. Paths in the front matter are relative to the folder "
          + "confiance runs in, not to the notebook's folder.")
    }
    var context = NotebookContext(notebook: file, survey: survey)
    context.codebook = front["codebook"]
    context.weight = front["design.weight"] ?? front["weight"]
    context.strata = front["design.strata"] ?? front["strata"]
    context.psu = front["design.psu"] ?? front["psu"]
    context.fpc = front["design.fpc"] ?? front["fpc"]
    context.targets = front["targets"]
    if let policy = front["design.lonely_psu"] {
      guard let parsed = LonelyPSUPolicy(rawValue: policy) else {
        throw NotebookError(
          file: file, line: notebook.frontMatterLines["design.lonely_psu"] ?? 1,
          message: "lonely_psu '\(policy)' is not one of fail, remove, certainty, adjust, average.")
      }
      context.lonelyPSU = parsed
    }
    if let language = front["lang"] ?? front["language"] {
      guard let parsed = ReportLanguage(rawValue: language) else {
        throw NotebookError(file: file, line: notebook.frontMatterLines["lang"] ?? notebook.frontMatterLines["language"] ?? 1,
                            message: "lang '\(language)' is not available: write lang: en or lang: fr.")
      }
      context.language = parsed
    }
    if let minimum = front["min_cell"] {
      guard let parsed = Int(minimum), parsed >= 1 else {
        throw NotebookError(file: file, line: notebook.frontMatterLines["min_cell"] ?? 1,
                            message: "min_cell '\(minimum)' must be a whole number of at least 1.")
      }
      context.minimumCellSize = parsed
    }
    return context
  }

  /// The rendered document: a generated-file comment, then the prose and the cells' results.
  func render() throws -> Report {
    var context = try context()
    var report = Report(language: context.language)
    report.append(.comment("generated by confiance render from \(file); do not edit: edit the notebook and render it again"))
    var cellNumber = 0
    for part in notebook.parts {
      switch part {
      case .prose(let text):
        report.append(.markdown(text))
        context.sectionTitle = Notebook.lastHeading(in: text) ?? context.sectionTitle
      case .cell(let lines, _):
        for line in lines {
          cellNumber += 1
          context.cellNumber = cellNumber
          report.append(.comment("confiance: \(line.text)"))
          report.append(contentsOf: try run(line, context: context))
        }
      }
    }
    return report
  }

  /// Parses and runs one command line of a cell.
  func run(_ line: Notebook.Line, context: NotebookContext) throws -> [Block] {
    guard let words = Notebook.words(of: line.text), let name = words.first else {
      throw NotebookError(
        file: file, line: line.number,
        message: "a quote is not closed in this line (\(line.text)). Close it; to put a quote in a value, "
          + "quote the value with the other kind (\"it's\").")
    }
    let cells = Self.cellCommands.joined(separator: ", ")
    let commands = ConfianceCommand.configuration.subcommands.map { $0._commandName }
    guard commands.contains(name) else {
      if name == "help" {
        throw NotebookError(
          file: file, line: line.number,
          message: "help cannot run in a cell: it prints on the command line (confiance help estimate). Remove the line.")
      }
      var message = name.hasPrefix("-")
        ? "a cell line starts with a command, not with the option \(name)."
        : "'\(name)' is not a confiance command."
      if let suggestion = closestName(to: name, among: Self.cellCommands) { message += " Did you mean '\(suggestion)'?" }
      throw NotebookError(file: file, line: line.number, message: message + " Cells run: \(cells).")
    }
    if let help = words.first(where: { $0 == "--help" || $0 == "-h" }) {
      throw NotebookError(
        file: file, line: line.number,
        message: "\(help) cannot run in a cell: it prints the help on the command line (confiance help \(name)). "
          + "Remove it.")
    }
    let command: any ParsableCommand
    do {
      command = try ConfianceCommand.parseAsRoot([name, context.survey] + words.dropFirst())
    } catch {
      if words.count > 1, !words[1].hasPrefix("-"),
        words[1] == context.survey || FileManager.default.fileExists(atPath: words[1])
      {
        throw NotebookError(
          file: file, line: line.number,
          message: "a cell does not name the survey file: the front matter does (survey: \(context.survey)). "
            + "Remove '\(words[1])' from the line.")
      }
      throw NotebookError(file: file, line: line.number, message: ConfianceCommand.message(for: error))
    }
    guard let presenting = command as? any PresentingCommand else {
      throw NotebookError(
        file: file, line: line.number,
        message: "'\(name)' cannot run in a notebook cell; cells run: \(cells).")
    }
    do {
      return try blocks(of: presenting, context: context)
    } catch {
      throw NotebookError(file: file, line: line.number, message: commandLineMessage(for: error))
    }
  }

  /// A cell's result as Markdown blocks; on a raked design, what the raking did comes first (the
  /// whole table the first time a targets file is used, one sentence after that).
  func blocks(of command: any PresentingCommand, context: NotebookContext) throws -> [Block] {
    let (presentation, prepared) = try command.result(context: context)
    var blocks: [Block] = []
    if let raking = prepared.design.summary.raking, let targets = prepared.targets {
      let table = RakingTable(raking, survey: prepared.survey, language: context.language).blocks
      blocks += context.memory.describedTargets.insert(targets).inserted ? table : Array(table.prefix(1))
    }
    let style = PresentationStyle(
      language: context.language, minimumCellSize: context.minimumCellSize, survey: prepared.survey,
      chartPrefix: "cell-\(context.cellNumber)-", sectionTitle: context.sectionTitle, software: "confiance \(confianceVersion)")
    return blocks + presentation.blocks(style)
  }

  /// The commands a cell may run.
  static var cellCommands: [String] {
    ConfianceCommand.configuration.subcommands.compactMap { type in
      type is any PresentingCommand.Type ? type._commandName : nil
    }
  }
}
