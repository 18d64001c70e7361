/// Finds runs of complete lines that are each exactly one row, so that libcsv can parse them in
/// one call while the reader still knows the line of every row.
///
/// Starting where no row is open, a line is one row when it is not blank (libcsv skips a line of
/// only spaces and tabs without a row) and its line break is outside quotes. Outside quotes, the
/// number of double quotes since the start of the row is even: in RFC 4180 quoting, a quoted value
/// opens with a quote, doubles each quote inside it and closes with a quote. libcsv in strict mode
/// stops at the first quote that breaks these rules, so up to that point its own idea of being
/// inside quotes agrees with the count. Within a run, row `k` therefore starts on the run's first
/// line plus `k`, and an error at byte `i` is on the run's first line plus the number of line breaks
/// before `i`.
///
/// A run ends before a blank line, before a line whose line break is inside quotes (a value that
/// spans lines), before a line holding a NUL byte, and before an incomplete last line; the reader
/// feeds those lines one at a time.
enum LineRun {
  /// The end of the run of one-row lines that starts at `start`, and its number of lines.
  ///
  /// - Parameters:
  ///   - bytes: the chunk; `bytes[start]` begins a line and no row is open.
  ///   - delimiter: the field delimiter (a tab delimiter makes tabs significant on a blank line).
  /// - Returns: `end`, just past the last line break of the run (`start` when there is no run),
  ///   and `lines`, the number of lines (and rows) in `bytes[start..<end]`.
  @inline(__always)
  static func scan(
    _ bytes: UnsafePointer<UInt8>, from start: Int, to count: Int, delimiter: UInt8
  ) -> (end: Int, lines: Int) {
    var index = start
    var lines = 0
    var runEnd = start
    var quotes = 0
    lineStart: while index < count {
      // A line of only spaces and tabs (blank to libcsv) ends the run.
      var first = index
      while first < count, (bytes[first] == 0x20 || bytes[first] == 0x09) && bytes[first] != delimiter { first &+= 1 }
      if first == count || bytes[first] == 0x0A || bytes[first] == 0x0D { break }
      index = first
      while index < count {
        // Eight bytes at a time while none of them is a control character or a quote.
        while index &+ 8 <= count {
          let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
          let flags = Self.controlOrQuoteFlags(word)
          if flags == 0 {
            index &+= 8
          } else {
            index &+= flags.trailingZeroBitCount &>> 3
            break
          }
        }
        guard index < count else { break }
        let byte = bytes[index]
        if byte > 0x22 {
          index &+= 1
          continue
        }
        if byte == 0x22 {
          quotes &+= 1
          index &+= 1
        } else if byte == 0x0A || byte == 0x0D {
          var next = index &+ 1
          if byte == 0x0D {
            // A `\r` at the end of the chunk may be the first half of `\r\n`.
            if next == count { break lineStart }
            if bytes[next] == 0x0A { next &+= 1 }
          }
          if quotes & 1 != 0 { break lineStart }
          lines &+= 1
          runEnd = next
          index = next
          continue lineStart
        } else if byte == 0 {
          break lineStart
        } else {
          index &+= 1
        }
      }
      break
    }
    return (runEnd, lines)
  }

  /// A word whose lowest set bit is the high bit of the first byte of `word` (in memory order) that
  /// is below `0x0E` (NUL, tab, `\n`, `\r` …) or a double quote; 0 when there is none.
  ///
  /// Bit tricks from Sean Anderson's "Bit Twiddling Hacks" (`hasless`, `haszero`): subtracting
  /// `n` from every byte borrows into the high bit of the bytes below `n`. Borrows can flag a byte
  /// above the first true one too, but never one below it, so the lowest flag is exact.
  @inline(__always)
  static func controlOrQuoteFlags(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let belowControlEnd = (word &- ones &* 0x0E) & ~word & highBits
    let quotes = word ^ (ones &* 0x22)
    let isQuote = (quotes &- ones) & ~quotes & highBits
    return belowControlEnd | isQuote
  }

  /// The number of line breaks (`\n`, `\r\n` or a lone `\r`) in `bytes[start..<end]`.
  static func lineBreaks(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    var breaks = 0
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte == 0x0A || (byte == 0x0D && (index + 1 == end || bytes[index + 1] != 0x0A)) { breaks += 1 }
      index += 1
    }
    return breaks
  }
}
