internal import CLibCSV
import SurveyStatistics

/// A survey's columns as read from a CSV file.
struct ParsedTable {
  /// The stored columns, in file order.
  var variables: [Variable]
  /// The line on which each row starts, or `nil` when row `r` starts on line `r + 2`.
  var lineNumbers: [Int]?
  /// Every column name of the header, read or not.
  var columnNames: [String]
}

/// Reads a CSV file into typed columns by streaming it through libcsv in strict mode.
///
/// The file is read in 1 MiB chunks. Each chunk is cut at line breaks (`\n`, `\r\n`, or a lone
/// `\r`) and handed to `csv_parse` one physical line at a time, so the reader always knows the
/// line it is on: a row's starting line, the line of a parse error, and the line where a quoted
/// value that never closes was opened. Fields arrive in ``csvFieldCallback(_:_:_:)``, which
/// skips unselected columns before any work and dictionary-encodes the others.
///
/// The parse of a chunk depends on the state left by the previous one only through libcsv's
/// parser and the ``ParseState``, so a parallel parse can later split the file at line breaks
/// outside quotes and merge the per-part dictionaries.
struct CSVReader {
  /// The file, as the user named it.
  let path: String
  /// How to read it.
  let options: CSVReadOptions

  /// How much of the start of the file is used to detect the delimiter.
  static let delimiterSampleSize = 64 * 1024

  /// Reads the whole file.
  ///
  /// - Throws: ``SurveyReadError``.
  func read() throws(SurveyReadError) -> ParsedTable {
    let file = try UTF8ChunkedFile(path: path)
    defer { file.close() }
    guard var chunk = try file.nextChunk() else { throw .emptyFile(file: path) }
    if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk = UnsafeBufferPointer(rebasing: chunk.dropFirst(3)) }

    let delimiter =
      options.delimiter
      ?? DelimiterDetection.detect(in: UnsafeBufferPointer(rebasing: chunk.prefix(Self.delimiterSampleSize)))
    precondition(
      ![UInt8(ascii: "\""), 0x0A, 0x0D, 0].contains(delimiter),
      "the delimiter cannot be a double quote, a line break or NUL")
    let decimalComma = options.decimalComma ?? (delimiter == UInt8(ascii: ";"))
    let encoding: ResolvedEncoding
    switch file.isTranscoded ? .utf8 : options.encoding {
    case .utf8: encoding = .utf8
    case .windows1252: encoding = .windows1252
    case .latin1: encoding = .latin1
    case .automatic: encoding = utf8Validity(chunk) == .invalid ? .windows1252 : .utf8
    }

    let state = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
    state.initialize(
      to: ParseState(
        file: path, selection: options.columns, encoding: encoding,
        requiresUTF8: options.encoding == .utf8 || file.isTranscoded))
    defer {
      state.pointee.releaseStorage()
      state.deinitialize(count: 1)
      state.deallocate()
    }
    var feeder = LineFeeder(delimiter: delimiter, state: state)
    defer { feeder.release() }

    try feeder.feed(chunk)
    while let next = try file.nextChunk() { try feeder.feed(next) }
    try feeder.finish()

    guard state.pointee.isHeaderDone else { throw .emptyFile(file: path) }
    guard state.pointee.rowCount > 0 else { throw .noDataRows(file: path) }
    return makeTable(from: state.pointee, decimalComma: decimalComma)
  }

  /// Converts the builders into variables, once the final encoding is known.
  private func makeTable(from state: ParseState, decimalComma: Bool) -> ParsedTable {
    let encoding = state.encoding
    let names =
      encoding == state.headerEncoding ? state.names : state.rawNames.map { encoding.decode($0) }
    let format = NumberFormat(decimalComma: decimalComma, isSingleByte: encoding.isSingleByte)
    var variables: [Variable] = []
    variables.reserveCapacity(state.storedColumns.count)
    if let builders = state.builders {
      for (builder, column) in state.storedColumns.enumerated() {
        let name = names[column]
        let values = builders[builder].makeValues(
          numericRequested: options.numericColumns.contains(name), format: format, encoding: encoding)
        variables.append(Variable(name: name, values: values))
      }
    }
    return ParsedTable(
      variables: variables, lineNumbers: state.rowsStartElsewhere ? state.lineNumbers : nil,
      columnNames: names)
  }
}

/// Feeds chunks to libcsv one physical line at a time and turns its failures into messages.
private struct LineFeeder {
  // libcsv 3.0.3's parser states (`pstate` in `struct csv_parser`; libcsv.c defines them).
  private static let rowNotBegun: Int32 = 0
  private static let fieldBegun: Int32 = 2
  private static let fieldMightHaveEnded: Int32 = 3
  /// How much libcsv's field buffer grows at a time (its default, 128 bytes, is slow for long fields).
  private static let fieldBufferIncrement = 64 * 1024

  private let parser: UnsafeMutablePointer<csv_parser>
  private let state: UnsafeMutablePointer<ParseState>
  /// Whether the previous chunk ended with `\r`, so that a `\n` opening this one ends no line.
  private var previousChunkEndedWithCarriageReturn = false
  /// The line on which the quoted field still open at the end of the last line started.
  private var openQuoteLine = 1

  init(delimiter: UInt8, state: UnsafeMutablePointer<ParseState>) {
    parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
    csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
    csv_set_delim(parser, delimiter)
    csv_set_blk_size(parser, Self.fieldBufferIncrement)
    self.state = state
  }

  func release() {
    csv_free(parser)
    parser.deallocate()
  }

  /// Parses a chunk, line by line.
  mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws(SurveyReadError) {
    guard let base = chunk.baseAddress else { return }
    let count = chunk.count
    var segmentStart = 0
    var index = 0
    if previousChunkEndedWithCarriageReturn {
      previousChunkEndedWithCarriageReturn = false
      if base[0] == 0x0A {
        try feedSegment(base, length: 1, endsLine: false)
        segmentStart = 1
        index = 1
      }
    }
    while index < count {
      let byte = base[index]
      if byte > 0x0D {
        index &+= 1
        continue
      }
      if byte == 0x0A {
        index &+= 1
      } else if byte == 0x0D {
        index &+= 1
        if index < count {
          if base[index] == 0x0A { index &+= 1 }
        } else {
          previousChunkEndedWithCarriageReturn = true
        }
      } else if byte == 0 {
        try feedSegment(base + segmentStart, length: index - segmentStart, endsLine: false)
        let current = state.pointee
        throw .nulByte(file: current.file, line: current.currentLine, column: current.column(at: current.fieldIndex))
      } else {
        index &+= 1
        continue
      }
      try feedSegment(base + segmentStart, length: index - segmentStart, endsLine: true)
      segmentStart = index
    }
    if segmentStart < count {
      try feedSegment(base + segmentStart, length: count - segmentStart, endsLine: false)
    }
  }

  /// Flushes the last row (a file need not end with a line break).
  mutating func finish() throws(SurveyReadError) {
    if parser.pointee.pstate == Self.rowNotBegun { state.pointee.rowStartLine = state.pointee.currentLine }
    if csv_fini(parser, csvFieldCallback, csvRowCallback, state) != 0 {
      let current = state.pointee
      throw .unterminatedQuote(file: current.file, line: openQuoteLine, column: current.column(at: current.fieldIndex))
    }
    if state.pointee.hasFailed, let failure = state.pointee.failure { throw failure }
  }

  /// Parses the bytes of (part of) one physical line.
  private mutating func feedSegment(
    _ start: UnsafePointer<UInt8>, length: Int, endsLine: Bool
  ) throws(SurveyReadError) {
    if parser.pointee.pstate == Self.rowNotBegun { state.pointee.rowStartLine = state.pointee.currentLine }
    let wasInQuotes = isInQuotedField
    let position = (state.pointee.rowCount, state.pointee.fieldIndex)
    let consumed = csv_parse(parser, start, length, csvFieldCallback, csvRowCallback, state)
    if consumed < length {
      throw parseFailure(sameFieldAsBefore: wasInQuotes && position == (state.pointee.rowCount, state.pointee.fieldIndex))
    }
    if state.pointee.hasFailed, let failure = state.pointee.failure { throw failure }
    if isInQuotedField, !wasInQuotes || position != (state.pointee.rowCount, state.pointee.fieldIndex) {
      openQuoteLine = state.pointee.currentLine
    }
    if endsLine { state.pointee.currentLine += 1 }
  }

  private var isInQuotedField: Bool {
    parser.pointee.pstate == Self.fieldBegun && parser.pointee.quoted != 0
  }

  /// The error for a `csv_parse` call that stopped early; read before anything resets libcsv.
  private func parseFailure(sameFieldAsBefore: Bool) -> SurveyReadError {
    let status = csv_error(parser)
    let current = state.pointee
    let column = current.column(at: current.fieldIndex)
    guard status == CSV_EPARSE else {
      return .parserFailure(file: current.file, line: current.currentLine, reason: String(cString: csv_strerror(status)))
    }
    if parser.pointee.pstate == Self.fieldMightHaveEnded {
      return .textAfterClosingQuote(
        file: current.file, line: current.currentLine, column: column,
        fieldStartLine: sameFieldAsBefore ? openQuoteLine : current.currentLine)
    }
    return .quoteInUnquotedField(file: current.file, line: current.currentLine, column: column)
  }
}
