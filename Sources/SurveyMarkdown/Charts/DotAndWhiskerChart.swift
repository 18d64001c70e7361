/// A dot-and-whisker chart of effects with confidence intervals around a zero line: one row per
/// effect, a dot at the estimate and a whisker over its interval, rows grouped under their
/// variable. Reference levels sit on the zero line as hollow dots.
///
/// ```swift
/// let chart = DotAndWhiskerChart(
///   title: "Who acts on their concern?", subtitle: "Average marginal effects, percentage points",
///   rows: [
///     .init(group: "Age band", label: "18-24", estimate: 0, lower: 0, upper: 0, isReference: true),
///     .init(group: "Age band", label: "65+", estimate: -8.2, lower: -14.0, upper: -2.4),
///   ],
///   unit: "pts", language: .english)
/// chart.svg
/// ```
///
/// The axis spans every interval and zero, with round ticks; values are written at the right.
package struct DotAndWhiskerChart: Sendable, Hashable {
  /// One effect.
  package struct Row: Sendable, Hashable {
    /// The heading the row is listed under (the variable), or `nil`.
    package var group: String?
    /// The label on the left (the level).
    package var label: String
    /// The effect.
    package var estimate: Double
    /// The interval's lower bound.
    package var lower: Double
    /// The interval's upper bound.
    package var upper: Double
    /// Whether the row is the reference the others are compared with (drawn hollow at zero).
    package var isReference: Bool

    /// Creates a row.
    package init(group: String? = nil, label: String, estimate: Double, lower: Double, upper: Double, isReference: Bool = false) {
      self.group = group
      self.label = label
      self.estimate = estimate
      self.lower = lower
      self.upper = upper
      self.isReference = isReference
    }
  }

  /// The chart's title, also its SVG `<title>`.
  package var title: String
  /// A line under the title (what is measured, the interval level).
  package var subtitle: String?
  /// The effects, top to bottom.
  package var rows: [Row]
  /// The unit written after values in the description ("pts").
  package var unit: String
  /// Decimals of the values written.
  package var digits: Int
  /// The language of the numbers.
  package var language: ReportLanguage
  /// The notes under the chart, one paragraph each: the base (`n = …`), the source, the
  /// synthetic-data notice.
  package var footnotes: [String]

  /// Creates a chart.
  package init(
    title: String, subtitle: String? = nil, rows: [Row], unit: String = "", digits: Int = 1, footnotes: [String] = [],
    language: ReportLanguage = .english
  ) {
    self.footnotes = footnotes
    self.title = title
    self.subtitle = subtitle
    self.rows = rows
    self.unit = unit
    self.digits = digits
    self.language = language
  }

  /// The description read by screen readers and written as the image's alternative text: the
  /// title, the subtitle, every effect with its interval, then the notes.
  package var accessibleDescription: String {
    let numbers = language.numbers
    let unitText = unit.isEmpty ? "" : " " + unit
    let colon = language.text(": ", "\u{00A0}: ")
    let items = rows.map { row -> String in
      let name = (row.group.map { $0 + ", " } ?? "") + row.label
      if row.isReference { return "\(name)\(colon)\(language.text("reference", "référence"))" }
      return "\(name)\(colon)\(signedValue(row.estimate))\(unitText) (\(numbers.range(row.lower, row.upper, digits: digits)))"
    }
    return language.typeset(ChartLayout.description(title: title, subtitle: subtitle, items: items, notes: footnotes))
  }

  /// "+5.1", "−3.0", "0.0".
  private func signedValue(_ value: Double) -> String {
    let text = language.numbers.decimal(value, digits: digits)
    return text.hasPrefix("−") || value <= 0 || !value.isFinite ? text : "+" + text
  }

  /// Round ticks covering `low`…`high`: a step of 1, 2 or 5 times a power of ten, at most six steps.
  static func ticks(low: Double, high: Double) -> [Double] {
    let span = max(high - low, 1e-9)
    var exponent = -6
    while true {
      for multiple in [1.0, 2.0, 5.0] where span / scaled(multiple, exponent) <= 6 {
        let step = scaled(multiple, exponent)
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        return stride(from: first, through: last, by: 1).map { scaled($0 * multiple, exponent) }
      }
      exponent += 1
    }
  }

  /// m × 10^e with one rounding, so that ticks are the decimals they look like (−0.3, not −0.30000000000000004).
  private static func scaled(_ m: Double, _ e: Int) -> Double {
    var power = 1.0
    for _ in 0..<abs(e) { power *= 10 }
    return e >= 0 ? m * power : m / power
  }

  /// The SVG document.
  package var svg: String { typeset().layout }

  /// The chart with every text in the typography of its language, set before lines are wrapped
  /// so that a line never breaks inside « » or before ? and :.
  func typeset() -> Self {
    var chart = self
    chart.title = language.typeset(title)
    chart.subtitle = subtitle.map(language.typeset)
    chart.rows = rows.map { row in
      var row = row
      row.group = row.group.map(language.typeset)
      row.label = language.typeset(row.label)
      return row
    }
    chart.footnotes = footnotes.map(language.typeset)
    return chart
  }

  /// The SVG document of a typeset chart.
  var layout: String {
    let numbers = language.numbers
    var document = SVGDocument(width: ChartLayout.width, language: language)
    let y = ChartLayout.title(title, subtitle: subtitle, in: &document) + 6
    // Lines: a group heading before the first row of each group, then the rows.
    enum Line { case heading(String), row(Row) }
    var lines: [Line] = []
    var previousGroup: String?
    for row in rows {
      if let group = row.group, group != previousGroup { lines.append(.heading(group)) }
      previousGroup = row.group
      lines.append(.row(row))
    }
    let labels = lines.map { line -> String in
      switch line {
      case .heading(let text): return text
      case .row(let row): return row.label
      }
    }
    let labelWidth = ChartLayout.labelColumnWidth(labels)
    let wrapped = labels.map { TextMeasure.wrap($0, size: ChartLayout.labelSize, maximumWidth: labelWidth) }
    let heights = wrapped.map { max(24, Double($0.count) * ChartLayout.lineHeight + 9) }
    let x0 = ChartLayout.margin + labelWidth + 16
    let x1 = ChartLayout.width - ChartLayout.margin - 64
    let finite = rows.filter { !$0.isReference }.flatMap { [$0.lower, $0.upper, $0.estimate] }.filter(\.isFinite)
    let ticks = Self.ticks(low: min(finite.min() ?? -1, 0), high: max(finite.max() ?? 1, 0))
    let low = ticks.first ?? -1, high = ticks.last ?? 1
    let scale = { (value: Double) in x0 + (x1 - x0) * (min(max(value, low), high) - low) / (high - low) }
    let top = y, bottom = top + heights.reduce(0, +)
    for tick in ticks {
      let x = scale(tick)
      let isZero = abs(tick) < 1e-12
      document.line(
        x1: x, y1: top, x2: x, y2: bottom, stroke: isZero ? ChartLayout.axis : ChartLayout.grid,
        width: isZero ? 1.5 : 1)
      let tickDigits = ticks.contains { abs($0 - $0.rounded()) > 1e-9 } ? 1 : 0
      let text = isZero ? "0" : (tick > 0 ? "+" : "") + numbers.decimal(tick, digits: tickDigits)
      document.text(text, x: x, y: bottom + 14, size: ChartLayout.smallSize, anchor: "middle", fill: ChartLayout.muted)
    }
    var rowTop = top
    for (index, line) in lines.enumerated() {
      let middle = rowTop + heights[index] / 2
      let labelTop = middle - Double(wrapped[index].count - 1) * ChartLayout.lineHeight / 2 + 4
      switch line {
      case .heading:
        document.lines(wrapped[index], x: ChartLayout.margin, y: labelTop, size: ChartLayout.labelSize, weight: "bold")
      case .row(let row):
        let indent = row.group == nil ? 0.0 : 12.0
        document.lines(wrapped[index], x: ChartLayout.margin + indent, y: labelTop, size: ChartLayout.labelSize)
        if row.isReference {
          document.circle(
            x: scale(0), y: middle, radius: 4.5, fill: "#FFFFFF",
            extra: "stroke=\"\(ChartLayout.muted)\" stroke-width=\"1.5\"")
          document.text(
            language.text("reference", "référence"), x: x1 + 8, y: middle + 4, size: ChartLayout.smallSize,
            fill: ChartLayout.muted)
        } else {
          if row.lower.isFinite, row.upper.isFinite {
            document.line(x1: scale(row.lower), y1: middle, x2: scale(row.upper), y2: middle, stroke: ChartLayout.blue, width: 2)
            for bound in [row.lower, row.upper] {
              document.line(x1: scale(bound), y1: middle - 4, x2: scale(bound), y2: middle + 4, stroke: ChartLayout.blue, width: 1.5)
            }
          }
          document.circle(x: scale(row.estimate), y: middle, radius: 5, fill: ChartLayout.blue)
          document.text(signedValue(row.estimate), x: x1 + 8, y: middle + 4, size: ChartLayout.labelSize, weight: "bold")
        }
      }
      rowTop += heights[index]
    }
    document.setHeight(ChartLayout.footer(footnotes, y: bottom + 34, in: &document))
    return document.rendered(title: title, description: accessibleDescription)
  }

  /// The chart as a report figure, its description as the alternative text.
  package func figure(fileName: String) -> Figure {
    Figure(fileName: fileName, alternativeText: accessibleDescription, svg: svg)
  }
}
