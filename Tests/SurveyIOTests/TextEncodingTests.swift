import Testing

@testable import SurveyIO

@Suite("Text encodings")
struct TextEncodingTests {
  private func decode(_ bytes: [UInt8], _ encoding: ResolvedEncoding) -> String {
    encoding.decode(bytes)
  }

  private func validity(_ bytes: [UInt8]) -> UTF8Validity {
    bytes.withUnsafeBufferPointer { utf8Validity($0) }
  }

  @Test("Windows-1252 bytes 80–9F")
  func windows1252Table() {
    let expected =
      "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ"
    #expect(decode(Array(0x80...0x9F), .windows1252) == expected)
  }

  @Test("Windows-1252 and Latin-1 agree outside 80–9F")
  func latinRange() {
    let bytes: [UInt8] = [0x41, 0xA0, 0xAB, 0xBB, 0xC9, 0xE7, 0xE9, 0xFF]
    #expect(decode(bytes, .windows1252) == "A\u{A0}«»Éçéÿ")
    #expect(decode(bytes, .latin1) == "A\u{A0}«»Éçéÿ")
    #expect(decode([0x80, 0x9C], .latin1) == "\u{80}\u{9C}")
  }

  @Test("UTF-8 validation")
  func validation() {
    #expect(validity(Array("plain ASCII".utf8)) == .valid)
    #expect(validity(Array("é € 𝄞 œ".utf8)) == .valid)
    #expect(validity([0x41, 0xC3]) == .truncated)  // "A" and half of "é"
    #expect(validity([0xF0, 0x9D, 0x84]) == .truncated)
    #expect(validity([0xE9]) == .truncated)  // could start a three-byte sequence
    #expect(validity([0xE9, 0x20]) == .invalid)  // "é " in Windows-1252
    #expect(validity([0xE9, 0x74, 0xE9]) == .invalid)  // "été" in Windows-1252
    #expect(validity([0xC0, 0x80]) == .invalid)  // overlong NUL
    #expect(validity([0xED, 0xA0, 0x80]) == .invalid)  // a surrogate
    #expect(validity([0xF4, 0x90, 0x80, 0x80]) == .invalid)  // above U+10FFFF
    #expect(validity([0x80]) == .invalid)  // a lone continuation byte
  }

  @Test("raw values match the option names")
  func rawValues() {
    #expect(TextEncodingChoice.allCases.map(\.rawValue) == ["automatic", "utf-8", "windows-1252", "latin-1"])
  }
}
