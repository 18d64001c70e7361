/// The rank R's `qr(A, tol)$rank` gives — LINPACK `dqrdc2`'s decision — taken from the R × R
/// cross-product matrix G = AᵀA instead of a QR decomposition of the n × R matrix A.
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
/// ``ReplicateCrossProducts/relativeError(rowCount:)``, plus the factorization's, (R + 2)·ε):
/// squaring A loses precision where A is ill-conditioned, which is what b measures. The QR's own
/// remaining norms are themselves rounded (its downdating, `1 − (|x_lj|/qraux_j)²` kept above
/// 1e-6, loses up to ~ε·10⁶ relative per step), so near the threshold R's decision is a matter of
/// its rounding. A decision is therefore taken from G only when d_j is beyond the bound AND
/// more than ``closeCallMargin`` (relative) away from tol²·G_jj; otherwise ``rank(crossProduct:count:tolerance:relativeError:)``
/// returns nil and the caller runs the QR (``linpackRank(columnMajor:rowCount:columnCount:tolerance:)``),
/// which repeats R's arithmetic. With tol = 1e-5 the threshold is 1e-10·G_jj while the rounding
/// error of a well-conditioned G is ~1e-13·G_jj: the fallback is for near-collinear replicates
/// whose remaining share is within 0.1 % of the threshold, or for badly conditioned kept columns.
enum CrossProductRank {
  /// How far (relative) the squared remaining norm must be from tol²·‖a_j‖² to be decided from G.
  static let closeCallMargin = 1e-3

  /// The rank of A from G = AᵀA (R × R, row-major), as `dqrdc2` decides it with `tolerance`; nil
  /// when a decision is too close to call (see the type's discussion). Requires more rows than
  /// columns in A (with fewer, `dqrdc2` stops after n columns).
  ///
  /// - Parameter relativeError: a bound on the error of G's entries relative to √(G_ii·G_jj).
  /// - Complexity: O(R³).
  static func rank(crossProduct g: [Double], count p: Int, tolerance: Double, relativeError: Double) -> Int? {
    precondition(g.count == p * p, "an R × R matrix")
    let error = relativeError + Double(p + 2) * Double.ulpOfOne
    // Row c of `factor` holds column c's coefficients ℓ_ck on the kept columns (k = 0..<kept.count);
    // a kept column's own row ends with its pivot ℓ_kk at position k.
    var factor = [Double](repeating: 0, count: p * p)
    var kept: [Int] = []
    var coefficients = [Double](repeating: 0, count: p)
    for column in 0..<p {
      let diagonal = g[column * p + column]
      guard diagonal > 0 else { continue }  // a zero column: moved
      let row = column * p
      var remaining = diagonal
      for (k, pivotColumn) in kept.enumerated() {
        let pivotRow = pivotColumn * p
        var sum = g[row + pivotColumn]
        for m in 0..<k { sum -= factor[row + m] * factor[pivotRow + m] }
        let value = sum / factor[pivotRow + k]
        factor[row + k] = value
        remaining -= value * value
      }
      // b = L_Kᵀ⁻¹ ℓ: the coefficients of the column on the kept columns.
      var scale = diagonal.squareRoot()
      for k in stride(from: kept.count - 1, through: 0, by: -1) {
        var sum = factor[row + k]
        for m in (k + 1)..<kept.count { sum -= factor[kept[m] * p + k] * coefficients[m] }
        coefficients[k] = sum / factor[kept[k] * p + k]
        scale += abs(coefficients[k]) * g[kept[k] * p + kept[k]].squareRoot()
      }
      let bound = 4 * error * scale * scale
      let threshold = tolerance * tolerance * diagonal
      if remaining + bound < threshold * (1 - closeCallMargin) { continue }  // moved
      guard remaining - bound > threshold * (1 + closeCallMargin) else { return nil }
      factor[row + kept.count] = remaining.squareRoot()
      kept.append(column)
    }
    return kept.count
  }
}
