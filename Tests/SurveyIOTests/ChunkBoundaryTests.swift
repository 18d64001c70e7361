import SurveyStatistics
import Testing

@testable import SurveyIO

/// Files larger than one chunk (1 MiB), with line breaks and quoted values across the boundary.
@Suite("Chunk boundaries")
struct ChunkBoundaryTests {
  /// Rows `i,<padding>` with CRLF endings, padded so that byte `ChunkedFile.chunkSize - 1` is the
  /// `\r` of a row, then `extraRows` more rows.
  private func crlfRows(splitting: Bool, extraRows: Int) -> (bytes: [UInt8], rows: Int) {
    var bytes = Array("id,text\r\n".utf8)
    var rows = 0
    let target = ChunkedFile.chunkSize - 1
    while bytes.count + 40 < target {
      bytes += Array("\(rows),abcdefghij\r\n".utf8)
      rows += 1
    }
    // The last row before the boundary: its `\r` lands on byte `target`.
    let prefix = Array("\(rows),".utf8)
    let padding = target - bytes.count - prefix.count
    bytes += prefix + [UInt8](repeating: UInt8(ascii: "x"), count: padding) + [0x0D, 0x0A]
    rows += 1
    if splitting { #expect(bytes[target] == 0x0D && bytes[target + 1] == 0x0A) }
    for _ in 0..<extraRows {
      bytes += Array("\(rows),after\r\n".utf8)
      rows += 1
    }
    return (bytes, rows)
  }

  @Test("a CRLF split between two chunks ends one line")
  func crlfAcrossChunks() throws {
    let (bytes, rows) = crlfRows(splitting: true, extraRows: 3)
    let survey = try Survey(csvFile: try Fixtures.write(bytes))
    #expect(survey.respondentCount == rows)
    #expect(survey.origin.lineNumbers == nil)
    #expect(try survey.categories("text").suffix(3) == ["after", "after", "after"])
  }

  @Test("a quoted line break across two chunks: value kept, later rows on the right lines")
  func quotedLineBreakAcrossChunks() throws {
    var bytes = Array("id,text\n".utf8)
    var rows = 0
    while bytes.count < ChunkedFile.chunkSize - 30 {
      bytes += Array("\(rows),plain\n".utf8)
      rows += 1
    }
    let quoted = "first\n" + String(repeating: "y", count: 40) + "\nthird"
    bytes += Array("\(rows),\"\(quoted)\"\n".utf8)
    let quotedRowLine = rows + 2
    rows += 1
    bytes += Array("\(rows),last\n".utf8)
    rows += 1

    let path = try Fixtures.write(bytes)
    let survey = try Survey(csvFile: path)
    #expect(survey.respondentCount == rows)
    let text = try survey.categories("text")
    #expect(text[rows - 2] == quoted)
    #expect(survey.origin.line(ofRow: rows - 2) == quotedRowLine)
    #expect(survey.origin.line(ofRow: rows - 1) == quotedRowLine + 3)
    #expect(survey.origin.line(ofRow: 0) == 2)
  }

  @Test("a field longer than a chunk")
  func longField() throws {
    let long = String(repeating: "abcdefgh", count: 400_000)  // 3.2 MB
    let survey = try Survey(csvFile: try Fixtures.write("id,text\n1,\(long)\n2,short\n"))
    #expect(try survey.categories("text") == [long, "short"])
  }

  @Test("an error after the first chunk reports the right line")
  func errorAfterFirstChunk() throws {
    let (bytes, rows) = crlfRows(splitting: true, extraRows: 2)
    let path = try Fixtures.write(bytes + Array("\(rows),one,too many\r\n".utf8))
    #expect(Fixtures.readError(path) == .wrongFieldCount(file: path, line: rows + 2, expected: 2, found: 3))
  }
}
