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

  /// The title lines and the y of the first element under them.
  static func title(
    _ title: String, subtitle: String?, in document: inout SVGDocument
  ) -> Double {
    let titleLines = TextMeasure.wrap(title, size: titleSize, maximumWidth: width - 2 * margin, maximumLines: 2)
    document.lines(titleLines, x: margin, y: margin + titleSize, size: titleSize, lineHeight: 19, weight: "bold")
    var y = margin + titleSize + Double(titleLines.count - 1) * 19
    if let subtitle {
      let subtitleLines = TextMeasure.wrap(subtitle, size: smallSize, maximumWidth: width - 2 * margin, maximumLines: 2)
      document.lines(subtitleLines, x: margin, y: y + 18, size: smallSize, lineHeight: 14, fill: muted)
      y += 18 + Double(subtitleLines.count - 1) * 14
    }
    return y + 14
  }

  /// The width the label column needs for `labels`, within bounds.
  static func labelColumnWidth(_ labels: [String]) -> Double {
    let widest = labels.map { TextMeasure.width($0, size: labelSize) }.max() ?? 0
    return min(max(widest + 8, 90), maximumLabelWidth)
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
