/// A horizontal bar chart of proportions with confidence-interval whiskers: one bar per item,
/// the weighted percentage written at the end.
///
/// ```swift
/// let chart = BarChart(
///   title: "Protective behaviours", subtitle: "Weighted %, 95% confidence intervals",
///   bars: [.init(label: "Refused cookies", value: 0.42, lower: 0.39, upper: 0.45)],
///   language: .english)
/// chart.svg   // "<svg xmlns=…"
/// ```
///
/// Bars whose estimate is flagged as unreliable are drawn pale and their value ends with `†`;
/// the chart says so under the axis. The scale always runs from 0 to 100%.
package struct BarChart: Sendable, Hashable {
  /// One bar.
  package struct Bar: Sendable, Hashable {
    /// The label on the left.
    package var label: String
    /// The proportion, between 0 and 1.
    package var value: Double
    /// The lower bound of the confidence interval, or `nil` for no whisker.
    package var lower: Double?
    /// The upper bound of the confidence interval.
    package var upper: Double?
    /// Whether the estimate is flagged as unreliable.
    package var isFlagged: Bool

    /// Creates a bar.
    package init(label: String, value: Double, lower: Double? = nil, upper: Double? = nil, isFlagged: Bool = false) {
      self.label = label
      self.value = value
      self.lower = lower
      self.upper = upper
      self.isFlagged = isFlagged
    }
  }

  /// The chart's title, also its SVG `<title>`.
  package var title: String
  /// A line under the title (what is measured, the interval level).
  package var subtitle: String?
  /// The bars, top to bottom.
  package var bars: [Bar]
  /// The language of the numbers and of the flag note.
  package var language: ReportLanguage

  /// Creates a chart.
  package init(title: String, subtitle: String? = nil, bars: [Bar], language: ReportLanguage = .english) {
    self.title = title
    self.subtitle = subtitle
    self.bars = bars
    self.language = language
  }

  /// The description read by screen readers: every bar with its value and interval.
  package var accessibleDescription: String {
    let numbers = language.numbers
    let items = bars.map { bar -> String in
      var text = "\(bar.label): \(numbers.percent(bar.value))"
      if let lower = bar.lower, let upper = bar.upper {
        text += " (\(ReportText.confidenceInterval(language)) \(numbers.interval(lower, upper)))"
      }
      return text + (bar.isFlagged ? " †" : "")
    }
    return (subtitle.map { $0 + ". " } ?? "") + items.joined(separator: "; ") + "."
  }

  /// The SVG document.
  package var svg: String {
    let numbers = language.numbers
    var document = SVGDocument(width: ChartLayout.width)
    var y = ChartLayout.title(title, subtitle: subtitle, in: &document) + 6
    let labelWidth = ChartLayout.labelColumnWidth(bars.map(\.label))
    let x0 = ChartLayout.margin + labelWidth + 10
    let x1 = ChartLayout.width - ChartLayout.margin - 64
    let rows = bars.map { TextMeasure.wrap($0.label, size: ChartLayout.labelSize, maximumWidth: labelWidth, maximumLines: 3) }
    let rowHeights = rows.map { max(26, Double($0.count) * ChartLayout.lineHeight + 10) }
    let top = y
    let bottom = top + rowHeights.reduce(0, +)
    ChartLayout.percentAxis(x0: x0, x1: x1, top: top, bottom: bottom, numbers: numbers, in: &document)
    let scale = { (value: Double) in x0 + (x1 - x0) * min(max(value, 0), 1) }
    for (index, bar) in bars.enumerated() {
      let height = rowHeights[index]
      let middle = y + height / 2
      let labelTop = middle - Double(rows[index].count - 1) * ChartLayout.lineHeight / 2 + 4
      document.lines(rows[index], x: x0 - 10, y: labelTop, size: ChartLayout.labelSize, anchor: "end")
      document.rectangle(
        x: x0, y: middle - 8, width: scale(bar.value) - x0, height: 16,
        fill: bar.isFlagged ? ChartLayout.lightBlue : ChartLayout.blue)
      var end = scale(bar.value)
      if let lower = bar.lower, let upper = bar.upper, lower.isFinite, upper.isFinite {
        document.line(x1: scale(lower), y1: middle, x2: scale(upper), y2: middle, stroke: ChartLayout.ink, width: 1.5)
        document.line(x1: scale(lower), y1: middle - 5, x2: scale(lower), y2: middle + 5, stroke: ChartLayout.ink, width: 1.5)
        document.line(x1: scale(upper), y1: middle - 5, x2: scale(upper), y2: middle + 5, stroke: ChartLayout.ink, width: 1.5)
        end = max(end, scale(upper))
      }
      document.text(
        numbers.percent(bar.value) + (bar.isFlagged ? "†" : ""), x: end + 6, y: middle + 4,
        size: ChartLayout.labelSize, weight: "bold")
      y += height
    }
    y = bottom + 30
    if bars.contains(where: \.isFlagged) {
      document.text(ReportText.flaggedChartNote(language), x: ChartLayout.margin, y: y, size: ChartLayout.smallSize, fill: ChartLayout.muted)
      y += 16
    }
    document.setHeight(y + ChartLayout.margin - 10)
    return document.rendered(title: title, description: accessibleDescription)
  }

  /// The chart as a report figure.
  package func figure(fileName: String) -> Figure {
    Figure(fileName: fileName, alternativeText: title, svg: svg)
  }
}
