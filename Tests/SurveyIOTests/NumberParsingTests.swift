import Testing

@testable import SurveyIO

@Suite("Number parsing")
struct NumberParsingTests {
  private let point = NumberFormat(decimalComma: false)
  private let comma = NumberFormat(decimalComma: true)

  @Test(
    "numbers with a decimal point",
    arguments: [
      ("12", 12.0), ("1e3", 1000), (".5", 0.5), ("+2", 2), ("3.", 3), ("2.5E-4", 0.00025), ("1e+2", 100),
      ("  42\t", 42), ("-17.25", -17.25), ("0.1", 0.1),
    ])
  func decimalPoint(text: String, expected: Double) {
    #expect(point.parse(text) == expected)
  }

  @Test("minus zero keeps its sign")
  func minusZero() throws {
    let value = try #require(point.parse("-0"))
    #expect(value.bitPattern == (-0.0).bitPattern)
  }

  @Test(
    "not numbers with a decimal point",
    arguments: ["", "  ", "2,5", "1 234", "0x1p3", "1e", "e3", "+", ".", "-.", "1.2.3", "12abc", "--1", "1_000", "nanx", "infinit"])
  func notNumbersWithPoint(text: String) {
    #expect(point.parse(text) == nil)
  }

  @Test(
    "numbers with a decimal comma",
    arguments: [
      ("2,5", 2.5), ("1 234,5", 1234.5), ("1\u{A0}234,5", 1234.5), ("1\u{202F}234,5", 1234.5),
      ("12 345 678,25", 12_345_678.25), (",5", 0.5), ("-1 000", -1000), ("2.5", 2.5), ("7", 7), ("1,5e3", 1500),
    ])
  func decimalComma(text: String, expected: Double) {
    #expect(comma.parse(text) == expected)
  }

  @Test(
    "not numbers with a decimal comma",
    arguments: ["1.234,5", "1 23,5", "1234 567", " 1 2", "2,5,1", "1 ,5", "1  234"])
  func notNumbersWithComma(text: String) {
    #expect(comma.parse(text) == nil)
  }

  @Test("a no-break space is the byte A0 in a single-byte encoding")
  func singleByteNoBreakSpace() {
    let bytes: [UInt8] = [0x31, 0xA0, 0x32, 0x33, 0x34, 0x2C, 0x35]  // "1 234,5" in Windows-1252
    let singleByte = NumberFormat(decimalComma: true, isSingleByte: true)
    #expect(bytes.withUnsafeBufferPointer { singleByte.parse($0) } == 1234.5)
    #expect(bytes.withUnsafeBufferPointer { comma.parse($0) } == nil)
  }

  @Test("NaN and infinities parse as non-finite numbers")
  func nonFinite() throws {
    for text in ["NaN", "nan", "NAN", "-nan"] {
      #expect(try #require(point.parse(text)).isNaN, "\(text)")
    }
    for text in ["inf", "Inf", "Infinity", "+INFINITY"] {
      #expect(point.parse(text) == .infinity, "\(text)")
    }
    #expect(comma.parse("-inf") == -.infinity)
    #expect(point.parse("-Infinity") == -.infinity)
  }

  @Test("values beyond the range of Double overflow to infinity")
  func overflow() {
    #expect(point.parse("1e400") == .infinity)
    #expect(point.parse("1e-400") == 0)
  }

  @Test("conversion is correctly rounded")
  func rounding() {
    #expect(point.parse("0.30000000000000004") == 0.30000000000000004)
    #expect(point.parse("2.2250738585072014e-308") == 2.2250738585072014e-308)
    #expect(comma.parse("9 007 199 254 740 993") == 9_007_199_254_740_992)
  }
}
