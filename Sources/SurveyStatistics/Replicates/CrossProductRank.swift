/// The rank R's `qr(A, tol)$rank` gives — LINPACK `dqrdc2`'s decision — taken from the R × R
/// cross-product matrix G = AᵀA instead of a QR decomposition of the n × R matrix A, with the
/// data themselves deciding a column the cross products cannot.
///
/// `dqrdc2` takes the columns in order; a column whose remaining norm, once the columns kept
/// before it are projected out, is below `tol` times its original norm ‖a_j‖ is moved to the end
/// and left out of the rank (a zero column always is). Each column is tested exactly once, against
/// the columns kept before it. The squared remaining norm is the diagonal element of the Schur
/// complement, d_j = G_jj − g_jᵀ G_K⁻¹ g_j (K the columns kept so far), which a Cholesky
/// factorization of G in the same column order produces; and ‖a_j‖² = G_jj. So column j is moved
/// exactly when d_j < tol²·G_jj (Golub & Van Loan 2013, §5.4.2 on rank-revealing QR and the
/// Cholesky factor of AᵀA being Rᵀ R up to signs).
///
/// In floating point the two routes disagree only near the threshold. The rounding error of d_j
/// from G is at most about ε_G·(√G_jj + Σ_k |b_k|·√G_kk)², with b = G_K⁻¹ g_j the coefficients of
/// column j on the kept ones and ε_G the relative error of G's entries (the accumulation's, see
/// ``ReplicateCrossProducts/relativeError(rowCount:)``, plus the factorization's, (R + 2)·ε; to
/// first order, d_j = min over x with x_j = 1 of xᵀGx moves by x*ᵀ ΔG x* for x* = (−b, 1), and
/// |ΔG_ik| ≤ ε_G·√(G_ii·G_kk); Higham 2002, Theorem 10.3, for the factorization's backward error).
/// Squaring A loses precision where A is ill-conditioned, which is what b measures. The QR's own
/// remaining norms are themselves rounded (its downdating, `1 − (|x_lj|/qraux_j)²` kept above
/// 1e-6, loses up to ~ε·10⁶ relative per step), so near the threshold R's decision is a matter of
/// its rounding. A decision is therefore taken from G only when d_j is beyond four times the bound
/// AND more than ``closeCallMargin`` (relative) away from tol²·G_jj.
///
/// A column G cannot decide is *doubtful*: ``advance()`` stops at it and hands back its
/// coefficients b on the kept columns (a ``ColumnResidualRequest``); one pass over the rows
/// (``ReplicateColumnResiduals``) computes its residual r̂ = a_j − A_K·b from the data, with
/// A_Kᵀr̂, and ``decide(_:)`` settles the column from them (the bounds are in its discussion) —
/// moved, kept, or, when even the data leave it within ``closeCallMargin`` of the threshold,
/// undecided, and the caller runs the QR
/// (``linpackRank(columnMajor:rowCount:columnCount:tolerance:)``), which repeats R's arithmetic.
/// The sequence then continues exactly as `dqrdc2`'s: a moved column is not tested again, and
/// the later columns are tested against the kept ones.
///
/// With tol = 1e-5 the threshold is 1e-10·G_jj while the rounding error of a well-conditioned G
/// is ~1e-13·G_jj: the data are needed for columns that depend on the others with large
/// coefficients (successive-difference replicates are rank R − 1, the last column a combination of
/// the others with coefficients up to 73 on the ACS-like benchmark file), and the QR only for
/// columns within 0.1 % of the threshold.
///
/// A database takes its ranks from the same sequence (``ReplicateRankDecision``), the cross
/// products and the residuals summed by the database; for a group of n ≤ R rows it gives the
/// number of rows (``init(crossProduct:count:tolerance:relativeError:rowCount:)``).
package struct CrossProductRank: Sendable {
  /// How far (relative) the squared remaining norm must be from tol²·‖a_j‖² to be decided.
  static let closeCallMargin = 1e-3

  /// What ``advance()`` reached.
  package enum Step: Equatable {
    /// Every column is decided: the rank.
    case decided(rank: Int)
    /// The column G cannot decide, with what the data must compute for it.
    case doubtful(ColumnResidualRequest)
  }

  /// How the data settled a doubtful column.
  package enum Decision: Equatable {
    case moved, kept
    /// Within ``CrossProductRank/closeCallMargin`` of the threshold even from the data, or kept
    /// with no positive remaining norm in G to go on from: the QR must decide.
    case tooClose
  }

  /// The number of columns R.
  package let count: Int
  let tolerance: Double
  /// G = AᵀA, R × R, row-major.
  private let crossProduct: [Double]
  /// ε_G plus the factorization's (R + 2)·ε.
  private let error: Double
  /// Row c holds column c's coefficients ℓ_ck on the kept columns (k = 0..<kept.count); a kept
  /// column's own row ends with its pivot ℓ_kk at position k.
  private var factor: [Double]
  /// The columns kept so far, in order.
  private(set) var kept: [Int] = []
  /// The most columns kept: the rows of A when fewer than R (`dqrdc2` stops after n columns).
  private let mostKept: Int
  /// The next column to test.
  private var column = 0
  /// The doubtful column's squared remaining norm from G, while it waits for the data.
  private var pendingRemaining: Double?

  /// Starts `dqrdc2`'s sequence on G = AᵀA (R × R, row-major), `relativeError` bounding the error
  /// of G's entries relative to √(G_ii·G_kk).
  ///
  /// `rowCount` is A's number of rows n when it may be R or fewer (nil: more than R). `dqrdc2`
  /// then tests the columns as before but stops once n are kept (its loop runs over
  /// min(n, R) positions, and its rank is min(k − 1, n)): the sequence stops there too, where the
  /// columns left would have a remaining norm of zero in exact arithmetic and rounding alone in G.
  package init(crossProduct g: [Double], count p: Int, tolerance: Double, relativeError: Double, rowCount: Int? = nil) {
    precondition(g.count == p * p, "an R × R matrix")
    count = p
    mostKept = min(rowCount ?? p, p)
    self.tolerance = tolerance
    crossProduct = g
    error = relativeError + Double(p + 2) * Double.ulpOfOne
    factor = [Double](repeating: 0, count: p * p)
  }

  /// The rank of A from G alone; nil when a column is doubtful (the data or the QR must decide).
  ///
  /// - Complexity: O(R³).
  static func rank(crossProduct g: [Double], count p: Int, tolerance: Double, relativeError: Double) -> Int? {
    var sequence = CrossProductRank(crossProduct: g, count: p, tolerance: tolerance, relativeError: relativeError)
    guard case .decided(let rank) = sequence.advance() else { return nil }
    return rank
  }

  /// Tests the columns in order from the next one, until all are decided or one is doubtful.
  ///
  /// - Precondition: no doubtful column waits for ``decide(_:)``.
  package mutating func advance() -> Step {
    precondition(pendingRemaining == nil, "a doubtful column waits for the data")
    let p = count
    while column < p && kept.count < mostKept {
      let diagonal = crossProduct[column * p + column]
      guard diagonal > 0 else {  // a zero column: moved
        column += 1
        continue
      }
      let row = column * p
      var remaining = diagonal
      for (k, pivotColumn) in kept.enumerated() {
        let pivotRow = pivotColumn * p
        var sum = crossProduct[row + pivotColumn]
        for m in 0..<k { sum -= factor[row + m] * factor[pivotRow + m] }
        let value = sum / factor[pivotRow + k]
        factor[row + k] = value
        remaining -= value * value
      }
      // b = L_Kᵀ⁻¹ ℓ: the coefficients of the column on the kept columns.
      let coefficients = solveTransposed(Array(factor[row..<(row + kept.count)]))
      var scale = diagonal.squareRoot()
      for (k, pivotColumn) in kept.enumerated() {
        scale += abs(coefficients[k]) * crossProduct[pivotColumn * p + pivotColumn].squareRoot()
      }
      let bound = 4 * error * scale * scale
      let threshold = tolerance * tolerance * diagonal
      if remaining + bound < threshold * (1 - Self.closeCallMargin) {  // moved
        column += 1
        continue
      }
      guard remaining - bound > threshold * (1 + Self.closeCallMargin) else {
        pendingRemaining = remaining
        return .doubtful(ColumnResidualRequest(column: column, kept: kept, coefficients: coefficients))
      }
      factor[row + kept.count] = remaining.squareRoot()
      kept.append(column)
      column += 1
    }
    return .decided(rank: kept.count)
  }

  /// The sequence as ``decide(_:)`` leaves it when the data move the doubtful column (the usual
  /// outcome for a column that depends on the others, as exactly rank-deficient replicates do):
  /// its ``advance()`` hands out the next doubtful column with the very coefficients the
  /// sequence itself will hand out once the column is moved, so that one pass over the rows can
  /// compute both residuals (a database's `ReplicateRankPlan` speculates so).
  ///
  /// - Precondition: ``advance()`` returned ``Step/doubtful(_:)`` and no decision was taken since.
  package func assumingMoved() -> CrossProductRank {
    precondition(pendingRemaining != nil, "no doubtful column")
    var moved = self
    moved.pendingRemaining = nil
    moved.column += 1
    return moved
  }

  /// Settles the doubtful column from its residual on the kept columns, computed from the data,
  /// and moves on to the next column (unless the result is ``Decision/tooClose``).
  ///
  /// Let A_K be the kept columns, b the coefficients handed out with the request (any vector: b
  /// need not be accurate), τ the tolerance, and ρ = dist(a_j, span A_K) the remaining norm
  /// `dqrdc2` compares with τ‖a_j‖. The pass computed, in floating point:
  ///
  /// - r̂_i = fl(a_ij − Σ_k b_k·a_ik), a dot product of length K + 1, so
  ///   |r̂_i − r_i| ≤ γ_{K+1}·(|a_ij| + Σ_k |b_k|·|a_ik|) for r = a_j − A_K·b, γ_n = nε/(1 − nε)
  ///   (Higham 2002, §3.1, (3.5)); by the triangle inequality ‖r̂ − r‖ ≤ η = γ_{K+1}·(‖a_j‖ +
  ///   Σ_k |b_k|·‖a_k‖), the norms from G's diagonal (times 1 + ε_G).
  /// - s = Σ r̂_i² and c = A_Kᵀ r̂, sums whose longest chain of additions is m
  ///   (``ReplicateColumnResiduals/relativeError(rowCount:)`` gives γ_m): |s − ‖r̂‖²| ≤ γ_m·‖r̂‖²
  ///   and |c_k − a_kᵀr̂| ≤ γ_m·Σ_i |a_ik·r̂_i| ≤ γ_m·‖a_k‖·‖r̂‖ (Cauchy–Schwarz).
  ///
  /// Since a_j − r lies in span A_K, ρ = dist(r, span A_K), which differs from dist(r̂, span A_K)
  /// by at most ‖r − r̂‖ ≤ η. And dist(r̂, span A_K)² = ‖r̂‖² − ĉᵀG_K⁻¹ĉ (ĉ = A_Kᵀr̂) is the
  /// last pivot of the Cholesky factorization of the Gram matrix of [A_K, r̂]: with L_K, G_K's
  /// factor from ``advance()``, w = L_K⁻¹c and d̂ = s − ‖w‖² — one step of iterative refinement:
  /// δ = L_K⁻ᵀw are r̂'s coefficients on A_K, b + δ the refined coefficients of a_j. The bound of
  /// the type's discussion, applied to that Gram matrix (entries in error by ε_G for G_K and γ_m
  /// for c and s, relative), gives |d̂ − dist(r̂, span A_K)²| ≤ β = 4·ε'·(‖r̂‖ + Σ_k |δ_k|·√G_kk)²,
  /// ε' = max(ε_G, γ_m) + (K + 2)ε. Because r̂ is already nearly orthogonal to A_K, δ is small and
  /// so is β, however large b is: the ill-conditioning that defeats G alone is gone. Hence
  ///
  ///   √max(0, d̂ − β) − η ≤ ρ ≤ min(√(s/(1 − γ_m)), √(d̂ + β)) + η,
  ///
  /// the first upper bound free of any first-order argument. The column is moved when the upper
  /// bound squared is below τ²·G_jj·(1 − ε_G)·(1 − margin), kept when the lower bound squared is
  /// above τ²·G_jj·(1 + ε_G)·(1 + margin), margin = ``closeCallMargin``; otherwise too close.
  /// A kept column joins the factor with its pivot from G (so that L stays the Cholesky factor
  /// of G + ΔG, whose backward error the later bounds assume); if G left it no positive
  /// remaining norm, the sequence cannot go on from G and the QR decides.
  ///
  /// - Precondition: ``advance()`` returned ``Step/doubtful(_:)`` and `residual` answers it.
  package mutating func decide(_ residual: ColumnResidual) -> Decision {
    guard let remaining = pendingRemaining else { preconditionFailure("no doubtful column") }
    let p = count, row = column * p
    let diagonal = crossProduct[row + column]
    let sumError = residual.relativeError
    let normSlack = (1 + error).squareRoot()
    // η: the rounding of the residual's entries, in norm.
    var entryScale = diagonal.squareRoot()
    for (k, pivotColumn) in kept.enumerated() {
      entryScale += abs(residual.coefficients[k]) * crossProduct[pivotColumn * p + pivotColumn].squareRoot()
    }
    let gamma = Double(kept.count + 1) * Double.ulpOfOne / (1 - Double(kept.count + 1) * Double.ulpOfOne)
    let eta = gamma * entryScale * normSlack
    // The refinement: w = L_K⁻¹c, d̂ = s − ‖w‖², δ = L_K⁻ᵀw.
    let w = solve(residual.products)
    let refined = residual.squaredNorm - w.reduce(0) { $0 + $1 * $1 }
    let delta = solveTransposed(w)
    let residualNorm = (residual.squaredNorm / (1 - sumError)).squareRoot()
    var refinedScale = residualNorm
    for (k, pivotColumn) in kept.enumerated() {
      refinedScale += abs(delta[k]) * crossProduct[pivotColumn * p + pivotColumn].squareRoot()
    }
    let beta = 4 * (max(error, sumError) + Double(kept.count + 2) * Double.ulpOfOne) * refinedScale * refinedScale
    let upper = min(residualNorm, max(refined + beta, 0).squareRoot()) + eta
    let lower = max(max(refined - beta, 0).squareRoot() - eta, 0)
    let threshold = tolerance * tolerance * diagonal
    pendingRemaining = nil
    if upper * upper < threshold * (1 - error) * (1 - Self.closeCallMargin) {
      column += 1
      return .moved
    }
    guard lower * lower > threshold * (1 + error) * (1 + Self.closeCallMargin), remaining > 0 else {
      return .tooClose
    }
    factor[row + kept.count] = remaining.squareRoot()
    kept.append(column)
    column += 1
    return .kept
  }

  /// L_K⁻¹·v by forward substitution (v has one entry per kept column).
  private func solve(_ v: [Double]) -> [Double] {
    let p = count
    var x = v
    for (k, pivotColumn) in kept.enumerated() {
      let pivotRow = pivotColumn * p
      var sum = x[k]
      for m in 0..<k { sum -= factor[pivotRow + m] * x[m] }
      x[k] = sum / factor[pivotRow + k]
    }
    return x
  }

  /// L_K⁻ᵀ·v by back substitution.
  private func solveTransposed(_ v: [Double]) -> [Double] {
    let p = count
    var x = v
    for k in stride(from: kept.count - 1, through: 0, by: -1) {
      var sum = x[k]
      for m in (k + 1)..<kept.count { sum -= factor[kept[m] * p + k] * x[m] }
      x[k] = sum / factor[kept[k] * p + k]
    }
    return x
  }
}
