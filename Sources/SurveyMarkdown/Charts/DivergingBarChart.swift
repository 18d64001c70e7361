/// A diverging stacked bar chart for Likert items: each item's answers as one bar, the lower half
/// of the scale to the left of a centre line and the upper half to the right, the middle answer
/// (odd scales) split across the line.
///
/// ```swift
/// let chart = DivergingBarChart(
///   title: "Trust by sector", categories: ["None", "Little", "Some", "Much", "Complete"],
///   rows: [.init(label: "Banks", shares: [0.05, 0.15, 0.30, 0.35, 0.15])])
/// chart.svg
/// ```
///
/// Shares are drawn as given (each row should sum to 1 over the answers shown). Segments of at
/// least 6% carry their percentage, in white or black, whichever reads at WCAG AA contrast on the
/// segment's colour. Both sides run to 100%, so that every chart of shares has the same scale;
/// labels wrap, never cut.
package struct DivergingBarChart: Sendable, Hashable {
  /// One item.
  package struct Row: Sendable, Hashable {
    /// The item's label.
    package var label: String
    /// The share of each category, in the order of ``DivergingBarChart/categories``.
    package var shares: [Double]

    /// Creates a row.
    package init(label: String, shares: [Double]) {
      self.label = label
      self.shares = shares
    }
  }

  /// The chart's title.
  package var title: String
  /// A line under the title.
  package var subtitle: String?
  /// The full questions behind a title and rows that show short labels: read in the description
  /// (the alternative text), not drawn.
  package var question: String?
  /// The answer labels, from the lowest to the highest end of the scale.
  package var categories: [String]
  /// The items, top to bottom.
  package var rows: [Row]
  /// The notes under the chart: base, items left out, source, synthetic-data notice.
  package var footnotes: [String]
  /// The language of the numbers.
  package var language: ReportLanguage

  /// Creates a chart.
  package init(
    title: String, subtitle: String? = nil, categories: [String], rows: [Row], footnotes: [String] = [],
    language: ReportLanguage = .english
  ) {
    self.title = title
    self.subtitle = subtitle
    self.categories = categories
    self.rows = rows
    self.footnotes = footnotes
    self.language = language
  }

  /// Colours from dark red (lowest) through grey (middle) to dark blue (highest): ColorBrewer's
  /// RdBu, readable by people with red–green colour blindness.
  static func colours(count: Int) -> [String] {
    let reds: [[String]] = [
      [], ["#D6604D"], ["#D6604D", "#F4A582"], ["#B2182B", "#D6604D", "#F4A582"],
      ["#B2182B", "#D6604D", "#F4A582", "#FDDBC7"],
    ]
    let blues: [[String]] = [
      [], ["#4393C3"], ["#92C5DE", "#4393C3"], ["#92C5DE", "#4393C3", "#2166AC"],
      ["#D1E5F0", "#92C5DE", "#4393C3", "#2166AC"],
    ]
    let half = count / 2
    let left = Array(repeating: "#B2182B", count: max(0, half - 4)) + reds[min(half, 4)]
    let right = blues[min(half, 4)] + Array(repeating: "#2166AC", count: max(0, half - 4))
    return left + (count % 2 == 1 ? ["#D9D9D9"] : []) + right
  }

  /// The description read by screen readers and written as the image's alternative text.
  package var accessibleDescription: String {
    let numbers = language.numbers
    let items = rows.map { row in
      ChartLayout.labelled(row.label, zip(categories, row.shares).map { "\($0) \(numbers.percent($1))" }.joined(separator: ", "))
    }
    return language.typeset(ChartLayout.description(title: title, subtitle: [question, subtitle].compactMap { $0 }.joined(separator: " — "), items: items, notes: footnotes))
  }

  /// The SVG document.
  package var svg: String { typeset().layout }

  /// The chart with every text in the typography of its language, set before lines are wrapped
  /// so that a line never breaks inside « » or before ? and :.
  func typeset() -> Self {
    var chart = self
    chart.title = language.typeset(title)
    chart.subtitle = subtitle.map(language.typeset)
    chart.categories = categories.map(language.typeset)
    chart.rows = rows.map { Row(label: language.typeset($0.label), shares: $0.shares) }
    chart.footnotes = footnotes.map(language.typeset)
    return chart
  }

  /// The SVG document of a typeset chart.
  var layout: String {
    let numbers = language.numbers
    var document = SVGDocument(width: ChartLayout.width, language: language)
    var y = ChartLayout.title(title, subtitle: subtitle, in: &document)
    let colours = Self.colours(count: categories.count)
    // Legend: one swatch per answer, the answers flowing over as many lines as needed.
    var x = ChartLayout.margin
    let legendWidth = ChartLayout.width - 2 * ChartLayout.margin - 16
    for (index, category) in categories.enumerated() {
      let lines = TextMeasure.wrap(category, size: ChartLayout.smallSize, maximumWidth: legendWidth)
      let width = 16 + (lines.map { TextMeasure.width($0, size: ChartLayout.smallSize) }.max() ?? 0) + 14
      if x + width > ChartLayout.width - ChartLayout.margin, x > ChartLayout.margin {
        x = ChartLayout.margin
        y += 18
      }
      document.rectangle(x: x, y: y, width: 11, height: 11, fill: colours[index])
      document.lines(lines, x: x + 16, y: y + 10, size: ChartLayout.smallSize, lineHeight: 14)
      y += Double(lines.count - 1) * 14
      x += width
    }
    y += 28
    let labelWidth = ChartLayout.labelColumnWidth(rows.map(\.label))
    let plotLeft = ChartLayout.margin + labelWidth + 10
    let plotRight = ChartLayout.width - ChartLayout.margin - 10
    let half = categories.count / 2
    let hasMiddle = categories.count % 2 == 1
    func leftExtent(_ row: Row) -> Double {
      row.shares.prefix(half).reduce(0, +) + (hasMiddle && row.shares.count > half ? row.shares[half] / 2 : 0)
    }
    // 100% on each side: the same scale on every chart.
    let unit = (plotRight - plotLeft) / 2
    let centre = plotLeft + unit
    let wrapped = rows.map { TextMeasure.wrap($0.label, size: ChartLayout.labelSize, maximumWidth: labelWidth) }
    let heights = wrapped.map { max(28, Double($0.count) * ChartLayout.lineHeight + 12) }
    let top = y
    let bottom = top + heights.reduce(0, +)
    // Grid: every 25% on both sides, labelled without sign.
    var tick = 0.0
    while tick <= 1 + 1e-9 {
      for side in tick == 0 ? [1.0] : [-1.0, 1.0] {
        let tickX = centre + side * tick * unit
        document.line(x1: tickX, y1: top, x2: tickX, y2: bottom, stroke: tick == 0 ? ChartLayout.axis : ChartLayout.grid)
        document.text(numbers.percent(tick, digits: 0), x: tickX, y: bottom + 14, size: ChartLayout.smallSize, anchor: "middle", fill: ChartLayout.muted)
      }
      tick += 0.25
    }
    for (index, row) in rows.enumerated() {
      let middle = y + heights[index] / 2
      let labelTop = middle - Double(wrapped[index].count - 1) * ChartLayout.lineHeight / 2 + 4
      document.lines(wrapped[index], x: plotLeft - 10, y: labelTop, size: ChartLayout.labelSize, anchor: "end")
      var start = centre - leftExtent(row) * unit
      for (category, share) in row.shares.enumerated() where category < categories.count {
        let width = share * unit
        document.rectangle(x: start, y: middle - 10, width: width, height: 20, fill: colours[category])
        if share >= 0.06 {
          document.text(
            numbers.percentNumber(share, digits: 0), x: start + width / 2, y: middle + 4, size: ChartLayout.smallSize,
            anchor: "middle", fill: ChartLayout.textColour(on: colours[category]))
        }
        start += width
      }
      y += heights[index]
    }
    document.setHeight(ChartLayout.footer(footnotes, y: bottom + 34, in: &document))
    return document.rendered(title: title, description: accessibleDescription)
  }

  /// The chart as a report figure, its description as the alternative text.
  package func figure(fileName: String) -> Figure {
    Figure(fileName: fileName, alternativeText: accessibleDescription, svg: svg)
  }
}
