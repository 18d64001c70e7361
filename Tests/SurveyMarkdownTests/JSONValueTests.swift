import Testing

@testable import SurveyMarkdown

@Suite struct JSONValueTests {
  @Test func keysKeepTheirOrderAndNonFiniteNumbersAreNull() {
    let value = JSONValue.object([
      ("zeta", .integer(1)), ("alpha", .number(Double.nan)), ("mid", .number(0.1)), ("empty", .object([])),
      ("text", .string("a \"quoted\"\nline\u{1}")), ("list", .array([.bool(true), .null])),
    ])
    #expect(value.serialized() == """
      {
        "zeta": 1,
        "alpha": null,
        "mid": 0.1,
        "empty": {},
        "text": "a \\"quoted\\"\\nline\\u0001",
        "list": [
          true,
          null
        ]
      }

      """)
  }
}
