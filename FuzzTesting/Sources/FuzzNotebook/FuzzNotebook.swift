import SurveyMarkdown

/// libFuzzer entry point for the notebook parser (`confiance render`).
///
/// The input is read as text (invalid UTF-8 repaired, as the file reader rejects it earlier) and
/// parsed as a notebook; every cell line is then split into words as `render` does before handing
/// them to the command-line parser. Parsing never fails by design, so the checks are that it
/// neither traps nor hangs, that line numbers stay inside the file, and that the prose and cells
/// account for the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let notebook = Notebook(parsing: text)
  let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
  for line in notebook.frontMatterLines.values where !(1...lineCount).contains(line) {
    fatalError("a front-matter line number \(line) is outside the file's \(lineCount) lines")
  }
  for part in notebook.parts {
    guard case .cell(let lines, let startLine) = part else { continue }
    guard (1...lineCount).contains(startLine) else {
      fatalError("a cell starts on line \(startLine), outside the file's \(lineCount) lines")
    }
    for line in lines {
      guard line.number > startLine, line.number <= lineCount else {
        fatalError("a cell line is numbered \(line.number), outside its cell (from \(startLine)) or the file")
      }
      _ = Notebook.words(of: line.text)
    }
  }
  return 0
}
