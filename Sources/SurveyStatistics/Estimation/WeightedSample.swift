/// The values of one domain in increasing order with their running weight totals: what R survey
/// 4.1's `qrule_math()` and `qs()` (R/qrule.R) compute a weighted quantile from.
///
/// The running totals are accumulated as R's `cumsum()` over the sorted values and the weight
/// total as R's `sum()` over the values in row order (``ExtendedPrecision``), because the rule
/// tests a ratio of the two for equality with the probability.
struct WeightedSample: Sendable {
  /// The values in increasing order; equal values keep their row order (R's `order()` is stable).
  let sortedValues: [Double]
  /// Σ w over the first k sorted values, for k = 1…n.
  let cumulativeWeights: [Double]
  /// Σ w over all values, summed in row order.
  let weightTotal: Double

  /// A sample of positive weights, in row order.
  init(values: [Double], weights: [Double]) {
    precondition(values.count == weights.count && !values.isEmpty, "one weight per value, at least one value")
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    sortedValues = order.map { values[$0] }
    var running: ExtendedPrecision = 0
    cumulativeWeights = order.map { index in
      running += ExtendedPrecision(weights[index])
      return Double(running)
    }
    weightTotal = extendedPrecisionSum(weights)
  }

  /// The number of values.
  var count: Int { sortedValues.count }

  /// R survey 4.1's `qrule_math` (Hyndman & Fan type 1, the inverse of the weighted empirical
  /// distribution function): with k the last position whose running total satisfies
  /// W_k ≤ p·W (the first position when there is none), the k-th value when p − W_k/W is exactly
  /// 0, otherwise the next one.
  ///
  /// Like R 4.1, a probability below the first value's share of the weight gives the *second*
  /// smallest value (`wlow` is negative there, and 4.1 tests `wlow == 0`; R 4.5 tests `wlow <= 0`
  /// and gives the smallest).
  ///
  /// - Complexity: O(log n).
  func quantile(_ probability: Double) -> Double {
    let target = probability * weightTotal
    // The number of running totals ≤ target (they never decrease).
    var low = 0, high = cumulativeWeights.count
    while low < high {
      let middle = (low + high) / 2
      if cumulativeWeights[middle] <= target { low = middle + 1 } else { high = middle }
    }
    let position = max(low - 1, 0)
    let next = position == count - 1 ? position : position + 1
    let shortfall = probability - cumulativeWeights[position] / weightTotal
    return shortfall == 0 ? sortedValues[position] : sortedValues[next]
  }
}
