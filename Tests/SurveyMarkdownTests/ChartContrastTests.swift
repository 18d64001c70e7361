import Foundation
import Testing

@testable import SurveyMarkdown

/// Every piece of text of every chart — the committed reports' and the snapshot charts' — reads at
/// WCAG 2.1 AA contrast (4.5:1 for text under 18 pt) against what is drawn under it.
@Suite struct ChartContrastTests {
  /// WCAG 2.1 relative luminance of `#RRGGBB` (written again here, not taken from the code under test).
  static func luminance(_ colour: String) -> Double {
    let hex = colour.uppercased().dropFirst()
    let channels = [0, 2, 4].map { offset -> Double in
      let start = hex.index(hex.startIndex, offsetBy: offset)
      let value = Double(Int(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!) / 255
      return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
  }

  static func contrast(_ a: String, _ b: String) -> Double {
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  struct Rectangle {
    var x: Double, y: Double, width: Double, height: Double, fill: String
    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= x + width && py >= y && py <= y + height }
  }

  /// The value of `name="…"` in an element's text.
  static func attribute(_ name: String, in element: Substring) -> String? {
    guard let range = element.range(of: " \(name)=\"") else { return nil }
    let rest = element[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  /// Each text of an SVG with its colour and the colour under its start, middle and end, in
  /// drawing order (a rectangle drawn later is on top).
  static func textContrasts(in svg: String) -> [(text: String, colour: String, background: String, ratio: Double)] {
    var rectangles: [Rectangle] = []
    var results: [(String, String, String, Double)] = []
    for line in svg.split(separator: "\n") {
      if line.hasPrefix("<rect x=") {
        let number = { (name: String) in Double(attribute(name, in: line) ?? "") ?? 0 }
        rectangles.append(Rectangle(
          x: number("x"), y: number("y"), width: number("width"), height: number("height"),
          fill: attribute("fill", in: line) ?? "#000000"))
      } else if line.hasPrefix("<text ") {
        let content = String(line[line.index(after: line.firstIndex(of: ">")!)..<line.range(of: "</text>")!.lowerBound])
        let x = Double(attribute("x", in: line)!)!, y = Double(attribute("y", in: line)!)!
        let size = Double(attribute("font-size", in: line)!)!
        // SVG's default fill is black.
        let colour = attribute("fill", in: line) ?? "#000000"
        let width = TextMeasure.width(content, size: size)
        let start: Double
        switch attribute("text-anchor", in: line) {
        case "middle": start = x - width / 2
        case "end": start = x - width
        default: start = x
        }
        for px in [start + 1, start + width / 2, start + width - 1] {
          let py = y - size * 0.35
          let background = rectangles.last { $0.contains(px, py) }?.fill ?? "#FFFFFF"
          results.append((content, colour, background, contrast(colour, background)))
        }
      }
    }
    return results
  }

  static var reportCharts: [(String, String)] {
    let reports = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("reports")
    let files = FileManager.default.enumerator(atPath: reports.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".svg") } ?? []
    return files.sorted().map { ($0, (try? String(contentsOf: reports.appendingPathComponent($0), encoding: .utf8)) ?? "") }
  }

  @Test func theLuminanceFormulaMatchesWCAGsExamples() {
    #expect(abs(Self.contrast("#FFFFFF", "#000000") - 21) < 1e-9)
    #expect(abs(Self.contrast("#767676", "#FFFFFF") - 4.54) < 0.01)  // the lightest grey passing AA on white
    // The colours the issue found too pale under white text.
    #expect(Self.contrast("#FFFFFF", "#4393C3") < 4.5)
    #expect(Self.contrast("#FFFFFF", "#D6604D") < 4.5)
  }

  @Test func everyTextOfTheCommittedChartsReadsAtAA() {
    let charts = Self.reportCharts
    #expect(charts.count >= 21)
    for (name, svg) in charts {
      let texts = Self.textContrasts(in: svg)
      #expect(!texts.isEmpty, "\(name) has no text")
      for low in texts where low.ratio < 4.5 {
        Issue.record("\(name): “\(low.text)” in \(low.colour) on \(low.background) has a contrast of \(low.ratio)")
      }
    }
  }

  @Test func everyTextOfTheSnapshotChartsReadsAtAA() {
    for svg in [ChartTests.bars.svg, ChartTests.likert.svg, ChartTests.paradox.svg] {
      for low in Self.textContrasts(in: svg) where low.ratio < 4.5 {
        Issue.record("“\(low.text)” in \(low.colour) on \(low.background) has a contrast of \(low.ratio)")
      }
    }
  }

  @Test func segmentLabelsTakeTheColourThatReads() {
    for colour in DivergingBarChart.colours(count: 9) + [ChartLayout.blue, ChartLayout.orange, ChartLayout.lightBlue] {
      #expect(Self.contrast(ChartLayout.textColour(on: colour), colour) >= 4.5, "\(colour)")
    }
    #expect(ChartLayout.textColour(on: "#2166AC") == "#FFFFFF")
    #expect(ChartLayout.textColour(on: "#D6604D") == "#000000")
  }

  @Test func theAuditSeesWhiteOnMidBlue() {
    // The old diverging chart: a white 11-px label on #4393C3.
    let svg = """
      <rect x="10" y="10" width="100" height="20" fill="#4393C3"/>
      <text x="60" y="24" font-size="11" text-anchor="middle" fill="#FFFFFF">37</text>
      """
    #expect(Self.textContrasts(in: svg).allSatisfy { $0.ratio < 4.5 })
  }
}
