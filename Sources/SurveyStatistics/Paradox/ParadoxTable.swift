import RealModule

/// The weighted concern × action table of one domain, its estimates, and the linearization of
/// every measure.
///
/// Cells are indexed 2·C + A: 0 = neither, 1 = acting only, 2 = concerned only, 3 = both. Every
/// measure θ is a smooth function of the four Hájek cell shares p_k = W_k / N̂, so its influence
/// value for respondent i in cell k(i) is zᵢ = wᵢ·a_θ[k(i)], with
/// a_θ[k] = (∂θ/∂p_k − Σⱼ ∂θ/∂pⱼ·pⱼ) / N̂ — the delta method applied to the cell indicators'
/// influence wᵢ(1[k(i) = k] − p_k)/N̂ (Woodruff 1971; R's `svycontrast` on `svymean` of the cells).
struct ParadoxTable {
  /// Unweighted respondents per cell.
  var counts = [Int](repeating: 0, count: 4)
  /// Σw per cell.
  var weights = [Double](repeating: 0, count: 4)

  /// The statistics, in the column order of ``influenceCoefficients``.
  enum Statistic: Int, CaseIterable {
    case concerned, acting, paradoxShare, gap, inaction, phi, logOddsRatio
  }

  var respondents: Int { counts.reduce(0, +) }
  /// N̂ = Σw, summed symmetrically in concern and action so that swapping them changes no bit.
  var total: Double { (weights[0] + weights[3]) + (weights[1] + weights[2]) }
  /// p_k.
  var shares: [Double] { weights.map { $0 / total } }
  /// Respondents who are concerned.
  var concernedRespondents: Int { counts[2] + counts[3] }

  /// The point estimate of every statistic.
  var estimates: [Double] {
    let n = total
    let concerned = (weights[3] + weights[2]) / n
    let acting = (weights[3] + weights[1]) / n
    let (p00, p01, p10, p11) = (weights[0] / n, weights[1] / n, weights[2] / n, weights[3] / n)
    let product = concerned * (p01 + p00) * acting * (p10 + p00)
    return [
      concerned, acting, p10, concerned - acting, weights[2] / (weights[3] + weights[2]),
      (p11 * p00 - p10 * p01) / product.squareRoot(),
      Double.log(p11 * p00 / (p10 * p01)),
    ]
  }

  /// a_θ[k] for every statistic θ (four per statistic, cells in index order); `nil` when θ or a
  /// derivative is not finite (an empty cell for the odds ratio, nobody concerned for the ratio).
  var influenceCoefficients: [[Double]?] {
    let n = total
    let p = shares
    let (p00, p01, p10, p11) = (p[0], p[1], p[2], p[3])
    let concerned = p11 + p10, notConcerned = p01 + p00
    let acting = p11 + p01, notActing = p10 + p00
    let product = concerned * notConcerned * acting * notActing
    let phi = (p11 * p00 - p10 * p01) / product.squareRoot()
    // φ = N/√P with N = p₁₁p₀₀ − p₁₀p₀₁ and P = P(C)(1−P(C))P(A)(1−P(A)), so
    // ∂φ/∂p_k = ∂N/∂p_k / √P − φ·∂P/∂p_k / (2P).
    let numeratorGradient = [p11, -p10, -p01, p00]
    let productGradient = [
      concerned * acting * (notActing + notConcerned),   // p₀₀
      concerned * notActing * (acting + notConcerned),   // p₀₁
      notConcerned * acting * (notActing + concerned),   // p₁₀
      notConcerned * notActing * (acting + concerned),   // p₁₁
    ]
    let phiGradient = (0..<4).map { k in
      numeratorGradient[k] / product.squareRoot() - phi * productGradient[k] / (2 * product)
    }
    // The ratio p₁₀ / P(C): zᵢ = wᵢ(yᵢ − R̂xᵢ)/Σwx with y = 1[cell 2], x = C.
    let concernedWeight = weights[3] + weights[2]
    let ratio = weights[2] / concernedWeight
    let gradients: [[Double]] = [
      [0, 0, 1, 1],                          // P(C)
      [0, 1, 0, 1],                          // P(A)
      [0, 0, 1, 0],                          // p₁₀
      [0, -1, 1, 0],                         // P(C) − P(A)
      [0, 0, 1 - ratio, -ratio].map { $0 * n / concernedWeight },  // R̂ = p₁₀ / P(C)
      phiGradient,
      [1 / p00, -1 / p01, -1 / p10, 1 / p11], // log OR
    ]
    return gradients.map { gradient in
      let centre = zip(gradient, p).reduce(0) { $0 + $1.0 * $1.1 }
      let row = gradient.map { ($0 - centre) / n }
      return row.allSatisfy(\.isFinite) ? row : nil
    }
  }
}
