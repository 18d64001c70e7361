/// A notebook that cannot be rendered: where (`notebook:line`) and why, in the words the
/// command line would use.
struct NotebookError: Error, CustomStringConvertible {
  var file: String
  /// The 1-based line, or `nil` for a problem with the whole file (it cannot be read).
  var line: Int?
  var message: String

  var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
