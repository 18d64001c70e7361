/// A file read front to back in chunks of bytes, with UTF-16 turned into UTF-8 on the way.
///
/// Excel's "Unicode text" export, and some survey platforms, write UTF-16 with a byte order mark
/// (`FF FE` little-endian, `FE FF` big-endian). libcsv reads bytes, not UTF-16, so such a file is
/// transcoded chunk by chunk below the parser: the parser, the line counting and the messages then
/// work as for a UTF-8 file. Other files pass through unchanged, without a copy.
///
/// A byte order mark decides: the encoding chosen in the options does not apply to a UTF-16 file.
final class UTF8ChunkedFile {
  /// How the file's bytes are turned into the chunks handed out.
  enum SourceEncoding: Equatable {
    /// The bytes are handed out as they are (UTF-8 or a single-byte encoding).
    case bytes
    case utf16LittleEndian
    case utf16BigEndian
  }

  /// The encoding found from the byte order mark.
  let sourceEncoding: SourceEncoding

  private let path: String
  private let file: ChunkedFile
  /// The first chunk, read to look for a byte order mark, until it is handed out.
  private var firstChunk: UnsafeBufferPointer<UInt8>?
  private var transcoder: UTF16Transcoder?

  /// Opens `path` and looks at its first bytes for a UTF-16 byte order mark.
  ///
  /// - Throws: ``SurveyReadError/cannotOpen(file:reason:)``, ``SurveyReadError/cannotRead(file:reason:)``.
  init(path: String) throws(SurveyReadError) {
    self.path = path
    file = try ChunkedFile(path: path)
    let first: UnsafeBufferPointer<UInt8>?
    do {
      first = try file.nextChunk()
    } catch {
      file.close()
      throw error
    }
    firstChunk = first
    if let first, first.count >= 2, first[0] == 0xFF, first[1] == 0xFE {
      sourceEncoding = .utf16LittleEndian
    } else if let first, first.count >= 2, first[0] == 0xFE, first[1] == 0xFF {
      sourceEncoding = .utf16BigEndian
    } else {
      sourceEncoding = .bytes
    }
    if sourceEncoding != .bytes {
      transcoder = UTF16Transcoder(bigEndian: sourceEncoding == .utf16BigEndian)
      firstChunk = first.map { UnsafeBufferPointer(rebasing: $0.dropFirst(2)) }
    }
  }

  /// Whether the chunks are transcoded from UTF-16 (and so are UTF-8 whatever the options say).
  var isTranscoded: Bool { sourceEncoding != .bytes }

  /// The next chunk, or `nil` at the end of the file. The bytes are valid until the next call.
  ///
  /// - Throws: ``SurveyReadError/cannotRead(file:reason:)``, and
  ///   ``SurveyReadError/invalidUTF16(file:line:)`` for a lone surrogate or an odd number of bytes.
  func nextChunk() throws(SurveyReadError) -> UnsafeBufferPointer<UInt8>? {
    let raw: UnsafeBufferPointer<UInt8>?
    if let first = firstChunk {
      firstChunk = nil
      raw = first
    } else {
      raw = try file.nextChunk()
    }
    guard let transcoder else { return raw }
    guard let raw else {
      if let line = transcoder.finish() { throw .invalidUTF16(file: path, line: line) }
      return nil
    }
    guard let output = transcoder.transcode(raw) else {
      throw .invalidUTF16(file: path, line: transcoder.line)
    }
    // A chunk that held only half a character gives no bytes yet: read on.
    if output.isEmpty { return try nextChunk() }
    return output
  }

  /// Closes the file and releases the buffers.
  func close() {
    file.close()
    transcoder?.deallocate()
  }
}

/// Turns UTF-16 bytes into UTF-8, keeping a byte or a high surrogate that a chunk cuts in two for
/// the next chunk, and counting lines for messages.
final class UTF16Transcoder {
  private let bigEndian: Bool
  private var output: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// A first byte of a code unit whose second byte is in the next chunk.
  private var pendingByte: UInt8?
  /// A high surrogate whose low surrogate is in the next code unit.
  private var pendingHighSurrogate: UInt16?
  /// Whether the last character written was a carriage return (so a line feed ends no new line).
  private var afterCarriageReturn = false
  /// The 1-based line being transcoded.
  private(set) var line = 1

  init(bigEndian: Bool) {
    self.bigEndian = bigEndian
    capacity = 0
    output = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
  }

  /// The UTF-8 of `bytes` (valid until the next call), or `nil` at a lone surrogate.
  func transcode(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
    // Every 2 input bytes give at most 3 output bytes (a surrogate pair: 4 bytes give 4).
    let needed = (bytes.count + 2) / 2 * 3 + 4
    if needed > capacity {
      output.deallocate()
      output = UnsafeMutablePointer<UInt8>.allocate(capacity: needed)
      capacity = needed
    }
    var written = 0
    var index = 0
    let count = bytes.count
    while index < count {
      let first: UInt8
      if let pending = pendingByte {
        first = pending
        pendingByte = nil
      } else {
        first = bytes[index]
        index += 1
      }
      guard index < count else {
        pendingByte = first
        break
      }
      let second = bytes[index]
      index += 1
      let unit = bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
      let scalar: UInt32
      if let high = pendingHighSurrogate {
        guard unit & 0xFC00 == 0xDC00 else { return nil }
        pendingHighSurrogate = nil
        scalar = 0x10000 + (UInt32(high & 0x3FF) << 10 | UInt32(unit & 0x3FF))
      } else if unit & 0xFC00 == 0xD800 {
        pendingHighSurrogate = unit  // waits for its low surrogate
        continue
      } else if unit & 0xFC00 == 0xDC00 {
        return nil
      } else {
        scalar = UInt32(unit)
      }
      written += encode(scalar, at: written)
    }
    return UnsafeBufferPointer(start: output, count: written)
  }

  /// Checks the end of the file: `nil` when complete, or the line of a dangling half character.
  func finish() -> Int? {
    pendingByte != nil || pendingHighSurrogate != nil ? line : nil
  }

  func deallocate() {
    output.deallocate()
  }

  /// Writes the UTF-8 of `scalar` and counts line breaks (`\n`, `\r\n`, lone `\r`).
  private func encode(_ scalar: UInt32, at offset: Int) -> Int {
    if scalar == 0x0A {
      if !afterCarriageReturn { line += 1 }
    } else if scalar == 0x0D {
      line += 1
    }
    afterCarriageReturn = scalar == 0x0D
    let out = output + offset
    switch scalar {
    case 0..<0x80:
      out[0] = UInt8(scalar)
      return 1
    case 0x80..<0x800:
      out[0] = UInt8(0xC0 | scalar >> 6)
      out[1] = UInt8(0x80 | scalar & 0x3F)
      return 2
    case 0x800..<0x10000:
      out[0] = UInt8(0xE0 | scalar >> 12)
      out[1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
      out[2] = UInt8(0x80 | scalar & 0x3F)
      return 3
    default:
      out[0] = UInt8(0xF0 | scalar >> 18)
      out[1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
      out[2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
      out[3] = UInt8(0x80 | scalar & 0x3F)
      return 4
    }
  }
}
