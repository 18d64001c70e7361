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
  init(columnMajor x: consuming [Double], rowCount n: Int, columnCount p: Int, tolerance: Double) {
    var dots = [Double](repeating: 0, count: p)
    var pivot = Array(0..<p)
    var qraux = [Double](repeating: 0, count: p)
    var k = p + 1
    x.withUnsafeMutableBufferPointer { buffer in
      let x = buffer.baseAddress.unsafelyUnwrapped
      func norm(_ column: Int, from start: Int) -> Double {
        var scale = 0.0, sum = 1.0
        let values = x + column * n
        for i in start..<n {
          let value = abs(values[i])
          if value == 0 { continue }
          if scale < value {
            sum = 1 + sum * (scale / value) * (scale / value)
            scale = value
          } else {
            sum += (value / scale) * (value / scale)
          }
        }
        return scale * sum.squareRoot()
      }
      qraux = (0..<p).map { norm($0, from: 0) }
      var current = qraux
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
        var lengthOfColumn = norm(l, from: l)
        if lengthOfColumn == 0 { continue }
        let columnL = x + l * n
        if columnL[l] != 0 { lengthOfColumn = columnL[l] < 0 ? -abs(lengthOfColumn) : abs(lengthOfColumn) }
        for i in l..<n { columnL[i] /= lengthOfColumn }
        columnL[l] += 1
        // The dot products of column l with every later column in one pass over the rows: each
        // sum still runs over i in increasing order, so it is LINPACK's to the last bit.
        if l + 1 < p {
          for j in (l + 1)..<p { dots[j] = 0 }
          dots.withUnsafeMutableBufferPointer { dots in
            for i in l..<n {
              let value = columnL[i]
              for j in (l + 1)..<p { dots[j] += value * x[j * n + i] }
            }
          }
        }
        for j in (l + 1)..<p {
          let columnJ = x + j * n
          let t = -dots[j] / columnL[l]
          for i in l..<n { columnJ[i] += t * columnL[i] }
          guard qraux[j] != 0 else { continue }
          let ratio = abs(columnJ[l]) / qraux[j]
          let remaining = max(1 - ratio * ratio, 0)
          if abs(remaining) < 1e-6 {
            qraux[j] = norm(j, from: l + 1)
            current[j] = qraux[j]
          } else {
            qraux[j] *= remaining.squareRoot()
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
  /// order (R's `dqrsl` then a back-substitution).
  func coefficients(_ y: [Double]) -> [Double] {
    let n = rowCount
    var qty = y
    for l in 0..<min(rank, n - 1) where auxiliary[l] != 0 {
      var dot = auxiliary[l] * qty[l]
      for i in (l + 1)..<n { dot += reduced[l * n + i] * qty[i] }
      let t = -dot / auxiliary[l]
      qty[l] += t * auxiliary[l]
      for i in (l + 1)..<n { qty[i] += t * reduced[l * n + i] }
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
    let n = rowCount, r = rank
    // R⁻¹, upper triangular.
    var inverse = [Double](repeating: 0, count: r * r)
    for j in 0..<r {
      inverse[j * r + j] = 1 / reduced[j * n + j]
      for i in stride(from: j - 1, through: 0, by: -1) {
        var sum = 0.0
        for m in (i + 1)...j { sum += reduced[m * n + i] * inverse[m * r + j] }
        inverse[i * r + j] = -sum / reduced[i * n + i]
      }
    }
    var result = [Double](repeating: 0, count: r * r)
    for i in 0..<r {
      for j in i..<r {
        var sum = 0.0
        for m in j..<r { sum += inverse[i * r + m] * inverse[j * r + m] }
        result[i * r + j] = sum
        result[j * r + i] = sum
      }
    }
    return result
  }
}
