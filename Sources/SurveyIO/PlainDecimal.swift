/// Converts plain decimals such as `1234.5678` or `-0.25` to `Double` exactly as `strtod` would,
/// without the C library: the fast path of a column read straight into numbers.
///
/// Accepted: an optional sign, then digits with at most one decimal separator (`.`, or `,` when
/// numbers use a decimal comma; with a decimal comma `.` is accepted too, as ``NumberFormat``
/// does), at least one digit, at most 19 digits in all, and nothing else. The value is the integer
/// formed by the digits divided by a power of ten. When that integer is below 2^53 and the power
/// at most 10^22, both are exact doubles and one division rounds correctly (Clinger's fast path,
/// "How to read floating point numbers accurately", PLDI 1990), which is the correctly rounded
/// result `strtod` returns. Anything else returns `nil` and is read by ``NumberFormat``.
enum PlainDecimal {
  /// 10^`exponent`, exact, for `exponent` in 0...22 (a switch rather than a global array, which
  /// would be reached through a lazy initializer on every call).
  @inline(__always)
  private static func powerOfTen(_ exponent: Int) -> Double {
    switch exponent {
    case 0: return 1
    case 1: return 1e1
    case 2: return 1e2
    case 3: return 1e3
    case 4: return 1e4
    case 5: return 1e5
    case 6: return 1e6
    case 7: return 1e7
    case 8: return 1e8
    case 9: return 1e9
    case 10: return 1e10
    case 11: return 1e11
    case 12: return 1e12
    case 13: return 1e13
    case 14: return 1e14
    case 15: return 1e15
    case 16: return 1e16
    case 17: return 1e17
    case 18: return 1e18
    case 19: return 1e19
    case 20: return 1e20
    case 21: return 1e21
    default: return 1e22
    }
  }

  /// The value of `field[0..<length]`, or `nil` when it is not a plain decimal that converts exactly.
  ///
  /// - Parameter rejectingLeadingZeros: whether a value starting (after the sign) with a zero
  ///   followed by a digit (`007`, a code rather than a quantity) is refused.
  @inline(__always)
  static func parse(
    _ field: UnsafePointer<UInt8>, length: Int, decimalComma: Bool, rejectingLeadingZeros: Bool = false
  ) -> Double? {
    var index = 0
    var negative = false
    let first = field[0]
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      index = 1
    }
    if rejectingLeadingZeros, index + 1 < length, field[index] == UInt8(ascii: "0"),
      field[index + 1] &- UInt8(ascii: "0") < 10
    {
      return nil
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = -1  // -1 until the decimal separator
    while index < length {
      let byte = field[index]
      let digit = byte &- UInt8(ascii: "0")
      if digit < 10 {
        mantissa = mantissa &* 10 &+ UInt64(digit)
        digits &+= 1
        if fractionDigits >= 0 { fractionDigits &+= 1 }
      } else if fractionDigits < 0, byte == UInt8(ascii: ".") || (decimalComma && byte == UInt8(ascii: ",")) {
        fractionDigits = 0
      } else {
        return nil
      }
      index &+= 1
    }
    guard digits > 0, digits <= 19, mantissa <= 1 << 53 else { return nil }
    let scale = max(fractionDigits, 0)
    guard scale <= 22 else { return nil }
    let value = Double(mantissa) / powerOfTen(scale)
    return negative ? -value : value
  }
}
