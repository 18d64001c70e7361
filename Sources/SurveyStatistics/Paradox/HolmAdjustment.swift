/// Holm's (1979) step-down adjustment of p-values for multiple comparisons, exactly as R's
/// `p.adjust(p, method = "holm")`.
///
/// With the m p-values sorted increasingly, p₍ᵢ₎ becomes min(1, maxⱼ≤ᵢ (m − j + 1)·p₍ⱼ₎). NaN
/// p-values (a test that could not be done) stay NaN and do not count in m: R's default
/// `n = length(p)` is evaluated after the missing values are dropped.
///
/// ```swift
/// holmAdjusted([0.01, 0.04, 0.03])  // [0.03, 0.06, 0.06]
/// ```
package func holmAdjusted(_ pValues: [Double]) -> [Double] {
  let order = pValues.indices.filter { !pValues[$0].isNaN }.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
  let m = Double(order.count)
  var adjusted = pValues
  var running = 0.0
  for (rank, index) in order.enumerated() {
    running = max(running, (m - Double(rank)) * pValues[index])
    adjusted[index] = min(1, running)
  }
  return adjusted
}
