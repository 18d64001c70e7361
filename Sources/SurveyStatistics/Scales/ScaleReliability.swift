/// The internal consistency of a multi-item scale in one domain, from the respondents of the domain
/// who answered every item (listwise deletion), on the scored items (reverse-keyed items turned).
///
/// - Cronbach's α (Cronbach 1951, eq. 2), unweighted: α = k/(k−1) · (1 − Σⱼ s²ⱼ / s²_T) with the
///   sample variances s²ⱼ of the k items and s²_T of their sum.
/// - The design-weighted α: the same formula on the weighted (population) variances
///   Σ wᵢ(xᵢ − x̄_w)² / Σ wᵢ, which estimates the population's α: R survey's
///   `svycralpha(~item1 + … + itemk, design, na.rm = TRUE)` (R/svycralpha.R, "equation (2) of
///   Cronbach (1951) only with design-based estimates of the variances").
/// - The corrected item–total correlation of each item: its Pearson correlation with the sum of
///   the *other* items (psych's `r.drop`), unweighted and weighted.
/// - α if the item is deleted (unweighted; k ≥ 3).
public struct ScaleReliability: Sendable, Hashable {
  /// The respondents of the domain who answered every item.
  package var respondents: Int
  /// Cronbach's α.
  public var alpha: Double
  /// The design-weighted α (R's `svycralpha`).
  package var weightedAlpha: Double
  /// The corrected item–total correlation of each item, in item order.
  package var itemTotalCorrelations: [Double]
  /// The weighted corrected item–total correlation of each item.
  package var weightedItemTotalCorrelations: [Double]
  /// α of the scale without each item (`nil` for a two-item scale).
  package var alphaIfDeleted: [Double?]

  /// Creates reliability statistics.
  package init(
    respondents: Int, alpha: Double, weightedAlpha: Double, itemTotalCorrelations: [Double],
    weightedItemTotalCorrelations: [Double], alphaIfDeleted: [Double?]
  ) {
    self.respondents = respondents
    self.alpha = alpha
    self.weightedAlpha = weightedAlpha
    self.itemTotalCorrelations = itemTotalCorrelations
    self.weightedItemTotalCorrelations = weightedItemTotalCorrelations
    self.alphaIfDeleted = alphaIfDeleted
  }

  /// Cronbach's α of a k × k covariance matrix S (row-major): k/(k−1) · (1 − tr S / 1ᵀS1).
  package static func alpha(covariance: [Double], itemCount k: Int) -> Double {
    var trace = 0.0, total = 0.0
    for i in 0..<k {
      trace += covariance[i * k + i]
      for j in 0..<k { total += covariance[i * k + j] }
    }
    return Double(k) / Double(k - 1) * (1 - trace / total)
  }

  /// The reliability statistics of a domain from the unweighted and weighted covariance matrices
  /// of its complete respondents.
  init(respondents: Int, covariance: [Double], weightedCovariance: [Double], itemCount k: Int) {
    func itemTotalCorrelation(_ s: [Double], _ item: Int) -> Double {
      var rowSum = 0.0, total = 0.0
      for j in 0..<k { rowSum += s[item * k + j] }
      for index in 0..<(k * k) { total += s[index] }
      let variance = s[item * k + item]
      let covarianceWithRest = rowSum - variance
      let restVariance = total - 2 * rowSum + variance
      return covarianceWithRest / (variance * restVariance).squareRoot()
    }
    func alphaWithout(_ item: Int) -> Double? {
      guard k >= 3 else { return nil }
      var reduced: [Double] = []
      for i in 0..<k where i != item {
        for j in 0..<k where j != item { reduced.append(covariance[i * k + j]) }
      }
      return Self.alpha(covariance: reduced, itemCount: k - 1)
    }
    self.init(
      respondents: respondents, alpha: Self.alpha(covariance: covariance, itemCount: k),
      weightedAlpha: Self.alpha(covariance: weightedCovariance, itemCount: k),
      itemTotalCorrelations: (0..<k).map { itemTotalCorrelation(covariance, $0) },
      weightedItemTotalCorrelations: (0..<k).map { itemTotalCorrelation(weightedCovariance, $0) },
      alphaIfDeleted: (0..<k).map(alphaWithout))
  }

  /// The reliability of every domain, from the scored items, in two passes over the rows (means,
  /// then centred cross-products); `nil` for a domain with fewer than two complete respondents, or
  /// for a scale of one item.
  static func perDomain(
    items: [[Double?]], weights: [Double], domainOfRow: [Int32], domainCount: Int
  ) -> [ScaleReliability?] {
    let k = items.count
    guard k >= 2, let rowCount = items.first?.count else { return [ScaleReliability?](repeating: nil, count: domainCount) }
    func isComplete(_ row: Int) -> Bool { items.allSatisfy { $0[row] != nil } }
    var counts = [Int](repeating: 0, count: domainCount)
    var weightTotals = [Double](repeating: 0, count: domainCount)
    var sums = [Double](repeating: 0, count: domainCount * k)
    var weightedSums = [Double](repeating: 0, count: domainCount * k)
    var complete = [Bool](repeating: false, count: rowCount)
    for row in 0..<rowCount {
      let domain = Int(domainOfRow[row])
      guard domain >= 0, isComplete(row) else { continue }
      complete[row] = true
      counts[domain] += 1
      weightTotals[domain] += weights[row]
      for j in 0..<k {
        sums[domain * k + j] += items[j][row]!
        weightedSums[domain * k + j] += weights[row] * items[j][row]!
      }
    }
    var cross = [Double](repeating: 0, count: domainCount * k * k)
    var weightedCross = cross
    var deviation = [Double](repeating: 0, count: k), weightedDeviation = deviation
    for row in 0..<rowCount where complete[row] {
      let domain = Int(domainOfRow[row])
      for j in 0..<k {
        let value = items[j][row]!
        deviation[j] = value - sums[domain * k + j] / Double(counts[domain])
        weightedDeviation[j] = value - weightedSums[domain * k + j] / weightTotals[domain]
      }
      let base = domain * k * k
      for i in 0..<k {
        for j in 0..<k {
          cross[base + i * k + j] += deviation[i] * deviation[j]
          weightedCross[base + i * k + j] += weights[row] * weightedDeviation[i] * weightedDeviation[j]
        }
      }
    }
    return (0..<domainCount).map { domain in
      let n = counts[domain]
      guard n >= 2 else { return nil }
      let range = (domain * k * k)..<((domain + 1) * k * k)
      return ScaleReliability(
        respondents: n, covariance: cross[range].map { $0 / Double(n - 1) },
        weightedCovariance: weightedCross[range].map { $0 / weightTotals[domain] }, itemCount: k)
    }
  }
}
