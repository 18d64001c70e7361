import ArgumentParser
import Confiance
import Foundation

/// Runs a notebook: reads its front matter, parses every cell line with the command line's own
/// grammar (`ConfianceCommand.parseAsRoot`), runs it, and replaces the cell with its Markdown
/// blocks and a provenance comment.
struct NotebookRunner {
  var file: String
  var notebook: Notebook

  init(file: String, notebook: Notebook) {
    self.file = file
    self.notebook = notebook
  }

  init(file: String, text: String) {
    self.init(file: file, notebook: Notebook(parsing: text))
  }

  /// The front matter's settings, as every cell's context.
  func context() throws -> NotebookContext {
    NotebookContext(notebook: file, settings: try NotebookSettings(notebook, file: file))
  }

  /// The rendered document: a generated-file comment, then the prose and the cells' results.
  func render() throws -> Report {
    var context = try context()
    return try notebook.report(file: file, language: context.language) { line, number, sectionTitle in
      context.cellNumber = number
      context.sectionTitle = sectionTitle
      return try run(line, context: context)
    }
  }

  /// Parses and runs one command line of a cell.
  func run(_ line: Notebook.Line, context: NotebookContext) throws -> [Block] {
    let words = try Notebook.cellWords(
      of: line, file: file, commands: ConfianceCommand.configuration.subcommands.map { $0._commandName },
      cellCommands: Self.cellCommands)
    let command: any ParsableCommand
    do {
      command = try ConfianceCommand.parseAsRoot([words[0], context.survey] + words.dropFirst())
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
    do {
      return try blocks(of: command as! any PresentingCommand, context: context)
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
