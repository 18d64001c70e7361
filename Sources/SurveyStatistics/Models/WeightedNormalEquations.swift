/// The weighted least-squares coefficients from the normal equations XᵀWX β = XᵀWz, solved by a
/// Cholesky factorization: one pass over the rows (p(p + 1)/2 products each) where a Householder
/// QR makes 2p passes over the whole matrix.
///
/// ``IterativelyReweightedFit`` takes its intermediate iterations from here and only the last one
/// from the QR, as R's `glm.fit` does every iteration. The two agree in exact arithmetic; in
/// floating point the normal equations lose accuracy with the square of X's condition number
/// (Golub & Van Loan 2013, §5.3.7), so the factorization gives up — and the caller uses the QR —
/// as soon as a column is nearly a combination of the earlier ones.
struct WeightedNormalEquations {
  /// The smallest share of a column's weighted sum of squares that must remain once the earlier
  /// columns are projected out (a pivot of the factorization over its diagonal element). Below
  /// it the column is too close to collinear for the normal equations, and the QR decides, with
  /// R's tolerance, whether it is aliased.
  static let smallestRemainingShare = 1e-8

  /// β solving XᵀWX β = XᵀWz over `rows` of X (row-major, `columnCount` columns), with
  /// W = `rootWeights`² and z given per row of `rows` (position by position); `nil` when XᵀWX is
  /// too close to singular (see ``smallestRemainingShare``).
  static func solve(x: [Double], columnCount p: Int, rows: [Int], z: [Double], rootWeights: [Double]) -> [Double]? {
    let sums = crossProducts(x: x, columnCount: p, rows: rows, z: z, rootWeights: rootWeights)
    var crossProduct = sums.crossProduct
    // Cholesky: crossProduct = UᵀU, U upper triangular, written over the upper triangle.
    for a in 0..<p {
      let diagonal = crossProduct[a * p + a]
      var pivot = diagonal
      for k in 0..<a { pivot -= crossProduct[k * p + a] * crossProduct[k * p + a] }
      guard diagonal > 0, pivot > diagonal * smallestRemainingShare else { return nil }
      let root = pivot.squareRoot()
      crossProduct[a * p + a] = root
      for b in (a + 1)..<p {
        var sum = crossProduct[a * p + b]
        for k in 0..<a { sum -= crossProduct[k * p + a] * crossProduct[k * p + b] }
        crossProduct[a * p + b] = sum / root
      }
    }
    // Uᵀy = XᵀWz, then Uβ = y.
    var solution = sums.rightSide
    for a in 0..<p {
      var sum = solution[a]
      for k in 0..<a { sum -= crossProduct[k * p + a] * solution[k] }
      solution[a] = sum / crossProduct[a * p + a]
    }
    for a in stride(from: p - 1, through: 0, by: -1) {
      var sum = solution[a]
      for k in (a + 1)..<p { sum -= crossProduct[a * p + k] * solution[k] }
      solution[a] = sum / crossProduct[a * p + a]
    }
    return solution.allSatisfy(\.isFinite) ? solution : nil
  }

  /// XᵀWX (upper triangle, row-major p × p) and XᵀWz, eight rows at a time: each sum is kept in
  /// eight lanes (one per row of the block) and the lanes are added at the end, so the products
  /// run as vector operations.
  static func crossProducts(
    x: [Double], columnCount p: Int, rows: [Int], z: [Double], rootWeights: [Double]
  ) -> (crossProduct: [Double], rightSide: [Double]) {
    typealias Lanes = SIMD8<Double>
    var products = [Lanes](repeating: .zero, count: p * p)
    var rightSides = [Lanes](repeating: .zero, count: p)
    var block = [Lanes](repeating: .zero, count: p)  // √W·X of the block's rows, one vector per column
    x.withUnsafeBufferPointer { x in
      products.withUnsafeMutableBufferPointer { products in
        rightSides.withUnsafeMutableBufferPointer { rightSides in
          block.withUnsafeMutableBufferPointer { block in
            var start = 0
            while start < rows.count {
              let count = min(Lanes.scalarCount, rows.count - start)
              var rootWeight = Lanes.zero, weightedZ = Lanes.zero
              for lane in 0..<count {
                rootWeight[lane] = rootWeights[start + lane]
                weightedZ[lane] = rootWeight[lane] * z[start + lane]
              }
              for a in 0..<p {
                var column = Lanes.zero
                for lane in 0..<count { column[lane] = x[rows[start + lane] * p + a] }
                block[a] = column * rootWeight
              }
              for a in 0..<p {
                let left = block[a]
                rightSides[a] += left * weightedZ
                for b in a..<p { products[a * p + b] += left * block[b] }
              }
              start += count
            }
          }
        }
      }
    }
    return (products.map { $0.sum() }, rightSides.map { $0.sum() })
  }
}
