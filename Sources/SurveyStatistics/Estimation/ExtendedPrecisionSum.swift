#if (arch(x86_64) || arch(i386)) && !os(Windows) && !os(Android)
/// The accumulator of R's `sum()`, `cumsum()` and `colSums()`: C's `long double`, which is 80-bit
/// extended precision on x86 and plain `double` on ARM (R's `LDOUBLE`, src/main/summary.c and
/// cum.c). Quantiles use it where R compares sums of weights for equality, so that a tie R finds
/// (for example half of the weight total reached exactly with equal weights) is found here too.
package typealias ExtendedPrecision = Float80
#else
/// The accumulator of R's `sum()`, `cumsum()` and `colSums()`: C's `long double`, which is plain
/// `double` on this processor, as it is for R here.
package typealias ExtendedPrecision = Double
#endif

/// Σ values, accumulated as R's `sum()` does and rounded to a double at the end.
func extendedPrecisionSum<Values: Sequence<Double>>(_ values: Values) -> Double {
  var sum: ExtendedPrecision = 0
  for value in values { sum += ExtendedPrecision(value) }
  return Double(sum)
}
