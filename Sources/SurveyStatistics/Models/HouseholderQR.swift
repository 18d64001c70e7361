/// The QR decomposition of a tall matrix by Householder reflections with R's limited column
/// pivoting (LINPACK `dqrdc2`, as used by R's `lm.fit` and `glm.fit`): a column whose remaining
/// norm falls below `tolerance` times its original norm is moved to the end and left out of the
/// rank. Columns are never reordered otherwise, so a full-rank matrix is decomposed in its order.
struct HouseholderQR {
  /// n.
  let rowCount: Int
  /// p.
  let columnCount: Int
  /// The rank: the number of columns kept.
  let rank: Int
  /// The original index of each column in its final position (R's `qr$pivot`, 0-based).
  let pivot: [Int]
  /// The reduced matrix, column-major n × p: R above the diagonal, Householder vectors below.
  private var reduced: [Double]
  /// R's `qraux`: the leading element of each Householder vector.
  private var auxiliary: [Double]

  /// Decomposes `matrix` (row-major n × p).
  ///
  /// The loops run on unsafe pointers (no bounds checks) in LINPACK's order of operations, so the
  /// result is the same to the last bit as with checked indexing.
  init(rowMajor matrix: [Double], rowCount n: Int, columnCount p: Int, tolerance: Double) {
    var x = [Double](repeating: 0, count: n * p)  // column-major
    matrix.withUnsafeBufferPointer { source in
      x.withUnsafeMutableBufferPointer { target in
        for i in 0..<n {
          for j in 0..<p { target[j * n + i] = source[i * p + j] }
        }
      }
    }
    self.init(columnMajor: consume x, rowCount: n, columnCount: p, tolerance: tolerance)
  }

  /// Decomposes `matrix` (column-major n × p), taking over its storage.
  ///
  /// The reflector of each column is applied to the later columns on up to `threads` threads
  /// (``applyReflector(_:to:matrix:rowCount:norms:recomputedNorms:)``): each column's arithmetic
  /// is the same whichever thread does it, so the result does not depend on the number of threads.
  init(
    columnMajor x: consuming [Double], rowCount n: Int, columnCount p: Int, tolerance: Double,
    threads: Int = availableProcessorCount()
  ) {
    var pivot = Array(0..<p)
    var qraux = [Double](repeating: 0, count: p)
    var current = [Double](repeating: 0, count: p)
    var k = p + 1
    x.withUnsafeMutableBufferPointer { buffer in
      let x = buffer.baseAddress.unsafelyUnwrapped
      for j in 0..<p { qraux[j] = Self.norm(x + j * n, from: 0, to: n) }
      current = qraux
      var original = qraux.map { $0 == 0 ? 1 : $0 }
      for l in 0..<min(n, p) {
        // Cycle negligible columns to the end.
        while l + 1 < k && qraux[l] < original[l] * tolerance {
          let column = Array(UnsafeBufferPointer(start: x + l * n, count: n))
          for j in (l + 1)..<p {
            for i in 0..<n { x[(j - 1) * n + i] = x[j * n + i] }
          }
          for i in 0..<n { x[(p - 1) * n + i] = column[i] }
          let moved = (pivot[l], qraux[l], current[l], original[l])
          for j in (l + 1)..<p {
            pivot[j - 1] = pivot[j]
            qraux[j - 1] = qraux[j]
            current[j - 1] = current[j]
            original[j - 1] = original[j]
          }
          (pivot[p - 1], qraux[p - 1], current[p - 1], original[p - 1]) = moved
          k -= 1
        }
        if l == n - 1 { break }
        var lengthOfColumn = Self.norm(x + l * n, from: l, to: n)
        if lengthOfColumn == 0 { continue }
        let columnL = x + l * n
        if columnL[l] != 0 { lengthOfColumn = columnL[l] < 0 ? -abs(lengthOfColumn) : abs(lengthOfColumn) }
        for i in l..<n { columnL[i] /= lengthOfColumn }
        columnL[l] += 1
        let later = (l + 1)..<p
        let parts = (n - l) * later.count >= Self.smallestShare ? min(max(threads, 1), later.count) : 1
        qraux.withUnsafeMutableBufferPointer { qraux in
          current.withUnsafeMutableBufferPointer { current in
            let norms = qraux.baseAddress.unsafelyUnwrapped
            let recomputed = current.baseAddress.unsafelyUnwrapped
            forEachConcurrently(parts, threads: parts) { part in
              let columns =
                (later.lowerBound + later.count * part / parts)..<(later.lowerBound + later.count * (part + 1) / parts)
              Self.applyReflector(l, to: columns, matrix: x, rowCount: n, norms: norms, recomputedNorms: recomputed)
            }
          }
        }
        qraux[l] = columnL[l]
        columnL[l] = -lengthOfColumn
      }
    }
    self.rowCount = n
    self.columnCount = p
    self.rank = min(k - 1, n)
    self.pivot = pivot
    self.reduced = x
    self.auxiliary = qraux
  }

  /// The least-squares coefficients of `y` on the first ``rank`` (pivoted) columns, in pivoted
  /// order (R's `dqrsl` then a back-substitution), on unsafe pointers in LINPACK's order of
  /// operations.
  func coefficients(_ y: [Double]) -> [Double] {
    let n = rowCount
    var qty = y
    qty.withUnsafeMutableBufferPointer { qty in
      reduced.withUnsafeBufferPointer { reduced in
        for l in 0..<min(rank, n - 1) where auxiliary[l] != 0 {
          let column = reduced.baseAddress.unsafelyUnwrapped + l * n
          var dot = auxiliary[l] * qty[l]
          for i in (l + 1)..<n { dot += column[i] * qty[i] }
          let t = -dot / auxiliary[l]
          qty[l] += t * auxiliary[l]
          for i in (l + 1)..<n { qty[i] += t * column[i] }
        }
      }
    }
    var beta = [Double](repeating: 0, count: rank)
    for j in stride(from: rank - 1, through: 0, by: -1) {
      var sum = qty[j]
      for m in (j + 1)..<rank { sum -= reduced[m * n + j] * beta[m] }
      beta[j] = sum / reduced[j * n + j]
    }
    return beta
  }

  /// (RᵀR)⁻¹ for the first ``rank`` columns, row-major rank × rank, in pivoted order (R's
  /// `chol2inv(qr$qr[1:rank, 1:rank])`): the unscaled covariance (XᵀWX)⁻¹.
  func inverseCrossProduct() -> [Double] {
    let n = rowCount
    return UpperTriangular.inverseCrossProduct(order: rank) { i, j in reduced[j * n + i] }
  }
}
