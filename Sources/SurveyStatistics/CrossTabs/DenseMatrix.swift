/// A small dense matrix of doubles, stored row-major: the linear algebra of the Rao–Scott
/// correction, on matrices of at most a few hundred rows (r·c cells of a cross-tab).
///
/// Only what `svychisq` needs: products, transposes, the trace, least-squares residuals
/// (R's `qr.resid(qr(X), Y)`) and the solution of a square system (R's `solve(A, B)`).
struct DenseMatrix: Sendable, Equatable {
  /// The number of rows.
  let rowCount: Int
  /// The number of columns.
  let columnCount: Int
  /// The entries, row by row: entry (i, j) is `elements[i * columnCount + j]`.
  var elements: [Double]

  /// A matrix of zeros.
  init(rowCount: Int, columnCount: Int) {
    self.rowCount = rowCount
    self.columnCount = columnCount
    elements = [Double](repeating: 0, count: rowCount * columnCount)
  }

  /// A matrix from its entries, row by row.
  ///
  /// - Precondition: `elements.count == rowCount * columnCount`.
  init(rowCount: Int, columnCount: Int, elements: [Double]) {
    precondition(elements.count == rowCount * columnCount, "one element per entry")
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.elements = elements
  }

  /// A matrix from its rows.
  init(rows: [[Double]]) {
    let columns = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == columns }, "rows of equal length")
    self.init(rowCount: rows.count, columnCount: columns, elements: rows.flatMap { $0 })
  }

  subscript(row: Int, column: Int) -> Double {
    get { elements[row * columnCount + column] }
    set { elements[row * columnCount + column] = newValue }
  }

  /// The transpose.
  var transposed: DenseMatrix {
    var result = DenseMatrix(rowCount: columnCount, columnCount: rowCount)
    for i in 0..<rowCount {
      for j in 0..<columnCount { result[j, i] = self[i, j] }
    }
    return result
  }

  /// The sum of the diagonal entries.
  var trace: Double {
    (0..<min(rowCount, columnCount)).reduce(0) { $0 + self[$1, $1] }
  }

  /// The matrix product.
  static func * (left: DenseMatrix, right: DenseMatrix) -> DenseMatrix {
    precondition(left.columnCount == right.rowCount, "conformable matrices")
    var result = DenseMatrix(rowCount: left.rowCount, columnCount: right.columnCount)
    for i in 0..<left.rowCount {
      for k in 0..<left.columnCount {
        let factor = left[i, k]
        if factor == 0 { continue }
        for j in 0..<right.columnCount { result[i, j] += factor * right[k, j] }
      }
    }
    return result
  }

  /// diag(`factors`) · self: row i multiplied by `factors[i]`.
  func scalingRows(by factors: [Double]) -> DenseMatrix {
    precondition(factors.count == rowCount, "one factor per row")
    var result = self
    for i in 0..<rowCount {
      for j in 0..<columnCount { result[i, j] *= factors[i] }
    }
    return result
  }

  /// The residuals of the least-squares projection of each column of `responses` on the column
  /// space of this matrix: Y − X(XᵀX)⁻¹XᵀY, R's `qr.resid(qr(X), Y)`.
  ///
  /// Householder QR (Golub & Van Loan 2013, Algorithm 5.2.1) applied to X and Y together; Qᵀy is
  /// then zeroed in the first rank(X) coordinates and multiplied back by Q. A column of X whose
  /// remaining norm is below 1e-7 of its original norm depends on the earlier columns and is
  /// skipped, as R's `qr()` (LINPACK `dqrdc2`, tolerance 1e-7) moves it out of the basis.
  ///
  /// - Precondition: `responses.rowCount == rowCount`.
  func residuals(ofProjecting responses: DenseMatrix) -> DenseMatrix {
    precondition(responses.rowCount == rowCount, "one response row per row of the matrix")
    var basis = self
    var result = responses
    var reflectors: [(start: Int, vector: [Double])] = []
    let originalNorms = (0..<columnCount).map { column in
      (0..<rowCount).reduce(0.0) { $0 + basis[$1, column] * basis[$1, column] }.squareRoot()
    }
    var pivotRow = 0
    for column in 0..<columnCount where pivotRow < rowCount {
      var norm = 0.0
      for i in pivotRow..<rowCount { norm += basis[i, column] * basis[i, column] }
      norm = norm.squareRoot()
      guard norm > 1e-7 * originalNorms[column], norm > 0 else { continue }
      // v = x + sign(x₀)‖x‖e₁, applied as H = I − 2vvᵀ/vᵀv.
      var vector = (pivotRow..<rowCount).map { basis[$0, column] }
      vector[0] += vector[0] >= 0 ? norm : -norm
      let vectorNormSquared = vector.reduce(0) { $0 + $1 * $1 }
      func reflect(_ matrix: inout DenseMatrix) {
        for j in 0..<matrix.columnCount {
          var dot = 0.0
          for (offset, value) in vector.enumerated() { dot += value * matrix[pivotRow + offset, j] }
          let scale = 2 * dot / vectorNormSquared
          if scale == 0 { continue }
          for (offset, value) in vector.enumerated() { matrix[pivotRow + offset, j] -= scale * value }
        }
      }
      reflect(&basis)
      reflect(&result)
      reflectors.append((pivotRow, vector))
      pivotRow += 1
    }
    // Qᵀy with its first rank(X) coordinates removed, then Q(·) = H₁H₂…H_r(·).
    for i in 0..<pivotRow {
      for j in 0..<result.columnCount { result[i, j] = 0 }
    }
    for (start, vector) in reflectors.reversed() {
      let vectorNormSquared = vector.reduce(0) { $0 + $1 * $1 }
      for j in 0..<result.columnCount {
        var dot = 0.0
        for (offset, value) in vector.enumerated() { dot += value * result[start + offset, j] }
        let scale = 2 * dot / vectorNormSquared
        if scale == 0 { continue }
        for (offset, value) in vector.enumerated() { result[start + offset, j] -= scale * value }
      }
    }
    return result
  }

  /// The solution X of `self · X = right`, R's `solve(A, B)`, by Gaussian elimination with partial
  /// pivoting (LAPACK `dgesv`); `nil` when the matrix is singular to working precision (a pivot
  /// below 1e-14 times the largest entry).
  ///
  /// - Precondition: the matrix is square and `right.rowCount == rowCount`.
  func solving(_ right: DenseMatrix) -> DenseMatrix? {
    precondition(rowCount == columnCount, "a square system")
    precondition(right.rowCount == rowCount, "one right-hand-side row per row of the matrix")
    let n = rowCount
    var lu = self
    var solution = right
    let largest = elements.reduce(0) { max($0, abs($1)) }
    guard largest > 0, largest.isFinite else { return nil }
    for column in 0..<n {
      var pivot = column
      for i in column..<n where abs(lu[i, column]) > abs(lu[pivot, column]) { pivot = i }
      guard abs(lu[pivot, column]) > 1e-14 * largest else { return nil }
      if pivot != column {
        for j in 0..<n { lu.elements.swapAt(column * n + j, pivot * n + j) }
        for j in 0..<solution.columnCount {
          solution.elements.swapAt(column * solution.columnCount + j, pivot * solution.columnCount + j)
        }
      }
      for i in (column + 1)..<n {
        let factor = lu[i, column] / lu[column, column]
        if factor == 0 { continue }
        lu[i, column] = 0
        for j in (column + 1)..<n { lu[i, j] -= factor * lu[column, j] }
        for j in 0..<solution.columnCount { solution[i, j] -= factor * solution[column, j] }
      }
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in 0..<solution.columnCount {
        var value = solution[i, j]
        for k in (i + 1)..<n { value -= lu[i, k] * solution[k, j] }
        solution[i, j] = value / lu[i, i]
      }
    }
    return solution
  }
}
