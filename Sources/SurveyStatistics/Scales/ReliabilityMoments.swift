/// The sums over the complete respondents of a domain (those who answered every item) from which
/// ``ScaleReliability`` follows: n, Σw, and for the scored items less the middle of the range,
/// xⱼ = answerⱼ − ``centre(of:)``, Σxⱼ, Σw·xⱼ, Σxⱼxₗ and Σw·xⱼxₗ. A database adds them up by
/// group; they add across groups.
///
/// The covariances are the moments' centred forms, which a common shift of every answer does not
/// change: sⱼₗ = (Σxⱼxₗ − Σxⱼ·Σxₗ/n)/(n − 1) (the sample covariance of `cov()`), and the weighted
/// (population) covariance (Σw·xⱼxₗ − Σw·xⱼ·Σw·xₗ/Σw)/Σw of R's `svycralpha`. The subtraction
/// loses about log₁₀(1 + (x̄ − c)²/s²) digits for answers whose mean x̄ lies (x̄ − c) from the
/// middle c of the range (well under one for attitude items), so the shift keeps the covariances
/// of nearly uncorrelated items to about 1e-14 of the variances.
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

  /// The constant the answers are shifted by: the middle of the range, (lowest + highest)/2.
  package static func centre(of range: ClosedRange<Double>) -> Double { (range.lowerBound + range.upperBound) / 2 }

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

  /// The moments with every weight multiplied by `factor` (a raking cell's, ``GroupSumsRaking``):
  /// Σw, Σw·xⱼ and Σw·xⱼxₗ scaled, the unweighted sums unchanged.
  package func weighted(by factor: Double) -> ReliabilityMoments {
    var scaled = self
    scaled.weightTotal *= factor
    scaled.weightedSums = weightedSums.map { $0 * factor }
    scaled.weightedCrossProducts = weightedCrossProducts.map { $0 * factor }
    return scaled
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
