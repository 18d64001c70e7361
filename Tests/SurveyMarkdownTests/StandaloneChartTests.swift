import Foundation
import Testing

@testable import SurveyMarkdown

/// The committed charts stand alone when copied out of their report: a question for a title, what
/// is counted, the base, the source and the synthetic-data notice under them, nothing cut, the
/// groups left out named, and the Markdown image's alternative text is the chart's description.
@Suite struct StandaloneChartTests {
  static let reports = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("reports")

  static func text(_ path: String) throws -> String {
    try String(contentsOf: reports.appendingPathComponent(path), encoding: .utf8)
  }

  /// The text of every `<text>` element, XML escapes undone.
  static func texts(of svg: String) -> [String] {
    svg.split(separator: "\n").filter { $0.hasPrefix("<text ") }.map { line in
      let content = line[line.index(after: line.firstIndex(of: ">")!)..<line.range(of: "</text>")!.lowerBound]
      return String(content).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
  }

  static let charts = ["awareness", "behaviour", "concern", "other", "paradox", "sharing", "trust", "westin"]

  @Test(arguments: ["privacy-france-2025", "privacy-france-2025-fr"])
  func reportChartsCarryBaseSourceAndNotice(_ report: String) throws {
    let french = report.hasSuffix("-fr")
    for chart in Self.charts {
      let texts = Self.texts(of: try Self.text("\(report)/\(chart).svg"))
      let all = texts.joined(separator: " ")
      // A question for a title, or the short label of the chart's only question.
      #expect(
        texts.first?.hasSuffix("?") == true || texts.first == (french ? "A entendu parler du RGPD" : "Heard of the GDPR"),
        "\(chart): \(texts.first ?? "")")
      #expect(all.contains("Base") && all.contains("n\u{00A0}=\u{00A0}"), "\(chart)")
      #expect(all.contains("Source") && all.contains("privacy-france-2025.csv") && all.contains("confiance 0.1.0"), "\(chart)")
      #expect(all.contains(french ? "Données synthétiques" : "Synthetic data: nobody answered this survey"), "\(chart)")
      // Nothing is cut: no word runs into an ellipsis.
      #expect(!texts.contains { $0.range(of: "\\p{L}…$", options: .regularExpression) != nil }, "\(chart)")
    }
  }

  @Test func whatTheOtherQuestionsCountIsWrittenUnderEachOfThem() throws {
    let texts = Self.texts(of: try Self.text("privacy-france-2025/other.svg"))
    #expect(texts.contains("“Yes, I have decided to change them”"))
    #expect(!texts.joined().contains("answers counted in the table"))
  }

  @Test func everyRegionIsChartedOrNamedAsLeftOut() throws {
    let all = Self.texts(of: try Self.text("privacy-france-2025/paradox.svg")).joined(separator: " ")
    let regions = [
      "Île-de-France", "Auvergne-Rhône-Alpes", "Nouvelle-Aquitaine", "Occitanie", "Hauts-de-France", "Grand Est",
      "Provence-Alpes-Côte d'Azur", "Pays de la Loire", "Bretagne", "Normandie", "Bourgogne-Franche-Comté",
      "Centre-Val de Loire", "Corse", "Guadeloupe, Martinique, Guyane, La Réunion",
    ]
    for region in regions { #expect(all.contains(region), "\(region)") }
    #expect(all.contains("Not charted: Hauts-de-France (32); Grand Est (44)"))
  }

  /// Titles and rows use the codebook's short labels (`short_label`, per language); the full
  /// questions stay in the alternative text.
  @Test(arguments: ["privacy-france-2025", "privacy-france-2025-fr"])
  func chartsUseShortLabelsAndDescribeTheFullQuestions(_ report: String) throws {
    let french = report.hasSuffix("-fr")
    let awareness = Self.texts(of: try Self.text("\(report)/awareness.svg"))
    #expect(awareness.first == (french ? "A entendu parler du RGPD" : "Heard of the GDPR"))
    let concern = Self.texts(of: try Self.text("\(report)/concern.svg")).joined(separator: " ")
    #expect(concern.contains(french ? "Données mal protégées en ligne" : "Data not properly protected online"))
    #expect(!concern.contains(french ? "Êtes-vous d'accord" : "Do you agree with the following statement"))
    let markdown = try Self.text(report + ".md")
    let image = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("![") && $0.contains("/concern.svg)") })
    #expect(image.contains(french ? "Êtes-vous d'accord" : "Do you agree with the following statement"))
  }

  @Test func notebookChartsHaveTitlesOfTheirOwn() throws {
    let titles = try ["3", "4", "5", "6", "8"].map { cell in
      Self.texts(of: try Self.text("privacy-paradox/cell-\(cell)-paradox.svg")).first ?? ""
    }
    #expect(Set(titles).count == titles.count, "\(titles)")
  }

  @Test(arguments: ["privacy-france-2025.md", "privacy-france-2025-fr.md", "privacy-paradox.md"])
  func theAlternativeTextIsTheChartsDescription(_ name: String) throws {
    let markdown = try Self.text(name)
    let images = markdown.split(separator: "\n").filter { $0.hasPrefix("![") }
    #expect(!images.isEmpty)
    for image in images {
      let alternative = String(image.dropFirst(2).prefix { $0 != "]" })
      let path = String(image[image.index(image.lastIndex(of: "(")!, offsetBy: 1)..<image.index(before: image.endIndex)])
      let svg = try Self.text(path)
      let description = svg.split(separator: "\n").first { $0.hasPrefix("<desc id=\"chart-desc\">") }.map {
        String($0.dropFirst("<desc id=\"chart-desc\">".count).dropLast("</desc>".count))
          .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
          .replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
      }
      #expect(alternative == description, "\(path)")
      #expect(alternative.count > 100, "\(path)")
    }
  }
}
