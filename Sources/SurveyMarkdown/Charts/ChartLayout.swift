internal import Foundation

/// Shared measurements and colours of the report charts.
enum ChartLayout {
  static let width = 760.0
  static let margin = 16.0
  static let titleSize = 15.0
  static let labelSize = 12.0
  static let smallSize = 11.0
  static let lineHeight = 15.0
  /// The widest label column, as a share of the chart.
  static let maximumLabelWidth = 280.0

  /// Paul Tol's colour-blind-safe "bright" blue, orange and grey.
  static let blue = "#33669A"
  static let lightBlue = "#A9C4E0"
  static let orange = "#D9731E"
  static let grid = "#DDDDDD"
  static let axis = "#888888"
  static let ink = "#222222"
  static let muted = "#666666"

  /// The title lines and the y of the first element under them. Nothing is cut: long titles and
  /// subtitles wrap over as many lines as they need.
  static func title(
    _ title: String, subtitle: String?, in document: inout SVGDocument
  ) -> Double {
    let titleLines = TextMeasure.wrap(title, size: titleSize, maximumWidth: width - 2 * margin)
    document.lines(titleLines, x: margin, y: margin + titleSize, size: titleSize, lineHeight: 19, weight: "bold")
    var y = margin + titleSize + Double(titleLines.count - 1) * 19
    if let subtitle {
      let subtitleLines = TextMeasure.wrap(subtitle, size: smallSize, maximumWidth: width - 2 * margin)
      document.lines(subtitleLines, x: margin, y: y + 18, size: smallSize, lineHeight: 14, fill: muted)
      y += 18 + Double(subtitleLines.count - 1) * 14
    }
    return y + 14
  }

  /// The notes under a chart (base, groups left out, source, synthetic data), each wrapped, the
  /// first baseline at `y`; returns the chart's height.
  static func footer(_ notes: [String], y: Double, in document: inout SVGDocument) -> Double {
    var y = y
    for note in notes {
      let lines = TextMeasure.wrap(note, size: smallSize, maximumWidth: width - 2 * margin)
      document.lines(lines, x: margin, y: y, size: smallSize, lineHeight: 14, fill: muted)
      y += Double(lines.count) * 14 + 2
    }
    return y + margin - 12
  }

  /// "label: value", or "label value" when the label is a question ("…en ligne ? 12.6%").
  static func labelled(_ label: String, _ value: String) -> String {
    label.hasSuffix("?") ? label + " " + value : label + ": " + value
  }

  /// The description of a chart for screen readers and the Markdown image's alternative text:
  /// title, subtitle, the values, then the notes.
  static func description(title: String, subtitle: String?, items: [String], notes: [String]) -> String {
    ([title, subtitle].compactMap { $0 } + [items.joined(separator: "; ")] + notes)
      .filter { !$0.isEmpty }
      .map { text in ".!?…".contains(text.last ?? ".") ? text : text + "." }
      .joined(separator: " ")
  }

  /// The width the label column needs for `labels`, within bounds.
  static func labelColumnWidth(_ labels: [String]) -> Double {
    let widest = labels.map { TextMeasure.width($0, size: labelSize) }.max() ?? 0
    return min(max(widest + 8, 90), maximumLabelWidth)
  }

  /// The text colour for labels drawn on `background`: white, the ink or black, the first whose
  /// contrast reaches WCAG AA for normal text (4.5:1).
  static func textColour(on background: String) -> String {
    for candidate in ["#FFFFFF", ink, "#000000"] where contrast(candidate, background) >= 4.5 { return candidate }
    return "#000000"
  }

  /// The WCAG 2.1 contrast ratio (L₁ + 0.05) / (L₂ + 0.05) of two `#RRGGBB` colours.
  static func contrast(_ first: String, _ second: String) -> Double {
    let (a, b) = (relativeLuminance(first), relativeLuminance(second))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }

  /// The WCAG 2.1 relative luminance of a `#RRGGBB` colour: 0.2126 R + 0.7152 G + 0.0722 B of the
  /// linearised sRGB channels.
  static func relativeLuminance(_ colour: String) -> Double {
    let hex = Array(colour.dropFirst())
    guard hex.count == 6 else { return 0 }
    let channels = stride(from: 0, to: 6, by: 2).map { index -> Double in
      let value = Double(Int(String(hex[index...index + 1]), radix: 16) ?? 0) / 255
      return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
  }

  /// A horizontal percentage axis from `x0` (0%) to `x1` (`maximum`), with vertical grid lines
  /// from `top` to `bottom` and tick labels under it.
  static func percentAxis(
    x0: Double, x1: Double, top: Double, bottom: Double, maximum: Double = 1, step: Double = 0.25,
    numbers: NumberStyle, in document: inout SVGDocument
  ) {
    var tick = 0.0
    while tick <= maximum + 1e-9 {
      let x = x0 + (x1 - x0) * tick / maximum
      document.line(x1: x, y1: top, x2: x, y2: bottom, stroke: tick == 0 ? axis : grid)
      document.text(numbers.percent(tick, digits: 0), x: x, y: bottom + 14, size: smallSize, anchor: "middle", fill: muted)
      tick += step
    }
  }
}
