/// The distinct values of one domain in increasing order with their running weight totals: what
/// R survey 4.1's `qrule_math()` and `qs()` (R/qrule.R) compute a weighted quantile from, whether
/// the values come row by row (a file) or already summed by value (a database's
/// `GROUP BY domain, value`, ``init(summedByValue:)``).
///
/// The running totals are accumulated as R's `cumsum()` (``ExtendedPrecision``), because the rule
/// tests a ratio of a running total and the weight total for equality with the probability. R's
/// running total over rows, taken at the last row of each value, is all the rule needs: a
/// position inside a run of equal values gives that value whatever the test says, save R 4.1's
/// rule below the first row's share (``smallestValueRows``). (One case differs in principle: p·W
/// rounding past a running total by more than the next row's weight while p − W_k/W is exactly 0,
/// which needs a row weighing less than an ulp of the total.)
package struct WeightedSample: Sendable {
  /// The distinct values in increasing order.
  let sortedValues: [Double]
  /// Σw over the rows whose value is at most each of ``sortedValues``.
  let cumulativeWeights: [Double]
  /// Σw over all rows.
  let weightTotal: Double
  /// The number of rows.
  let count: Int
  /// The number of rows with the smallest value: with two or more, a probability below the first
  /// row's share gives the smallest value (R 4.1's second row holds it too), with one the next value.
  let smallestValueRows: Int

  /// A sample of positive weights, in row order, the weight total summed in row order as R's `sum()`.
  init(values: [Double], weights: [Double]) {
    precondition(values.count == weights.count && !values.isEmpty, "one weight per value, at least one value")
    // R's order() is stable; equal values end up in one run either way.
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var distinct: [Double] = [], cumulative: [Double] = []
    var running: ExtendedPrecision = 0
    var smallestRows = 0
    for index in order {
      running += ExtendedPrecision(weights[index])
      if distinct.last == values[index] {
        cumulative[cumulative.count - 1] = Double(running)
      } else {
        distinct.append(values[index])
        cumulative.append(Double(running))
      }
      if distinct.count == 1 { smallestRows += 1 }
    }
    sortedValues = distinct
    cumulativeWeights = cumulative
    weightTotal = extendedPrecisionSum(weights)
    count = values.count
    smallestValueRows = smallestRows
  }

  /// One value of a sample summed by value: its rows and their Σw.
  package struct SummedValue: Sendable, Hashable {
    package var value: Double
    package var rows: Int
    package var weight: ExtendedPrecision

    package init(value: Double, rows: Int, weight: ExtendedPrecision) {
      self.value = value
      self.rows = rows
      self.weight = weight
    }
  }

  /// A sample summed by value (in any order, equal values merged): its running totals accumulated
  /// over the values in increasing order, the weight total the last of them.
  package init(summedByValue values: [SummedValue]) {
    precondition(!values.isEmpty, "at least one value")
    var distinct: [Double] = [], cumulative: [Double] = [], rows: [Int] = []
    var running: ExtendedPrecision = 0
    for summed in values.sorted(by: { $0.value < $1.value }) {
      running += summed.weight
      if distinct.last == summed.value {
        cumulative[cumulative.count - 1] = Double(running)
        rows[rows.count - 1] += summed.rows
      } else {
        distinct.append(summed.value)
        cumulative.append(Double(running))
        rows.append(summed.rows)
      }
    }
    sortedValues = distinct
    cumulativeWeights = cumulative
    weightTotal = Double(running)
    count = rows.reduce(0, +)
    smallestValueRows = rows[0]
  }

  /// R survey 4.1's `qrule_math` (Hyndman & Fan type 1, the inverse of the weighted empirical
  /// distribution function): with k the last position whose running total satisfies
  /// W_k ≤ p·W (the first position when there is none), the k-th value when p − W_k/W is exactly
  /// 0, otherwise the next one.
  ///
  /// Like R 4.1, a probability below the first row's share of the weight gives the *second*
  /// smallest row's value (`wlow` is negative there, and 4.1 tests `wlow == 0`; R 4.5 tests
  /// `wlow <= 0` and gives the smallest).
  ///
  /// - Complexity: O(log n).
  package func quantile(_ probability: Double) -> Double {
    let target = probability * weightTotal
    // The number of running totals ≤ target (they never decrease).
    var low = 0, high = cumulativeWeights.count
    while low < high {
      let middle = (low + high) / 2
      if cumulativeWeights[middle] <= target { low = middle + 1 } else { high = middle }
    }
    // Below the smallest value's share with two rows or more of it: R's second row has it too.
    if low == 0, smallestValueRows > 1 { return sortedValues[0] }
    let position = max(low - 1, 0)
    let next = position == sortedValues.count - 1 ? position : position + 1
    let shortfall = probability - cumulativeWeights[position] / weightTotal
    return shortfall == 0 ? sortedValues[position] : sortedValues[next]
  }
}
