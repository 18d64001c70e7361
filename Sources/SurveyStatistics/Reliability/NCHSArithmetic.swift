/// The two SAS functions whose exact behaviour the NCHS rules depend on.
enum NCHSArithmetic {
  /// SAS `fuzz(x)`: the nearest integer when x is within 1e-12 of it, else x.
  static func fuzz(_ x: Double) -> Double {
    let nearest = x.rounded()
    return abs(x - nearest) < 1e-12 ? nearest : x
  }

  /// SAS `round(x, 0.1)`: the nearest multiple of 0.1, halves away from zero, where a half is
  /// recognised on the decimal value despite binary representation (`round(0.15, 0.1)` = 0.2,
  /// although the double nearest 0.15 is slightly below it).
  static func round(_ x: Double) -> Double {
    let scaled = abs(x) * 10
    let whole = scaled.rounded(.down)
    let isHalf = abs(scaled - whole - 0.5) <= 1e-10 * max(1, scaled)
    let rounded = isHalf ? whole + 1 : (scaled + 0.5).rounded(.down)
    return (x < 0 ? -rounded : rounded) / 10
  }
}
