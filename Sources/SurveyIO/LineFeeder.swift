internal import CLibCSV

/// Feeds chunks of a CSV file to libcsv, keeping track of the line of every row and error, and
/// turns libcsv's failures into messages.
///
/// Runs of lines that are each one row (see ``LineRun``) go to `csv_parse` in one call; the
/// lines around a value that spans lines, a blank line, a NUL byte or a chunk boundary go one
/// physical line at a time, so the reader always knows the line it is on: a row's starting line,
/// the line of a parse error, and the line where a quoted value that never closes was opened.
struct LineFeeder {
  // libcsv 3.0.3's parser states (`pstate` in `struct csv_parser`; libcsv.c defines them).
  private static let rowNotBegun: Int32 = 0
  private static let fieldBegun: Int32 = 2
  private static let fieldMightHaveEnded: Int32 = 3
  /// How much libcsv's field buffer grows at a time (its default, 128 bytes, is slow for long fields).
  private static let fieldBufferIncrement = 64 * 1024

  private let parser: UnsafeMutablePointer<csv_parser>
  /// The state the callbacks update.
  let state: UnsafeMutablePointer<ParseState>
  private let delimiter: UInt8
  /// Whether the previous chunk ended with `\r`, so that a `\n` opening this one ends no line.
  private var previousChunkEndedWithCarriageReturn = false
  /// The line on which the quoted field still open at the end of the last line started.
  private var openQuoteLine = 1

  init(delimiter: UInt8, state: UnsafeMutablePointer<ParseState>) {
    parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
    csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
    csv_set_delim(parser, delimiter)
    csv_set_blk_size(parser, Self.fieldBufferIncrement)
    self.delimiter = delimiter
    self.state = state
  }

  /// Releases libcsv's parser (not the state).
  func release() {
    csv_free(parser)
    parser.deallocate()
  }

  /// Whether everything fed so far ends a row: no row and no quoted value is open, and the last
  /// byte was not a `\r` that a `\n` might complete.
  var isBetweenRows: Bool {
    parser.pointee.pstate == Self.rowNotBegun && !previousChunkEndedWithCarriageReturn
  }

  /// Parses a chunk.
  mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws(SurveyReadError) {
    _ = try feed(chunk, stoppingAfterHeader: false)
  }

  /// Parses a chunk up to the end of the line that ends the header row.
  ///
  /// - Returns: the offset in `chunk` just past the header's last line, or `nil` when the header
  ///   does not end in this chunk (everything was fed).
  mutating func feedHeader(_ chunk: UnsafeBufferPointer<UInt8>) throws(SurveyReadError) -> Int? {
    try feed(chunk, stoppingAfterHeader: true)
  }

  private mutating func feed(
    _ chunk: UnsafeBufferPointer<UInt8>, stoppingAfterHeader: Bool
  ) throws(SurveyReadError) -> Int? {
    guard let base = chunk.baseAddress else { return nil }
    let count = chunk.count
    var index = 0
    if previousChunkEndedWithCarriageReturn {
      previousChunkEndedWithCarriageReturn = false
      if base[0] == 0x0A {
        try feedSegment(base, length: 1, endsLine: false)
        index = 1
      }
    }
    while index < count {
      if stoppingAfterHeader {
        if state.pointee.isHeaderDone, parser.pointee.pstate == Self.rowNotBegun { return index }
      } else if parser.pointee.pstate == Self.rowNotBegun {
        let run = LineRun.scan(base, from: index, to: count, delimiter: delimiter)
        if run.lines > 0 {
          try feedRun(base, from: index, to: run.end, lines: run.lines)
          index = run.end
          continue
        }
      }
      index = try feedLine(base, from: index, count: count)
    }
    if stoppingAfterHeader, state.pointee.isHeaderDone, isBetweenRows { return index }
    return nil
  }

  /// Feeds one physical line from `start`, or what is left of the chunk; returns where it ended.
  private mutating func feedLine(
    _ base: UnsafePointer<UInt8>, from start: Int, count: Int
  ) throws(SurveyReadError) -> Int {
    var index = start
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
        try feedSegment(base + start, length: index - start, endsLine: false)
        let current = state.pointee
        throw .nulByte(file: current.file, line: current.currentLine, column: current.column(at: current.fieldIndex))
      } else {
        index &+= 1
        continue
      }
      try feedSegment(base + start, length: index - start, endsLine: true)
      return index
    }
    try feedSegment(base + start, length: count - start, endsLine: false)
    return count
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

  /// Parses `lines` complete lines that are each one row, in one call.
  private mutating func feedRun(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, lines: Int
  ) throws(SurveyReadError) {
    let firstLine = state.pointee.currentLine
    state.pointee.beginRun()
    let length = end - start
    let consumed = csv_parse(parser, base + start, length, csvFieldCallback, csvRowCallback, state)
    state.pointee.endRun()
    if consumed < length {
      state.pointee.currentLine = firstLine + LineRun.lineBreaks(base, from: start, to: start + consumed)
      throw parseFailure(sameFieldAsBefore: false)
    }
    if state.pointee.hasFailed, let failure = state.pointee.failure { throw failure }
    state.pointee.currentLine = firstLine + lines
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
