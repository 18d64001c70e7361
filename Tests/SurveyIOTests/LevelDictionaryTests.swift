import Testing

@testable import SurveyIO

@Suite("Level dictionary and column builder")
struct LevelDictionaryTests {
  @Test("codes follow first appearance and survive the table growing")
  func codes() {
    var dictionary = LevelDictionary()
    defer { dictionary.deallocate() }
    let values = (0..<3000).map { Array("value-\($0 * 37 % 3000)".utf8) }
    for (index, value) in values.enumerated() {
      let (code, isNew) = value.withUnsafeBufferPointer { dictionary.code(of: $0.baseAddress!, length: $0.count) }
      #expect(code == Int32(index) && isNew)
    }
    for (index, value) in values.enumerated().reversed() {
      let (code, isNew) = value.withUnsafeBufferPointer { dictionary.code(of: $0.baseAddress!, length: $0.count) }
      #expect(code == Int32(index) && !isNew)
    }
    #expect(dictionary.count == 3000)
    #expect(Array(dictionary.level(42)) == values[42])
  }

  @Test("values that share a prefix or differ only in length are distinct")
  func similarValues() {
    var dictionary = LevelDictionary()
    defer { dictionary.deallocate() }
    let values = ["a", "aa", "aaaaaaaa", "aaaaaaaaa", "abcdefgh1", "abcdefgh2", "x"].map { Array($0.utf8) }
    let codes = values.map { value in
      value.withUnsafeBufferPointer { dictionary.code(of: $0.baseAddress!, length: $0.count).code }
    }
    #expect(codes == Array(0..<7))
  }

  @Test("leading zeros mark codes, not quantities")
  func leadingZeros() {
    func check(_ text: String) -> Bool {
      Array(text.utf8).withUnsafeBufferPointer { ColumnBuilder.hasLeadingZero($0) }
    }
    #expect(check("007"))
    #expect(check(" -01"))
    #expect(!check("0"))
    #expect(!check("0.5"))
    #expect(!check("10"))
  }
}
