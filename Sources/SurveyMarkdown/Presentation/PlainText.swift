internal import SurveyStatistics
internal import Foundation

/// `value` with a fixed number of decimals, in the C locale ("12.3").
package func fixed(_ value: Double, digits: Int) -> String {
  guard value.isFinite else { return "–" }
  return String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
}

/// A proportion as a percentage with one decimal ("58.7").
func percent(_ proportion: Double) -> String { fixed(proportion * 100, digits: 1) }

/// A number in full precision for machine-readable output; empty when not finite.
func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
func csvField(_ text: String) -> String {
  guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
  return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// A plain-text table with columns padded to their widest cell.
func alignedTable(headers: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
  var widths = headers.map(\.count)
  for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
  func line(_ cells: [String]) -> String {
    cells.enumerated().map { column, cell in
      let padding = String(repeating: " ", count: widths[column] - cell.count)
      return rightAligned.contains(column) ? padding + cell : cell + padding
    }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
  }
  var lines = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
  lines += rows.map(line)
  return lines.joined(separator: "\n") + "\n"
}

/// A difference in percentage points with its sign ("+12.3", "−4.0").
func points(_ difference: Double) -> String {
  guard difference.isFinite else { return "–" }
  let text = fixed(abs(difference) * 100, digits: 1)
  if text == "0.0" { return text }
  return (difference < 0 ? "−" : "+") + text
}

/// A number with a true minus sign ("−0.052"), for signed quantities.
func signed(_ value: Double, digits: Int) -> String {
  let text = fixed(value, digits: digits)
  return text.hasPrefix("-") ? "−" + text.dropFirst() : text
}

/// "[lower, upper]", scaled (100 for percentages), with true minus signs and an optional unit on
/// each bound ("[76.1%, 80.1%]").
func interval(_ interval: ConfidenceInterval, scale: Double, digits: Int = 1, unit: String = "") -> String {
  "[\(signed(interval.lower * scale, digits: digits))\(unit), \(signed(interval.upper * scale, digits: digits))\(unit)]"
}

/// A p-value for reading: "< 0.001", or three decimals.
func pValueText(_ p: Double) -> String { NumberStyle(language: .english).pValue(p) }
