/// Locale-aware, deterministic number formatting for reports, without Foundation: the same value
/// always gives the same text, whatever the machine's locale.
///
/// ```swift
/// let english = NumberStyle(language: .english), french = NumberStyle(language: .french)
/// english.percent(0.5871)            // "58.7%"
/// french.percent(0.5871)             // "58,7 %"   (non-breaking space before %)
/// english.count(2145)                // "2,145"
/// french.count(2145)                 // "2 145"    (narrow no-break space, U+202F)
/// english.interval(0.561, 0.612)     // "56.1–61.2"
/// ```
///
/// Values are rounded half away from zero at the requested number of decimals, after scaling.
package struct NumberStyle: Sendable, Hashable {
  /// The non-breaking space used by French typography before `%`.
  package static let nonBreakingSpace = "\u{00A0}"
  /// The narrow no-break space (U+202F) that French typography puts between thousands.
  package static let narrowNoBreakSpace = "\u{202F}"

  /// The language whose conventions apply.
  package var language: ReportLanguage

  /// Creates the style of a language.
  package init(language: ReportLanguage) { self.language = language }

  /// The decimal separator: `.` or `,`.
  package var decimalSeparator: String { language == .french ? "," : "." }
  /// The thousands separator: `,` or a narrow no-break space.
  package var groupingSeparator: String { language == .french ? Self.narrowNoBreakSpace : "," }

  /// A number with a fixed number of decimals and grouped thousands ("12,345.7"); "–" when not finite.
  package func decimal(_ value: Double, digits: Int = 1) -> String {
    guard value.isFinite else { return "–" }
    let scale = (0..<digits).reduce(1.0) { product, _ in product * 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e15 else { return value < 0 ? "-" + String(Int(abs(value))) : String(Int(value)) }
    let units = UInt64(scaled)
    let divisor = UInt64(scale)
    let whole = units / divisor
    var text = grouped(whole)
    if digits > 0 {
      let fraction = String(units % divisor)
      text += decimalSeparator + String(repeating: "0", count: digits - fraction.count) + fraction
    }
    return (value < 0 && units > 0 ? "−" : "") + text
  }

  /// A count with grouped thousands ("2,145" / "2 145").
  package func count(_ value: Int) -> String {
    (value < 0 ? "−" : "") + grouped(UInt64(value.magnitude))
  }

  /// A proportion as a percentage without the sign ("58.7").
  package func percentNumber(_ proportion: Double, digits: Int = 1) -> String {
    decimal(proportion * 100, digits: digits)
  }

  /// A proportion as a percentage with the sign ("58.7%" / "58,7 %").
  package func percent(_ proportion: Double, digits: Int = 1) -> String {
    percentNumber(proportion, digits: digits) + percentSign
  }

  /// The percent sign, with its non-breaking space in French.
  package var percentSign: String { language == .french ? Self.nonBreakingSpace + "%" : "%" }

  /// An interval of proportions as percentages without the sign ("56.1–61.2").
  ///
  /// When a bound is negative (a difference), the bounds are joined by "to" / "à" so that the
  /// dash cannot be read as a minus sign: "−41.3 to −12.2".
  package func interval(_ lower: Double, _ upper: Double, digits: Int = 1) -> String {
    let separator = lower < 0 || upper < 0 ? (language == .french ? " à " : " to ") : "–"
    return percentNumber(lower, digits: digits) + separator + percentNumber(upper, digits: digits)
  }

  /// An interval of plain numbers ("0.04–0.17", "−0.03 to 0.08").
  package func range(_ lower: Double, _ upper: Double, digits: Int = 2) -> String {
    let separator = lower < 0 || upper < 0 ? (language == .french ? " à " : " to ") : "–"
    return decimal(lower, digits: digits) + separator + decimal(upper, digits: digits)
  }

  /// A difference of proportions in percentage points, signed ("+12.3" / "−4.0").
  package func points(_ difference: Double, digits: Int = 1) -> String {
    let text = decimal(difference * 100, digits: digits)
    let isZero = text.allSatisfy { "0.,".contains($0) }
    return text.hasPrefix("−") || isZero || !difference.isFinite ? text : "+" + text
  }

  /// A p-value: "< 0.001" below a thousandth, else three decimals ("0.042" / "0,042").
  package func pValue(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    if value < 0.001 { return "<" + Self.nonBreakingSpace + decimal(0.001, digits: 3) }
    return decimal(value, digits: 3)
  }

  private func grouped(_ value: UInt64) -> String {
    let digits = String(value)
    guard digits.count > 3 else { return digits }
    // French typography does not group four-digit numbers ("2145" is often written so), but a
    // report reads better with one rule: group every number of more than three digits.
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { result += groupingSeparator }
      result.append(digit)
    }
    return result
  }
}
