internal import SurveyStatistics

/// What the libcsv callbacks know while a file is parsed: the header, the column builders, and
/// where the parser is in the file.
///
/// libcsv receives a pointer to this plain struct as its context; the callbacks below update it
/// in place. A callback cannot throw, so a problem is recorded in ``failure`` and the reader throws
/// it after the current line.
struct ParseState {
  /// The file, as the user named it, for messages.
  let file: String
  /// The columns to store, or `nil` for all; with the header, those matching ``columnPatterns``.
  private(set) var selection: Set<String>?
  /// Stored columns whose values are parsed straight into numbers (see ``ColumnBuilder``); with
  /// the header, those matching ``columnPatterns``.
  private(set) var numberColumns: Set<String>
  /// Regular expressions: the columns whose names match one are stored and read as numbers.
  let columnPatterns: [String]
  /// The 0-based positions of stored columns that are kept as text (dictionary-encoded) even when
  /// they hold numbers, or `nil` when every column is (the file cannot be read again).
  let textColumns: Set<Int>?
  /// Whether numbers are written with a decimal comma.
  let decimalComma: Bool
  /// Whether text that is not UTF-8 is an error (encoding chosen as UTF-8) rather than a sign of
  /// Windows-1252.
  let requiresUTF8: Bool

  /// The encoding in force: starts as UTF-8 or the chosen single-byte encoding, and may fall back
  /// from UTF-8 to Windows-1252 once.
  var encoding: ResolvedEncoding
  /// The encoding in which the header names were decoded.
  private(set) var headerEncoding: ResolvedEncoding

  /// Whether the header row has been read.
  private(set) var isHeaderDone = false
  /// The header's fields as raw bytes, spaces trimmed.
  private(set) var rawNames: [[UInt8]] = []
  /// The header names, decoded.
  private(set) var names: [String] = []
  /// For each column of the file, the index of its builder, or `-1` when it is skipped.
  private var builderIndex: UnsafeMutablePointer<Int32>?
  /// The builders of the stored columns, in file order.
  private(set) var builders: UnsafeMutablePointer<ColumnBuilder>?
  /// The file position (0-based) of each stored column.
  private(set) var storedColumns: [Int] = []

  /// The 0-based index of the field being read in the current row.
  private(set) var fieldIndex = 0
  /// The number of data rows read.
  private(set) var rowCount = 0
  /// The 1-based line being fed to the parser.
  var currentLine = 1
  /// The line on which the row being read started.
  var rowStartLine = 1
  /// The starting line of every row, kept only once a row did not start on line `row + 2`.
  private(set) var lineNumbers: [Int] = []
  /// Whether some row starts elsewhere than on line `row + 2` (quoted line breaks, blank lines).
  private(set) var rowsStartElsewhere = false
  /// Whether every row now being parsed is one line (see ``LineRun``), so that the end of a row
  /// moves ``currentLine`` and ``rowStartLine`` to the next line.
  private var linesFollowRows = false

  /// How many rows the builders make room for when they are created (an estimate).
  var expectedRows = 0

  /// The first problem found by a callback.
  private(set) var failure: SurveyReadError?
  /// Whether ``failure`` is set; checked on the hot path instead of the optional error.
  private(set) var hasFailed = false

  init(
    file: String, selection: Set<String>?, numberColumns: Set<String> = [], columnPatterns: [String] = [],
    textColumns: Set<Int>? = nil, decimalComma: Bool = false, encoding: ResolvedEncoding, requiresUTF8: Bool
  ) {
    self.file = file
    self.selection = selection
    self.numberColumns = numberColumns
    self.columnPatterns = columnPatterns
    self.textColumns = textColumns
    self.decimalComma = decimalComma
    self.encoding = encoding
    self.headerEncoding = encoding
    self.requiresUTF8 = requiresUTF8
  }

  /// The number of columns in the header, once it has been read.
  private(set) var columnCount = 0

  /// A state for parsing another part of the same file, after its header: the same header and
  /// columns, empty builders, no rows, and line 2 standing for the first line of the part.
  ///
  /// - Precondition: the header has been read.
  func continuation() -> ParseState {
    precondition(isHeaderDone, "a part of a file is parsed after its header")
    var part = ParseState(
      file: file, selection: selection, numberColumns: numberColumns, columnPatterns: columnPatterns,
      textColumns: textColumns,
      decimalComma: decimalComma, encoding: encoding, requiresUTF8: requiresUTF8)
    part.headerEncoding = headerEncoding
    part.rawNames = rawNames
    part.names = names
    part.currentLine = 2
    part.rowStartLine = 2
    part.makeBuilders(storedColumns: storedColumns)
    part.columnCount = columnCount
    part.isHeaderDone = true
    return part
  }

  /// Makes room for `rows` rows in all in every builder.
  mutating func reserve(rows: Int) {
    guard let builders else { return }
    for index in storedColumns.indices { builders[index].reserve(rows: rows) }
  }

  /// Starts a run of lines that are each one row, on ``currentLine``.
  mutating func beginRun() {
    linesFollowRows = true
    rowStartLine = currentLine
  }

  /// Ends a run of lines that are each one row.
  mutating func endRun() {
    linesFollowRows = false
  }

  /// The column at a 0-based position, named when the header has been read.
  func column(at index: Int) -> CSVColumn {
    CSVColumn(position: index + 1, name: isHeaderDone && index < names.count ? names[index] : nil)
  }

  // MARK: - Callbacks

  /// Takes one field of the current row.
  @inline(__always)
  mutating func receiveField(_ field: UnsafeMutableRawPointer?, length: Int) {
    let index = fieldIndex
    fieldIndex = index &+ 1
    guard isHeaderDone else {
      headerField(field, length: length)
      return
    }
    // After a failure the reader throws at the end of the current `csv_parse` call; the values
    // stored until then are dropped with the state.
    guard index < columnCount, let builderIndex, let builders else { return }
    let builder = Int(builderIndex[index])
    guard builder >= 0, let field else { return }
    let bytes = field.assumingMemoryBound(to: UInt8.self)
    if let newCode = builders[builder].append(bytes, length: length, decimalComma: decimalComma), encoding == .utf8 {
      checkUTF8(builders[builder].levels.level(Int(newCode)), column: index)
    }
  }

  /// Ends the current row.
  mutating func receiveRowEnd() {
    defer {
      if linesFollowRows {
        currentLine &+= 1
        rowStartLine = currentLine
      }
    }
    guard !hasFailed else { return }
    guard isHeaderDone else {
      finishHeader()
      return
    }
    let fields = fieldIndex
    fieldIndex = 0
    guard fields == names.count else {
      fail(.wrongFieldCount(file: file, line: rowStartLine, expected: names.count, found: fields))
      return
    }
    if rowsStartElsewhere {
      lineNumbers.append(rowStartLine)
    } else if rowStartLine != rowCount + 2 {
      rowsStartElsewhere = true
      lineNumbers = Array(2..<(rowCount + 2))
      lineNumbers.append(rowStartLine)
    }
    rowCount += 1
  }

  /// Records a problem, unless one was recorded before.
  mutating func fail(_ error: SurveyReadError) {
    guard !hasFailed else { return }
    failure = error
    hasFailed = true
  }

  /// Releases the builders' storage (their values must have been taken out before).
  mutating func releaseStorage() {
    if let builders {
      for index in storedColumns.indices { builders[index].deallocate() }
      builders.deinitialize(count: storedColumns.count)
      builders.deallocate()
      self.builders = nil
    }
    builderIndex?.deallocate()
    builderIndex = nil
  }

  // MARK: - Header

  private mutating func headerField(_ field: UnsafeMutableRawPointer?, length: Int) {
    var bytes = field.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? []
    while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
    let leading = bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count
    rawNames.append(Array(bytes.dropFirst(leading)))
  }

  /// Validates the header names and prepares a builder for each stored column.
  private mutating func finishHeader() {
    fieldIndex = 0
    if encoding == .utf8 {
      for (index, raw) in rawNames.enumerated() where !raw.withUnsafeBufferPointer(isValidUTF8) {
        if requiresUTF8 {
          fail(.invalidUTF8(file: file, line: 1, column: CSVColumn(position: index + 1, name: nil)))
          return
        }
        encoding = .windows1252
        break
      }
    }
    headerEncoding = encoding
    names = rawNames.map { encoding.decode($0) }

    let empty = names.indices.filter { names[$0].isEmpty }.map { $0 + 1 }
    if !empty.isEmpty {
      fail(.emptyColumnNames(file: file, positions: empty))
      return
    }
    var seen = Set<String>()
    var repeated: [String] = []
    for name in names where !seen.insert(name).inserted && !repeated.contains(name) {
      repeated.append(name)
    }
    if !repeated.isEmpty {
      fail(.duplicateColumnNames(file: file, names: repeated))
      return
    }
    if !columnPatterns.isEmpty {
      let matched = columnPatterns.flatMap { ReplicateDeclaration.names(names, matching: $0) ?? [] }
      numberColumns.formUnion(matched)
      selection?.formUnion(matched)
    }
    if let selection {
      for name in selection.sorted() where !seen.contains(name) {
        fail(.unknownColumn(
          file: file, name: name, suggestion: closestName(to: name, among: names), available: names))
        return
      }
    }

    makeBuilders(storedColumns: names.indices.filter { selection?.contains(names[$0]) ?? true })
    columnCount = names.count
    isHeaderDone = true
  }

  /// Prepares an empty builder for each stored column.
  private mutating func makeBuilders(storedColumns: [Int]) {
    self.storedColumns = storedColumns
    let indices = UnsafeMutablePointer<Int32>.allocate(capacity: names.count)
    indices.initialize(repeating: -1, count: names.count)
    for (builder, column) in storedColumns.enumerated() { indices[column] = Int32(builder) }
    builderIndex = indices
    let newBuilders = UnsafeMutablePointer<ColumnBuilder>.allocate(capacity: max(storedColumns.count, 1))
    for (index, column) in storedColumns.enumerated() {
      let mayBecomeNumbers = textColumns.map { !$0.contains(column) } ?? false
      let readsNumbers = mayBecomeNumbers && numberColumns.contains(names[column])
      (newBuilders + index).initialize(
        to: ColumnBuilder(readsNumbers: readsNumbers, mayBecomeNumbers: mayBecomeNumbers))
      newBuilders[index].reserve(rows: expectedRows)
    }
    builders = newBuilders
  }

  /// Handles a new distinct value while the text is taken to be UTF-8.
  private mutating func checkUTF8(_ level: UnsafeBufferPointer<UInt8>, column: Int) {
    guard !isValidUTF8(level) else { return }
    if requiresUTF8 {
      fail(.invalidUTF8(file: file, line: currentLine, column: self.column(at: column)))
    } else {
      encoding = .windows1252
    }
  }
}

/// libcsv's field callback: `context` points to the ``ParseState``.
func csvFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
  context.unsafelyUnwrapped.assumingMemoryBound(to: ParseState.self).pointee.receiveField(field, length: length)
}

/// libcsv's row callback: `context` points to the ``ParseState``.
func csvRowCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
  context.unsafelyUnwrapped.assumingMemoryBound(to: ParseState.self).pointee.receiveRowEnd()
}
