/// One calibration of the weights, kept with the design so that the variance can account for it:
/// what R survey stores in `design$postStrata` (`R/survey.R::postStratify.survey.design`,
/// `R/surveyrep.R::rake`) and uses in `svyrecvar()` (`R/multistage.R`).
struct Calibration: Sendable {
  /// One margin (or the post-strata): the cell of every row and the weights right after the
  /// weights were adjusted to it.
  struct Margin: Sendable {
    /// The cell of each row, an index into the margin's cells.
    let cellOfRow: [Int32]
    /// The number of cells.
    let cellCount: Int
    /// The weights after adjusting to this margin (R's `attr(index, "weights")`).
    let weights: [Double]
  }

  enum Kind: Sendable {
    /// Post-stratification, with the weights before it (R's `attr(index, "oldweights")`).
    case postStratification(oldWeights: [Double])
    /// Raking: the margins of the last sweep, in order (R's `"raking"` class).
    case raking
  }

  let kind: Kind
  let margins: [Margin]

  /// The number of cycles over the margins of a raking, as R's `svyrecvar` (`for (iterations in 1:10)`).
  static let rakingProjectionCycles = 10

  /// Replaces row-level influence values z (n × k, row-major) by their residuals from the
  /// calibration, exactly as R's `svyrecvar()`:
  /// - post-stratification: z ← z − w·m_g, with m_g = Σ_{i∈g} w⁰ᵢ zᵢ/wᵢ / Σ_{i∈g} w⁰ᵢ, where w⁰ are
  ///   the weights before and w after post-stratification (rows with w = w⁰ = 0 use w = 1);
  /// - raking: ten cycles of z ← z − w·ave_g(z/w) over the margins in order, where ave_g is the
  ///   unweighted mean over the rows of cell g and w are the weights right after that margin was
  ///   fitted in the last sweep.
  ///
  /// - Complexity: O(n·k) for a post-stratification, O(10·m·n·k) for a raking on m margins.
  func project(_ influence: inout [Double], statisticCount k: Int) {
    switch kind {
    case .postStratification(let oldWeights):
      let margin = margins[0]
      var weighted = [Double](repeating: 0, count: margin.cellCount * k)
      var oldTotal = [Double](repeating: 0, count: margin.cellCount)
      var adjusted = margin.weights
      for row in adjusted.indices where adjusted[row] == 0 && oldWeights[row] == 0 { adjusted[row] = 1 }
      for row in adjusted.indices {
        let cell = Int(margin.cellOfRow[row])
        oldTotal[cell] += oldWeights[row]
        let factor = oldWeights[row] / adjusted[row]
        for j in 0..<k { weighted[cell * k + j] += influence[row * k + j] * factor }
      }
      for row in adjusted.indices {
        let cell = Int(margin.cellOfRow[row])
        for j in 0..<k { influence[row * k + j] -= weighted[cell * k + j] / oldTotal[cell] * adjusted[row] }
      }
    case .raking:
      for _ in 0..<Self.rakingProjectionCycles {
        for margin in margins { Self.subtractCellMeans(of: &influence, statisticCount: k, margin: margin) }
      }
    }
  }

  /// z ← z − w·ave_g(z/w): R's `x - psw * apply(x/psw, 2, ave, margin)`.
  private static func subtractCellMeans(of influence: inout [Double], statisticCount k: Int, margin: Margin) {
    var sums = [Double](repeating: 0, count: margin.cellCount * k)
    var counts = [Int](repeating: 0, count: margin.cellCount)
    let weights = margin.weights
    for row in weights.indices {
      let cell = Int(margin.cellOfRow[row])
      counts[cell] += 1
      for j in 0..<k { sums[cell * k + j] += influence[row * k + j] / weights[row] }
    }
    for cell in 0..<margin.cellCount where counts[cell] > 0 {
      for j in 0..<k { sums[cell * k + j] /= Double(counts[cell]) }
    }
    for row in weights.indices {
      let cell = Int(margin.cellOfRow[row])
      for j in 0..<k { influence[row * k + j] -= weights[row] * sums[cell * k + j] }
    }
  }
}

extension [Calibration] {
  /// Applies every calibration in order, as `svyrecvar()` walks `design$postStrata`.
  func project(_ influence: inout [Double], statisticCount k: Int) {
    for calibration in self { calibration.project(&influence, statisticCount: k) }
  }
}
