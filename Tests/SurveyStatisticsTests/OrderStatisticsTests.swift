import Testing

@testable import SurveyStatistics

/// Selected order statistics equal those of a sort, for every rank and for the ranks of R's
/// type-7 quantiles, on samples with many ties, sorted, reversed and random samples.
@Suite struct OrderStatisticsTests {
  static func samples() -> [[Double]] {
    var random = ParadoxVarianceTests.Generator(state: 17)
    let uniform = (0..<1_000).map { _ in Double.random(in: 0..<1, using: &random) }
    let ties = (0..<1_000).map { _ in Double(Int.random(in: 0..<5, using: &random)) }
    return [uniform, ties, uniform.sorted(), uniform.sorted().reversed(), [3], [2, 1], Array(repeating: 7, count: 50)]
  }

  @Test(arguments: samples())
  func everyRankEqualsTheSortedValue(values: [Double]) {
    let sorted = values.sorted()
    let order = OrderStatistics(values, ranks: Set(1...values.count))
    for rank in 1...values.count { #expect(order[rank] == sorted[rank - 1]) }
  }

  @Test(arguments: samples())
  func quantilesEqualThoseOfTheSortedWeights(values: [Double]) {
    let sorted = values.sorted()
    let diagnostics = WeightDiagnostics(weights: values.map { $0 + 1 })
    let shifted = sorted.map { $0 + 1 }
    #expect(diagnostics.minimum == shifted.first && diagnostics.maximum == shifted.last)
    for quantile in diagnostics.quantiles {
      #expect(quantile.value == WeightDiagnostics.quantile(sortedWeights: shifted, probability: quantile.probability))
    }
  }
}
