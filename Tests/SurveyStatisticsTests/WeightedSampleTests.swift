import Testing

@testable import SurveyStatistics

/// A sample kept as its distinct values gives, for every probability, the value of R 4.1's
/// `qrule_math` over the rows one by one (the rule as `qs()` writes it, below), whether it is built
/// from the rows or from sums by value in any order; on samples with ties, equal weights (where
/// p·W reaches a running total exactly), a single smallest row and a repeated one (R 4.1's edge
/// below the first row's share).
@Suite struct WeightedSampleTests {
  /// R 4.1's rule over rows sorted stably by value: k the last row whose running total is at most
  /// p·W (the first row when none), its value when p − W_k/W is 0, else the next row's.
  static func rowRule(values: [Double], weights: [Double], probability: Double) -> Double {
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var running: ExtendedPrecision = 0
    let cumulative = order.map { index -> Double in
      running += ExtendedPrecision(weights[index])
      return Double(running)
    }
    let total = extendedPrecisionSum(weights)
    let position = max((cumulative.lastIndex { $0 <= probability * total } ?? -1), 0)
    let next = min(position + 1, order.count - 1)
    return probability - cumulative[position] / total == 0 ? values[order[position]] : values[order[next]]
  }

  static func samples() -> [(values: [Double], weights: [Double])] {
    var random = ParadoxVarianceTests.Generator(state: 23)
    let ties = (0..<60).map { _ in Double(Int.random(in: 0..<6, using: &random)) }
    let weights = (0..<60).map { _ in Double.random(in: 0.5..<4, using: &random) }
    let equal = [Double](repeating: 33.847, count: 60)
    var singleSmallest = ties.map { $0 + 1 }
    singleSmallest[17] = 0
    return [
      (ties, weights), (ties, equal), (singleSmallest, weights), (singleSmallest, equal),
      ((0..<40).map(Double.init), [Double](repeating: 1, count: 40)), ([5], [2]), ([5, 5, 5], [1, 2, 3]),
    ]
  }

  @Test(arguments: 0..<7)
  func distinctValuesGiveTheRowRule(sample index: Int) {
    let (values, weights) = Self.samples()[index]
    let fromRows = WeightedSample(values: values, weights: weights)
    // Summed by value, in reverse order of first appearance.
    var sums: [Double: (rows: Int, weight: ExtendedPrecision)] = [:]
    for (value, weight) in zip(values, weights) {
      sums[value, default: (0, 0)].rows += 1
      sums[value, default: (0, 0)].weight += ExtendedPrecision(weight)
    }
    let fromSums = WeightedSample(summedByValue: sums.sorted { $0.key > $1.key }.map {
      WeightedSample.SummedValue(value: $0.key, rows: $0.value.rows, weight: $0.value.weight)
    })
    #expect(fromRows.count == values.count && fromSums.count == values.count)
    let grid: [Double] = (1..<400).map { Double($0) / 400 }
    let probabilities: [Double] = grid + [0.001, 0.01, 1.0 / 60, 1.0 / 120, 0.999]
    for probability in probabilities {
      let expected = Self.rowRule(values: values, weights: weights, probability: probability)
      #expect(fromRows.quantile(probability) == expected, "sample \(index), p = \(probability), rows")
      #expect(fromSums.quantile(probability) == expected, "sample \(index), p = \(probability), sums")
    }
  }
}
