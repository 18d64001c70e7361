internal import Foundation

/// The interpreter's standard error, cleaned for a script's author: the line of an uncaught error
/// becomes `file.swift: error: message`, and the stack dumps of the runtime and of the compiler
/// that follow it are dropped.
struct InterpreterErrorReport {
  let scriptName: String
  private var pending = Data()
  private var droppingTheRest = false

  init(scriptName: String) { self.scriptName = scriptName }

  /// The complete lines of `data` (all of it at the end) as they should be shown.
  mutating func readable(_ data: Data, atEnd: Bool = false) -> Data {
    pending.append(data)
    guard let lastNewline = atEnd ? pending.indices.last : pending.lastIndex(of: UInt8(ascii: "\n")) else {
      return Data()
    }
    let lines = String(decoding: pending[...lastNewline], as: UTF8.self)
      .split(separator: "\n", omittingEmptySubsequences: false)
    pending = Data(pending[(lastNewline + 1)...])
    var shown = ""
    for line in lines.dropLast(atEnd ? 0 : 1) where !droppingTheRest {
      if line == "Current stack trace:" || line == "Stack dump:" || line.hasPrefix("*** Signal ") {
        droppingTheRest = true
      } else if let marker = line.range(of: "Fatal error: Error raised at top level: ") {
        shown += "\(scriptName): error: \(line[marker.upperBound...])\n"
      } else {
        shown += line + "\n"
      }
    }
    return Data(shown.utf8)
  }
}
