import Testing

@testable import SurveyMarkdown

/// Number formatting in English and French.
@Suite struct NumberStyleTests {
  let english = NumberStyle(language: .english)
  let french = NumberStyle(language: .french)

  @Test func percentages() {
    #expect(english.percent(0.5871) == "58.7%")
    #expect(french.percent(0.5871) == "58,7\u{00A0}%")
    #expect(english.percent(0.5, digits: 0) == "50%")
    #expect(english.percentNumber(0.00049) == "0.0")
    #expect(english.percentNumber(1) == "100.0")
  }

  @Test func counts() {
    #expect(english.count(2145) == "2,145")
    #expect(french.count(2145) == "2\u{202F}145")
    #expect(english.count(999) == "999")
    #expect(english.count(1_234_567) == "1,234,567")
    #expect(english.count(-1200) == "−1,200")
  }

  @Test func decimalsRoundHalfAwayFromZero() {
    #expect(english.decimal(2.25, digits: 1) == "2.3")
    #expect(english.decimal(-2.25, digits: 1) == "−2.3")
    #expect(english.decimal(-0.04, digits: 1) == "0.0")
    #expect(english.decimal(51464.7943, digits: 1) == "51,464.8")
    #expect(french.decimal(1.07, digits: 2) == "1,07")
    #expect(english.decimal(.nan) == "–")
    #expect(english.decimal(3, digits: 0) == "3")
  }

  @Test func intervalsAndPoints() {
    #expect(english.interval(0.561, 0.6124) == "56.1–61.2")
    #expect(french.interval(0.561, 0.6124) == "56,1–61,2")
    #expect(english.points(0.1234) == "+12.3")
    #expect(english.points(-0.04) == "−4.0")
    #expect(english.points(0.0001) == "0.0")
  }

  @Test func pValues() {
    #expect(english.pValue(0.0421) == "0.042")
    #expect(french.pValue(0.0421) == "0,042")
    #expect(english.pValue(0.00001) == "<\u{00A0}0.001")
  }
}
