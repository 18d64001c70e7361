internal import Glibc
internal import SurveyStatistics

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
/// The header is read first, from the first 1 MiB chunk (which also serves to detect the delimiter
/// and the encoding). A small file, a file read on one thread, one that is not a regular file (a
/// pipe) or one transcoded from UTF-16 is then parsed front to back in 1 MiB chunks by one
/// ``LineFeeder``. A large regular
/// file is cut into parts at line breaks (see ``FileParts``), which are parsed at the same time,
/// each with its own libcsv parser and column dictionaries; ``PartMerge`` then joins them so that
/// the result is the same as a front-to-back parse, whatever the number of parts or threads.
///
/// A cut can fall inside a quoted value that spans lines. The part before such a cut does not end
/// between rows; the reader then throws away the parts after it and parses the rest of the file
/// with that part's parser, which is where a front-to-back parse would be. The first error in file
/// order is reported, at its line: a part counts lines from its own start, and its lines are
/// shifted by the lines of the parts before it.
///
/// Columns listed in ``CSVReadOptions/numericColumns`` are read straight into numbers, and other
/// columns switch to numbers once they have more than 1000 distinct values that are all numbers
/// (see ``ColumnBuilder``). When such a column turns out to hold a value that is not a number, the
/// file is read again with that column dictionary-encoded, so that the design can show the value
/// and its line; that needs a regular file, so a pipe is always read with dictionaries.
struct CSVReader {
  /// The file, as the user named it.
  let path: String
  /// How to read it.
  let options: CSVReadOptions
  /// The number of parts to cut a regular file into, whatever its size (tests); `nil` decides from
  /// the size and the number of threads.
  var partCount: Int? = nil
  /// The size of the chunks in which each part is read (tests use small ones).
  var partChunkSize = ChunkedFile.chunkSize
  /// Called once the file is open and its size taken, before it is parsed: tests change the file
  /// there, as another program could.
  var beforeParsing: (() -> Void)? = nil

  /// How much of the start of the file is used to detect the delimiter.
  static let delimiterSampleSize = 64 * 1024
  /// The smallest part worth parsing on a thread of its own.
  static let minimumPartSize = 2 << 20
  /// How many parts per thread, so that a thread that is slowed down holds up less.
  static let partsPerThread = 4

  init(path: String, options: CSVReadOptions, partCount: Int? = nil, partChunkSize: Int = ChunkedFile.chunkSize) {
    self.path = path
    self.options = options
    self.partCount = partCount
    self.partChunkSize = partChunkSize
  }

  /// Reads the whole file.
  ///
  /// - Throws: ``SurveyReadError``.
  func read() throws(SurveyReadError) -> ParsedTable {
    var textColumns = Set<Int>()
    while true {
      switch try read(textColumns: textColumns) {
      case .table(let table): return table
      case .textInNumberColumns(let columns): textColumns.formUnion(columns)
      }
    }
  }

  /// The outcome of one reading.
  private enum Attempt {
    case table(ParsedTable)
    /// Columns (0-based positions) read straight into numbers hold values that are not numbers.
    case textInNumberColumns(Set<Int>)
  }

  /// Reads the file once. A regular file whose size is not the same after reading as when it was
  /// opened was being written by another program: whatever was read (or went wrong) is then not
  /// the file, and that is the error.
  private func read(textColumns: Set<Int>) throws(SurveyReadError) -> Attempt {
    let file = try UTF8ChunkedFile(path: path)
    defer { file.close() }
    // Only a regular file can be read again, should a column read as numbers hold text; only one
    // whose bytes go to the parser as they are (not transcoded from UTF-16) can be cut into parts.
    let regularFile = RegularFile(path: path)
    defer { regularFile?.close() }
    beforeParsing?()
    let attempt: Attempt
    do {
      attempt = try parse(file, regularFile: regularFile, textColumns: textColumns)
    } catch {
      try checkUnchanged(regularFile)
      throw error
    }
    try checkUnchanged(regularFile)
    return attempt
  }

  /// Throws when `file`'s size now differs from its size when it was opened.
  private func checkUnchanged(_ file: RegularFile?) throws(SurveyReadError) {
    guard let file, let size = file.currentSize(), size != file.size else { return }
    throw size < file.size ? .fileChangedWhileReading(file: path) : .fileGrewWhileReading(file: path)
  }

  private func parse(
    _ file: UTF8ChunkedFile, regularFile: RegularFile?, textColumns: Set<Int>
  ) throws(SurveyReadError) -> Attempt {
    let partsFile = file.isTranscoded ? nil : regularFile
    guard var chunk = try file.nextChunk() else { throw .emptyFile(file: path) }
    var headerOffset = 0
    if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
      chunk = UnsafeBufferPointer(rebasing: chunk.dropFirst(3))
      headerOffset = 3
    }

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
        file: path, selection: options.columns, numberColumns: options.numericColumns,
        columnPatterns: options.columnPatterns,
        textColumns: regularFile == nil ? nil : textColumns, decimalComma: decimalComma, encoding: encoding,
        requiresUTF8: options.encoding == .utf8 || file.isTranscoded))
    // The rows to expect, from the length of the lines in the first chunk.
    let bytesPerLine = Self.averageLineLength(chunk)
    if let partsFile { state.pointee.expectedRows = partsFile.size / bytesPerLine * 21 / 20 + 16 }
    var parts = [CSVPart(state: state, feeder: LineFeeder(delimiter: delimiter, state: state))]
    defer { for part in parts { part.release() } }

    let threads = max(options.threadCount ?? availableProcessorCount(), 1)
    let wantedParts =
      partCount ?? (threads == 1 ? 1 : min(threads * Self.partsPerThread, (partsFile?.size ?? 0) / Self.minimumPartSize))
    let cutsIntoParts = partsFile != nil && wantedParts >= 2
    let headerEnd = cutsIntoParts ? try parts[0].feeder.feedHeader(chunk) : nil
    if let partsFile, let headerEnd {
      let fileSize = partsFile.size
      // Parts, each read through its own mapping: the first continues after the header with the
      // header's parser.
      let dataStart = headerOffset + headerEnd
      let starts = try FileParts.starts(
        path: path, descriptor: partsFile.descriptor, from: dataStart, to: fileSize, count: wantedParts)
      for index in starts.indices {
        let end = index + 1 < starts.count ? starts[index + 1] : fileSize
        let expectedRows = (end - starts[index]) / bytesPerLine * 21 / 20 + 16  // 5% to spare
        if index > 0 {
          let partState = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
          partState.initialize(to: state.pointee.continuation())
          parts.append(CSVPart(state: partState, feeder: LineFeeder(delimiter: delimiter, state: partState)))
        }
        parts[index].state.pointee.reserve(rows: expectedRows)
        parts[index].range = FileRange(
          path: path, descriptor: partsFile.descriptor, start: starts[index], end: end, chunkSize: partChunkSize)
        parts[index].isLast = index == starts.count - 1
      }
      parts.withUnsafeMutableBufferPointer { buffer in
        forEachConcurrently(buffer.count, threads: threads) { index in buffer[index].run() }
      }
      try verify(&parts, fileSize: fileSize)
    } else {
      // Front to back, through the chunked reader (after the first chunk, when it was fed
      // looking for the end of the header).
      if !cutsIntoParts { try parts[0].feeder.feed(chunk) }
      while let next = try file.nextChunk() { try parts[0].feeder.feed(next) }
      try parts[0].feeder.finish()
    }

    guard state.pointee.isHeaderDone else { throw .emptyFile(file: path) }
    let lineNumbers = PartMerge.lineNumbers(parts)
    guard parts.reduce(0, { $0 + $1.state.pointee.rowCount }) > 0 else { throw .noDataRows(file: path) }
    let merge = PartMerge(
      parts: parts.map(\.state), numericColumns: options.numericColumns, decimalComma: decimalComma, threads: threads)
    switch merge.variables() {
    case .success(let variables):
      return .table(ParsedTable(variables: variables, lineNumbers: lineNumbers, columnNames: merge.names))
    case .failure(let columns):
      return .textInNumberColumns(columns.positions)
    }
  }

  /// The average length of the lines of `chunk` (at least 8 bytes, to keep estimates of the
  /// number of rows from running away).
  static func averageLineLength(_ chunk: UnsafeBufferPointer<UInt8>) -> Int {
    var lines = 0
    for byte in chunk where byte == 0x0A { lines += 1 }
    return max(chunk.count / max(lines, 1), 8)
  }

  /// Checks, in file order, that each part began where a row begins, and throws the first error.
  ///
  /// A part that does not end between rows was cut inside a quoted value: the parts after it began
  /// in the middle of that value, so they are dropped and that part parses the rest of the file.
  /// An error is thrown with its line in the whole file.
  private func verify(_ parts: inout [CSVPart], fileSize: Int) throws(SurveyReadError) {
    var lineShift = 0
    for index in parts.indices {
      parts[index].lineShift = lineShift
      if let failure = parts[index].failure { throw failure.shiftingLines(by: lineShift) }
      if index + 1 < parts.count, !parts[index].feeder.isBetweenRows {
        do {
          try parts[index].parseRest(to: fileSize)
        } catch {
          throw error.shiftingLines(by: lineShift)
        }
        for dropped in parts[(index + 1)...] { dropped.release() }
        parts.removeSubrange((index + 1)...)
        return
      }
      lineShift += parts[index].state.pointee.currentLine - 2
    }
  }
}

/// One part of a file being parsed: its byte range, its libcsv parser and its columns.
struct CSVPart {
  /// The columns and position of this part.
  let state: UnsafeMutablePointer<ParseState>
  /// The part's parser.
  var feeder: LineFeeder
  /// The bytes of the part, when the file is cut into parts.
  var range: FileRange?
  /// Whether the part ends the file, so that a last row without a line break is flushed.
  var isLast = false
  /// The first error in the part, with lines counted from line 2 at the part's start (from the
  /// file's start for the first part).
  var failure: SurveyReadError?
  /// What to add to the part's line numbers to get lines of the file.
  var lineShift = 0

  init(state: UnsafeMutablePointer<ParseState>, feeder: LineFeeder) {
    self.state = state
    self.feeder = feeder
  }

  /// Parses the whole range, recording the first error.
  mutating func run() {
    do {
      guard var range else { return }
      defer { self.range = range }
      while let chunk = try range.nextChunk() { try feeder.feed(chunk) }
      if isLast { try feeder.finish() }
    } catch {
      failure = error
    }
  }

  /// Parses on from the end of the range to the end of the file, and flushes the last row.
  mutating func parseRest(to fileSize: Int) throws(SurveyReadError) {
    guard var range else { return }
    defer { self.range = range }
    range.extend(to: fileSize)
    while let chunk = try range.nextChunk() { try feeder.feed(chunk) }
    try feeder.finish()
  }

  /// Releases the parser, the buffer and the columns.
  func release() {
    feeder.release()
    range?.release()
    state.pointee.releaseStorage()
    state.deinitialize(count: 1)
    state.deallocate()
  }
}
