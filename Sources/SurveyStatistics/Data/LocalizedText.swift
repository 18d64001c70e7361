/// A text written in one or several languages, as a codebook gives it: either plain
/// (`title: "Baromètre"`) or one text per language code (`title: {fr: "Baromètre", en: "Barometer"}`).
///
/// ```swift
/// let title = LocalizedText(translations: ["fr": "Baromètre", "en": "Barometer"], defaultText: "Baromètre")
/// title.text(in: "en")  // "Barometer"
/// title.text(in: "de")  // "Baromètre"
/// ```
package struct LocalizedText: Sendable, Equatable {
  /// The text in each language given, keyed by language code (`"en"`, `"fr"`).
  package var translations: [String: String]
  /// The text shown in a language the codebook does not give: the plain text, or the first
  /// language written.
  package var defaultText: String

  /// Creates a text.
  ///
  /// - Parameters:
  ///   - translations: The text in each language, keyed by language code.
  ///   - defaultText: The text for the other languages.
  package init(translations: [String: String] = [:], defaultText: String) {
    self.translations = translations
    self.defaultText = defaultText
  }

  /// A text in no particular language.
  package init(_ text: String) {
    self.init(defaultText: text)
  }

  /// The text in `language`, else the default text.
  package func text(in language: String) -> String {
    translations[language] ?? defaultText
  }
}
