import Glibc
import SurveyStatistics
import Testing

@testable import SurveyIO

/// A file that another program shortens or lengthens while Confiance reads it is an error naming
/// the file, whichever way it is read (front to back, or in parts on several threads): rows would
/// otherwise be lost or read from a file that is not the one the command was given.
@Suite struct ChangingFileTests {
  static let text = "region,weight\n" + String(repeating: "Nord,1.5\nSud,2\n", count: 200)

  /// Reads `path` with `change` applied to the file once it is open and its size taken.
  func read(_ path: String, parts: Int?, change: @escaping () -> Void) throws(SurveyReadError) -> ParsedTable {
    var reader = CSVReader(path: path, options: CSVReadOptions(), partCount: parts, partChunkSize: 64)
    reader.beforeParsing = change
    return try reader.read()
  }

  @Test(arguments: [nil, 4])
  func aFileShortenedWhileItIsReadIsReported(parts: Int?) throws {
    let path = try Fixtures.write(Self.text, named: "shortened.csv")
    #expect(throws: SurveyReadError.fileChangedWhileReading(file: path)) {
      _ = try read(path, parts: parts) { #expect(truncate(path, 1000) == 0) }
    }
  }

  @Test(arguments: [nil, 4])
  func aFileLengthenedWhileItIsReadIsReported(parts: Int?) throws {
    let path = try Fixtures.write(Self.text, named: "lengthened.csv")
    #expect(throws: SurveyReadError.fileGrewWhileReading(file: path)) {
      _ = try read(path, parts: parts) {
        let file = fopen(path, "a")
        fputs("Est,3\n", file)
        fclose(file)
      }
    }
    #expect(SurveyReadError.fileGrewWhileReading(file: "survey.csv").description
      == "survey.csv: the file became longer while it was being read, so another program is still writing it "
      + "(an export or a download that has not finished?). Wait until that program has finished (or work on a copy), "
      + "then run the command again.")
  }

  @Test(arguments: [nil, 4])
  func anUnchangedFileReadsWholly(parts: Int?) throws {
    let path = try Fixtures.write(Self.text, named: "unchanged.csv")
    var calls = 0
    let table = try read(path, parts: parts) { calls += 1 }
    #expect(calls == 1)
    #expect(table.variables.first?.count == 400)
  }
}
