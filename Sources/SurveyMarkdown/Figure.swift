/// A chart of a report: an SVG document, the file name it is written under, and the text that
/// stands for it when the image cannot be seen.
///
/// Build the SVG with `BarChart`, `DivergingBarChart` or `ParadoxChart`.
public struct Figure: Sendable, Hashable {
  /// The file name of the SVG, without folder (`trust.svg`); a plain name that is safe in a URL.
  package var fileName: String
  /// The alternative text of the image link: what the chart shows, in one sentence.
  package var alternativeText: String
  /// The SVG document.
  package var svg: String

  /// Creates a figure.
  ///
  /// - Parameters:
  ///   - fileName: The SVG's file name; characters other than letters, digits, `-`, `_` and `.`
  ///     become `-`.
  ///   - alternativeText: What the chart shows, for readers who cannot see it.
  ///   - svg: The SVG document.
  package init(fileName: String, alternativeText: String, svg: String) {
    self.fileName = String(fileName.map { character -> Character in
      character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character)) ? character : "-"
    })
    self.alternativeText = alternativeText
    self.svg = svg
  }
}
