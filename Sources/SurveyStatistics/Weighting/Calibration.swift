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
  /// For a raking whose weights are all positive and finite, what lets the projection run on
  /// cell sums (``RakingCellSums``); `nil` otherwise, and the projection then runs row by row.
  let cellSums: RakingCellSums?
  /// How many respondents each row stands for, on collapsed rows
  /// (``SurveyDesign/rowFrequencies``); `nil` when every row is one respondent. A raking's cell
  /// means are over respondents: a collapsed row of f respondents, who share its cell and z/w,
  /// counts f times.
  let frequencies: [Int]?

  /// A calibration; for a raking, its cell sums are prepared once here.
  init(kind: Kind, margins: [Margin], frequencies: [Int]? = nil) {
    self.kind = kind
    self.margins = margins
    self.frequencies = frequencies
    if case .raking = kind { cellSums = RakingCellSums(margins, frequencies: frequencies) } else { cellSums = nil }
  }

  /// The number of cycles over the margins of a raking, as R's `svyrecvar` (`for (iterations in 1:10)`).
  static let rakingProjectionCycles = 10

  /// Replaces row-level influence values z (n × k, row-major) by their residuals from the
  /// calibration, exactly as R's `svyrecvar()`:
  /// - post-stratification: z ← z − w·m_g, with m_g = Σ_{i∈g} w⁰ᵢ zᵢ/wᵢ / Σ_{i∈g} w⁰ᵢ, where w⁰ are
  ///   the weights before and w after post-stratification (rows with w = w⁰ = 0 use w = 1);
  /// - raking: ten cycles of z ← z − w·ave_g(z/w) over the margins in order, where ave_g is the
  ///   unweighted mean over the rows of cell g and w are the weights right after that margin was
  ///   fitted in the last sweep. With positive weights the cycles run on cell sums
  ///   (``RakingCellSums``): the same projection in exact arithmetic, in a different order of
  ///   floating-point operations (differences of the order of 1e-15 relative to z).
  ///
  /// - Complexity: O(n·k) for a post-stratification; O(2·m·n·k + 10·c²·k) for a raking on m
  ///   margins with c cells in all (O(10·m·n·k) when a weight is zero).
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
      if let cellSums {
        cellSums.project(
          &influence, statisticCount: k, margins: margins, cycles: Self.rakingProjectionCycles, frequencies: frequencies)
        return
      }
      for _ in 0..<Self.rakingProjectionCycles {
        for margin in margins {
          Self.subtractCellMeans(of: &influence, statisticCount: k, margin: margin, frequencies: frequencies)
        }
      }
    }
  }

  /// z ← z − w·ave_g(z/w): R's `x - psw * apply(x/psw, 2, ave, margin)`.
  ///
  /// The arithmetic is R's, operation for operation (a quotient, a mean, a product and a
  /// difference per value); the loops run over raw buffers, the k values of a row contiguous, so
  /// that the compiler checks no bounds and vectorizes them. On collapsed rows, a row of f
  /// respondents adds f·z/w to its cell's sum and f to its count.
  private static func subtractCellMeans(
    of influence: inout [Double], statisticCount k: Int, margin: Margin, frequencies: [Int]?
  ) {
    guard k > 0, !margin.weights.isEmpty else { return }
    var sums = [Double](repeating: 0, count: margin.cellCount * k)
    var counts = [Int](repeating: 0, count: margin.cellCount)
    margin.weights.withUnsafeBufferPointer { weights in
      margin.cellOfRow.withUnsafeBufferPointer { cellOfRow in
        influence.withUnsafeMutableBufferPointer { influence in
          sums.withUnsafeMutableBufferPointer { sums in
            for row in 0..<weights.count {
              let cell = Int(cellOfRow[row])
              let weight = weights[row]
              let values = influence.baseAddress! + row * k
              let cellSums = sums.baseAddress! + cell * k
              if let frequencies {
                counts[cell] += frequencies[row]
                let frequency = Double(frequencies[row])
                for j in 0..<k { cellSums[j] += frequency * (values[j] / weight) }
              } else {
                counts[cell] += 1
                for j in 0..<k { cellSums[j] += values[j] / weight }
              }
            }
            for cell in 0..<margin.cellCount where counts[cell] > 0 {
              let count = Double(counts[cell])
              let cellSums = sums.baseAddress! + cell * k
              for j in 0..<k { cellSums[j] /= count }
            }
            for row in 0..<weights.count {
              let weight = weights[row]
              let values = influence.baseAddress! + row * k
              let means = UnsafePointer(sums.baseAddress! + Int(cellOfRow[row]) * k)
              for j in 0..<k { values[j] -= weight * means[j] }
            }
          }
        }
      }
    }
  }
}

extension [Calibration] {
  /// Applies every calibration in order, as `svyrecvar()` walks `design$postStrata`.
  func project(_ influence: inout [Double], statisticCount k: Int) {
    for calibration in self { calibration.project(&influence, statisticCount: k) }
  }
}
