import Foundation
import SurveyStatistics
import Testing

@testable import SurveyIO

/// The copy of a survey file with a new column: original bytes kept, the field placed before each
/// record's line break, atomic and careful writing.
@Suite struct CSVColumnAppenderTests {
  func copy(_ text: String, values: [Double], options: CSVReadOptions = CSVReadOptions()) throws -> String {
    let bytes = try CSVColumnAppender(input: "in.csv", options: options)
      .appending(column: "raked_weight", values: values, to: Array(text.utf8))
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func appendsBeforeEachLineBreak() throws {
    #expect(try copy("id,w\n1,2\n2,3\n", values: [1.5, 0.25]) == "id,w,raked_weight\n1,2,1.5\n2,3,0.25\n")
    #expect(try copy("id,w\r\n1,2\r\n2,3", values: [1.5, 0.25]) == "id,w,raked_weight\r\n1,2,1.5\r\n2,3,0.25")
    #expect(try copy("id,w\r1,2\r", values: [7]) == "id,w,raked_weight\r1,2,7.0\r")
  }

  @Test func keepsQuotedLineBreaksBlankLinesAndTheByteOrderMark() throws {
    let text = "\u{FEFF}id,comment\n1,\"line one\nline two\"\n\n  \n2,\"say \"\"hi\"\"\"\n"
    #expect(try copy(text, values: [1, 2])
      == "\u{FEFF}id,comment,raked_weight\n1,\"line one\nline two\",1.0\n\n  \n2,\"say \"\"hi\"\"\",2.0\n")
  }

  @Test(arguments: [1, 2, 3, 5, 8])
  func aFileCopiedChunkByChunkIsCopiedAsAWhole(chunkSize: Int) throws {
    let text = "\u{FEFF}id,comment\r\n1,\"line one\r\nline two\"\r\n\r\n  \r2,\"say \"\"hi\"\"\"\r\n3,\"\"\n4,x"
    let appender = CSVColumnAppender(input: "in.csv")
    let whole = try appender.appending(column: "w", values: [1, 2, 3, 4], to: Array(text.utf8))
    #expect(String(decoding: whole, as: UTF8.self)
      == "\u{FEFF}id,comment,w\r\n1,\"line one\r\nline two\",1.0\r\n\r\n  \r2,\"say \"\"hi\"\"\",2.0\r\n3,\"\",3.0\n4,x,4.0")
    #expect(try appender.appending(column: "w", values: [1, 2, 3, 4], to: Array(text.utf8), chunkSize: chunkSize) == whole)
  }

  @Test func semicolonFilesGetDecimalCommas() throws {
    #expect(try copy("id;w\n1;2,5\n", values: [12.75]) == "id;w;raked_weight\n1;2,5;12,75\n")
    var options = CSVReadOptions()
    options.decimalComma = false
    #expect(try copy("id;w\n1;2.5\n", values: [12.75], options: options) == "id;w;raked_weight\n1;2.5;12.75\n")
  }

  @Test func aNameWithTheDelimiterIsQuoted() {
    #expect(CSVColumnAppender.quoted("weight, raked", delimiter: UInt8(ascii: ",")) == Array("\"weight, raked\"".utf8))
    #expect(CSVColumnAppender.quoted("weight", delimiter: UInt8(ascii: ",")) == Array("weight".utf8))
  }

  @Test func aRowCountMismatchIsReported() throws {
    #expect(throws: CSVWriteError.recordCountMismatch(file: "in.csv", records: 1, values: 2)) {
      _ = try copy("id\n1\n", values: [1, 2])
    }
  }

  @Test func writesAtomicallyAndNeverOverTheInputOrAnExistingFile() throws {
    let input = try Fixtures.write("id,w\n1,2\n2,3\n", named: "survey.csv")
    let folder = (input as NSString).deletingLastPathComponent
    let output = (folder as NSString).appendingPathComponent("survey-raked.csv")
    let appender = CSVColumnAppender(input: input)
    try appender.write(column: "rw", values: [4, 5], to: output, replacingExisting: false)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "id,w,rw\n1,2,4.0\n2,3,5.0\n")
    #expect(try String(contentsOfFile: input, encoding: .utf8) == "id,w\n1,2\n2,3\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["survey-raked.csv", "survey.csv"])
    #expect(throws: CSVWriteError.outputExists(file: output)) {
      try appender.write(column: "rw", values: [6, 7], to: output, replacingExisting: false)
    }
    try appender.write(column: "rw", values: [6, 7], to: output, replacingExisting: true)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "id,w,rw\n1,2,6.0\n2,3,7.0\n")
    let sameFile = (folder as NSString).appendingPathComponent("./survey.csv")
    #expect(throws: CSVWriteError.outputIsInput(file: sameFile)) {
      try appender.write(column: "rw", values: [6, 7], to: sameFile, replacingExisting: true)
    }
  }

  @Test func messages() {
    #expect(CSVWriteError.outputExists(file: "out.csv").description
      == "out.csv already exists. Choose another output file, or ask for it to be replaced.")
    #expect(CSVWriteError.outputIsInput(file: "survey.csv").description
      == "survey.csv: the output would overwrite the input file. Choose another output file; the original data is never changed.")
  }
}
