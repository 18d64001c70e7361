/// How variable a set of weights is, and what that costs in precision.
///
/// ```swift
/// let diagnostics = raked.weightDiagnostics
/// diagnostics.kishDesignEffect       // 1 + CV²
/// diagnostics.effectiveSampleSize    // (Σw)² / Σw²
/// ```
public struct WeightDiagnostics: Sendable, Hashable {
  /// A quantile of the weights.
  package struct Quantile: Sendable, Hashable {
    /// The probability (0.01 for the 1st percentile).
    package var probability: Double
    /// The weight.
    package var value: Double
  }

  /// The probabilities of ``quantiles``: 1, 5, 50, 95 and 99 %.
  package static let quantileProbabilities = [0.01, 0.05, 0.5, 0.95, 0.99]

  /// The number of weights n.
  package var count: Int
  /// Σw.
  package var total: Double
  /// The smallest weight.
  package var minimum: Double
  /// The largest weight.
  package var maximum: Double
  /// Σw / n.
  package var mean: Double
  /// The coefficient of variation: the standard deviation with divisor n, over the mean.
  package var coefficientOfVariation: Double
  /// The 1, 5, 50, 95 and 99 % quantiles, by R's default definition (`quantile(type = 7)`): with
  /// the weights sorted x₁ ≤ … ≤ xₙ and h = (n − 1)p + 1, (1 − (h − ⌊h⌋))·x_⌊h⌋ + (h − ⌊h⌋)·x_⌈h⌉
  /// (Hyndman & Fan 1996, definition 7).
  package var quantiles: [Quantile]
  /// Kish's design effect due to weighting, n·Σw²/(Σw)² = 1 + CV² (Kish 1965, §11.7).
  public var kishDesignEffect: Double
  /// Kish's effective sample size (Σw)² / Σw² = n / deff.
  public var effectiveSampleSize: Double
  /// The weighting efficiency, effective sample size / n (between 0 and 1).
  package var weightingEfficiency: Double

  /// The diagnostics of `weights`.
  ///
  /// - Precondition: `weights` is not empty.
  package init(weights: [Double]) {
    precondition(!weights.isEmpty, "diagnostics need at least one weight")
    let n = Double(weights.count)
    var total = 0.0, squares = 0.0
    for weight in weights {
      total += weight
      squares += weight * weight
    }
    let mean = total / n
    var deviations = 0.0
    for weight in weights { deviations += (weight - mean) * (weight - mean) }
    // The order statistics the quantiles need, by selection rather than a full sort.
    var ranks: Set<Int> = [1, weights.count]
    for probability in Self.quantileProbabilities {
      let (low, high) = Self.quantileRanks(count: weights.count, probability: probability)
      ranks.insert(low)
      ranks.insert(high)
    }
    let order = OrderStatistics(weights, ranks: ranks)
    self.count = weights.count
    self.total = total
    self.minimum = order[1]
    self.maximum = order[weights.count]
    self.mean = mean
    self.coefficientOfVariation = (deviations / n).squareRoot() / mean
    self.quantiles = Self.quantileProbabilities.map { probability in
      let (low, high) = Self.quantileRanks(count: weights.count, probability: probability)
      return Quantile(
        probability: probability,
        value: Self.quantile(low: order[low], high: order[high], count: weights.count, probability: probability))
    }
    self.kishDesignEffect = n * squares / (total * total)
    self.effectiveSampleSize = total * total / squares
    self.weightingEfficiency = effectiveSampleSize / n
  }

  /// The quantile of sorted values by R's `quantile(x, p, type = 7)`.
  package static func quantile(sortedWeights sorted: [Double], probability: Double) -> Double {
    let (low, high) = quantileRanks(count: sorted.count, probability: probability)
    return quantile(low: sorted[low - 1], high: sorted[high - 1], count: sorted.count, probability: probability)
  }

  /// The ranks ⌊h⌋ and ⌈h⌉ (1-based) of R's type-7 quantile, h = (n − 1)p + 1.
  static func quantileRanks(count: Int, probability: Double) -> (low: Int, high: Int) {
    let index = 1 + Double(count - 1) * probability
    return (Int(index.rounded(.down)), Int(index.rounded(.up)))
  }

  /// R's type-7 quantile from the order statistics x₍⌊h⌋₎ (`low`) and x₍⌈h⌉₎ (`high`).
  static func quantile(low: Double, high: Double, count: Int, probability: Double) -> Double {
    let index = 1 + Double(count - 1) * probability
    let fraction = index - index.rounded(.down)
    guard fraction > 0, high != low else { return low }
    return (1 - fraction) * low + fraction * high
  }

  /// The quantile for `probability`, when it is one of ``quantileProbabilities``.
  package func quantile(_ probability: Double) -> Double? {
    quantiles.first { $0.probability == probability }?.value
  }
}

extension SurveyDesign {
  /// The diagnostics of the design's weights.
  public var weightDiagnostics: WeightDiagnostics { WeightDiagnostics(weights: weights) }
}
