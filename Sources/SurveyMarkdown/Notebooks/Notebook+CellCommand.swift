internal import SurveyStatistics

extension Notebook {
  /// The words of a cell line, checked before they are parsed as a command: the line starts with
  /// one of `cellCommands` (the commands a cell may run, among the front end's `commands`) and asks
  /// for no help, which would print instead of making tables.
  ///
  /// - Throws: ``NotebookError`` at the line for an unclosed quote, an empty line, a line that
  ///   starts with an option or a word that is not a command (with the closest command), `help`, a
  ///   command that cannot run in a cell, or `--help`.
  package static func cellWords(of line: Line, file: String, commands: [String], cellCommands: [String]) throws -> [String] {
    func failure(_ message: String) -> NotebookError { NotebookError(file: file, line: line.number, message: message) }
    guard let words = words(of: line.text), let name = words.first else {
      throw failure("a quote is not closed in this line (\(line.text)). Close it; to put a quote in a value, "
        + "quote the value with the other kind (\"it's\").")
    }
    let cells = cellCommands.joined(separator: ", ")
    guard commands.contains(name) else {
      if name == "help" {
        throw failure("help cannot run in a cell: it prints on the command line (confiance help estimate). Remove the line.")
      }
      var message = name.hasPrefix("-")
        ? "a cell line starts with a command, not with the option \(name)."
        : "'\(name)' is not a confiance command."
      if let suggestion = closestName(to: name, among: cellCommands) { message += " Did you mean '\(suggestion)'?" }
      throw failure(message + " Cells run: \(cells).")
    }
    guard cellCommands.contains(name) else { throw failure("'\(name)' cannot run in a notebook cell; cells run: \(cells).") }
    if let help = words.first(where: { $0 == "--help" || $0 == "-h" }) {
      throw failure("\(help) cannot run in a cell: it prints the help on the command line (confiance help \(name)). Remove it.")
    }
    return words
  }
}
