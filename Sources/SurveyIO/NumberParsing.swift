internal import Glibc

/// How numbers are written in a file, and how to read them.
///
/// Accepted, after trimming spaces and tabs:
/// - an optional sign, digits with an optional decimal separator and fraction, and an optional
///   exponent: `12`, `-0`, `+2`, `.5`, `3.`, `1e3`, `2.5E-4`;
/// - with a decimal comma: `2,5`, and thousands separated by a space, a no-break space (U+00A0)
///   or a narrow no-break space (U+202F) in groups of three: `1 234,5`. A `.` in a value without a
///   comma is read as a decimal point too (files written by tools that ignore the locale); `.` is
///   never a thousands separator, so `1.234,5` is not a number;
/// - `NaN`, `inf`, `Infinity` (any case, with an optional sign), which read as non-finite values.
///   They are numbers to the reader; the design rejects them as weights with its own message.
///
/// Hexadecimal (`0x1p3`), empty text and anything else are not numbers. Digits are converted by
/// the C library's `strtod`, which rounds correctly.
struct NumberFormat: Sendable, Equatable {
  /// Whether `,` is the decimal separator and spaces may group thousands.
  var decimalComma: Bool
  /// Whether the bytes are in a single-byte encoding, where a no-break space is the byte `A0`.
  var isSingleByte: Bool = false

  /// The number written in `text`, or `nil` when it is not a number.
  func parse(_ text: String) -> Double? {
    var text = text
    let utf8Format = NumberFormat(decimalComma: decimalComma, isSingleByte: false)
    return text.withUTF8 { utf8Format.parse($0) }
  }

  /// The number written in `bytes`, or `nil` when they are not a number.
  func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    guard start < end else { return nil }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: end - start + 2) { ascii in
      parse(bytes, from: start, to: end, into: ascii)
    }
  }

  /// Validates `bytes[start..<end]` and writes its plain ASCII form (`-1234.5e3`) to `ascii`
  /// for `strtod`.
  private func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into ascii: UnsafeMutableBufferPointer<CChar>
  ) -> Double? {
    var index = start
    var written = 0
    func emit(_ byte: UInt8) {
      ascii[written] = CChar(bitPattern: byte)
      written += 1
    }
    var negative = false
    if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
      negative = bytes[index] == UInt8(ascii: "-")
      emit(bytes[index])
      index += 1
    }
    if index < end, let special = nonFinite(bytes, from: index, to: end) {
      return negative ? -special : special
    }

    // Integer part, with thousands groups when the decimal separator is a comma.
    var integerDigits = 0
    var groupDigits = 0
    var grouped = false
    while index < end {
      let byte = bytes[index]
      if isDigit(byte) {
        emit(byte)
        integerDigits += 1
        groupDigits += 1
        index += 1
      } else if decimalComma, integerDigits > 0, let width = thousandsSeparatorWidth(bytes, at: index, end: end) {
        if grouped ? groupDigits != 3 : groupDigits > 3 { return nil }
        grouped = true
        groupDigits = 0
        index += width
      } else {
        break
      }
    }
    if grouped, groupDigits != 3 { return nil }

    // Fraction.
    var fractionDigits = 0
    if index < end, isDecimalSeparator(bytes[index], in: bytes, from: start, to: end) {
      emit(UInt8(ascii: "."))
      index += 1
      while index < end, isDigit(bytes[index]) {
        emit(bytes[index])
        fractionDigits += 1
        index += 1
      }
    }
    guard integerDigits + fractionDigits > 0 else { return nil }

    // Exponent.
    if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
      emit(UInt8(ascii: "e"))
      index += 1
      if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        emit(bytes[index])
        index += 1
      }
      var exponentDigits = 0
      while index < end, isDigit(bytes[index]) {
        emit(bytes[index])
        exponentDigits += 1
        index += 1
      }
      guard exponentDigits > 0 else { return nil }
    }
    guard index == end else { return nil }
    ascii[written] = 0
    return strtod(ascii.baseAddress.unsafelyUnwrapped, nil)
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  /// Whether `byte` separates the fraction: `.` normally; with a decimal comma, `,`, or `.` when
  /// the value holds no comma.
  private func isDecimalSeparator(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
    if byte == UInt8(ascii: ",") { return decimalComma }
    guard byte == UInt8(ascii: ".") else { return false }
    if !decimalComma { return true }
    for index in start..<end where bytes[index] == UInt8(ascii: ",") { return false }
    return true
  }

  /// The width in bytes of a thousands separator at `index` (space, no-break space, narrow
  /// no-break space), or `nil`.
  private func thousandsSeparatorWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int? {
    let byte = bytes[index]
    if byte == 0x20 { return 1 }
    if isSingleByte { return byte == 0xA0 ? 1 : nil }
    if byte == 0xC2, index + 1 < end, bytes[index + 1] == 0xA0 { return 2 }
    if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0xAF { return 3 }
    return nil
  }

  /// `nan`, `inf` or `infinity` in any case, or `nil`.
  private func nonFinite(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
    func matches(_ word: StaticString) -> Bool {
      guard end - start == word.utf8CodeUnitCount else { return false }
      let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
      for offset in 0..<letters.count where bytes[start + offset] | 0x20 != letters[offset] { return false }
      return true
    }
    if matches("nan") { return .nan }
    if matches("inf") || matches("infinity") { return .infinity }
    return nil
  }
}
