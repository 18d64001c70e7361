package import SurveyStatistics

/// A notebook that cannot be rendered: where (`notebook:line`) and why, in the words the
/// command line would use.
package struct NotebookError: ConfianceError {
  /// The notebook file.
  package var file: String
  /// The 1-based line, or `nil` for a problem with the whole file (it cannot be read).
  package var line: Int?
  /// What is wrong and what to do.
  package var message: String

  package init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// Always ``ErrorKind/data``: the notebook, or what a cell asks of its survey, is at fault.
  package var kind: ErrorKind { .data }

  package var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
