/// A number as a person would write it in a message: rounded to about 12 significant digits (11
/// to 13), so that the last bits of floating-point arithmetic do not show.
///
/// ```swift
/// roundedText(0.3 + 0.3 + 0.3)  // "0.9", not "0.8999999999999999"
/// roundedText(33.3 / 100)       // "0.333"
/// roundedText(2_100_000)        // "2100000"
/// ```
///
/// Values that are not finite print as Swift prints them (`inf`, `nan`).
package func roundedText(_ value: Double) -> String {
  guard value.isFinite, value != 0 else { return value == 0 ? "0" : "\(value)" }
  if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
  // 10^(11 - exponent) brings 12 significant digits before the decimal point.
  var scale = 1.0
  var exponent = Int(value.magnitude.exponent)  // binary exponent: a rough decimal one below
  exponent = exponent * 30_103 / 100_000  // log10(2) ≈ 0.30103
  let shift = 11 - exponent
  guard abs(shift) < 300 else { return "\(value)" }
  for _ in 0..<abs(shift) { scale *= 10 }
  let rounded = shift >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
  guard rounded.isFinite else { return "\(value)" }
  let text = "\(rounded)"
  if text.hasSuffix(".0") { return String(text.dropLast(2)) }
  return text
}
