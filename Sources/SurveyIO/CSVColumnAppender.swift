internal import Foundation

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
/// The copy is written atomically: to a temporary file in the output's folder, then renamed over
/// the output, so a reader never sees half a file and a failure leaves no partial output.
public struct CSVColumnAppender: Sendable {
  /// The file to copy.
  public var input: String
  /// How the file was read: its delimiter, and whether numbers use a decimal comma.
  public var options: CSVReadOptions

  /// Creates an appender for `input`, read with `options`.
  public init(input: String, options: CSVReadOptions = CSVReadOptions()) {
    self.input = input
    self.options = options
  }

  /// Writes the copy with the column `name` holding `values`, one per data record in file order.
  ///
  /// Numbers are written in the shortest form that reads back to the same `Double` (with a decimal
  /// comma when the file uses one: `;`-separated files by default, as ``Survey/init(csvFile:options:)``
  /// reads them). The name is quoted when it holds the delimiter, a quote or a line break.
  ///
  /// - Parameters:
  ///   - name: The new column's name.
  ///   - values: One value per data record.
  ///   - output: The file to write; never the input.
  ///   - replacingExisting: Whether an existing `output` may be replaced.
  /// - Throws: ``CSVWriteError``.
  public func write(column name: String, values: [Double], to output: String, replacingExisting: Bool) throws {
    let inputURL = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath()
    let outputURL = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
    guard inputURL.path != outputURL.path else { throw CSVWriteError.outputIsInput(file: output) }
    if !replacingExisting, FileManager.default.fileExists(atPath: outputURL.path) {
      throw CSVWriteError.outputExists(file: output)
    }
    let bytes: [UInt8]
    do {
      bytes = [UInt8](try Data(contentsOf: inputURL))
    } catch {
      throw CSVWriteError.cannotRead(file: input, reason: error.localizedDescription)
    }
    let copy = try appending(column: name, values: values, to: bytes)
    let folder = outputURL.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(outputURL.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try Data(copy).write(to: temporary)
    } catch {
      throw CSVWriteError.cannotWrite(file: output, reason: error.localizedDescription)
    }
    guard rename(temporary.path, outputURL.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw CSVWriteError.cannotWrite(file: output, reason: reason)
    }
  }

  /// The bytes of the copy.
  func appending(column name: String, values: [Double], to bytes: [UInt8]) throws -> [UInt8] {
    var start = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    let delimiter = options.delimiter ?? bytes.withUnsafeBufferPointer { buffer in
      DelimiterDetection.detect(
        in: UnsafeBufferPointer(rebasing: buffer[start..<min(buffer.count, start + CSVReader.delimiterSampleSize)]))
    }
    let decimalComma = options.decimalComma ?? (delimiter == UInt8(ascii: ";"))
    var fields = [Self.quoted(name, delimiter: delimiter)]
    fields += values.map { value in
      let text = value.isFinite ? "\(value)" : ""
      return Array((decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text).utf8)
    }
    var copy: [UInt8] = []
    copy.reserveCapacity(bytes.count + values.count * 20 + 64)
    var records = 0
    var recordStart = 0
    var inQuotes = false
    var index = 0
    func appendField() {
      if records < fields.count {
        copy.append(delimiter)
        copy.append(contentsOf: fields[records])
      }
      records += 1
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes, byte == 0x0A || byte == 0x0D {
        // A record ends: copy it, add the field unless the line is blank, then copy the line break.
        let contentStart = recordStart == 0 ? start : recordStart
        let isBlank = bytes[contentStart..<index].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        copy.append(contentsOf: bytes[recordStart..<index])
        if !isBlank { appendField() }
        let breakLength = byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        copy.append(contentsOf: bytes[index..<index + breakLength])
        index += breakLength
        recordStart = index
        continue
      }
      index += 1
    }
    if recordStart < bytes.count {
      copy.append(contentsOf: bytes[recordStart...])
      let contentStart = recordStart == 0 ? start : recordStart
      if !bytes[contentStart...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { appendField() }
    }
    guard records - 1 == values.count else {
      throw CSVWriteError.recordCountMismatch(file: input, records: max(records - 1, 0), values: values.count)
    }
    return copy
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
public enum CSVWriteError: Error, CustomStringConvertible, Sendable, Equatable {
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
  public var description: String {
    switch self {
    case .outputIsInput(let file):
      return "\(file): the output would overwrite the input file. Choose another file with --out; "
        + "the original data is never changed."
    case .outputExists(let file):
      return "\(file) already exists. Choose another file with --out, or add --force to replace it."
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
