/// R's rank of the replicate weights of a table's rows (`qr(A, tol = 1e-5)$rank`, LINPACK
/// `dqrdc2`), taken from what a database sums, as the file path takes it for a large group
/// (``ReplicateWeights/ranks(domainOfRow:domainCount:)``): the R × R cross products AᵀA
/// (``CrossProductRank``) and, for a column they cannot decide, the sums of its residual on the
/// kept columns (``ColumnResidual``, ``CrossProductRank/decide(_:)``). Every group takes that
/// route, whatever its number of rows: the file path's QR for a group of fewer than 4R rows is a
/// matter of cost there (a QR of so few rows costs less than a pass for the cross products), and
/// the sequence reaches `dqrdc2`'s decision for any number of rows, n ≤ R included
/// (``CrossProductRank/init(crossProduct:count:tolerance:relativeError:rowCount:)``). Only a
/// column within ``CrossProductRank/closeCallMargin`` of R's threshold even from its residual, where
/// R's decision is a matter of its own rounding, takes a QR of the group's rows
/// (``rank(rows:rowCount:count:)``), as on a file.
///
/// The cross products come as the upper triangle of AᵀA, row after row (Σ a_r·a_s for r ≤ s),
/// R(R + 1)/2 sums: 3,240 for 80 replicates.
package enum ReplicateRankDecision {
  /// R's tolerance.
  package static let tolerance = 1e-5

  /// The full R × R matrix (row-major) of the upper triangle of cross products, row after row.
  package static func crossProducts(upperTriangle: [Double], count: Int) -> [Double] {
    precondition(upperTriangle.count == count * (count + 1) / 2, "R(R + 1)/2 cross products")
    var matrix = [Double](repeating: 0, count: count * count)
    var entry = 0
    for r in 0..<count {
      for s in r..<count {
        matrix[r * count + s] = upperTriangle[entry]
        matrix[s * count + r] = upperTriangle[entry]
        entry += 1
      }
    }
    return matrix
  }

  /// The bound on the error of each sum relative to √(Σ x_i²·Σ y_i²) when the products x_i·y_i
  /// of `rowCount` rows are summed in floating point in any order (a chain of at most that many
  /// additions, |error| ≤ γ_n·Σ|x_i·y_i| ≤ γ_n·√(Σ x_i²·Σ y_i²) by Cauchy–Schwarz; Higham 2002,
  /// §3.1 and §4.2), one more for each of `summedGroups` groups' sums added up, doubled (which
  /// bounds γ_m = mε/(1 − mε) for mε ≤ 1/2): the cross products Σ a_r·a_s and a residual's sums
  /// Σ r̂² and Σ a_k·r̂.
  package static func relativeError(rowCount: Int, summedGroups: Int = 1) -> Double {
    2 * Double(rowCount + 4 + summedGroups) * Double.ulpOfOne
  }

  /// `dqrdc2`'s sequence on the cross products (`matrix`, R × R, row-major) of `rowCount` rows.
  package static func sequence(
    crossProducts matrix: [Double], count: Int, rowCount: Int, relativeError: Double
  ) -> CrossProductRank {
    CrossProductRank(
      crossProduct: matrix, count: count, tolerance: tolerance, relativeError: relativeError, rowCount: rowCount)
  }

  /// The rank from the rows themselves: `rows` holds the group's replicate weights, one replicate
  /// after another (column-major, `rowCount` per replicate), a QR as R computes it.
  package static func rank(rows: [Double], rowCount: Int, count: Int) -> Int {
    guard rowCount > 0 else { return 0 }
    var matrix = rows
    return linpackRank(columnMajor: &matrix, rowCount: rowCount, columnCount: count, tolerance: tolerance)
  }
}
