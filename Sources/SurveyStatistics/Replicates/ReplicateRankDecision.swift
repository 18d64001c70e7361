/// R's rank of the replicate weights of a table's rows (`qr(A, tol = 1e-5)$rank`, LINPACK
/// `dqrdc2`), taken as the file path takes it (``ReplicateWeights/ranks(domainOfRow:domainCount:)``)
/// from what a database returns: a group of at least 4R rows from the R × R cross products AᵀA
/// that the database sums (``CrossProductRank``), and a smaller group, or one with a column the
/// cross products cannot decide, from a QR of its rows (R's own computation).
///
/// The cross products come as the upper triangle of AᵀA, row after row (Σ a_r·a_s for r ≤ s),
/// R(R + 1)/2 sums: 3,240 for 80 replicates.
package enum ReplicateRankDecision {
  /// R's tolerance.
  static let tolerance = 1e-5

  /// Whether a group of `rowCount` rows takes its rank from a QR of its rows rather than from its
  /// cross products: fewer than 4R rows, as on a file.
  package static func needsRows(rowCount: Int, count: Int) -> Bool { rowCount < 4 * count }

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

  /// The bound on the error of each cross product relative to √(Σ a_r²·Σ a_s²) when the products
  /// of `rowCount` rows are summed in floating point in any order (a chain of at most that many
  /// additions, |error| ≤ γ_n·Σ|a_r·a_s| ≤ γ_n·√(Σ a_r²·Σ a_s²) by Cauchy–Schwarz; Higham 2002,
  /// §4.2), one more for each of `summedGroups` groups' matrices added up, doubled.
  package static func relativeError(rowCount: Int, summedGroups: Int = 1) -> Double {
    2 * Double(rowCount + 4 + summedGroups) * Double.ulpOfOne
  }

  /// The rank from the cross products (`matrix`, R × R, row-major, from at least 4R rows); nil
  /// when a column is too close to R's threshold for them to decide (the rows must).
  package static func rank(crossProducts matrix: [Double], count: Int, relativeError: Double) -> Int? {
    CrossProductRank.rank(crossProduct: matrix, count: count, tolerance: tolerance, relativeError: relativeError)
  }

  /// The rank from the rows themselves: `rows` holds the group's replicate weights, one replicate
  /// after another (column-major, `rowCount` per replicate), a QR as R computes it.
  package static func rank(rows: [Double], rowCount: Int, count: Int) -> Int {
    guard rowCount > 0 else { return 0 }
    var matrix = rows
    return linpackRank(columnMajor: &matrix, rowCount: rowCount, columnCount: count, tolerance: tolerance)
  }
}
