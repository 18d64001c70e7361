/// R's projection of influence values on a raking, ten cycles of z ← z − w_m·ave_g(z/w_m) over
/// the margins m (`svyrecvar()`, `R/multistage.R`), computed from cell sums instead of row by row.
///
/// Every step subtracts from z a multiple of the weights w_m of one margin's cell, so after any
/// number of steps z′ = z − Σ_m diag(w_m)·G_m·A_m, where G_m (n × K_m) says which cell of margin
/// m each row is in and A_m (K_m × k) holds the means subtracted so far. The mean a step needs is
/// then
///
///     ave_g(z′/w_m) = ( S_m − Σ_m′ X_mm′·A_m′ )_g / n_g,
///
/// with the cell sums S_m = G_mᵀ·(z/w_m), the cross weights X_mm′ = G_mᵀ·diag(w_m′/w_m)·G_m′
/// (K_m × K_m′) and n_g the rows of cell g. The cross weights and the cell sizes depend only on the
/// raking and are computed once; the cell sums take one pass over z per margin. The ten cycles
/// then work on K × k numbers, and one last pass forms z′. The result is R's projection in exact
/// arithmetic; the floating-point operations come in another order (differences of the order of
/// 1e-15 relative to z).
///
/// Only for weights that are all positive and finite: a zero weight makes z/w undefined, as it
/// does in R, and the projection then runs step by step as R's does.
struct RakingCellSums: Sendable {
  /// X_mm′, row-major K_m × K_m′, for every ordered pair of margins.
  let crossWeights: [[[Double]]]
  /// n_g for every cell of every margin.
  let cellSizes: [[Int]]

  /// The cross weights and cell sizes of the margins of a raking's last sweep, or `nil` when a
  /// weight is zero, negative or not finite. On collapsed rows (`frequencies`, the respondents of
  /// each row, who share its cells and its ratios w_m′/w_m), a row counts as its respondents.
  init?(_ margins: [Calibration.Margin], frequencies: [Int]? = nil) {
    guard !margins.isEmpty,
      margins.allSatisfy({ $0.weights.allSatisfy { $0 > 0 && $0.isFinite } })
    else { return nil }
    let rowCount = margins[0].weights.count
    var cross = margins.map { margin in
      margins.map { other in [Double](repeating: 0, count: margin.cellCount * other.cellCount) }
    }
    var sizes = margins.map { [Int](repeating: 0, count: $0.cellCount) }
    for row in 0..<rowCount {
      let frequency = frequencies?[row] ?? 1
      for (m, margin) in margins.enumerated() {
        let cell = Int(margin.cellOfRow[row])
        sizes[m][cell] += frequency
        for (other, otherMargin) in margins.enumerated() {
          let otherCell = Int(otherMargin.cellOfRow[row])
          let ratio = otherMargin.weights[row] / margin.weights[row]
          cross[m][other][cell * otherMargin.cellCount + otherCell] += frequencies == nil ? ratio : Double(frequency) * ratio
        }
      }
    }
    crossWeights = cross
    cellSizes = sizes
  }

  /// Cross weights and cell sizes gathered elsewhere: from a database's group sums, where the
  /// ratio w_m′/w_m of a row depends only on its raking cell (``GroupSumsRaking``).
  init(crossWeights: [[[Double]]], cellSizes: [[Int]]) {
    self.crossWeights = crossWeights
    self.cellSizes = cellSizes
  }

  /// The ten cycles on cell sums: A_m (K_m × k, row-major, for every margin) from the cell sums
  /// S_m = G_mᵀ·(z/w_m), each step A_m += (S_m − Σ_m′ X_mm′·A_m′) / n_g.
  func subtractedMeans(cellSums: [[Double]], statisticCount k: Int, cycles: Int) -> [[Double]] {
    let cellCounts = cellSizes.map(\.count)
    var subtracted = cellCounts.map { [Double](repeating: 0, count: $0 * k) }
    for _ in 0..<cycles {
      for m in cellCounts.indices {
        var means = cellSums[m]
        for other in cellCounts.indices {
          let cross = crossWeights[m][other]
          let otherMeans = subtracted[other]
          let otherCount = cellCounts[other]
          for cell in 0..<cellCounts[m] {
            for otherCell in 0..<otherCount {
              let weight = cross[cell * otherCount + otherCell]
              guard weight != 0 else { continue }
              for j in 0..<k { means[cell * k + j] -= weight * otherMeans[otherCell * k + j] }
            }
          }
        }
        for cell in 0..<cellCounts[m] where cellSizes[m][cell] > 0 {
          let size = Double(cellSizes[m][cell])
          for j in 0..<k { subtracted[m][cell * k + j] += means[cell * k + j] / size }
        }
      }
    }
    return subtracted
  }

  /// Replaces z (n × k, row-major) by its projection after `cycles` cycles over `margins`; on
  /// collapsed rows (`frequencies`), a row of f respondents adds f·z/w_m to its cell sums.
  func project(
    _ influence: inout [Double], statisticCount k: Int, margins: [Calibration.Margin], cycles: Int,
    frequencies: [Int]? = nil
  ) {
    guard k > 0, !influence.isEmpty else { return }
    let rowCount = influence.count / k
    // S_m: one pass over z per margin.
    var cellSums = margins.map { [Double](repeating: 0, count: $0.cellCount * k) }
    influence.withUnsafeBufferPointer { influence in
      for (m, margin) in margins.enumerated() {
        margin.weights.withUnsafeBufferPointer { weights in
          cellSums[m].withUnsafeMutableBufferPointer { sums in
            for row in 0..<rowCount {
              let weight = weights[row]
              let values = influence.baseAddress! + row * k
              let cellSum = sums.baseAddress! + Int(margin.cellOfRow[row]) * k
              if let frequencies {
                let frequency = Double(frequencies[row])
                for j in 0..<k { cellSum[j] += frequency * (values[j] / weight) }
              } else {
                for j in 0..<k { cellSum[j] += values[j] / weight }
              }
            }
          }
        }
      }
    }
    let subtracted = subtractedMeans(cellSums: cellSums, statisticCount: k, cycles: cycles)
    // z′ = z − Σ_m diag(w_m)·G_m·A_m.
    influence.withUnsafeMutableBufferPointer { influence in
      for (m, margin) in margins.enumerated() {
        margin.weights.withUnsafeBufferPointer { weights in
          subtracted[m].withUnsafeBufferPointer { means in
            for row in 0..<rowCount {
              let weight = weights[row]
              let values = influence.baseAddress! + row * k
              let cellMeans = means.baseAddress! + Int(margin.cellOfRow[row]) * k
              for j in 0..<k { values[j] -= weight * cellMeans[j] }
            }
          }
        }
      }
    }
  }
}
