import SurveyStatistics
import Testing

@testable import SurveyIO

/// A file cut into parts parsed at the same time reads exactly as when parsed front to back: same
/// columns, codes, levels, numbers, row lines and errors, whatever the number of parts, threads
/// and chunk size.
@Suite("Parallel reading")
struct ParallelReadTests {
  /// Deterministic pseudo-random numbers (SplitMix64).
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  /// A survey file with plain rows and, now and then, what makes parsing hard: quoted values with
  /// line breaks, doubled quotes and delimiters, blank lines, CRLF endings, values with spaces,
  /// weights written in scientific notation or with spaces, missing values and non-ASCII text.
  static func messyFile(rows: Int, seed: UInt64) -> [UInt8] {
    var random = Generator(state: seed)
    let regions = ["Nord", "Sud", "Île-de-France", "Grand Est", "Corse"]
    var text = "id,region,weight,answer,comment\n"
    for row in 0..<rows {
      let region = regions[random.next(regions.count)]
      var weight = "\(random.next(900) + 100).\(random.next(10_000))"
      switch random.next(40) {
      case 0: weight = ""
      case 1: weight = "1.5e2"
      case 2: weight = "\" 42.25 \""
      case 3: weight = "-0.000"
      default: break
      }
      let answer = random.next(20) == 0 ? "" : String(random.next(5) + 1)
      var comment: String
      switch random.next(25) {
      case 0: comment = "\"line one\nline two\""
      case 1: comment = "\"said \"\"yes\"\", then left\""
      case 2: comment = "\"a, b\r\nc\n\nd\""
      case 3: comment = "  padded  "
      default: comment = "c\(random.next(30))"
      }
      text += "\(row + 1),\(region),\(weight),\(answer),\(comment)"
      text += random.next(30) == 0 ? "\r\n" : "\n"
      if random.next(60) == 0 { text += random.next(2) == 0 ? "\n" : "  \n" }
    }
    return Array(text.utf8)
  }

  /// Reads with the given cutting and threads.
  static func read(
    _ path: String, options: CSVReadOptions = CSVReadOptions(), parts: Int?, threads: Int, chunkSize: Int
  ) throws -> ParsedTable {
    var options = options
    options.threadCount = threads
    return try CSVReader(path: path, options: options, partCount: parts, partChunkSize: chunkSize).read()
  }

  /// Whether two tables are the same, value for value (numbers by bit pattern).
  static func expectSame(_ table: ParsedTable, _ reference: ParsedTable, _ comment: Comment) {
    #expect(table.columnNames == reference.columnNames, comment)
    #expect(table.lineNumbers == reference.lineNumbers, comment)
    #expect(table.variables.count == reference.variables.count, comment)
    for (variable, expected) in zip(table.variables, reference.variables) {
      #expect(variable.name == expected.name, comment)
      switch (variable.values, expected.values) {
      case (.categorical(let values), .categorical(let expectedValues)):
        #expect(values == expectedValues, "\(variable.name): \(comment)")
      case (.numeric(let values), .numeric(let expectedValues)):
        #expect(values.isMissing == expectedValues.isMissing, "\(variable.name): \(comment)")
        #expect(values.values.map(\.bitPattern) == expectedValues.values.map(\.bitPattern), "\(variable.name): \(comment)")
      default:
        Issue.record("\(variable.name) is stored differently: \(comment)")
      }
    }
  }

  @Test("the same table whatever the parts, threads and chunk size", arguments: [1, 2, 3, 8, 31])
  func sameTable(parts: Int) throws {
    let path = try Fixtures.write(Self.messyFile(rows: 3000, seed: 7))
    let options = CSVReadOptions(numericColumns: ["weight"])
    let reference = try Self.read(path, options: options, parts: 1, threads: 1, chunkSize: ChunkedFile.chunkSize)
    #expect(reference.variables.count == 5)
    #expect(reference.lineNumbers != nil)  // the file has blank lines and values across lines
    guard case .numeric = reference.variables[2].values else {
      Issue.record("weight should be numeric")
      return
    }
    for threads in [1, 2, 4] {
      for chunkSize in [ChunkedFile.chunkSize, 4096, 7] {
        let table = try Self.read(path, options: options, parts: parts, threads: threads, chunkSize: chunkSize)
        Self.expectSame(table, reference, "\(parts) parts, \(threads) threads, chunks of \(chunkSize)")
      }
    }
  }

  @Test("categories are coded in order of first appearance in the whole file")
  func firstAppearanceAcrossParts() throws {
    var text = "answer\n"
    for _ in 0..<500 { text += "b\n" }
    for _ in 0..<500 { text += "c\na\n" }
    for _ in 0..<500 { text += "a\nd\nb\n" }
    let path = try Fixtures.write(text)
    let table = try Self.read(path, parts: 4, threads: 2, chunkSize: 512)
    guard case .categorical(let values) = table.variables[0].values else {
      Issue.record("answer should be categorical")
      return
    }
    #expect(values.levels == ["b", "c", "a", "d"])
    #expect(values.codes.count == 3000)
    #expect(values.codes.prefix(3) == [0, 0, 0])
    #expect(values.codes[500..<504] == [1, 2, 1, 2])
    #expect(values.codes.suffix(3) == [2, 3, 0])
  }

  @Test("a cut inside a quoted value that spans many lines")
  func cutInsideQuotedValue() throws {
    // The middle row holds a value with a line break every few bytes, so that the first line
    // break after the middle of the file is inside quotes.
    var text = "id,text\n"
    for row in 0..<400 { text += "\(row),plain\n" }
    let long = (0..<2000).map { "l\($0)" }.joined(separator: "\n")
    text += "400,\"\(long)\"\n"
    for row in 401..<800 { text += "\(row),plain\n" }
    let path = try Fixtures.write(text)
    let reference = try Self.read(path, parts: 1, threads: 1, chunkSize: ChunkedFile.chunkSize)
    for parts in [2, 3, 5] {
      let table = try Self.read(path, parts: parts, threads: 2, chunkSize: 1000)
      Self.expectSame(table, reference, "\(parts) parts")
      #expect(table.lineNumbers?[401] == 402 + 2000)
    }
  }

  /// A file of `rows` plain rows, with `bad` written instead of row `badRow`.
  static func fileWithBadRow(rows: Int, badRow: Int, bad: String, after: String = "") -> [UInt8] {
    var bytes = Array("id,text,weight\n".utf8)
    for row in 0..<rows {
      bytes += Array((row == badRow ? bad : "\(row),text \(row % 17),\(row % 50).25") .utf8)
      bytes.append(0x0A)
    }
    return bytes + Array(after.utf8)
  }

  @Test(
    "an error in a later part is reported at its line in the file",
    arguments: [
      ("1,2,3,4", SurveyReadError.wrongFieldCount(file: "", line: 1802, expected: 3, found: 4)),
      ("1,ab\"c,3", .quoteInUnquotedField(file: "", line: 1802, column: CSVColumn(position: 2, name: "text"))),
      ("1,\"ab\"c,3", .textAfterClosingQuote(
        file: "", line: 1802, column: CSVColumn(position: 2, name: "text"), fieldStartLine: 1802)),
      ("1,a\u{0}b,3", .nulByte(file: "", line: 1802, column: CSVColumn(position: 2, name: "text"))),
    ])
  func errorLine(bad: String, expected: SurveyReadError) throws {
    let path = try Fixtures.write(Self.fileWithBadRow(rows: 2000, badRow: 1800, bad: bad))
    let expectedHere = expected.withFile(path)
    for parts in [1, 2, 4, 9] {
      for chunkSize in [ChunkedFile.chunkSize, 100] {
        #expect(throws: expectedHere, "\(parts) parts, chunks of \(chunkSize)") {
          _ = try Self.read(path, parts: parts, threads: 2, chunkSize: chunkSize)
        }
      }
    }
  }

  @Test("an error after values that span lines and blank lines, in a later part")
  func errorLineAfterMultilineValues() throws {
    var text = "id,text\n"
    var line = 2
    for row in 0..<1500 {
      if row % 100 == 0 {
        text += "\(row),\"two\nlines\"\n\n"
        line += 3
      } else {
        text += "\(row),x\n"
        line += 1
      }
    }
    text += "oops\n"
    let path = try Fixtures.write(text)
    for parts in [1, 3, 6] {
      #expect(throws: SurveyReadError.wrongFieldCount(file: path, line: line, expected: 2, found: 1), "\(parts) parts") {
        _ = try Self.read(path, parts: parts, threads: 2, chunkSize: 333)
      }
    }
  }

  @Test("of two errors in different parts, the first in the file is reported")
  func firstErrorWins() throws {
    var bytes = Self.fileWithBadRow(rows: 2000, badRow: 300, bad: "1,2")
    bytes += Array("1,2,3,4\n".utf8)
    let path = try Fixtures.write(bytes)
    for parts in [1, 4, 8] {
      #expect(throws: SurveyReadError.wrongFieldCount(file: path, line: 302, expected: 3, found: 2), "\(parts) parts") {
        _ = try Self.read(path, parts: parts, threads: 2, chunkSize: 1000)
      }
    }
  }

  @Test("a quoted value never closed at the end of the last part")
  func unterminatedQuoteAtEnd() throws {
    let path = try Fixtures.write(Self.fileWithBadRow(rows: 2000, badRow: -1, bad: "", after: "1,\"open\nmore\n"))
    for parts in [1, 4] {
      #expect(
        throws: SurveyReadError.unterminatedQuote(file: path, line: 2002, column: CSVColumn(position: 2, name: "text")),
        "\(parts) parts"
      ) {
        _ = try Self.read(path, parts: parts, threads: 2, chunkSize: 1000)
      }
    }
  }

  @Test("text that is not UTF-8 in a later part: an error at its line, or the whole file read as Windows-1252")
  func windows1252InLaterPart() throws {
    // Beyond the first chunk, from which the encoding is first guessed.
    var bytes = Self.fileWithBadRow(rows: 60_000, badRow: -1, bad: "")
    #expect(bytes.count > ChunkedFile.chunkSize)
    bytes += Array("60000,caf".utf8) + [0xE9] + Array(",3\n".utf8)
    let path = try Fixtures.write(bytes)
    let strict = CSVReadOptions(encoding: .utf8)
    for parts in [1, 4] {
      #expect(
        throws: SurveyReadError.invalidUTF8(file: path, line: 60_002, column: CSVColumn(position: 2, name: "text")),
        "\(parts) parts"
      ) {
        _ = try Self.read(path, options: strict, parts: parts, threads: 2, chunkSize: 100_000)
      }
      let table = try Self.read(path, parts: parts, threads: 2, chunkSize: 100_000)
      guard case .categorical(let text) = table.variables[1].values else {
        Issue.record("text should be categorical")
        return
      }
      #expect(text.levels.last == "café", "\(parts) parts")
    }
  }

  @Test("a numeric column with text in a later part stays categorical, whatever the parts")
  func textInNumericColumn() throws {
    let path = try Fixtures.write(Self.fileWithBadRow(rows: 2000, badRow: 1900, bad: "1900,x,NA"))
    let options = CSVReadOptions(numericColumns: ["weight"])
    let reference = try Self.read(path, options: options, parts: 1, threads: 1, chunkSize: ChunkedFile.chunkSize)
    guard case .categorical(let weights) = reference.variables[2].values else {
      Issue.record("weight should be categorical")
      return
    }
    #expect(weights.value(at: 1900) == "NA")
    #expect(weights.value(at: 0) == "0.25")
    for parts in [2, 5] {
      Self.expectSame(
        try Self.read(path, options: options, parts: parts, threads: 2, chunkSize: 1000), reference, "\(parts) parts")
    }
  }

  @Test("numbers read straight from the text equal the C library's")
  func plainDecimalsMatchStrtod() throws {
    var random = Generator(state: 99)
    var texts = ["0", "-0", "+7", "5.", ".5", "-0.000", "9007199254740993", "0.1", "123456789.123456789"]
    for _ in 0..<20_000 {
      let digits = random.next(17) + 1
      var text = random.next(3) == 0 ? "-" : ""
      for index in 0..<digits {
        text += String(random.next(10))
        if index == random.next(digits) && !text.contains(".") { text += "." }
      }
      texts.append(text)
    }
    let format = NumberFormat(decimalComma: false)
    for text in texts {
      var copy = text
      let fast = copy.withUTF8 { PlainDecimal.parse($0.baseAddress!, length: $0.count, decimalComma: false) }
      guard let fast else { continue }
      let reference = try #require(format.parse(text))
      #expect(fast.bitPattern == reference.bitPattern, "\(text)")
    }
    for text in ["", "-", ".", "1e3", "1.2.3", "1,5", " 1", "nan", "12345678901234567890"] {
      var copy = text
      let fast = copy.withUTF8 { $0.isEmpty ? nil : PlainDecimal.parse($0.baseAddress!, length: $0.count, decimalComma: false) }
      #expect(fast == nil, "\(text)")
    }
    var comma = "2,5"
    #expect(comma.withUTF8 { PlainDecimal.parse($0.baseAddress!, length: $0.count, decimalComma: true) } == 2.5)
  }

  @Test("a large file is cut into parts on its own, and reads as front to back")
  func automaticParts() throws {
    let bytes = Self.messyFile(rows: 140_000, seed: 3)
    #expect(bytes.count > 2 * CSVReader.minimumPartSize)
    let path = try Fixtures.write(bytes)
    let options = CSVReadOptions(numericColumns: ["weight"])
    let reference = try Self.read(path, options: options, parts: 1, threads: 1, chunkSize: ChunkedFile.chunkSize)
    let table = try Self.read(path, options: options, parts: nil, threads: 2, chunkSize: ChunkedFile.chunkSize)
    Self.expectSame(table, reference, "automatic parts")
    #expect(reference.variables[0].count == 140_000)
  }
}

extension SurveyReadError {
  /// The same error about `file`.
  func withFile(_ file: String) -> SurveyReadError {
    switch self {
    case .wrongFieldCount(_, let line, let expected, let found):
      return .wrongFieldCount(file: file, line: line, expected: expected, found: found)
    case .quoteInUnquotedField(_, let line, let column):
      return .quoteInUnquotedField(file: file, line: line, column: column)
    case .textAfterClosingQuote(_, let line, let column, let start):
      return .textAfterClosingQuote(file: file, line: line, column: column, fieldStartLine: start)
    case .nulByte(_, let line, let column):
      return .nulByte(file: file, line: line, column: column)
    default:
      return self
    }
  }
}
