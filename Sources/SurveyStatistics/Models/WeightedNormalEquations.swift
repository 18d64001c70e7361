/// The weighted least-squares coefficients from the normal equations XᵀWX β = XᵀWz, solved by a
/// Cholesky factorization: one pass over the rows (p(p + 1)/2 products each) where a Householder
/// QR makes 2p passes over the whole matrix.
///
/// ``IterativelyReweightedFit`` takes its iterations from here, and R's `glm.fit` takes them from
/// the QR of √W·X. The two agree in exact arithmetic; in floating point the normal equations lose
/// accuracy with the square of X's condition number (Golub & Van Loan 2013, §5.3.7), so the
/// factorization gives up — and the caller uses the QR — as soon as a column is nearly a
/// combination of the earlier ones.
struct WeightedNormalEquations {
  /// β, in the columns' order.
  let coefficients: [Double]
  /// U with XᵀWX = UᵀU: the Cholesky factor, upper triangle of a row-major p × p array (R's R
  /// factor of √W·X up to the signs of its rows).
  let factor: [Double]
  /// The least share of a column's weighted sum of squares left once the earlier columns are
  /// projected out: a pivot of the factorization over its diagonal element, Uⱼⱼ² / (XᵀWX)ⱼⱼ.
  let leastRemainingShare: Double

  /// The smallest share of a column's weighted sum of squares that must remain once the earlier
  /// columns are projected out (a pivot of the factorization over its diagonal element). Below
  /// it the column is too close to collinear for the normal equations, and the QR decides, with
  /// R's tolerance, whether it is aliased.
  static let smallestRemainingShare = 1e-8

  /// The share above which the normal equations are as good as the QR to well below R's digits
  /// (``leastRemainingShare`` at least 10⁻⁴: the column-scaled condition number squared is then
  /// about p·10⁴ at most, so the solution keeps about 11 significant digits), and a fit can end
  /// on them.
  static let shareForFinalStep = 1e-4

  /// Whether the last step of a fit may be taken from these equations rather than from the QR.
  var isWellConditioned: Bool { leastRemainingShare >= Self.shareForFinalStep }

  /// β solving XᵀWX β = XᵀWz over `rows` of X (row-major, `columnCount` columns), with
  /// W = `rootWeights`² and z given per row of `rows` (position by position); `nil` when XᵀWX is
  /// too close to singular (see ``smallestRemainingShare``).
  static func solve(
    x: [Double], columnCount p: Int, rows: [Int], z: [Double], rootWeights: [Double]
  ) -> WeightedNormalEquations? {
    let sums = crossProducts(x: x, columnCount: p, rows: rows, z: z, rootWeights: rootWeights)
    var crossProduct = sums.crossProduct
    var leastShare = 1.0
    // Cholesky: crossProduct = UᵀU, U upper triangular, written over the upper triangle.
    for a in 0..<p {
      let diagonal = crossProduct[a * p + a]
      var pivot = diagonal
      for k in 0..<a { pivot -= crossProduct[k * p + a] * crossProduct[k * p + a] }
      guard diagonal > 0, pivot > diagonal * smallestRemainingShare else { return nil }
      leastShare = min(leastShare, pivot / diagonal)
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
    guard solution.allSatisfy(\.isFinite) else { return nil }
    return WeightedNormalEquations(coefficients: solution, factor: crossProduct, leastRemainingShare: leastShare)
  }

  /// (XᵀWX)⁻¹ = U⁻¹U⁻ᵀ, p × p row-major (R's `summary(glm)$cov.unscaled`, which R computes from the
  /// QR's R factor by `chol2inv`; ``UpperTriangular/inverseCrossProduct(order:element:)``).
  func inverseCrossProduct() -> [Double] {
    let p = coefficients.count
    return UpperTriangular.inverseCrossProduct(order: p) { i, j in factor[i * p + j] }
  }

  /// XᵀWX (upper triangle, row-major p × p) and XᵀWz, eight rows at a time: each sum is kept in
  /// eight lanes (one per row of the block) and the lanes are added at the end, so the products
  /// run as vector operations.
  ///
  /// The rows of XᵀWX are shared out between up to `threads` threads, each passing over all the
  /// rows for its own sums. Which thread takes a sum does not change it: its lanes see the same
  /// rows in the same order, so the digits do not depend on the number of threads.
  static func crossProducts(
    x: [Double], columnCount p: Int, rows: [Int], z: [Double], rootWeights: [Double],
    threads: Int = availableProcessorCount()
  ) -> (crossProduct: [Double], rightSide: [Double]) {
    typealias Lanes = SIMD8<Double>
    var products = [Lanes](repeating: .zero, count: p * p)
    var rightSides = [Lanes](repeating: .zero, count: p)
    let parts = rows.count >= RowBlocks.blockSize ? min(max(threads, 1), p) : 1
    let firstColumns = balancedStarts(columnCount: p, parts: parts)
    x.withUnsafeBufferPointer { x in
      rows.withUnsafeBufferPointer { rows in
        z.withUnsafeBufferPointer { z in
          rootWeights.withUnsafeBufferPointer { rootWeights in
            products.withUnsafeMutableBufferPointer { products in
              rightSides.withUnsafeMutableBufferPointer { rightSides in
                let products = products.baseAddress.unsafelyUnwrapped
                let rightSides = rightSides.baseAddress.unsafelyUnwrapped
                forEachConcurrently(parts, threads: parts) { part in
                  accumulate(
                    rowsOfProduct: firstColumns[part]..<firstColumns[part + 1], x: x, columnCount: p, rows: rows,
                    z: z, rootWeights: rootWeights, products: products, rightSides: rightSides)
                }
              }
            }
          }
        }
      }
    }
    return (products.map { $0.sum() }, rightSides.map { $0.sum() })
  }

  /// Where each thread's rows of XᵀWX begin (and, last, p): row a of the upper triangle holds
  /// p − a sums and needs columns a..<p of each block, so the rows are cut where that work is
  /// shared evenly.
  private static func balancedStarts(columnCount p: Int, parts: Int) -> [Int] {
    let work = (0..<p).map { p - $0 + 1 }
    let total = work.reduce(0, +)
    var starts = [0], done = 0
    for a in 0..<p {
      if starts.count < parts, done * parts >= total * starts.count, a > starts.last.unsafelyUnwrapped { starts.append(a) }
      done += work[a]
    }
    return starts + [p]
  }

  /// Adds to rows `rowsOfProduct` of XᵀWX (`products`, p × p lanes) and of XᵀWz (`rightSides`)
  /// the products of all `rows`, eight at a time.
  private static func accumulate(
    rowsOfProduct: Range<Int>, x: UnsafeBufferPointer<Double>, columnCount p: Int, rows: UnsafeBufferPointer<Int>,
    z: UnsafeBufferPointer<Double>, rootWeights: UnsafeBufferPointer<Double>,
    products: UnsafeMutablePointer<SIMD8<Double>>, rightSides: UnsafeMutablePointer<SIMD8<Double>>
  ) {
    typealias Lanes = SIMD8<Double>
    guard !rowsOfProduct.isEmpty else { return }
    let first = rowsOfProduct.lowerBound
    // √W·X of the block's rows for columns first..<p, one vector per column.
    let block = UnsafeMutablePointer<Lanes>.allocate(capacity: p)
    defer { block.deallocate() }
    let matrix = x.baseAddress.unsafelyUnwrapped
    var start = 0
    while start < rows.count {
      let count = min(Lanes.scalarCount, rows.count - start)
      var rootWeight = Lanes.zero, weightedZ = Lanes.zero
      if count == Lanes.scalarCount {
        // A full block, its vectors built whole (setting one lane at a time goes through memory).
        rootWeight = Lanes(
          rootWeights[start], rootWeights[start + 1], rootWeights[start + 2], rootWeights[start + 3],
          rootWeights[start + 4], rootWeights[start + 5], rootWeights[start + 6], rootWeights[start + 7])
        weightedZ = rootWeight * Lanes(
          z[start], z[start + 1], z[start + 2], z[start + 3], z[start + 4], z[start + 5], z[start + 6], z[start + 7])
        let r0 = matrix + rows[start] * p, r1 = matrix + rows[start + 1] * p
        let r2 = matrix + rows[start + 2] * p, r3 = matrix + rows[start + 3] * p
        let r4 = matrix + rows[start + 4] * p, r5 = matrix + rows[start + 5] * p
        let r6 = matrix + rows[start + 6] * p, r7 = matrix + rows[start + 7] * p
        for a in first..<p {
          block[a] = Lanes(r0[a], r1[a], r2[a], r3[a], r4[a], r5[a], r6[a], r7[a]) * rootWeight
        }
      } else {
        for lane in 0..<count {
          rootWeight[lane] = rootWeights[start + lane]
          weightedZ[lane] = rootWeight[lane] * z[start + lane]
        }
        for a in first..<p {
          var column = Lanes.zero
          for lane in 0..<count { column[lane] = x[rows[start + lane] * p + a] }
          block[a] = column * rootWeight
        }
      }
      for a in rowsOfProduct {
        let left = block[a]
        rightSides[a] += left * weightedZ
        for b in a..<p { products[a * p + b] += left * block[b] }
      }
      start += count
    }
  }
}
