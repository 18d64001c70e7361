/// French typography for the text of reports and charts (Imprimerie nationale, *Lexique des règles
/// typographiques*): a narrow no-break space (U+202F) before ; : ! ? and inside « », and a second
/// level of quotation marks “ ” inside « ». Applied to the generated text *and* to the codebook's
/// question texts, which are often typed with ordinary spaces (or none) before ? and :.
///
/// ```swift
/// FrenchTypography.typeset("Plan de sondage: poids ; « Oui » ?")
/// // "Plan de sondage\u{202F}: poids\u{202F}; «\u{202F}Oui\u{202F}»\u{202F}?"
/// FrenchTypography.typeset("à « Êtes-vous d'accord : « Non » ? »")
/// // "à «\u{202F}Êtes-vous d'accord\u{202F}: “Non”\u{202F}?\u{202F}»"
/// ```
///
/// Inline Markdown is respected: code spans and the targets of links are left as they are, and so
/// are URLs (`https://…`) and colons between digits (`12:30`). Applying it twice changes nothing.
/// ``NumberStyle`` writes the numbers it makes the French way (decimal comma, thousands separated
/// by narrow no-break spaces); the spaces between thousands of a codebook's text ("20 000
/// habitants") become narrow no-break spaces here.
enum FrenchTypography {
  /// The narrow no-break space, U+202F.
  static let narrowSpace: Character = "\u{202F}"

  /// The punctuation preceded by a narrow no-break space.
  static let highPunctuation: Set<Character> = [";", ":", "!", "?"]

  /// Spaces that typography replaces by the narrow no-break space.
  static func isSpace(_ character: Character) -> Bool {
    character == " " || character == "\u{00A0}" || character == narrowSpace
  }

  /// `text` with French spacing and quotation marks.
  static func typeset(_ text: String) -> String {
    let characters = Array(text)
    var output: [Character] = []
    var index = 0
    var depth = 0
    while index < characters.count {
      let character = characters[index]
      // Code spans, link targets and URLs are copied as they are.
      if let end = verbatimEnd(in: characters, at: index) {
        output += characters[index..<end]
        index = end
        continue
      }
      switch character {
      case "«":
        depth += 1
        if depth > 1 {
          // A quotation inside a quotation: “…”, without spaces.
          output.append("“")
          index += 1
          while index < characters.count, isSpace(characters[index]) { index += 1 }
          continue
        }
        output.append("«")
        output.append(narrowSpace)
        index += 1
        while index < characters.count, isSpace(characters[index]) { index += 1 }
        continue
      case "»":
        while let last = output.last, isSpace(last) { output.removeLast() }
        if depth > 1 {
          output.append("”")
        } else {
          if output.last != nil { output.append(narrowSpace) }
          output.append("»")
        }
        depth = max(depth - 1, 0)
      case _ where highPunctuation.contains(character) && needsSpace(characters, at: index, after: output):
        while let last = output.last, isSpace(last) { output.removeLast() }
        output.append(narrowSpace)
        output.append(character)
      case _ where (character == " " || character == "\u{00A0}") && separatesThousands(characters, at: index):
        output.append(narrowSpace)
      default:
        output.append(character)
      }
      index += 1
    }
    return String(output)
  }

  /// Whether the punctuation at `index` takes a narrow space before it: not at the start of the
  /// text or after an opening bracket or another such mark, not between digits (12:30), not in
  /// `://`, and not before another letter of a word (`a:b`-style identifiers keep their colon).
  static func needsSpace(_ characters: [Character], at index: Int, after output: [Character]) -> Bool {
    guard let previous = output.last(where: { !isSpace($0) }) else { return false }
    if "([{“".contains(previous) || highPunctuation.contains(previous) && output.last.map(isSpace) == false {
      return false
    }
    let next = index + 1 < characters.count ? characters[index + 1] : nil
    // "![alt](image)" is Markdown, not an exclamation.
    if characters[index] == "!", next == "[" { return false }
    if characters[index] == ":" {
      if previous.isNumber, next?.isNumber == true { return false }
      if next == "/" { return false }
    }
    // "a:b", "x?y": a mark inside a word is not punctuation.
    if !isSpace(output.last ?? " "), let next, next.isLetter || next.isNumber, previous.isLetter || previous.isNumber {
      return false
    }
    return true
  }

  /// Whether the space at `index` separates groups of thousands, as in the codebook's "20 000
  /// habitants": one to three digits (after anything but a digit) before it, exactly three after.
  static func separatesThousands(_ characters: [Character], at index: Int) -> Bool {
    var start = index
    while start > 0, characters[start - 1].isASCII, characters[start - 1].isNumber { start -= 1 }
    let before = index - start
    guard (1...3).contains(before), start == 0 || characters[start - 1] != "," else { return false }
    let after = characters[(index + 1)...].prefix { $0.isASCII && $0.isNumber }.count
    return after == 3
  }

  /// The end of a code span, link target or URL starting at `index`, or `nil`.
  static func verbatimEnd(in characters: [Character], at index: Int) -> Int? {
    let character = characters[index]
    if character == "`" {
      var ticks = 0
      while index + ticks < characters.count, characters[index + ticks] == "`" { ticks += 1 }
      var search = index + ticks
      while search < characters.count {
        if characters[search] == "`" {
          var run = 0
          while search + run < characters.count, characters[search + run] == "`" { run += 1 }
          if run == ticks { return search + run }
          search += run
        } else {
          search += 1
        }
      }
      return characters.count
    }
    if character == "]", index + 1 < characters.count, characters[index + 1] == "(" {
      var end = index + 2
      while end < characters.count, characters[end] != ")" { end += 1 }
      return min(end + 1, characters.count)
    }
    for scheme in ["https://", "http://"] where characters[index...].starts(with: scheme) {
      var end = index
      while end < characters.count, !characters[end].isWhitespace, characters[end] != ")" { end += 1 }
      return end
    }
    return nil
  }
}

extension ReportLanguage {
  /// `text` with the typography of the language: French spacing and quotation marks in French,
  /// unchanged in English.
  func typeset(_ text: String) -> String {
    self == .french ? FrenchTypography.typeset(text) : text
  }
}
