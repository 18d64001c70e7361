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
    /// The segment's respondents, written after its label, or `nil` when they are not shown.
    package var respondents: Int?

    /// Creates a segment.
    package init(
      group: String? = nil, label: String, concerned: Share, acting: Share, isFlagged: Bool = false,
      respondents: Int? = nil
    ) {
      self.group = group
      self.label = label
      self.concerned = concerned
      self.acting = acting
      self.isFlagged = isFlagged
      self.respondents = respondents
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
  /// The notes under the chart: base, groups left out, source, synthetic-data notice.
  package var footnotes: [String]
  /// The language of the numbers.
  package var language: ReportLanguage

  /// Creates a chart.
  package init(
    title: String, subtitle: String? = nil, concernedLabel: String, actingLabel: String, segments: [Segment],
    footnotes: [String] = [], language: ReportLanguage = .english
  ) {
    self.title = title
    self.subtitle = subtitle
    self.concernedLabel = concernedLabel
    self.actingLabel = actingLabel
    self.segments = segments
    self.footnotes = footnotes
    self.language = language
  }

  /// A segment's label with its respondents ("18 à 24 ans (n = 102)").
  func label(of segment: Segment) -> String {
    segment.label + (segment.respondents.map { " (n\u{00A0}=\u{00A0}\(language.numbers.count($0)))" } ?? "")
  }

  /// The description read by screen readers and written as the image's alternative text.
  package var accessibleDescription: String {
    let numbers = language.numbers
    let items = segments.map { segment in
      "\(segment.group.map { $0 + ", " } ?? "")\(label(of: segment)): \(concernedLabel) \(numbers.percent(segment.concerned.value)), "
        + "\(actingLabel) \(numbers.percent(segment.acting.value)), "
        + "\(ReportText.gap(language)) \(numbers.points(segment.concerned.value - segment.acting.value)) \(ReportText.points(language))"
        + (segment.isFlagged ? " †" : "")
    }
    return language.typeset(ChartLayout.description(title: title, subtitle: subtitle, items: items, notes: notes))
  }

  /// The flag note, when a segment is flagged, then the footnotes.
  var notes: [String] {
    (segments.contains(where: \.isFlagged) ? [ReportText.flaggedChartNote(language)] : []) + footnotes
  }

  /// The SVG document.
  package var svg: String { typeset().layout }

  /// The chart with every text in the typography of its language, set before lines are wrapped
  /// so that a line never breaks inside « » or before ? and :.
  func typeset() -> Self {
    var chart = self
    chart.title = language.typeset(title)
    chart.subtitle = subtitle.map(language.typeset)
    chart.concernedLabel = language.typeset(concernedLabel)
    chart.actingLabel = language.typeset(actingLabel)
    chart.segments = segments.map { segment in
      var segment = segment
      segment.group = segment.group.map(language.typeset)
      segment.label = language.typeset(segment.label)
      return segment
    }
    chart.footnotes = footnotes.map(language.typeset)
    return chart
  }

  /// The SVG document of a typeset chart.
  var layout: String {
    let numbers = language.numbers
    var document = SVGDocument(width: ChartLayout.width, language: language)
    var y = ChartLayout.title(title, subtitle: subtitle, in: &document)
    // Legend.
    document.circle(x: ChartLayout.margin + 6, y: y + 5, radius: 5.5, fill: ChartLayout.blue)
    document.text(concernedLabel, x: ChartLayout.margin + 16, y: y + 9, size: ChartLayout.smallSize)
    let second = ChartLayout.margin + 16 + TextMeasure.width(concernedLabel, size: ChartLayout.smallSize) + 24
    document.rectangle(x: second, y: y, width: 10, height: 10, fill: ChartLayout.orange)
    document.text(actingLabel, x: second + 15, y: y + 9, size: ChartLayout.smallSize)
    y += 28
    let labels = segments.map(label(of:))
    let labelWidth = ChartLayout.labelColumnWidth(labels)
    let x0 = ChartLayout.margin + labelWidth + 10
    let x1 = ChartLayout.width - ChartLayout.margin - 90
    let scale = { (value: Double) in x0 + (x1 - x0) * min(max(value.isFinite ? value : 0, 0), 1) }
    let wrapped = labels.map { TextMeasure.wrap($0, size: ChartLayout.labelSize, maximumWidth: labelWidth) }
    let groups = segments.map { segment in
      segment.group.map { TextMeasure.wrap($0, size: ChartLayout.labelSize, maximumWidth: x1 - ChartLayout.margin) } ?? []
    }
    let rowHeights = wrapped.map { max(24, Double($0.count) * ChartLayout.lineHeight + 9) }
    let groupHeights = groups.map { $0.isEmpty ? 0 : Double($0.count) * ChartLayout.lineHeight + 7 }
    let top = y
    let bottom = top + rowHeights.reduce(0, +) + groupHeights.reduce(0, +)
    ChartLayout.percentAxis(x0: x0, x1: x1, top: top, bottom: bottom, numbers: numbers, in: &document)
    document.text(ReportText.gap(language), x: ChartLayout.width - ChartLayout.margin, y: top - 6, size: ChartLayout.smallSize, anchor: "end", weight: "bold", fill: ChartLayout.muted)
    for (index, segment) in segments.enumerated() {
      if !groups[index].isEmpty {
        // The group's heading, on a white band over the grid.
        document.rectangle(x: ChartLayout.margin, y: y + 2, width: x1 - ChartLayout.margin, height: groupHeights[index] - 2, fill: "#FFFFFF")
        document.lines(groups[index], x: ChartLayout.margin, y: y + 16, size: ChartLayout.labelSize, weight: "bold")
        y += groupHeights[index]
      }
      let middle = y + rowHeights[index] / 2
      let labelTop = middle - Double(wrapped[index].count - 1) * ChartLayout.lineHeight / 2 + 4
      document.lines(wrapped[index], x: x0 - 10, y: labelTop, size: ChartLayout.labelSize, anchor: "end")
      let opacity = segment.isFlagged ? " fill-opacity=\"0.45\"" : ""
      document.line(x1: scale(segment.acting.value), y1: middle, x2: scale(segment.concerned.value), y2: middle, stroke: "#999999", width: 3)
      document.line(x1: scale(segment.concerned.lower), y1: middle - 4, x2: scale(segment.concerned.upper), y2: middle - 4, stroke: ChartLayout.blue, width: 1.2)
      document.line(x1: scale(segment.acting.lower), y1: middle + 4, x2: scale(segment.acting.upper), y2: middle + 4, stroke: ChartLayout.orange, width: 1.2)
      document.circle(x: scale(segment.concerned.value), y: middle, radius: 5.5, fill: ChartLayout.blue, extra: opacity)
      document.rectangle(x: scale(segment.acting.value) - 5, y: middle - 5, width: 10, height: 10, fill: ChartLayout.orange, extra: opacity)
      let gap = numbers.points(segment.concerned.value - segment.acting.value) + " " + ReportText.points(language)
      document.text(gap + (segment.isFlagged ? "†" : ""), x: ChartLayout.width - ChartLayout.margin, y: middle + 4, size: ChartLayout.labelSize, anchor: "end")
      y += rowHeights[index]
    }
    document.setHeight(ChartLayout.footer(notes, y: bottom + 34, in: &document))
    return document.rendered(title: title, description: accessibleDescription)
  }

  /// The chart as a report figure, its description as the alternative text.
  package func figure(fileName: String) -> Figure {
    Figure(fileName: fileName, alternativeText: accessibleDescription, svg: svg)
  }
}
