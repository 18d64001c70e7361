import Confiance

/// A notebook that cannot be rendered: where (`notebook:line`) and why, in the words the
/// command line would use.
struct NotebookError: ConfianceError {
  var file: String
  /// The 1-based line, or `nil` for a problem with the whole file (it cannot be read).
  var line: Int?
  var message: String

  /// Always ``ErrorKind/data``: the notebook, or what a cell asks of its survey, is at fault.
  var kind: ErrorKind { .data }

  var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
