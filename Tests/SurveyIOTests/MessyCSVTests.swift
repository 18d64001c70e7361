import SurveyStatistics
import Testing

@testable import SurveyIO

/// The same survey as exported by real tools (`Fixtures/messy/make-messy.py`): every dress must
/// read to the same respondents as the clean UTF-8 file.
@Suite("Messy CSV exports")
struct MessyCSVTests {
  static let variants = [
    "utf8-bom.csv", "utf16le.txt", "utf16be.csv", "windows1252.csv", "semicolon-decimal-comma.csv", "tab.tsv",
    "crlf.csv", "lone-cr.csv", "trailing-empty-lines.csv", "exponents.csv", "no-final-newline.csv",
  ]

  private func read(_ name: String) throws -> Survey {
    try Survey(csvFile: try Fixtures.path("messy/" + name), options: CSVReadOptions(numericColumns: ["weight"]))
  }

  /// Line breaks inside values as the clean file writes them.
  private func normalized(_ values: [String?]) -> [String?] {
    values.map { $0.map { $0.replacing("\r\n", with: "\n").replacing("\r", with: "\n") } }
  }

  @Test("reads the same respondents as the clean file", arguments: variants)
  func sameAsClean(name: String) throws {
    let clean = try read("clean.csv")
    let messy = try read(name)
    #expect(messy.variableNames == clean.variableNames)
    #expect(messy.respondentCount == 12)
    for column in ["id", "région", "concern"] {
      #expect(try messy.categories(column) == clean.categories(column), "\(column)")
    }
    #expect(try messy.numbers("weight") == clean.numbers("weight"))
    #expect(try normalized(messy.categories("comment")) == clean.categories("comment"))
  }

  @Test("the clean file holds what the generator wrote")
  func cleanFile() throws {
    let clean = try read("clean.csv")
    #expect(try clean.categories("région").prefix(3) == ["Île-de-France", "Hauts-de-France", "Provence-Alpes-Côte d’Azur"])
    #expect(try clean.numbers("weight") == [1.5, 2.25, 1234.5, 1000, 0.75, 3, 12.125, 1, 2, 5.5, 7, 0.5])
    #expect(try clean.categories("concern")[4] == nil)
    #expect(try clean.categories("comment")[3] == "she said \"oui\"")
    #expect(try clean.categories("comment")[4] == "two\nlines")
    #expect(try clean.categories("comment")[5] == "« cœur » façon")
    #expect(clean.origin.line(ofRow: 5) == 8)  // after the quoted line break
  }

  @Test("numbers: grouped thousands, exponent, NaN, negative zero, infinity")
  func numbers() throws {
    let survey = try Survey(csvFile: try Fixtures.path("messy/numbers.csv"), options: CSVReadOptions(numericColumns: ["value"]))
    let values = try survey.numbers("value").map { try #require($0) }
    #expect(values[0] == 1234.5)
    #expect(values[1] == 1000)
    #expect(values[2].isNaN)
    #expect(values[3].bitPattern == (-0.0).bitPattern)
    #expect(values[4] == 2.5)
    #expect(values[5] == -.infinity)
  }

  @Test("a 10 MB value in one field")
  func tenMegabyteField() throws {
    let long = String(repeating: "0123456789", count: 1_000_000)
    let path = try Fixtures.write("id,text,weight\n1,\"\(long)\",1\n2,short,2\n")
    let survey = try Survey(csvFile: path, options: CSVReadOptions(numericColumns: ["weight"]))
    let text = try survey.categories("text")
    #expect(text[0]?.utf8.count == 10_000_000)
    #expect(text[1] == "short")
    #expect(try survey.numbers("weight") == [1, 2])
  }

  @Test("a UTF-16 file larger than a chunk, with a surrogate pair across the boundary")
  func utf16AcrossChunks() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    func append(_ text: String) {
      for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    }
    append("id,text\n")
    var rows = 0
    while bytes.count + 40 < ChunkedFile.chunkSize {
      append("\(rows),été\n")
      rows += 1
    }
    // Pad the last row so that its emoji's high surrogate ends the first chunk.
    let prefix = "\(rows),"
    let padding = (ChunkedFile.chunkSize - bytes.count) / 2 - prefix.utf16.count - 1
    append(prefix + String(repeating: "a", count: padding) + "😀b\n")
    rows += 1
    append("\(rows),fin\n")
    rows += 1
    #expect(bytes[ChunkedFile.chunkSize - 2] == 0x3D && bytes[ChunkedFile.chunkSize - 1] == 0xD8)
    let survey = try Survey(csvFile: try Fixtures.write(bytes))
    #expect(survey.respondentCount == rows)
    let values = try survey.categories("text")
    #expect(values[rows - 2] == String(repeating: "a", count: padding) + "😀b")
    #expect(values[rows - 1] == "fin")
    #expect(values[0] == "été")
  }

  @Test("damaged UTF-16 names the line", arguments: [("utf16-lone-surrogate.csv", 3), ("utf16-odd-length.csv", 3)])
  func damagedUTF16(name: String, line: Int) throws {
    let path = try Fixtures.path("errors/" + name)
    let error = Fixtures.readError(path)
    #expect(error == .invalidUTF16(file: path, line: line))
    #expect(
      error?.description
        == "\(path):\(line): the file starts as UTF-16 text (\"Unicode text\") but this line holds bytes that are not "
        + "UTF-16: the file is damaged or was cut short. Export it again, preferably as CSV UTF-8.")
  }

  @Test("the transcoder gives the same text however the bytes are cut", arguments: [false, true])
  func transcoderSplits(bigEndian: Bool) {
    let text = "a\r\nb😀é\rc\n€"
    var bytes: [UInt8] = []
    for unit in text.utf16 {
      bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
    for cut in 0...bytes.count {
      let transcoder = UTF16Transcoder(bigEndian: bigEndian)
      defer { transcoder.deallocate() }
      var output: [UInt8] = []
      for part in [Array(bytes[..<cut]), Array(bytes[cut...])] {
        let converted = part.withUnsafeBufferPointer { transcoder.transcode($0).map(Array.init) }
        output += converted ?? []
      }
      #expect(String(decoding: output, as: UTF8.self) == text, "cut at \(cut)")
      #expect(transcoder.finish() == nil)
      #expect(transcoder.line == 4)
    }
  }
}
