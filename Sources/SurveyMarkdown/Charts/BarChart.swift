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
/// the chart says so under the axis. The scale always runs from 0 to 100%. Labels wrap, never cut;
/// the notes under the chart (``footnotes``: base, groups left out, source) make it stand alone.
package struct BarChart: Sendable, Hashable {
  /// One bar.
  package struct Bar: Sendable, Hashable {
    /// The label on the left.
    package var label: String
    /// A second, lighter line under the label (the answers counted), or `nil`.
    package var detail: String?
    /// The proportion, between 0 and 1.
    package var value: Double
    /// The lower bound of the confidence interval, or `nil` for no whisker.
    package var lower: Double?
    /// The upper bound of the confidence interval.
    package var upper: Double?
    /// Whether the estimate is flagged as unreliable.
    package var isFlagged: Bool

    /// Creates a bar.
    package init(
      label: String, detail: String? = nil, value: Double, lower: Double? = nil, upper: Double? = nil,
      isFlagged: Bool = false
    ) {
      self.label = label
      self.detail = detail
      self.value = value
      self.lower = lower
      self.upper = upper
      self.isFlagged = isFlagged
    }
  }

  /// The chart's title (a short question), also its SVG `<title>`.
  package var title: String
  /// What is counted, in words, under the title.
  package var subtitle: String?
  /// The full questions behind a title and bars that show short labels: read in the description
  /// (the alternative text), not drawn.
  package var question: String?
  /// The bars, top to bottom.
  package var bars: [Bar]
  /// The notes under the chart, one paragraph each: the base (`n = …`), groups left out, the
  /// source, the synthetic-data notice.
  package var footnotes: [String]
  /// The language of the numbers and of the flag note.
  package var language: ReportLanguage

  /// Creates a chart.
  package init(
    title: String, subtitle: String? = nil, bars: [Bar], footnotes: [String] = [], language: ReportLanguage = .english
  ) {
    self.title = title
    self.subtitle = subtitle
    self.bars = bars
    self.footnotes = footnotes
    self.language = language
  }

  /// The description read by screen readers and written as the image's alternative text: the
  /// title, the subtitle, every bar with its value and interval, then the notes.
  package var accessibleDescription: String {
    let numbers = language.numbers
    let items = bars.map { bar -> String in
      var text = bar.detail.map { ChartLayout.labelled(bar.label, "(\($0))") + ":" } ?? bar.label
      text = text.hasSuffix(":") || text.hasSuffix("?") ? text + " " + numbers.percent(bar.value) : text + ": " + numbers.percent(bar.value)
      if let lower = bar.lower, let upper = bar.upper {
        text += " (\(ReportText.confidenceInterval(language)) \(numbers.interval(lower, upper)))"
      }
      return text + (bar.isFlagged ? " †" : "")
    }
    return language.typeset(ChartLayout.description(title: title, subtitle: [question, subtitle].compactMap { $0 }.joined(separator: " — "), items: items, notes: notes))
  }

  /// The flag note, when a bar is flagged, then the footnotes.
  var notes: [String] {
    (bars.contains(where: \.isFlagged) ? [ReportText.flaggedChartNote(language)] : []) + footnotes
  }

  /// The SVG document.
  package var svg: String { typeset().layout }

  /// The chart with every text in the typography of its language, set before lines are wrapped
  /// so that a line never breaks inside « » or before ? and :.
  func typeset() -> Self {
    var chart = self
    chart.title = language.typeset(title)
    chart.subtitle = subtitle.map(language.typeset)
    chart.bars = bars.map { bar in
      var bar = bar
      bar.label = language.typeset(bar.label)
      bar.detail = bar.detail.map(language.typeset)
      return bar
    }
    chart.footnotes = footnotes.map(language.typeset)
    return chart
  }

  /// The SVG document of a typeset chart.
  var layout: String {
    let numbers = language.numbers
    var document = SVGDocument(width: ChartLayout.width, language: language)
    var y = ChartLayout.title(title, subtitle: subtitle, in: &document) + 6
    let labelWidth = ChartLayout.labelColumnWidth(bars.flatMap { [$0.label] + ($0.detail.map { [$0] } ?? []) })
    let x0 = ChartLayout.margin + labelWidth + 10
    let x1 = ChartLayout.width - ChartLayout.margin - 64
    let labels = bars.map { TextMeasure.wrap($0.label, size: ChartLayout.labelSize, maximumWidth: labelWidth) }
    let details = bars.map { bar in
      bar.detail.map { TextMeasure.wrap($0, size: ChartLayout.smallSize, maximumWidth: labelWidth) } ?? []
    }
    let rowHeights = bars.indices.map { max(26, Double(labels[$0].count + details[$0].count) * ChartLayout.lineHeight + 10) }
    let top = y
    let bottom = top + rowHeights.reduce(0, +)
    ChartLayout.percentAxis(x0: x0, x1: x1, top: top, bottom: bottom, numbers: numbers, in: &document)
    let scale = { (value: Double) in x0 + (x1 - x0) * min(max(value, 0), 1) }
    for (index, bar) in bars.enumerated() {
      let height = rowHeights[index]
      let middle = y + height / 2
      let lineCount = Double(labels[index].count + details[index].count)
      let labelTop = middle - (lineCount - 1) * ChartLayout.lineHeight / 2 + 4
      document.lines(labels[index], x: x0 - 10, y: labelTop, size: ChartLayout.labelSize, anchor: "end")
      document.lines(
        details[index], x: x0 - 10, y: labelTop + Double(labels[index].count) * ChartLayout.lineHeight,
        size: ChartLayout.smallSize, anchor: "end", fill: ChartLayout.muted)
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
    document.setHeight(ChartLayout.footer(notes, y: bottom + 34, in: &document))
    return document.rendered(title: title, description: accessibleDescription)
  }

  /// The chart as a report figure, its description as the alternative text.
  package func figure(fileName: String) -> Figure {
    Figure(fileName: fileName, alternativeText: accessibleDescription, svg: svg)
  }
}
