import SurveyStatistics
import Testing

@testable import SurveyIO

@Suite("Reading a survey from CSV")
struct SurveyCSVTests {
  @Test("comma-separated file: names, categories, missing values, origin")
  func commaSeparated() throws {
    let path = try Fixtures.path("comma.csv")
    let survey = try Survey(csvFile: path)
    #expect(survey.variableNames == ["id", "region", "concern", "weight"])
    #expect(survey.respondentCount == 4)
    #expect(try survey.categories("region") == ["Nord", "Sud", "Nord", "Est"])
    #expect(try survey.categories("concern") == ["4", "5", nil, "2"])
    #expect(survey.origin == DataOrigin(file: path, lineNumbers: nil))
    // Levels in order of first appearance.
    guard case .categorical(let region) = try survey.variable(named: "region").values else {
      Issue.record("region is not categorical")
      return
    }
    #expect(region.levels == ["Nord", "Sud", "Est"])
    #expect(region.codes == [0, 1, 0, 2])
  }

  @Test("numeric columns become numbers; scientific notation")
  func numericColumns() throws {
    let survey = try Survey(csvFile: try Fixtures.path("comma.csv"), options: CSVReadOptions(numericColumns: ["weight"]))
    #expect(try survey.numbers("weight") == [1.5, 2, 0.5, 10])
    #expect(try !survey.isNumeric("concern"))
  }

  @Test("a numeric column with a value that is not a number stays categorical")
  func numericColumnWithText() throws {
    let survey = try Survey(csvFile: try Fixtures.path("comma.csv"), options: CSVReadOptions(numericColumns: ["region"]))
    #expect(try survey.categories("region") == ["Nord", "Sud", "Nord", "Est"])
  }

  @Test("a missing value in a numeric column is missing")
  func numericMissing() throws {
    let survey = try Survey(csvFile: try Fixtures.path("comma.csv"), options: CSVReadOptions(numericColumns: ["concern"]))
    #expect(try survey.numbers("concern") == [4, 5, nil, 2])
  }

  @Test("semicolon file: detected delimiter, automatic decimal comma, thousands separator, UTF-8 names")
  func semicolonSeparated() throws {
    let survey = try Survey(csvFile: try Fixtures.path("semicolon.csv"), options: CSVReadOptions(numericColumns: ["poids"]))
    #expect(survey.variableNames == ["id", "région", "inquiétude", "poids"])
    #expect(try survey.categories("région") == ["Île-de-France", "Bretagne", "Île-de-France", "Occitanie"])
    #expect(try survey.numbers("poids") == [1.5, 2, 0.25, 1234.5])
  }

  @Test("decimal comma can be turned off")
  func decimalCommaOff() throws {
    let options = CSVReadOptions(decimalComma: false, numericColumns: ["poids"])
    let survey = try Survey(csvFile: try Fixtures.path("semicolon.csv"), options: options)
    #expect(try survey.categories("poids") == ["1,5", "2", "0,25", "1 234,5"])
  }

  @Test("tab-separated file with commas and semicolons inside values")
  func tabSeparated() throws {
    let survey = try Survey(csvFile: try Fixtures.path("tab.tsv"), options: CSVReadOptions(numericColumns: ["weight"]))
    #expect(survey.variableNames == ["id", "comment", "weight"])
    #expect(try survey.categories("comment") == ["hello, world", "semi;colon"])
    #expect(try survey.numbers("weight") == [1.5, 2])
  }

  @Test("an explicit delimiter overrides detection")
  func explicitDelimiter() throws {
    let survey = try Survey(csvFile: try Fixtures.path("comma.csv"), options: CSVReadOptions(delimiter: UInt8(ascii: ";")))
    #expect(survey.variableNames == ["id,region,concern,weight"])
    #expect(try survey.categories("id,region,concern,weight").first == "1,Nord,4,1.5")
  }

  @Test("UTF-8 byte order mark is dropped from the first name")
  func byteOrderMark() throws {
    let survey = try Survey(csvFile: try Fixtures.path("bom.csv"))
    #expect(survey.variableNames == ["id", "answer"])
    #expect(try survey.categories("answer") == ["oui", "non"])
  }

  @Test("Windows-1252 file read automatically and explicitly", arguments: [TextEncodingChoice.automatic, .windows1252])
  func windows1252(encoding: TextEncodingChoice) throws {
    let survey = try Survey(csvFile: try Fixtures.path("windows1252.csv"), options: CSVReadOptions(encoding: encoding))
    #expect(survey.variableNames == ["id", "libellé", "opinion"])
    #expect(try survey.categories("libellé") == ["Très inquiet", "Plutôt inquiet", "Pas du tout"])
    #expect(try survey.categories("opinion") == ["« sûr » à 100 €", "cœur, l’avis", "façon"])
  }

  @Test("Latin-1 maps every byte to the character of the same number")
  func latin1() throws {
    let survey = try Survey(csvFile: try Fixtures.path("windows1252.csv"), options: CSVReadOptions(encoding: .latin1))
    #expect(try survey.categories("opinion") == ["« sûr » à 100 \u{80}", "c\u{9C}ur, l\u{92}avis", "façon"])
  }

  @Test("automatic encoding falls back to Windows-1252 when a later value is not UTF-8")
  func lateFallback() throws {
    // 1 MiB of ASCII first, so that the first chunk is valid UTF-8, then "é" in Windows-1252;
    // the ASCII-only header and the earlier UTF-8 levels read the same either way.
    var bytes = Array("id,answer\n".utf8)
    var row = 0
    while bytes.count < (1 << 20) + 100 {
      bytes += Array("\(row),oui\n".utf8)
      row += 1
    }
    bytes += Array("\(row),tr".utf8) + [0xE8] + Array("s\n".utf8)
    let survey = try Survey(csvFile: try Fixtures.write(bytes))
    let answers = try survey.categories("answer")
    #expect(answers.count == row + 1)
    #expect(answers.last == "très")
    #expect(answers.first == "oui")
  }

  @Test("quoted fields: delimiters, doubled quotes, line breaks and spaces; starting lines of rows")
  func quotedFields() throws {
    let path = try Fixtures.path("quoted.csv")
    let survey = try Survey(csvFile: path)
    #expect(try survey.categories("comment") == [
      "hello, world", "she said \"yes\"", "line one\nline two\nline three", "plain", "  padded  ",
    ])
    #expect(try survey.categories("score") == ["3", "4", "5", "6", "7"])
    #expect(survey.origin.lineNumbers == [2, 3, 4, 7, 8])
    #expect(survey.origin.location(ofRow: 3) == "\(path):7")
  }

  @Test("CRLF line endings, with a CRLF inside a quoted value")
  func crlf() throws {
    let survey = try Survey(csvFile: try Fixtures.path("crlf.csv"))
    #expect(survey.variableNames == ["id", "answer"])
    #expect(try survey.categories("answer") == ["yes", "two\r\nlines", "no"])
    #expect(survey.origin.lineNumbers == [2, 3, 5])
  }

  @Test("lone CR line endings and no final line break")
  func carriageReturns() throws {
    let survey = try Survey(csvFile: try Fixtures.path("cr.csv"))
    #expect(try survey.categories("answer") == ["yes", "no", "maybe"])
    #expect(survey.origin.lineNumbers == nil)
  }

  @Test("blank lines are skipped and counted")
  func blankLines() throws {
    let survey = try Survey(csvFile: try Fixtures.path("blank-lines.csv"))
    #expect(try survey.categories("answer") == ["yes", "no", "maybe"])
    #expect(survey.origin.lineNumbers == [2, 4, 6])
  }

  @Test("column selection keeps only the chosen columns, in file order")
  func columnSelection() throws {
    let options = CSVReadOptions(columns: ["weight", "region"], numericColumns: ["weight", "concern"])
    let survey = try Survey(csvFile: try Fixtures.path("comma.csv"), options: options)
    #expect(survey.variableNames == ["region", "weight"])
    #expect(try survey.numbers("weight") == [1.5, 2, 0.5, 10])
    #expect(survey.respondentCount == 4)
  }

  @Test("unselected columns still count towards the number of fields")
  func selectionStillChecksFieldCount() throws {
    let path = try Fixtures.path("errors/wrong-field-count.csv")
    #expect(
      Fixtures.readError(path, options: CSVReadOptions(columns: ["id"]))
        == .wrongFieldCount(file: path, line: 5, expected: 3, found: 4))
  }

  @Test("more than 1000 distinct numbers become numeric without being asked")
  func manyDistinctNumbers() throws {
    let rows = (0..<1001).map { "\($0),\(Double($0) / 4)" }
    let survey = try Survey(csvFile: try Fixtures.write("id,income\n" + rows.joined(separator: "\n") + "\n"))
    let income = try survey.numbers("income")
    #expect(income.count == 1001)
    #expect(income[5] == 1.25)
    #expect(income[1000] == 250)
    #expect(try survey.isNumeric("id"))
  }

  @Test("1000 distinct numbers, or codes with leading zeros, stay categorical")
  func categoricalNumbers() throws {
    let thousand = (0..<1000).map { "\($0)" }
    let survey = try Survey(csvFile: try Fixtures.write("id\n" + thousand.joined(separator: "\n") + "\n"))
    #expect(try !survey.isNumeric("id"))

    let postcodes = (1000..<2100).map { "0\($0)" }
    let codes = try Survey(csvFile: try Fixtures.write("postcode\n" + postcodes.joined(separator: "\n") + "\n"))
    #expect(try codes.categories("postcode").prefix(2) == ["01000", "01001"])
  }

  @Test("leading zeros are read as numbers in a column asked to be numeric")
  func leadingZerosWhenAsked() throws {
    let survey = try Survey(
      csvFile: try Fixtures.write("weight\n007\n1.5\n"), options: CSVReadOptions(numericColumns: ["weight"]))
    #expect(try survey.numbers("weight") == [7, 1.5])
  }

  @Test("spaces around unquoted values are dropped; blank and empty values are missing")
  func spaces() throws {
    let survey = try Survey(csvFile: try Fixtures.write("id , answer\n1,  yes  \n2,\"   \"\n3,\n4,\"\"\n"))
    #expect(survey.variableNames == ["id", "answer"])
    #expect(try survey.categories("answer") == ["yes", nil, nil, nil])
  }

  @Test("many distinct values keep their codes while the dictionary grows")
  func manyDistinctValues() throws {
    let labels = (0..<5000).map { "label \($0 * 7919 % 5000)" }
    let text = "answer\n" + (labels + labels.reversed()).joined(separator: "\n") + "\n"
    let survey = try Survey(csvFile: try Fixtures.write(text))
    #expect(try survey.categories("answer") == (labels + labels.reversed()).map { Optional($0) })
  }
}
