/// The privacy-paradox chart: for each segment (all respondents, each age band, sex, region), the
/// share who are concerned and the share who act, as two dots joined by a line — the longer the
/// line, the wider the gap — with their confidence intervals as thin whiskers and the gap in
/// percentage points at the right.
///
/// ```swift
/// let chart = ParadoxChart(
///   title: "Concerned but not acting", concernedLabel: "Concerned", actingLabel: "Acting",
///   segments: [.init(label: "All", concerned: .init(value: 0.8, lower: 0.78, upper: 0.82),
///                    acting: .init(value: 0.35, lower: 0.32, upper: 0.38))])
/// chart.svg
/// ```
package struct ParadoxChart: Sendable, Hashable {
  /// A proportion with its confidence interval.
  package struct Share: Sendable, Hashable {
    /// The proportion.
    package var value: Double
    /// The lower bound of its confidence interval.
    package var lower: Double
    /// The upper bound.
    package var upper: Double

    /// Creates a share.
    package init(value: Double, lower: Double, upper: Double) {
      self.value = value
      self.lower = lower
      self.upper = upper
    }
  }

  /// One segment: a row of the chart.
  package struct Segment: Sendable, Hashable {
    /// The heading of the group the segment starts (`Age band`), or `nil` to continue the group.
    package var group: String?
    /// The segment's label (`18–24`).
    package var label: String
    /// The share who are concerned.
    package var concerned: Share
    /// The share who act.
    package var acting: Share
    /// Whether one of the two estimates is flagged as unreliable.
    package var isFlagged: Bool

    /// Creates a segment.
    package init(group: String? = nil, label: String, concerned: Share, acting: Share, isFlagged: Bool = false) {
      self.group = group
      self.label = label
      self.concerned = concerned
      self.acting = acting
      self.isFlagged = isFlagged
    }
  }

  /// The chart's title.
  package var title: String
  /// A line under the title (the definitions of concerned and acting).
  package var subtitle: String?
  /// The legend text of the concerned dots.
  package var concernedLabel: String
  /// The legend text of the acting dots.
  package var actingLabel: String
  /// The segments, top to bottom.
  package var segments: [Segment]
  /// The language of the numbers.
  package var language: ReportLanguage

  /// Creates a chart.
  package init(
    title: String, subtitle: String? = nil, concernedLabel: String, actingLabel: String, segments: [Segment],
    language: ReportLanguage = .english
  ) {
    self.title = title
    self.subtitle = subtitle
    self.concernedLabel = concernedLabel
    self.actingLabel = actingLabel
    self.segments = segments
    self.language = language
  }

  /// The description read by screen readers.
  package var accessibleDescription: String {
    let numbers = language.numbers
    let items = segments.map { segment in
      "\(segment.group.map { $0 + ", " } ?? "")\(segment.label): \(concernedLabel) \(numbers.percent(segment.concerned.value)), "
        + "\(actingLabel) \(numbers.percent(segment.acting.value)), "
        + "\(ReportText.gap(language)) \(numbers.points(segment.concerned.value - segment.acting.value)) \(ReportText.points(language))"
        + (segment.isFlagged ? " †" : "")
    }
    return (subtitle.map { $0 + ". " } ?? "") + items.joined(separator: "; ") + "."
  }

  /// The SVG document.
  package var svg: String {
    let numbers = language.numbers
    var document = SVGDocument(width: ChartLayout.width)
    var y = ChartLayout.title(title, subtitle: subtitle, in: &document)
    // Legend.
    document.circle(x: ChartLayout.margin + 6, y: y + 5, radius: 5.5, fill: ChartLayout.blue)
    document.text(concernedLabel, x: ChartLayout.margin + 16, y: y + 9, size: ChartLayout.smallSize)
    let second = ChartLayout.margin + 16 + TextMeasure.width(concernedLabel, size: ChartLayout.smallSize) + 24
    document.rectangle(x: second, y: y, width: 10, height: 10, fill: ChartLayout.orange)
    document.text(actingLabel, x: second + 15, y: y + 9, size: ChartLayout.smallSize)
    y += 28
    let labelWidth = ChartLayout.labelColumnWidth(segments.map(\.label) + segments.compactMap(\.group))
    let x0 = ChartLayout.margin + labelWidth + 10
    let x1 = ChartLayout.width - ChartLayout.margin - 90
    let scale = { (value: Double) in x0 + (x1 - x0) * min(max(value.isFinite ? value : 0, 0), 1) }
    let rowHeight = 24.0
    let groupHeight = 22.0
    let top = y
    let bottom = top + segments.reduce(0) { $0 + rowHeight + ($1.group == nil ? 0 : groupHeight) }
    ChartLayout.percentAxis(x0: x0, x1: x1, top: top, bottom: bottom, numbers: numbers, in: &document)
    document.text(ReportText.gap(language), x: ChartLayout.width - ChartLayout.margin, y: top - 6, size: ChartLayout.smallSize, anchor: "end", weight: "bold", fill: ChartLayout.muted)
    for segment in segments {
      if let group = segment.group {
        document.text(TextMeasure.truncated(group, size: ChartLayout.labelSize, maximumWidth: labelWidth + 10), x: ChartLayout.margin, y: y + 16, size: ChartLayout.labelSize, weight: "bold")
        y += groupHeight
      }
      let middle = y + rowHeight / 2
      let label = TextMeasure.truncated(segment.label, size: ChartLayout.labelSize, maximumWidth: labelWidth - 12)
      document.text(label, x: x0 - 10, y: middle + 4, size: ChartLayout.labelSize, anchor: "end")
      let opacity = segment.isFlagged ? " fill-opacity=\"0.45\"" : ""
      document.line(x1: scale(segment.acting.value), y1: middle, x2: scale(segment.concerned.value), y2: middle, stroke: "#999999", width: 3)
      document.line(x1: scale(segment.concerned.lower), y1: middle - 4, x2: scale(segment.concerned.upper), y2: middle - 4, stroke: ChartLayout.blue, width: 1.2)
      document.line(x1: scale(segment.acting.lower), y1: middle + 4, x2: scale(segment.acting.upper), y2: middle + 4, stroke: ChartLayout.orange, width: 1.2)
      document.circle(x: scale(segment.concerned.value), y: middle, radius: 5.5, fill: ChartLayout.blue, extra: opacity)
      document.rectangle(x: scale(segment.acting.value) - 5, y: middle - 5, width: 10, height: 10, fill: ChartLayout.orange, extra: opacity)
      let gap = numbers.points(segment.concerned.value - segment.acting.value) + " " + ReportText.points(language)
      document.text(gap + (segment.isFlagged ? "†" : ""), x: ChartLayout.width - ChartLayout.margin, y: middle + 4, size: ChartLayout.labelSize, anchor: "end")
      y += rowHeight
    }
    y = bottom + 30
    if segments.contains(where: \.isFlagged) {
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
