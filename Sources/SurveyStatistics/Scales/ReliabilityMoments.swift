/// The sums over the complete respondents of a domain (those who answered every item) from which
/// ``ScaleReliability`` follows: n, Σw, and for the scored items x₁ … x_k, Σxⱼ, Σw·xⱼ, Σxⱼxₗ and
/// Σw·xⱼxₗ. A database adds them up by group; they add across groups.
///
/// The covariances are the moments' centred forms: sⱼₗ = (Σxⱼxₗ − Σxⱼ·Σxₗ/n)/(n − 1) (the sample
/// covariance of `cov()`), and the weighted (population) covariance
/// (Σw·xⱼxₗ − Σw·xⱼ·Σw·xₗ/Σw)/Σw of R's `svycralpha`. From exact sums these lose about
/// log₁₀(1 + x̄²/s²) digits to the subtraction (one for answers around 3 with a spread of 1), far
/// below the 1e-9 the estimates are held to.
package struct ReliabilityMoments: Sendable, Hashable {
  /// The complete respondents.
  package var respondents: Int
  /// Σw.
  package var weightTotal: Double
  /// Σxⱼ and Σw·xⱼ, item by item.
  package var sums: [Double]
  package var weightedSums: [Double]
  /// Σxⱼxₗ and Σw·xⱼxₗ, k × k row-major.
  package var crossProducts: [Double]
  package var weightedCrossProducts: [Double]

  /// Zero moments of `itemCount` items.
  package init(itemCount k: Int) {
    respondents = 0
    weightTotal = 0
    sums = Array(repeating: 0, count: k)
    weightedSums = sums
    crossProducts = Array(repeating: 0, count: k * k)
    weightedCrossProducts = crossProducts
  }

  /// The moments of two sets of respondents together.
  package static func + (left: ReliabilityMoments, right: ReliabilityMoments) -> ReliabilityMoments {
    var total = left
    total.respondents += right.respondents
    total.weightTotal += right.weightTotal
    for index in total.sums.indices {
      total.sums[index] += right.sums[index]
      total.weightedSums[index] += right.weightedSums[index]
    }
    for index in total.crossProducts.indices {
      total.crossProducts[index] += right.crossProducts[index]
      total.weightedCrossProducts[index] += right.weightedCrossProducts[index]
    }
    return total
  }

  /// Cronbach's α and the item statistics of these respondents (``ScaleReliability``'s formulas on
  /// the covariances above); `nil` for fewer than two respondents or items.
  package func reliability(itemCount k: Int) -> ScaleReliability? {
    let n = respondents
    guard k >= 2, n >= 2, weightTotal > 0 else { return nil }
    var covariance = [Double](repeating: 0, count: k * k), weighted = covariance
    for i in 0..<k {
      for j in 0..<k {
        covariance[i * k + j] = (crossProducts[i * k + j] - sums[i] * sums[j] / Double(n)) / Double(n - 1)
        weighted[i * k + j] = (weightedCrossProducts[i * k + j] - weightedSums[i] * weightedSums[j] / weightTotal)
          / weightTotal
      }
    }
    return ScaleReliability(respondents: n, covariance: covariance, weightedCovariance: weighted, itemCount: k)
  }
}
