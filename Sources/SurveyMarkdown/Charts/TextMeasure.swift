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
      case "\u{202F}": ems += 0.2
      case "m", "w", "M", "W", "%", "@": ems += 0.86
      case "–", "—": ems += 0.6
      default:
        if character.isUppercase { ems += 0.68 } else if character.isNumber { ems += 0.56 } else { ems += 0.54 }
      }
    }
    return ems * size
  }

  /// `text` broken at spaces into lines no wider than `maximumWidth`; nothing is cut: a word
  /// wider than a line on its own is split between lines with a hyphen. A line never ends with
  /// an opening « nor starts with » ? : ; or !, even where the text has ordinary spaces there.
  static func wrap(_ text: String, size: Double, maximumWidth: Double) -> [String] {
    var words: [String] = []
    var glueNext = false
    for word in text.split(separator: " ").map(String.init) {
      if let last = words.last, glueNext || ["»", "?", ":", ";", "!"].contains(where: word.hasPrefix) {
        words[words.count - 1] = last + " " + word
      } else {
        words.append(word)
      }
      glueNext = word == "«"
    }
    var lines: [String] = []
    var current = ""
    for word in words {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if width(candidate, size: size) <= maximumWidth {
        current = candidate
        continue
      }
      if !current.isEmpty { lines.append(current) }
      current = String(word)
      while width(current, size: size) > maximumWidth, current.count > 1 {
        var head = ""
        for character in current {
          guard width(head + String(character) + "-", size: size) <= maximumWidth else { break }
          head.append(character)
        }
        if head.isEmpty { head = String(current.prefix(1)) }
        lines.append(head + "-")
        current = String(current.dropFirst(head.count))
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
