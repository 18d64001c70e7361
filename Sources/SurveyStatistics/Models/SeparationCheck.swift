/// Perfect separation in a logistic model: a predictor (or a combination) that predicts the 0/1
/// outcome without error, so that the likelihood grows without bound and a coefficient is
/// infinite (Albert & Anderson 1984). R fits such a model anyway, with a warning that fitted
/// probabilities are numerically 0 or 1 and a huge standard error; here it is an error.
enum SeparationCheck {
  /// Checks each column of X on its own: an indicator whose respondents all share one outcome, or
  /// a number that splits the two outcomes (every 0 at or below every 1, or the reverse).
  static func requireOverlap(
    x: [Double], columnNames: [String], outcome: [Double], outcomeName: String, frequencies: [Int]? = nil
  ) throws {
    let p = columnNames.count
    let state = ColumnStates(x: x, columnCount: p, outcome: outcome, frequencies: frequencies)
    let isIndicatorColumn = state.isIndicator, onesByOutcome = state.ones
    let lowestByOutcome = state.lowest, highestByOutcome = state.highest
    for j in 0..<p where columnNames[j] != "(Intercept)" {
      let isIndicator = isIndicatorColumn[j], onesWithOutcome = [onesByOutcome[j], onesByOutcome[p + j]]
      let lowest = [lowestByOutcome[j], lowestByOutcome[p + j]]
      let highest = [highestByOutcome[j], highestByOutcome[p + j]]
      if isIndicator {
        let ones = onesWithOutcome[0] + onesWithOutcome[1]
        for y in 0...1 where ones > 0 && onesWithOutcome[y] == ones {
          throw ModelError.perfectSeparation(
            term: columnNames[j],
            detail: "all \(ones) respondent\(ones == 1 ? "" : "s") with \(columnNames[j]) = 1 "
              + "\(ones == 1 ? "has" : "have") \(outcomeName) = \(y)")
        }
        continue
      }
      guard lowest[0].isFinite, lowest[1].isFinite else { continue }
      if highest[0] <= lowest[1] || highest[1] <= lowest[0] {
        let (below, above) = highest[0] <= lowest[1] ? (0, 1) : (1, 0)
        throw ModelError.perfectSeparation(
          term: columnNames[j],
          detail: "\(outcomeName) is \(below) for every respondent with \(columnNames[j]) ≤ "
            + "\(NumericValues.shortText(highest[below])) and \(above) for every respondent with \(columnNames[j]) ≥ "
            + "\(NumericValues.shortText(lowest[above]))")
      }
    }
  }

  /// After the fit: fitted probabilities within 10·ε of 0 or 1 (R's warning "fitted probabilities
  /// numerically 0 or 1 occurred"), or every respondent predicted within 10⁻⁶ of its outcome
  /// (complete separation that R's deviance rule stops on before the probabilities reach 10·ε),
  /// mean a combination of terms separates the outcome; the three largest coefficients are named.
  static func requireInteriorFit(_ fit: IterativelyReweightedFit, outcome: [Double], columnNames: [String]) throws {
    let bound = 10 * Double.ulpOfOne
    let atBound = fit.fittedMeans.contains { $0 < bound || $0 > 1 - bound }
    let perfect = zip(outcome, fit.fittedMeans).allSatisfy { abs($0 - $1) < 1e-6 }
    guard atBound || perfect else { return }
    let largest = columnNames.indices.filter { columnNames[$0] != "(Intercept)" }
      .sorted { abs(fit.coefficients[$0]) > abs(fit.coefficients[$1]) }
      .prefix(3).map { columnNames[$0] }
    throw ModelError.separationByCombination(largestTerms: largest)
  }

  /// Each column's state by outcome (`[outcome · p + column]`): whether it holds only 0 and 1, how
  /// many 1s, its lowest and highest value.
  ///
  /// Blocks of rows are read on all threads (``RowBlocks``) and their states joined in row order.
  /// Counts and "only 0 and 1" do not depend on the order; `min` keeps the first of equal values
  /// and `max` the last, in a block as across blocks, so the lowest and highest values are the
  /// ones a single pass front to back finds (down to the sign of a zero).
  struct ColumnStates {
    var isIndicator: [Bool]
    var ones: [Int]
    var lowest: [Double]
    var highest: [Double]

    init(columnCount p: Int) {
      isIndicator = [Bool](repeating: true, count: p)
      ones = [Int](repeating: 0, count: 2 * p)
      lowest = [Double](repeating: .infinity, count: 2 * p)
      highest = [Double](repeating: -.infinity, count: 2 * p)
    }

    init(x: [Double], columnCount p: Int, outcome: [Double], frequencies: [Int]? = nil) {
      let n = outcome.count
      let blockCount = (n + RowBlocks.blockSize - 1) / RowBlocks.blockSize
      var blocks = [ColumnStates](repeating: ColumnStates(columnCount: p), count: blockCount)
      blocks.withUnsafeMutableBufferPointer { blocks in
        let blocks = blocks.baseAddress.unsafelyUnwrapped
        x.withUnsafeBufferPointer { x in
          outcome.withUnsafeBufferPointer { outcome in
            RowBlocks.forEach(n) { rows in
              blocks[rows.lowerBound / RowBlocks.blockSize].add(
                rows, x: x, columnCount: p, outcome: outcome, frequencies: frequencies)
            }
          }
        }
      }
      self.init(columnCount: p)
      for block in blocks {
        for j in 0..<p where !block.isIndicator[j] { isIndicator[j] = false }
        for k in 0..<(2 * p) {
          ones[k] += block.ones[k]
          lowest[k] = min(lowest[k], block.lowest[k])
          highest[k] = max(highest[k], block.highest[k])
        }
      }
    }

    /// Adds `rows` of X (row-major, p columns), each standing for `frequencies[i]` respondents
    /// (one without them).
    mutating func add(
      _ rows: Range<Int>, x: UnsafeBufferPointer<Double>, columnCount p: Int, outcome: UnsafeBufferPointer<Double>,
      frequencies: [Int]? = nil
    ) {
      for i in rows {
        let row = x.baseAddress.unsafelyUnwrapped + i * p
        let offset = outcome[i] == 0 ? 0 : p, respondents = frequencies?[i] ?? 1
        for j in 0..<p {
          let value = row[j]
          if value != 0 && value != 1 { isIndicator[j] = false }
          if value == 1 { ones[offset + j] += respondents }
          lowest[offset + j] = min(lowest[offset + j], value)
          highest[offset + j] = max(highest[offset + j], value)
        }
      }
    }
  }
}
