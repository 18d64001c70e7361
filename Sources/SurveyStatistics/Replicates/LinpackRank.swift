/// The rank R's `qr(x, tol)$rank` gives: LINPACK's `dqrdc2` Householder reduction with limited
/// column pivoting, where a column whose remaining norm falls below `tolerance` times its original
/// norm is moved to the end and left out of the rank. The arithmetic is that of
/// ``HouseholderQR`` (which also keeps the decomposition), on raw buffers, since a replicate
/// design computes one rank per domain.
///
/// - Parameters:
///   - x: the matrix, column after column (n × p); overwritten.
/// - Complexity: O(n·p·min(n, p)).
func linpackRank(columnMajor x: inout [Double], rowCount n: Int, columnCount p: Int, tolerance: Double) -> Int {
  guard n > 0, p > 0 else { return 0 }
  precondition(x.count == n * p, "an n × p matrix")
  return x.withUnsafeMutableBufferPointer { buffer -> Int in
    let x = buffer.baseAddress.unsafelyUnwrapped
    // The scaled Euclidean norm of BLAS dnrm2 over rows start..<n of a column.
    func norm(_ column: Int, from start: Int) -> Double {
      let values = x + column * n
      var scale = 0.0, sum = 1.0
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
    var qraux = [Double](repeating: 0, count: p)
    var original = [Double](repeating: 0, count: p)
    for j in 0..<p {
      qraux[j] = norm(j, from: 0)
      original[j] = qraux[j] == 0 ? 1 : qraux[j]
    }
    let moved = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer { moved.deallocate() }
    var k = p + 1
    for l in 0..<min(n, p) {
      // Cycle negligible columns to the end.
      while l + 1 < k && qraux[l] < original[l] * tolerance {
        moved.update(from: x + l * n, count: n)
        (x + l * n).update(from: x + (l + 1) * n, count: (p - l - 1) * n)
        (x + (p - 1) * n).update(from: moved, count: n)
        let (movedNorm, movedOriginal) = (qraux[l], original[l])
        for j in (l + 1)..<p {
          qraux[j - 1] = qraux[j]
          original[j - 1] = original[j]
        }
        (qraux[p - 1], original[p - 1]) = (movedNorm, movedOriginal)
        k -= 1
      }
      if l == n - 1 { break }
      var lengthOfColumn = norm(l, from: l)
      if lengthOfColumn == 0 { continue }
      let pivotColumn = x + l * n
      if pivotColumn[l] != 0 { lengthOfColumn = pivotColumn[l] < 0 ? -abs(lengthOfColumn) : abs(lengthOfColumn) }
      for i in l..<n { pivotColumn[i] /= lengthOfColumn }
      pivotColumn[l] += 1
      for j in (l + 1)..<p {
        let column = x + j * n
        var dot = 0.0
        for i in l..<n { dot += pivotColumn[i] * column[i] }
        let t = -dot / pivotColumn[l]
        for i in l..<n { column[i] += t * pivotColumn[i] }
        guard qraux[j] != 0 else { continue }
        let ratio = abs(column[l]) / qraux[j]
        let remaining = max(1 - ratio * ratio, 0)
        if abs(remaining) < 1e-6 {
          qraux[j] = norm(j, from: l + 1)
        } else {
          qraux[j] *= remaining.squareRoot()
        }
      }
      qraux[l] = pivotColumn[l]
      pivotColumn[l] = -lengthOfColumn
    }
    return min(k - 1, n)
  }
}
