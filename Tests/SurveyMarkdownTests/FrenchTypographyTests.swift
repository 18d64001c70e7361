import Foundation
import Testing

@testable import SurveyMarkdown

/// French typography: a narrow no-break space (U+202F) before ; : ! ? and inside « », “ ” for a
/// quotation inside a quotation, decimal commas and thousands separated by narrow no-break spaces,
/// in generated text and in the codebook's question texts of French reports and charts.
@Suite struct FrenchTypographyTests {
  static let narrow: Character = "\u{202F}"

  @Test func spacesBeforeHighPunctuation() {
    #expect(FrenchTypography.typeset("Plan de sondage: poids") == "Plan de sondage\u{202F}: poids")
    #expect(FrenchTypography.typeset("(RGPD) ? oui ; non !") == "(RGPD)\u{202F}? oui\u{202F}; non\u{202F}!")
    #expect(FrenchTypography.typeset("IC à 95\u{00A0}%\u{00A0}: 78,2") == "IC à 95\u{00A0}%\u{202F}: 78,2")
    #expect(FrenchTypography.typeset("**Inquiets** : oui") == "**Inquiets**\u{202F}: oui")
  }

  @Test func guillemetsTakeNarrowSpacesAndNestedQuotationsTakeCurlyQuotes() {
    #expect(FrenchTypography.typeset("« Oui »") == "«\u{202F}Oui\u{202F}»")
    #expect(FrenchTypography.typeset("«\u{00A0}Oui\u{00A0}»") == "«\u{202F}Oui\u{202F}»")
    #expect(FrenchTypography.typeset("«Oui»") == "«\u{202F}Oui\u{202F}»")
    // The key finding of the old French report: « … « … » ? ».
    #expect(
      FrenchTypography.typeset("à « Êtes-vous d'accord : « La confidentialité n'est pas assurée » ? »")
        == "à «\u{202F}Êtes-vous d'accord\u{202F}: “La confidentialité n'est pas assurée”\u{202F}?\u{202F}»")
  }

  @Test func thousandsOfTheCodebookTakeNarrowSpaces() {
    #expect(FrenchTypography.typeset("de 20 000 à 99 999 habitants") == "de 20\u{202F}000 à 99\u{202F}999 habitants")
    #expect(FrenchTypography.typeset("1 234 567 personnes") == "1\u{202F}234\u{202F}567 personnes")
    // A year, a small count or a decimal are not thousands.
    #expect(FrenchTypography.typeset("en 2025 100 personnes") == "en 2025 100 personnes")
    #expect(FrenchTypography.typeset("les 12 derniers mois") == "les 12 derniers mois")
    #expect(FrenchTypography.typeset("0,5 000") == "0,5 000")
  }

  @Test func codeLinksURLsAndTimesAreLeftAlone() {
    #expect(FrenchTypography.typeset("`a: b ?` et `x`") == "`a: b ?` et `x`")
    #expect(FrenchTypography.typeset("voir https://example.org/a?b=c:d") == "voir https://example.org/a?b=c:d")
    #expect(FrenchTypography.typeset("[lien](https://x.org/?q) à 12:30") == "[lien](https://x.org/?q) à 12:30")
    #expect(FrenchTypography.typeset("a:b") == "a:b")
  }

  @Test func typesettingTwiceChangesNothing() {
    for text in ["Plan de sondage: « Êtes-vous : « x » ? »", "a ; b ! c ?", "«\u{202F}Oui\u{202F}»"] {
      let once = FrenchTypography.typeset(text)
      #expect(FrenchTypography.typeset(once) == once)
    }
  }

  @Test func numbersHaveDecimalCommasAndNarrowSpacesBetweenThousands() {
    let french = NumberStyle(language: .french)
    #expect(french.count(2_069) == "2\u{202F}069")
    #expect(french.decimal(52_805_096, digits: 1) == "52\u{202F}805\u{202F}096,0")
  }

  @Test func englishIsLeftAlone() {
    #expect(ReportLanguage.english.typeset("Design: « x » ?") == "Design: « x » ?")
    let report = Report(blocks: [.paragraph("Design: x")])
    #expect(report.render() == "Design: x\n")
    #expect(Report(blocks: [.paragraph("Plan: x"), .markdown("Prose: as written")], language: .french).render()
      == "Plan\u{202F}: x\n\nProse: as written\n")
  }

  // MARK: The French report

  static let reports = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("reports")

  /// The report's text without comments, fenced code, table alignment rows and code spans.
  static func prose(of markdown: String) -> String {
    var text = markdown.replacingOccurrences(of: "<!--[^\\n]*?-->", with: "", options: .regularExpression)
    text = text.replacingOccurrences(of: "```[a-z]*\\n[\\s\\S]*?\\n```", with: "", options: .regularExpression)
    // A table's alignment row (| --- | ---: |) is Markdown syntax.
    text = text.replacingOccurrences(of: "(?m)^\\|( :?-+:? \\|)+$", with: "", options: .regularExpression)
    return text.replacingOccurrences(of: "`[^`\\n]*`", with: "", options: .regularExpression)
  }

  /// Every place where the typography is wrong, with a little context.
  static func faults(in text: String) -> [String] {
    let characters = Array(text)
    var faults: [String] = []
    func context(_ index: Int) -> String {
      String(characters[max(0, index - 25)..<min(characters.count, index + 5)])
    }
    for (index, character) in characters.enumerated() {
      let previous = index > 0 ? characters[index - 1] : nil
      let next = index + 1 < characters.count ? characters[index + 1] : nil
      switch character {
      case ";", ":", "!", "?":
        if character == ":", previous?.isNumber == true, next?.isNumber == true { continue }
        if character == ":", next == "/" { continue }
        if character == "!", next == "[" { continue }
        if previous != Self.narrow { faults.append("no narrow space before \(character): …\(context(index))") }
      case "«":
        if next != Self.narrow { faults.append("no narrow space after «: …\(context(index))") }
      case "»":
        if previous != Self.narrow { faults.append("no narrow space before »: …\(context(index))") }
      default:
        continue
      }
    }
    var depth = 0
    for character in characters {
      if character == "«" { depth += 1; if depth > 1 { faults.append("« inside « »") } }
      if character == "»" { depth = max(0, depth - 1) }
    }
    for pattern in ["\\d[ \\u00A0]\\d{3}(?!\\d)", "(?<![\\d.])\\d+\\.\\d+(?![\\d.])"] {
      if let range = text.range(of: pattern, options: .regularExpression) {
        faults.append("number \(text[range]) is not written the French way")
      }
    }
    for english in ["p-value", "fail", " the ", " with ", "Weighted", "Not shown"] where text.contains(english) {
      faults.append("English left in: \(english)")
    }
    return faults
  }

  @Test func theOldFrenchReportWouldFail() {
    let old = """
      - Plan de sondage: poids `base_weight` ; strates à une seule unité primaire : `fail`.
      - **80,6 %** répondent « Plutôt d'accord » à « Êtes-vous d'accord : « La confidentialité » ? »
      | Répondants | 2\u{00A0}069 |
      100 tests, p-values ajustées.
      """
    let faults = Self.faults(in: Self.prose(of: old))
    #expect(faults.contains { $0.hasPrefix("no narrow space before :") })
    #expect(faults.contains { $0.hasPrefix("no narrow space after «") })
    #expect(faults.contains("« inside « »"))
    #expect(faults.contains { $0.hasPrefix("number 2\u{00A0}069") })
    #expect(faults.contains("English left in: p-value"))
  }

  @Test func theFrenchReportFollowsFrenchTypography() throws {
    let markdown = try String(contentsOf: Self.reports.appendingPathComponent("privacy-france-2025-fr.md"), encoding: .utf8)
    let faults = Self.faults(in: Self.prose(of: markdown))
    #expect(faults.isEmpty, "\(faults.prefix(10))")
    // Not vacuous: the checks met the marks they check.
    #expect(markdown.filter { $0 == "«" }.count > 50)
    #expect(markdown.contains("Plan de sondage\u{202F}: poids"))
    #expect(markdown.contains("(RGPD)\u{202F}?"))
  }

  @Test func theFrenchChartsFollowFrenchTypography() throws {
    let folder = Self.reports.appendingPathComponent("privacy-france-2025-fr")
    let charts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }.sorted()
    #expect(charts.count == 9)
    for chart in charts {
      let svg = try String(contentsOf: folder.appendingPathComponent(chart), encoding: .utf8)
      let texts = svg.split(separator: "\n").filter { $0.hasPrefix("<text ") || $0.hasPrefix("<desc ") || $0.hasPrefix("<title ") }
        .map { line -> String in
          let start = line.index(after: line.firstIndex(of: ">")!)
          return String(line[start..<line.range(of: "</", options: .backwards)!.lowerBound])
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
        }
      // A software version such as "0.1.0" is not a decimal number.
      let faults = texts.flatMap { Self.faults(in: $0.replacingOccurrences(of: "confiance 0.1.0", with: "confiance")) }
      #expect(faults.isEmpty, "\(chart): \(faults.prefix(5))")
    }
  }
}
