package import SurveyStatistics

internal import Foundation
internal import Glibc

/// Writes a copy of a CSV file with one more column at the end of every record: the original
/// bytes are kept as they are (quoting, line breaks, encoding, byte order mark, blank lines), and
/// the new field is inserted before each record's line break. Records are found as the reader finds
/// them: a line break inside double quotes belongs to the field; lines of only spaces or tabs are
/// blank and get no field.
///
/// ```swift
/// try CSVColumnAppender(input: "survey.csv", options: CSVReadOptions())
///   .write(column: "raked_weight", values: weights, to: "survey-raked.csv", replacingExisting: false)
/// ```
///
/// The copy is written through ``AtomicFile``: to a temporary file in the output's folder, then
/// renamed over the output (or hard-linked, when it may not replace one), so a reader never sees
/// half a file and a failure leaves no partial output. The input is only read.
package struct CSVColumnAppender: Sendable {
  /// The file to copy.
  package var input: String
  /// How the file was read: its delimiter, and whether numbers use a decimal comma.
  package var options: CSVReadOptions

  /// Creates an appender for `input`, read with `options`.
  package init(input: String, options: CSVReadOptions = CSVReadOptions()) {
    self.input = input
    self.options = options
  }

  /// Writes the copy with the column `name` holding `values`, one per data record in file order.
  ///
  /// Numbers are written in the shortest form that reads back to the same `Double` (with a decimal
  /// comma when the file uses one: `;`-separated files by default, as `Survey.init(csvFile:options:)`
  /// reads them). The name is quoted when it holds the delimiter, a quote or a line break. The file
  /// is copied a chunk at a time into ``AtomicFile``'s temporary file, so memory does not grow with
  /// its size.
  ///
  /// - Parameters:
  ///   - name: The new column's name.
  ///   - values: One value per data record.
  ///   - output: The file to write; never the input.
  ///   - replacingExisting: Whether an existing `output` may be replaced.
  /// - Throws: ``CSVWriteError``.
  package func write(column name: String, values: [Double], to output: String, replacingExisting: Bool) throws {
    try write(columns: [(name, values)], to: output, replacingExisting: replacingExisting)
  }

  /// Writes the copy with several new columns at the end, in order, each holding one value per
  /// data record (as ``write(column:values:to:replacingExisting:)``).
  package func write(columns: [(name: String, values: [Double])], to output: String, replacingExisting: Bool) throws {
    precondition(!columns.isEmpty && columns.allSatisfy { $0.values.count == columns[0].values.count },
                 "columns of one value per record")
    let inputURL = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath()
    let outputURL = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
    guard inputURL.path != outputURL.path else { throw CSVWriteError.outputIsInput(file: output) }
    let descriptor = open(inputURL.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw CSVWriteError.cannotRead(file: input, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    let chunkSize = 1 << 20
    let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
    defer { chunk.deallocate() }
    do {
      try AtomicFile.write(to: output, overwrite: replacingExisting) { writer in
        var copy = RecordCopy(appender: self, columns: columns)
        var output: [UInt8] = []
        output.reserveCapacity(chunkSize + chunkSize / 2)
        while true {
          var count = 0
          repeat { count = read(descriptor, chunk, chunkSize) } while count < 0 && errno == EINTR
          if count < 0 { throw CSVWriteError.cannotRead(file: input, reason: String(cString: strerror(errno))) }
          if count == 0 { break }
          copy.feed(UnsafeBufferPointer(start: chunk, count: count), into: &output)
          try output.withUnsafeBytes { try writer.write($0) }
          output.removeAll(keepingCapacity: true)
        }
        try copy.finish(into: &output)
        try output.withUnsafeBytes { try writer.write($0) }
      }
    } catch OutputFileError.alreadyExists {
      throw CSVWriteError.outputExists(file: output)
    } catch OutputFileError.cannotCreate(_, let reason), OutputFileError.cannotWrite(_, let reason) {
      throw CSVWriteError.cannotWrite(file: output, reason: reason)
    }
  }

  /// The bytes of the copy of `bytes`, fed `chunkSize` bytes at a time (as ``write(column:values:to:replacingExisting:)``
  /// feeds a file).
  func appending(column name: String, values: [Double], to bytes: [UInt8], chunkSize: Int = .max) throws -> [UInt8] {
    var copy = RecordCopy(appender: self, columns: [(name, values)])
    var output: [UInt8] = []
    bytes.withUnsafeBufferPointer { buffer in
      var start = 0
      repeat {
        let end = start + min(chunkSize, buffer.count - start)
        copy.feed(UnsafeBufferPointer(rebasing: buffer[start..<end]), into: &output)
        start = end
      } while start < buffer.count
    }
    try copy.finish(into: &output)
    return output
  }

  /// Copies a file's bytes chunk by chunk, adding the new field before each record's line break.
  ///
  /// Records are found as the reader finds them: a line break inside double quotes belongs to the
  /// field, `\r\n` is one break, and a record of only spaces or tabs is blank and gets no field.
  private struct RecordCopy {
    let appender: CSVColumnAppender
    let columns: [(name: String, values: [Double])]
    /// The number of data records expected.
    var valueCount: Int { columns[0].values.count }
    /// The delimiter and decimal separator, known once the first chunk is seen.
    var delimiter: UInt8 = 0
    var decimalComma = false
    var isStarted = false
    /// Records ended so far (the header is record 0).
    var records = 0
    var inQuotes = false
    /// Whether the record being copied has a byte other than a space or a tab.
    var recordHasContent = false
    /// Whether the record being copied has any byte (a record that is not empty at the end).
    var recordHasBytes = false
    /// Whether the last byte was a `\r` ending a record (a `\n` after it ends nothing).
    var afterCarriageReturn = false

    init(appender: CSVColumnAppender, columns: [(name: String, values: [Double])]) {
      self.appender = appender
      self.columns = columns
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
      var index = 0
      if !isStarted {
        isStarted = true
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
          output.append(contentsOf: bytes[0..<3])
          index = 3
        }
        delimiter = appender.options.delimiter ?? DelimiterDetection.detect(
          in: UnsafeBufferPointer(rebasing: bytes[index..<min(bytes.count, index + CSVReader.delimiterSampleSize)]))
        decimalComma = appender.options.decimalComma ?? (delimiter == UInt8(ascii: ";"))
      }
      var spanStart = index
      while index < bytes.count {
        let byte = bytes[index]
        if byte > UInt8(ascii: "\"") {
          // Digits, letters, separators: neither a quote, a line break nor a blank.
          afterCarriageReturn = false
          recordHasBytes = true
          recordHasContent = true
          index += 1
          continue
        }
        let followsCarriageReturn = afterCarriageReturn
        afterCarriageReturn = false
        if !inQuotes, byte == 0x0A || byte == 0x0D {
          if byte == 0x0A, followsCarriageReturn {
            index += 1
            continue
          }
          // A record ends: copy it, add the field unless it is blank, then the line break.
          output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[spanStart..<index]))
          if recordHasContent { appendField(to: &output) }
          recordHasContent = false
          recordHasBytes = false
          afterCarriageReturn = byte == 0x0D
          spanStart = index
          index += 1
          continue
        }
        if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
        recordHasBytes = true
        if byte != 0x20, byte != 0x09 { recordHasContent = true }
        index += 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[spanStart..<bytes.count]))
    }

    /// Ends the copy: the last record may lack a line break.
    mutating func finish(into output: inout [UInt8]) throws {
      if recordHasBytes, recordHasContent { appendField(to: &output) }
      guard records - 1 == valueCount else {
        throw CSVWriteError.recordCountMismatch(
          file: appender.input, records: max(records - 1, 0), values: valueCount)
      }
    }

    private mutating func appendField(to output: inout [UInt8]) {
      defer { records += 1 }
      if records == 0 {
        for column in columns {
          output.append(delimiter)
          output.append(contentsOf: CSVColumnAppender.quoted(column.name, delimiter: delimiter))
        }
      } else if records <= valueCount {
        for column in columns {
          output.append(delimiter)
          let value = column.values[records - 1]
          guard value.isFinite else { continue }
          for byte in value.description.utf8 {
            output.append(decimalComma && byte == UInt8(ascii: ".") ? UInt8(ascii: ",") : byte)
          }
        }
      }
    }
  }

  /// The name as a CSV field: quoted (with quotes doubled) when it holds the delimiter, a quote or
  /// a line break.
  static func quoted(_ name: String, delimiter: UInt8) -> [UInt8] {
    let bytes = Array(name.utf8)
    guard bytes.contains(where: { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
      return bytes
    }
    return Array(("\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"").utf8)
  }
}

/// A copy of a survey file that cannot be written.
package enum CSVWriteError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The output names the input file.
  case outputIsInput(file: String)
  /// The output exists and replacing it was not allowed.
  case outputExists(file: String)
  /// The input could not be read again.
  case cannotRead(file: String, reason: String)
  /// The output could not be written.
  case cannotWrite(file: String, reason: String)
  /// The file's data records do not match the values (the file changed since it was read).
  case recordCountMismatch(file: String, records: Int, values: Int)

  /// A readable sentence with advice.
  package var description: String {
    switch self {
    case .outputIsInput(let file):
      return "\(file): the output would overwrite the input file. Choose another output file; "
        + "the original data is never changed."
    case .outputExists(let file):
      return "\(file) already exists. Choose another output file, or ask for it to be replaced."
    case .cannotRead(let file, let reason):
      return "\(file): cannot read the file again to copy it (\(reason))."
    case .cannotWrite(let file, let reason):
      return "\(file): cannot write the file (\(reason)). Check that the folder exists and that you may write in it."
    case .recordCountMismatch(let file, let records, let values):
      return "\(file): the file now has \(records) data rows but \(values) were read; it changed while confiance "
        + "was running. Run the command again."
    }
  }
}

extension CSVWriteError: ConfianceError {
  /// ``ErrorKind/data`` when the input changed or vanished since it was read, ``ErrorKind/output``
  /// otherwise.
  package var kind: ErrorKind {
    switch self {
    case .cannotRead, .recordCountMismatch: return .data
    case .outputIsInput, .outputExists, .cannotWrite: return .output
    }
  }
  /// Another output file, or replacing the existing one.
  package var remedy: Remedy? {
    switch self {
    case .outputIsInput: return .otherOutputFile
    case .outputExists: return .replaceExisting
    default: return nil
    }
  }
}
