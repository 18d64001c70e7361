import Testing

@testable import SurveyMarkdown

/// The SVG charts: structure, accessibility, determinism and committed snapshots.
@Suite struct ChartTests {
  static let bars = BarChart(
    title: "Protective behaviours in the last 12 months",
    subtitle: "Weighted % of adults, 95% confidence intervals (Korn–Graubard)",
    bars: [
      .init(label: "Refused non-essential cookies", value: 0.624, lower: 0.598, upper: 0.649),
      .init(label: "Changed the privacy settings of a social network account", value: 0.385, lower: 0.359, upper: 0.412),
      .init(label: "Used an ad blocker or a VPN", value: 0.271, lower: 0.247, upper: 0.296),
      .init(label: "Exercised a GDPR right (access, erasure)", value: 0.043, lower: 0.021, upper: 0.085, isFlagged: true),
      .init(
        label: "Intends to change their habits on the Internet to protect their personal data better",
        detail: "« Yes, I have decided to change them »", value: 0.07, lower: 0.057, upper: 0.085),
    ],
    footnotes: [
      "Base: n = 2,010 to 2,040 people who answered, depending on the question.",
      "Source: example.csv, weighted estimates; confiance 0.1.0.",
    ])

  static let likert = DivergingBarChart(
    title: "Trust in organisations to protect personal data",
    subtitle: "Weighted % of adults",
    categories: ["No trust at all", "Little trust", "Neither", "Some trust", "Complete trust"],
    rows: [
      .init(label: "Banks", shares: [0.06, 0.14, 0.22, 0.41, 0.17]),
      .init(label: "Online shops", shares: [0.15, 0.31, 0.29, 0.21, 0.04]),
      .init(label: "Social networks", shares: [0.38, 0.33, 0.18, 0.09, 0.02]),
      .init(label: "Public administrations", shares: [0.09, 0.17, 0.25, 0.37, 0.12]),
    ],
    footnotes: ["Base: n = 2,069 people who answered."])

  static let paradox = ParadoxChart(
    title: "Concerned about their data, but not protecting it",
    subtitle: "Concerned: answers 4–5 of 5; acting: at least one of 8 protective behaviours",
    concernedLabel: "Concerned", actingLabel: "Acting",
    segments: [
      .init(label: "All adults", concerned: .init(value: 0.79, lower: 0.77, upper: 0.81), acting: .init(value: 0.41, lower: 0.38, upper: 0.44)),
      .init(group: "Age band", label: "18–24", concerned: .init(value: 0.66, lower: 0.60, upper: 0.72), acting: .init(value: 0.55, lower: 0.48, upper: 0.62)),
      .init(label: "65+", concerned: .init(value: 0.86, lower: 0.83, upper: 0.89), acting: .init(value: 0.29, lower: 0.25, upper: 0.33)),
      .init(group: "Sex", label: "Women", concerned: .init(value: 0.81, lower: 0.78, upper: 0.84), acting: .init(value: 0.39, lower: 0.35, upper: 0.43)),
      .init(label: "Corse", concerned: .init(value: 0.7, lower: 0.45, upper: 0.87), acting: .init(value: 0.3, lower: 0.12, upper: 0.57), isFlagged: true),
      .init(
        group: "Have you heard of the General Data Protection Regulation (GDPR)?",
        label: "Yes, but I do not know exactly what it is", concerned: .init(value: 0.77, lower: 0.72, upper: 0.82),
        acting: .init(value: 0.52, lower: 0.46, upper: 0.58), respondents: 541),
    ],
    footnotes: ["Not charted: Bretagne (53) (a share not shown in the table)."])

  @Test func barChartSnapshot() {
    assertSnapshot(Self.bars.svg, named: "bar-chart.svg")
  }

  @Test func divergingChartSnapshot() {
    assertSnapshot(Self.likert.svg, named: "diverging-chart.svg")
  }

  @Test func paradoxChartSnapshot() {
    assertSnapshot(Self.paradox.svg, named: "paradox-chart.svg")
  }

  @Test func frenchChartSnapshot() {
    var chart = Self.bars
    chart.language = .french
    assertSnapshot(chart.svg, named: "bar-chart-fr.svg")
  }

  @Test func chartsCarryTitleAndDescriptionForScreenReaders() {
    for svg in [Self.bars.svg, Self.likert.svg, Self.paradox.svg] {
      #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
      #expect(svg.contains("role=\"img\" aria-labelledby=\"chart-title chart-desc\""))
      #expect(svg.contains("<title id=\"chart-title\">"))
      #expect(svg.contains("<desc id=\"chart-desc\">"))
      #expect(svg.hasSuffix("</svg>\n"))
    }
    #expect(Self.bars.accessibleDescription.contains("Refused non-essential cookies: 62.4% (95% CI 59.8–64.9)"))
    #expect(Self.paradox.accessibleDescription.contains("All adults: Concerned 79.0%, Acting 41.0%, Gap +38.0 pts"))
    // The description is the image's alternative text, notes included.
    #expect(Self.bars.accessibleDescription.hasPrefix("Protective behaviours in the last 12 months. Weighted % of adults"))
    #expect(Self.bars.figure(fileName: "b.svg").alternativeText == Self.bars.accessibleDescription)
    #expect(Self.bars.accessibleDescription.hasSuffix("Source: example.csv, weighted estimates; confiance 0.1.0."))
    #expect(Self.paradox.accessibleDescription.contains("Yes, but I do not know exactly what it is (n\u{00A0}=\u{00A0}541)"))
    #expect(Self.paradox.accessibleDescription.contains("Not charted: Bretagne (53)"))
  }

  @Test func nothingIsCut() {
    for svg in [Self.bars.svg, Self.likert.svg, Self.paradox.svg] { #expect(!svg.contains("…<")) }
    // A long label wraps onto a second line, its last words and n kept.
    #expect(Self.paradox.svg.contains(">Yes, but I do not know exactly"))
    #expect(Self.paradox.svg.contains("(n\u{00A0}=\u{00A0}541)</text>"))
    #expect(Self.bars.svg.contains(">Source: example.csv, weighted estimates; confiance 0.1.0.</text>"))
  }

  @Test func chartsAreDeterministic() {
    #expect(Self.bars.svg == Self.bars.svg)
    #expect(Self.likert.svg == Self.likert.svg)
  }

  @Test func textIsEscaped() {
    let chart = BarChart(title: "Q&A <test>", bars: [.init(label: "\"a\" & b", value: 0.5)])
    #expect(chart.svg.contains("<title id=\"chart-title\">Q&amp;A &lt;test&gt;</title>"))
    #expect(chart.svg.contains("&quot;a&quot; &amp; b"))
  }

  @Test func flaggedBarsAreMarked() {
    #expect(Self.bars.svg.contains(">4.3%†</text>"))
    #expect(Self.bars.svg.contains("Interpret with care: flagged by the NCHS standards"))
  }

  @Test func divergingChartsRunFrom100PercentTo100Percent() {
    // The same scale on every chart of shares: ticks 100% 75% … 0% … 100%.
    let ticks = Self.likert.svg.split(separator: "\n").filter { $0.contains("text-anchor=\"middle\" fill=\"#666666\">") && $0.contains("%<") }
    #expect(ticks.count == 9)
    #expect(ticks.filter { $0.contains(">100%<") }.count == 2)
  }

  @Test func divergingColoursRunFromRedToBlue() {
    #expect(DivergingBarChart.colours(count: 5) == ["#D6604D", "#F4A582", "#D9D9D9", "#92C5DE", "#4393C3"])
    #expect(DivergingBarChart.colours(count: 4) == ["#D6604D", "#F4A582", "#92C5DE", "#4393C3"])
    #expect(DivergingBarChart.colours(count: 7).count == 7)
  }

  @Test func longLabelsWrapWithoutLosingAWord() {
    let text = String(repeating: "word ", count: 60) + "Anticonstitutionnellement"
    let lines = TextMeasure.wrap(text, size: 12, maximumWidth: 120)
    #expect(lines.count > 2)
    #expect(lines.allSatisfy { TextMeasure.width($0, size: 12) <= 120 })
    #expect(!lines.joined().contains("…"))
    #expect(lines.joined(separator: " ").split(separator: " ").filter { $0 == "word" }.count == 60)
    // A word wider than the line is split with a hyphen, every letter kept.
    let long = TextMeasure.wrap("Anticonstitutionnellement", size: 12, maximumWidth: 60)
    #expect(long.count > 1)
    #expect(long.dropLast().allSatisfy { $0.hasSuffix("-") })
    #expect(long.map { $0.hasSuffix("-") ? String($0.dropLast()) : $0 }.joined() == "Anticonstitutionnellement")
  }

  @Test func coordinatesHaveOneDecimal() {
    #expect(SVGDocument.number(12.04) == "12")
    #expect(SVGDocument.number(12.05) == "12.1")
    #expect(SVGDocument.number(-0.26) == "-0.3")
    #expect(SVGDocument.number(-3) == "-3")
  }

  static let effects = DotAndWhiskerChart(
    title: "Who acts on their concern?",
    subtitle: "Average marginal effects on the probability of acting, in percentage points; 95% CI",
    rows: [
      .init(group: "Age band", label: "18–34", estimate: 0, lower: 0, upper: 0, isReference: true),
      .init(group: "Age band", label: "35–64", estimate: -23.6, lower: -43.2, upper: -3.9),
      .init(group: "Age band", label: "65+", estimate: -28.2, lower: -48.5, upper: -8.0),
      .init(group: "Sex", label: "Women", estimate: 0, lower: 0, upper: 0, isReference: true),
      .init(group: "Sex", label: "Men", estimate: 3.2, lower: -13.4, upper: 19.8),
    ],
    unit: "pts")

  @Test func dotAndWhiskerTicksAreRoundAndSpanEveryInterval() {
    #expect(DotAndWhiskerChart.ticks(low: -48.5, high: 19.8) == [-60, -40, -20, 0, 20])
    #expect(DotAndWhiskerChart.ticks(low: -0.31, high: 0) == [-0.4, -0.3, -0.2, -0.1, 0])
    #expect(DotAndWhiskerChart.ticks(low: 0, high: 7) == [0, 2, 4, 6, 8])
  }

  @Test func dotAndWhiskerChartGroupsRowsAndMarksReferences() {
    let svg = Self.effects.svg
    #expect(svg == Self.effects.svg)
    #expect(svg.contains(">Age band</text>"))
    #expect(svg.ranges(of: "fill=\"#FFFFFF\" stroke=").count == 2)  // two hollow reference dots
    #expect(svg.contains(">−23.6</text>"))
    #expect(svg.contains(">+3.2</text>"))
    #expect(Self.effects.accessibleDescription.hasSuffix(
      "Age band, 18–34: reference; Age band, 35–64: −23.6 pts (−43.2 to −3.9); Age band, 65+: −28.2 pts (−48.5 to −8.0); "
        + "Sex, Women: reference; Sex, Men: +3.2 pts (−13.4 to 19.8)."))
  }
}
