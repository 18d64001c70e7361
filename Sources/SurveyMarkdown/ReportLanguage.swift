/// The language of a report's text and numbers.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable, Codable {
  /// English: "58.7%", "2,145", "95% CI 56.1–61.2".
  case english = "en"
  /// French: "58,7 %", "2 145", "IC à 95 % : 56,1–61,2": a no-break space before %, narrow
  /// no-break spaces (U+202F) between thousands, before ; : ! ? and inside « » (`FrenchTypography`).
  case french = "fr"

  /// The number style of the language.
  package var numbers: NumberStyle { NumberStyle(language: self) }
}

extension ReportLanguage {
  /// The English or the French text, whichever is this language's.
  ///
  /// ```swift
  /// ReportLanguage.french.text("Trust", "Confiance")  // "Confiance"
  /// ```
  package func text(_ english: String, _ french: String) -> String {
    self == .french ? french : english
  }
}

extension ReportLanguage {
  /// `text` between the language's quotation marks: “text”, or « text » with no-break spaces.
  func quoted(_ text: String) -> String {
    self == .french ? "«\u{00A0}\(text)\u{00A0}»" : "“\(text)”"
  }
}
