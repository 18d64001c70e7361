/// Approximate text widths for laying out chart labels without a font engine.
///
/// Widths are in ems of a typical sans-serif (Helvetica/Arial metrics rounded): good enough to
/// leave room for labels and to wrap them, never used for anything that must be exact.
enum TextMeasure {
  /// The approximate width of `text` at font size `size`.
  static func width(_ text: String, size: Double) -> Double {
    var ems = 0.0
    for character in text {
      switch character {
      case "i", "j", "l", "!", "|", ".", ",", ":", ";", "'", "I", "·": ems += 0.26
      case "f", "t", "r", " ", "(", ")", "[", "]", "-", "/", "\u{00A0}": ems += 0.34
      case "m", "w", "M", "W", "%", "@": ems += 0.86
      case "–", "—": ems += 0.6
      default:
        if character.isUppercase { ems += 0.68 } else if character.isNumber { ems += 0.56 } else { ems += 0.54 }
      }
    }
    return ems * size
  }

  /// `text` broken into lines no wider than `maximumWidth`, at most `maximumLines` of them (the
  /// last one ends with "…" when text was cut).
  static func wrap(_ text: String, size: Double, maximumWidth: Double, maximumLines: Int = 3) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if width(candidate, size: size) <= maximumWidth || current.isEmpty {
        current = candidate
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    lines = lines.map { truncated($0, size: size, maximumWidth: maximumWidth) }
    if lines.count > maximumLines {
      lines = Array(lines.prefix(maximumLines))
      lines[maximumLines - 1] = truncated(lines[maximumLines - 1] + " …", size: size, maximumWidth: maximumWidth, forceEllipsis: true)
    }
    return lines
  }

  /// `text` shortened with "…" until it fits.
  static func truncated(_ text: String, size: Double, maximumWidth: Double, forceEllipsis: Bool = false) -> String {
    guard forceEllipsis || width(text, size: size) > maximumWidth else { return text }
    var characters = Array(text)
    if forceEllipsis, characters.last == "…" { characters.removeLast() }
    while !characters.isEmpty, width(String(characters) + "…", size: size) > maximumWidth {
      characters.removeLast()
    }
    while characters.last == " " { characters.removeLast() }
    return String(characters) + "…"
  }
}
