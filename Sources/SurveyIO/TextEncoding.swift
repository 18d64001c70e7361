/// The text encoding of a CSV file.
public enum TextEncodingChoice: String, Sendable, CaseIterable {
  /// UTF-8 unless some text is not valid UTF-8; then the whole file is read as Windows-1252, the
  /// encoding of Excel's "CSV" export on a French (Western European) system.
  case automatic
  /// UTF-8, with or without a byte order mark. Text that is not valid UTF-8 is an error.
  case utf8 = "utf-8"
  /// Windows-1252 (`é` is the byte `E9`, `€` is `80`, `œ` is `9C`). The five bytes it leaves
  /// undefined (`81 8D 8F 90 9D`) read as the control characters of the same number, as browsers do.
  case windows1252 = "windows-1252"
  /// ISO 8859-1: every byte is the character of the same number (U+0000–U+00FF).
  case latin1 = "latin-1"
}

/// The encoding in which bytes are turned into strings once it is known.
enum ResolvedEncoding: Sendable, Equatable {
  case utf8
  case windows1252
  case latin1

  /// Whether a no-break space is the single byte `A0` (rather than `C2 A0`).
  var isSingleByte: Bool { self != .utf8 }

  /// Decodes bytes known to be valid in this encoding (for `.utf8`, validated beforehand).
  func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    switch self {
    case .utf8: return String(decoding: bytes, as: UTF8.self)
    case .windows1252: return Self.decodeSingleByte(bytes, highTable: true)
    case .latin1: return Self.decodeSingleByte(bytes, highTable: false)
    }
  }

  /// Decodes an array of bytes.
  func decode(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { decode($0) }
  }

  /// Transcodes a single-byte encoding to UTF-8: bytes below `80` are ASCII, `80`–`9F` go through
  /// the Windows-1252 table when `highTable` is set, and the rest map to U+0080–U+00FF.
  private static func decodeSingleByte(_ bytes: UnsafeBufferPointer<UInt8>, highTable: Bool) -> String {
    if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    return String(unsafeUninitializedCapacity: bytes.count * 3) { output in
      var written = 0
      for byte in bytes {
        var scalar = UInt32(byte)
        if highTable, byte >= 0x80, byte <= 0x9F { scalar = UInt32(windows1252Controls[Int(byte) - 0x80]) }
        if scalar < 0x80 {
          output[written] = UInt8(scalar)
          written += 1
        } else if scalar < 0x800 {
          output[written] = UInt8(0xC0 | (scalar >> 6))
          output[written + 1] = UInt8(0x80 | (scalar & 0x3F))
          written += 2
        } else {
          output[written] = UInt8(0xE0 | (scalar >> 12))
          output[written + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
          output[written + 2] = UInt8(0x80 | (scalar & 0x3F))
          written += 3
        }
      }
      return written
    }
  }

  /// The characters of Windows-1252 bytes `80`–`9F` (the rest of the encoding is ISO 8859-1).
  /// Undefined bytes keep the C1 control of the same number (WHATWG Encoding Standard).
  private static let windows1252Controls: [UInt16] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // € · ‚ ƒ „ … † ‡
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // ˆ ‰ Š ‹ Œ · Ž ·
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // · ‘ ’ “ ” • – —
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // ˜ ™ š › œ · ž Ÿ
  ]
}

/// How a run of bytes measures up against UTF-8.
enum UTF8Validity: Equatable {
  /// Well-formed UTF-8.
  case valid
  /// Well-formed except that the last sequence is cut short (the rest may follow in the next chunk).
  case truncated
  /// Not UTF-8.
  case invalid
}

/// Checks bytes against the well-formed UTF-8 sequences of the Unicode Standard, table 3-7
/// (no overlong forms, no surrogates, nothing above U+10FFFF).
func utf8Validity(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Validity {
  let count = bytes.count
  var index = 0
  while index < count {
    let lead = bytes[index]
    if lead < 0x80 {
      index += 1
      continue
    }
    let length: Int
    var secondLow: UInt8 = 0x80
    var secondHigh: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; secondLow = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; secondHigh = 0x9F
    case 0xF0: length = 4; secondLow = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; secondHigh = 0x8F
    default: return .invalid
    }
    for offset in 1..<length {
      guard index + offset < count else { return .truncated }
      let byte = bytes[index + offset]
      let low = offset == 1 ? secondLow : 0x80
      let high = offset == 1 ? secondHigh : 0xBF
      if byte < low || byte > high { return .invalid }
    }
    index += length
  }
  return .valid
}

/// Whether every byte is ASCII, or the bytes are well-formed UTF-8.
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  utf8Validity(bytes) == .valid
}
