/// A notebook that cannot be rendered: where (`notebook:line`) and why, in the words the
/// command line would use.
struct NotebookError: Error, CustomStringConvertible {
  var file: String
  var line: Int
  var message: String

  var description: String { "\(file):\(line): \(message)" }
}
