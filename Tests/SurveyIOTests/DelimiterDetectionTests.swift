import Testing

@testable import SurveyIO

@Suite("Delimiter detection")
struct DelimiterDetectionTests {
  private func detect(_ text: String) -> Character {
    let bytes = Array(text.utf8)
    return Character(Unicode.Scalar(bytes.withUnsafeBufferPointer { DelimiterDetection.detect(in: $0) }))
  }

  @Test("comma, semicolon and tab")
  func plain() {
    #expect(detect("a,b,c\n1,2,3\n") == ",")
    #expect(detect("a;b;c\n1;2;3\n") == ";")
    #expect(detect("a\tb\tc\n1\t2\t3\n") == "\t")
  }

  @Test("decimal commas in the data do not outvote semicolons in the header")
  func decimalCommas() {
    #expect(detect("poids;score\n1,5;2,5\n0,25;3\n") == ";")
  }

  @Test("delimiters inside quotes are not counted, even across lines")
  func quoted() {
    #expect(detect("\"a,b\";c\n\"1,2\";3\n") == ";")
    #expect(detect("id\tcomment\n1\t\"x, y\nz, w\"\n") == "\t")
  }

  @Test("a candidate that gives every record the header's count wins")
  func consistency() {
    // The header has one ',' (inside a name) and one ';'; only ';' splits the records alike.
    #expect(detect("q1;q2 (a,b)\n1;2\n3;4\n") == ";")
  }

  @Test("more occurrences in the header win among consistent candidates; ties go to ','")
  func ties() {
    #expect(detect("a,b;c,d\n1,2;3,4\n") == ",")
    #expect(detect("a;b;c,d\n1;2;3,4\n") == ";")
    #expect(detect("a,b;c\n1,2;3\n") == ",")
  }

  @Test("one column, an unfinished header, an empty sample")
  func edges() {
    #expect(detect("answer\nyes\nno\n") == ",")
    #expect(detect("a;b") == ";")
    #expect(detect("") == ",")
    #expect(detect("\r\n\r\nx\ty\r\n") == "\t")
  }
}
