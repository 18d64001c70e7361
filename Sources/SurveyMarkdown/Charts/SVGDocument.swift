/// A small SVG writer for the report charts: elements are appended as text, coordinates are
/// written with at most one decimal, and text is XML-escaped, so the same chart always gives the
/// same bytes.
struct SVGDocument {
  let width: Double
  private(set) var height: Double
  private var body: [String] = []
  /// The language whose typography every text takes (French spacing and quotation marks).
  var language: ReportLanguage = .english

  /// The font stack of every chart: the reader's system sans-serif.
  static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

  init(width: Double, height: Double = 0, language: ReportLanguage = .english) {
    self.width = width
    self.height = height
    self.language = language
  }

  mutating func setHeight(_ height: Double) { self.height = height }

  mutating func append(_ element: String) { body.append(element) }

  mutating func rectangle(
    x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = ""
  ) {
    append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(width, 0)))\" height=\"\(Self.number(max(height, 0)))\" fill=\"\(fill)\"\(extra.isEmpty ? "" : " " + extra)/>")
  }

  mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, extra: String = "") {
    append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(extra.isEmpty ? "" : " " + extra)/>")
  }

  mutating func circle(x: Double, y: Double, radius: Double, fill: String, extra: String = "") {
    append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"\(extra.isEmpty ? "" : " " + extra)/>")
  }

  /// Text at (x, y) (baseline); `anchor` is start, middle or end.
  mutating func text(
    _ content: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
    weight: String? = nil, fill: String = "#222222"
  ) {
    var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\""
    if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
    if let weight { attributes += " font-weight=\"\(weight)\"" }
    if fill != "#222222" { attributes += " fill=\"\(fill)\"" }
    append("<text \(attributes)>\(Self.escaped(language.typeset(content)))</text>")
  }

  /// Several lines of text, the first baseline at y, one line every `lineHeight`.
  mutating func lines(
    _ lines: [String], x: Double, y: Double, size: Double = 12, lineHeight: Double = 15,
    anchor: String = "start", weight: String? = nil, fill: String = "#222222"
  ) {
    for (index, line) in lines.enumerated() {
      text(line, x: x, y: y + Double(index) * lineHeight, size: size, anchor: anchor, weight: weight, fill: fill)
    }
  }

  /// The complete document, with `<title>` and `<desc>` for screen readers.
  func rendered(title: String, description: String) -> String {
    var lines = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"\(Self.fontFamily)\">",
      "<title id=\"chart-title\">\(Self.escaped(language.typeset(title)))</title>",
      "<desc id=\"chart-desc\">\(Self.escaped(language.typeset(description)))</desc>",
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
    ]
    lines += body
    lines.append("</svg>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A coordinate with at most one decimal, in the C locale ("12.5", "40").
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let tenths = (value * 10).rounded(.toNearestOrAwayFromZero)
    let whole = Int(tenths / 10)
    let fraction = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
    let sign = tenths < 0 && whole == 0 ? "-" : ""
    return fraction == 0 ? sign + String(whole) : sign + String(whole) + "." + String(fraction)
  }

  /// Text safe inside an XML element or attribute.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
