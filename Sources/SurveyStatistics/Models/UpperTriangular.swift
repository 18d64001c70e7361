/// Upper-triangular factors of a model's cross product XᵀWX: the R of the QR of √W·X, or the U of
/// the Cholesky factorization of the normal equations (the same matrix up to the signs of its rows).
enum UpperTriangular {
  /// (RᵀR)⁻¹ = R⁻¹R⁻ᵀ, row-major `order` × `order` (R's `chol2inv`): the unscaled covariance
  /// (XᵀWX)⁻¹ of a model. R⁻¹ is found column by column by back substitution, then multiplied by
  /// its transpose.
  ///
  /// - Parameter element: R's element in row i and column j, for i ≤ j.
  static func inverseCrossProduct(order r: Int, element: (_ row: Int, _ column: Int) -> Double) -> [Double] {
    // R⁻¹, upper triangular.
    var inverse = [Double](repeating: 0, count: r * r)
    for j in 0..<r {
      inverse[j * r + j] = 1 / element(j, j)
      for i in stride(from: j - 1, through: 0, by: -1) {
        var sum = 0.0
        for m in (i + 1)...j { sum += element(i, m) * inverse[m * r + j] }
        inverse[i * r + j] = -sum / element(i, i)
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
