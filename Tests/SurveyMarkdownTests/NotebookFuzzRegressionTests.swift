import Foundation
import Testing

@testable import SurveyMarkdown

/// Notebook inputs from fuzzing (`FuzzTesting/Sources/FuzzNotebook`), replayed on every
/// `swift test` with the fuzzer's checks: parsing never traps, every line number is a line of
/// the file and cell lines come in file order, the words of a cell line quoted again split back
/// into the same words, and the same text with CR LF line ends parses the same.
///
/// The inputs are in `Fixtures/fuzz-regressions/notebook/`; every crash a fuzzer finds is added
/// there once fixed.
@Suite("Notebook fuzzing regressions")
struct NotebookFuzzRegressionTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fuzz-regressions/notebook")

  static let inputs: [String] = {
    (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
  }()

  @Test func thereAreRegressionInputs() {
    #expect(Self.inputs.count >= 5)
  }

  @Test(arguments: inputs)
  func input(_ name: String) throws {
    let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(name))
    let text = String(decoding: bytes, as: UTF8.self)
    let notebook = Notebook(parsing: text)
    let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).count
    let lines = 1...max(lineCount, 1)
    #expect(notebook.frontMatterLines.values.allSatisfy { lines.contains($0) })
    #expect(notebook.problems.allSatisfy { lines.contains($0.line) })
    var previous = 0
    for case .cell(let cellLines, let start) in notebook.parts {
      #expect(lines.contains(start) && start > previous)
      previous = start
      for line in cellLines {
        #expect(lines.contains(line.number) && line.number > previous)
        previous = line.number
        guard let words = Notebook.words(of: line.text),
          words.allSatisfy({ ("'" + $0 + "'").count == $0.count + 2 })
        else { continue }
        let quoted = words.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
        #expect(Notebook.words(of: quoted) == words)
      }
    }
    if !text.contains("\r") {
      #expect(Notebook(parsing: String(text.flatMap { $0 == "\n" ? ["\r\n"] : [$0] })) == notebook)
    }
  }
}
