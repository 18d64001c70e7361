import SurveyStatistics
import Testing

@testable import SurveyIO

/// Every error, from a file that causes it, with its message word for word.
@Suite("Read errors")
struct SurveyReadErrorTests {
  @Test("a file that does not exist")
  func cannotOpen() throws {
    let path = try Fixtures.path("no-such-file.csv")
    let error = Fixtures.readError(path)
    #expect(error == .cannotOpen(file: path, reason: "No such file or directory"))
    #expect(
      error?.description
        == "\(path): cannot open the file (No such file or directory). Check the path, and that you are allowed to read the file.")
  }

  @Test("a folder instead of a file")
  func cannotRead() throws {
    let path = try Fixtures.path("errors")
    let error = Fixtures.readError(path)
    #expect(error == .cannotRead(file: path, reason: "Is a directory"))
    #expect(
      error?.description
        == "\(path): reading the file failed (Is a directory). Check that the file is complete and readable.")
  }

  @Test("an empty file, or one of blank lines", arguments: ["errors/empty.csv", "errors/blank.csv"])
  func emptyFile(name: String) throws {
    let path = try Fixtures.path(name)
    let error = Fixtures.readError(path)
    #expect(error == .emptyFile(file: path))
    #expect(
      error?.description
        == "\(path): the file is empty, so it has no header row. A survey file needs a header row with the column names, then one row per respondent.")
  }

  @Test("a header without data rows")
  func noDataRows() throws {
    let path = try Fixtures.path("errors/header-only.csv")
    let error = Fixtures.readError(path)
    #expect(error == .noDataRows(file: path))
    #expect(
      error?.description
        == "\(path):1: the file has a header row but no data rows, so the survey has no respondents. Check that this is the right file and that it was exported completely.")
  }

  @Test("duplicate column names, each named once")
  func duplicateNames() throws {
    let path = try Fixtures.path("errors/duplicate-header.csv")
    let error = Fixtures.readError(path)
    #expect(error == .duplicateColumnNames(file: path, names: ["answer", "id"]))
    #expect(
      error?.description
        == "\(path):1: the column names 'answer', 'id' appear more than once in the header. Rename the columns so that every name is unique.")
    #expect(
      SurveyReadError.duplicateColumnNames(file: "f.csv", names: ["x"]).description
        == "f.csv:1: the column name 'x' appears more than once in the header. Rename the columns so that every name is unique.")
  }

  @Test("columns without a name")
  func emptyNames() throws {
    let path = try Fixtures.path("errors/empty-header.csv")
    let error = Fixtures.readError(path)
    #expect(error == .emptyColumnNames(file: path, positions: [2, 4]))
    #expect(
      error?.description
        == "\(path):1: columns 2, 4 have no name in the header. Give every column a name; if the header ends with a delimiter, remove it.")
    #expect(
      SurveyReadError.emptyColumnNames(file: "f.csv", positions: [3]).description
        == "f.csv:1: column 3 has no name in the header. Give every column a name; if the header ends with a delimiter, remove it.")
  }

  @Test("a selected column that does not exist, with a suggestion")
  func unknownColumn() throws {
    let path = try Fixtures.path("comma.csv")
    let error = Fixtures.readError(path, options: CSVReadOptions(columns: ["region", "wieght"]))
    #expect(
      error
        == .unknownColumn(
          file: path, name: "wieght", suggestion: "weight", available: ["id", "region", "concern", "weight"]))
    #expect(
      error?.description
        == "\(path):1: there is no column named 'wieght' in the header. Did you mean 'weight'? The columns are: id, region, concern, weight.")
  }

  @Test("a row with too many fields, after a row that spans two lines")
  func wrongFieldCount() throws {
    let path = try Fixtures.path("errors/wrong-field-count.csv")
    let error = Fixtures.readError(path)
    #expect(error == .wrongFieldCount(file: path, line: 5, expected: 3, found: 4))
    #expect(
      error?.description
        == "\(path):5: this row has 4 fields but the header has 3 columns. Put values that contain the delimiter in double quotes, and add or remove delimiters so that every row has 3 fields.")
  }

  @Test("a row with too few fields at the end of a file without a final line break")
  func tooFewFields() throws {
    let path = try Fixtures.write("id,answer,weight\n1,yes,1\n2,no")
    #expect(Fixtures.readError(path) == .wrongFieldCount(file: path, line: 3, expected: 3, found: 2))
  }

  @Test("a quote that is never closed")
  func unterminatedQuote() throws {
    let path = try Fixtures.path("errors/unterminated-quote.csv")
    let error = Fixtures.readError(path)
    #expect(error == .unterminatedQuote(file: path, line: 3, column: CSVColumn(position: 2, name: "answer")))
    #expect(
      error?.description
        == "\(path):3: column 'answer': the quoted value that starts on this line is never closed: the file ends before its closing quote. Add the missing closing quote (\"), or write a quote that belongs to the value twice (\"\").")
  }

  @Test("a quote inside an unquoted value")
  func strayQuote() throws {
    let path = try Fixtures.path("errors/stray-quote.csv")
    let error = Fixtures.readError(path)
    #expect(error == .quoteInUnquotedField(file: path, line: 3, column: CSVColumn(position: 2, name: "answer")))
    #expect(
      error?.description
        == "\(path):3: column 'answer': a double quote appears inside a value that does not start with one. Put the whole value in double quotes and write each quote inside it twice (\"\"), or remove the quote.")
  }

  @Test("text after the closing quote of a value that started on an earlier line")
  func textAfterClosingQuote() throws {
    let path = try Fixtures.path("errors/text-after-quote.csv")
    let error = Fixtures.readError(path)
    #expect(
      error
        == .textAfterClosingQuote(file: path, line: 3, column: CSVColumn(position: 2, name: "answer"), fieldStartLine: 2))
    #expect(
      error?.description
        == "\(path):3: column 'answer': text follows the closing quote of a quoted value (the value starts on line 2). Inside a quoted value, write each quote twice (\"\").")
  }

  @Test("text after a closing quote on the same line, in the header")
  func textAfterClosingQuoteInHeader() throws {
    let path = try Fixtures.write("id,\"answer\"s\n1,2\n")
    let error = Fixtures.readError(path)
    #expect(error == .textAfterClosingQuote(file: path, line: 1, column: CSVColumn(position: 2, name: nil), fieldStartLine: 1))
    #expect(
      error?.description
        == "\(path):1: column 2: text follows the closing quote of a quoted value. Inside a quoted value, write each quote twice (\"\").")
  }

  @Test("a NUL byte")
  func nulByte() throws {
    let path = try Fixtures.path("errors/nul.csv")
    let error = Fixtures.readError(path)
    #expect(error == .nulByte(file: path, line: 3, column: CSVColumn(position: 2, name: "answer")))
    #expect(
      error?.description
        == "\(path):3: column 'answer': the file contains a NUL byte, so it is not a plain-text CSV file. If it was saved as UTF-16 (\"Unicode text\"), save it as CSV UTF-8; otherwise remove the NUL characters.")
  }

  @Test("text that is not UTF-8 when UTF-8 is required")
  func invalidUTF8() throws {
    let path = try Fixtures.path("errors/latin-in-utf8.csv")
    let error = Fixtures.readError(path, options: CSVReadOptions(encoding: .utf8))
    #expect(error == .invalidUTF8(file: path, line: 3, column: CSVColumn(position: 2, name: "answer")))
    #expect(
      error?.description
        == "\(path):3: column 'answer': the text is not valid UTF-8. The file is probably in Windows-1252 (Excel's \"CSV\" format on a French system): read it with the encoding windows-1252, or let the encoding be detected automatically.")
    // The same file reads with the automatic encoding.
    #expect(try Survey(csvFile: path).categories("answer") == ["oui", "très"])
  }

  @Test("a header name that is not UTF-8 when UTF-8 is required")
  func invalidUTF8InHeader() throws {
    let path = try Fixtures.path("windows1252.csv")
    #expect(
      Fixtures.readError(path, options: CSVReadOptions(encoding: .utf8))
        == .invalidUTF8(file: path, line: 1, column: CSVColumn(position: 2, name: nil)))
  }

  @Test("parser failure message")
  func parserFailure() {
    #expect(
      SurveyReadError.parserFailure(file: "f.csv", line: 9, reason: "memory exhausted while increasing buffer size")
        .description
        == "f.csv:9: the CSV parser failed (memory exhausted while increasing buffer size). A field this large usually means a quote is never closed; check the quotes from this line on.")
  }
}
