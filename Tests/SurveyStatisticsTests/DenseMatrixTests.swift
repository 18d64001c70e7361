import Testing

@testable import SurveyStatistics

/// The small dense linear algebra of the Rao–Scott correction, and the correction itself on a
/// case whose answer is known exactly.
@Suite struct DenseMatrixTests {
  @Test func productTransposeAndTrace() {
    let a = DenseMatrix(rows: [[1, 2, 3], [4, 5, 6]])
    let b = DenseMatrix(rows: [[7, 8], [9, 10], [11, 12]])
    #expect(a * b == DenseMatrix(rows: [[58, 64], [139, 154]]))
    #expect(a.transposed == DenseMatrix(rows: [[1, 4], [2, 5], [3, 6]]))
    #expect((a * b).trace == 212)
    #expect(a.scalingRows(by: [2, -1]) == DenseMatrix(rows: [[2, 4, 6], [-4, -5, -6]]))
  }

  @Test func solvesASystemThatNeedsPivoting() throws {
    // The first pivot is 0: without row exchanges the elimination would divide by zero.
    let a = DenseMatrix(rows: [[0, 2, 1], [1, 1, 1], [2, 1, 3]])
    let x = DenseMatrix(rows: [[1, -2], [2, 0.5], [-1, 4]])
    let solution = try #require(a.solving(a * x))
    for (found, expected) in zip(solution.elements, x.elements) {
      #expect(abs(found - expected) < 1e-14)
    }
  }

  @Test func singularSystemHasNoSolution() {
    let a = DenseMatrix(rows: [[1, 2], [2, 4]])
    #expect(a.solving(DenseMatrix(rows: [[1], [1]])) == nil)
    #expect(DenseMatrix(rowCount: 2, columnCount: 2).solving(DenseMatrix(rows: [[1], [1]])) == nil)
  }

  @Test func residualsAreOrthogonalToTheBasisAndVanishOnIt() {
    let x = DenseMatrix(rows: [[1, 0.5], [1, -1], [1, 2], [1, 3], [1, -0.25]])
    let y = DenseMatrix(rows: [[2, 1], [0, 1], [5, 1], [-1, 1], [3, 1]])
    let residuals = x.residuals(ofProjecting: y)
    let crossProducts = x.transposed * residuals
    for value in crossProducts.elements { #expect(abs(value) < 1e-13) }
    // The second response is the intercept column itself: its residual is zero.
    for row in 0..<5 { #expect(abs(residuals[row, 1]) < 1e-15) }
    // Least squares by hand for the first response: slope and intercept from the normal equations.
    let xs = [0.5, -1, 2, 3, -0.25], ys = [2.0, 0, 5, -1, 3]
    let meanX = xs.reduce(0, +) / 5, meanY = ys.reduce(0, +) / 5
    let slope = zip(xs, ys).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
      / xs.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
    for row in 0..<5 {
      let fitted = meanY + slope * (xs[row] - meanX)
      #expect(abs(residuals[row, 0] - (ys[row] - fitted)) < 1e-14)
    }
  }

  @Test func dependentBasisColumnsAreSkipped() {
    // The third column is the sum of the first two; the projection is onto a plane.
    let x = DenseMatrix(rows: [[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 0, 2]])
    let y = DenseMatrix(rows: [[1], [2], [0], [1]])
    let full = DenseMatrix(rows: [[1, 0], [0, 1], [1, 1], [2, 0]]).residuals(ofProjecting: y)
    let reduced = x.residuals(ofProjecting: y)
    for (a, b) in zip(full.elements, reduced.elements) { #expect(abs(a - b) < 1e-14) }
  }

  /// The interaction contrasts of a two-way layout, after projection on the main effects, are the
  /// doubly centred interaction dummies: y_rc − ȳ_r· − ȳ_·c + ȳ_··.
  @Test func interactionContrastsAreDoublyCentred() {
    let rows = 3, columns = 4
    let contrasts = RaoScottComputation.interactionContrasts(rowCount: rows, columnCount: columns)
    #expect(contrasts.rowCount == 12 && contrasts.columnCount == 6)
    for r in 1..<rows {
      for c in 1..<columns {
        let column = (r - 1) + (rows - 1) * (c - 1)
        for cellRow in 0..<rows {
          for cellColumn in 0..<columns {
            let dummy = cellRow == r && cellColumn == c ? 1.0 : 0
            let rowMean = cellRow == r ? 1.0 / Double(columns) : 0
            let columnMean = cellColumn == c ? 1.0 / Double(rows) : 0
            let expected = dummy - rowMean - columnMean + 1.0 / Double(rows * columns)
            #expect(abs(contrasts[cellRow + rows * cellColumn, column] - expected) < 1e-14)
          }
        }
      }
    }
  }

  /// Under multinomial sampling of N respondents, V̂ = (diag(p) − ppᵀ)/N, every generalized design
  /// effect is 1: Δ̂ = I, so tr Δ̂ = d₀ = (r − 1)(c − 1) (Rao & Scott 1984).
  @Test func simpleRandomSamplingHasUnitDesignEffects() throws {
    let p = [0.10, 0.15, 0.05, 0.20, 0.05, 0.10, 0.25, 0.10]  // 2 rows × 4 columns, rows fastest
    let n = 500.0
    var covariance = [Double](repeating: 0, count: 64)
    for i in 0..<8 {
      for j in 0..<8 { covariance[i * 8 + j] = ((i == j ? p[i] : 0) - p[i] * p[j]) / n }
    }
    let delta = try #require(RaoScottComputation.designEffectMatrix(
      proportions: p, covariance: covariance, rowCount: 2, columnCount: 4, sampleSize: n))
    #expect(delta.rowCount == 3)
    for i in 0..<3 {
      for j in 0..<3 { #expect(abs(delta[i, j] - (i == j ? 1 : 0)) < 1e-12) }
    }
  }

  @Test func pearsonStatisticOfAKnownTable() {
    // Counts [[10, 20], [30, 40]] as proportions of 100: X² = 0.7936507936507936 (chisq.test).
    let pearson = RaoScottComputation.pearson(
      proportions: [0.1, 0.3, 0.2, 0.4], rowCount: 2, columnCount: 2, sampleSize: 100)
    #expect(abs(pearson.statistic - 0.7936507936507936) < 1e-14)
    #expect(pearson.degreesOfFreedom == 1)
    // A row without respondents is left out of the table, as svytable does.
    let withEmptyRow = RaoScottComputation.pearson(
      proportions: [0.1, 0, 0.3, 0.2, 0, 0.4], rowCount: 3, columnCount: 2, sampleSize: 100)
    #expect(abs(withEmptyRow.statistic - 0.7936507936507936) < 1e-14)
    #expect(withEmptyRow.degreesOfFreedom == 1)
  }
}
