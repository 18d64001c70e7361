import SurveyMarkdown

/// libFuzzer entry point for the notebook parser (`confiance render`).
///
/// What a library can reach: `Notebook(parsing:)` (front matter, cells, prose, problems) and the
/// word splitting of cell lines, `Notebook.words(of:)`. Parsing the words as command-line options
/// is ArgumentParser's job inside the `confiance` executable, which no library links, so it is
/// not fuzzed here (the bad-input catalogue runs it on malformed cells).
///
/// The input is read as text (invalid UTF-8 repaired, as `confiance render` rejects it earlier).
/// Besides not trapping, the parse must keep its promises:
/// - every line number (cells, front-matter keys, problems) is a line of the file, and cell
///   lines come in file order;
/// - the words of a cell line, quoted again, split back into the same words;
/// - line ends do not matter: the text with every line feed written as CR LF parses the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let notebook = Notebook(parsing: text)
  let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).count
  let lines = 1...max(lineCount, 1)
  for (key, line) in notebook.frontMatterLines where !lines.contains(line) {
    fatalError("front-matter key \(key) on line \(line) of \(lineCount)")
  }
  for problem in notebook.problems where !lines.contains(problem.line) {
    fatalError("\(problem) on line \(problem.line) of \(lineCount)")
  }
  var previous = 0
  for part in notebook.parts {
    guard case .cell(let cellLines, let start) = part else { continue }
    guard lines.contains(start), start > previous else { fatalError("a cell starts on line \(start) after \(previous)") }
    previous = start
    for line in cellLines {
      guard lines.contains(line.number), line.number > previous else {
        fatalError("a cell line \(line.number) after \(previous) of \(lineCount)")
      }
      previous = line.number
      guard let words = Notebook.words(of: line.text) else { continue }
      checkRequoting(words)
    }
  }
  // The same notebook with CR LF line ends, unless lone CRs make the two texts differ in lines.
  if !text.contains("\r") {
    let windows = String(text.flatMap { $0 == "\n" ? ["\r\n"] : [$0] })
    guard Notebook(parsing: windows) == notebook else {
      fatalError("the notebook parses differently with CR LF line ends")
    }
  }
  return 0
}

/// Each word in single quotes (a quote inside as `'\''`), joined by spaces, must split back into
/// the same words. Skipped when a word starts or ends with a character that would merge with the
/// quote next to it into one Character (a combining mark), which no command line holds.
func checkRequoting(_ words: [String]) {
  guard words.allSatisfy({ ("'" + $0 + "'").count == $0.count + 2 }) else { return }
  let line = words.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
  guard Notebook.words(of: line) == words else {
    fatalError("the words \(words) quoted as \(line) split into \(Notebook.words(of: line) ?? [])")
  }
}
