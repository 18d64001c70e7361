import Testing

@testable import SurveyStatistics

/// The model fit's work shared out between threads gives the one-thread result to the last bit:
/// the QR's column updates, the cross products of the normal equations, the separation check's
/// column states and the model matrix filled by blocks of rows, on seeded random data large
/// enough to be split.
@Suite struct ModelThreadingTests {
  /// A seeded generator (SplitMix64), so that every run sees the same data.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// A column-major n × p matrix: an intercept, random columns, a 0/1 column, and a last column
  /// that is the second plus a tiny perturbation, so that a norm is recomputed and, with
  /// `aliased`, a column is cycled to the end as R's `dqrdc2` does.
  static func matrix(rows n: Int, columns p: Int, aliased: Bool, seed: UInt64) -> [Double] {
    var generator = Generator(state: seed)
    var x = [Double](repeating: 1, count: n * p)
    for j in 1..<p {
      for i in 0..<n {
        x[j * n + i] =
          switch j {
          case p - 1: x[n + i] + (aliased ? 0 : 1e-7 * Double.random(in: -1...1, using: &generator))
          case 2: Double(Int.random(in: 0...1, using: &generator))
          default: Double.random(in: -3...5, using: &generator)
          }
      }
    }
    return x
  }

  static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

  @Test(arguments: [false, true])
  func householderColumnUpdatesDoNotDependOnThreads(aliased: Bool) {
    let n = 30_000, p = 7
    let x = Self.matrix(rows: n, columns: p, aliased: aliased, seed: 11)
    var generator = Generator(state: 12)
    let y = (0..<n).map { _ in Double.random(in: -1...1, using: &generator) }
    let serial = HouseholderQR(columnMajor: x, rowCount: n, columnCount: p, tolerance: 1e-11, threads: 1)
    #expect(serial.rank == (aliased ? p - 1 : p))
    for threads in [2, 3, 8] {
      let shared = HouseholderQR(columnMajor: x, rowCount: n, columnCount: p, tolerance: 1e-11, threads: threads)
      #expect(shared.rank == serial.rank)
      #expect(shared.pivot == serial.pivot)
      #expect(Self.bits(shared.coefficients(y)) == Self.bits(serial.coefficients(y)))
      #expect(Self.bits(shared.inverseCrossProduct()) == Self.bits(serial.inverseCrossProduct()))
    }
  }

  @Test func crossProductsDoNotDependOnThreads() {
    let n = 50_000, p = 9
    var generator = Generator(state: 21)
    let x = (0..<(n * p)).map { _ in Double.random(in: -2...2, using: &generator) }
    // Every row but a few, so that the rows are looked up, and a last block of fewer than 8 rows.
    let rows = (0..<n).filter { $0 % 97 != 5 }
    let z = rows.map { _ in Double.random(in: -4...4, using: &generator) }
    let rootWeights = rows.map { _ in Double.random(in: 0.1...2, using: &generator) }
    let serial = WeightedNormalEquations.crossProducts(
      x: x, columnCount: p, rows: rows, z: z, rootWeights: rootWeights, threads: 1)
    for threads in [2, 3, 5, 16] {
      let shared = WeightedNormalEquations.crossProducts(
        x: x, columnCount: p, rows: rows, z: z, rootWeights: rootWeights, threads: threads)
      #expect(Self.bits(shared.crossProduct) == Self.bits(serial.crossProduct))
      #expect(Self.bits(shared.rightSide) == Self.bits(serial.rightSide))
    }
  }

  /// Blocks joined in row order find the same lowest and highest values as one pass, down to the
  /// sign of a zero (−0 in one block, +0 in a later one, and the reverse).
  @Test func separationColumnStatesMatchOnePass() {
    let blockSize = RowBlocks.blockSize
    let n = 3 * blockSize + 17, p = 4
    var generator = Generator(state: 31)
    var x = [Double](repeating: 0, count: n * p)
    for i in 0..<n {
      x[i * p] = 1
      x[i * p + 1] = Double(Int.random(in: 0...1, using: &generator))
      x[i * p + 2] = i < blockSize ? -0.0 : 0.0
      x[i * p + 3] = i < 2 * blockSize ? 0.0 : -0.0
    }
    let outcome = (0..<n).map { _ in Double(Int.random(in: 0...1, using: &generator)) }
    var onePass = SeparationCheck.ColumnStates(columnCount: p)
    x.withUnsafeBufferPointer { x in
      outcome.withUnsafeBufferPointer { outcome in onePass.add(0..<n, x: x, columnCount: p, outcome: outcome) }
    }
    let blocks = SeparationCheck.ColumnStates(x: x, columnCount: p, outcome: outcome)
    #expect(blocks.isIndicator == onePass.isIndicator)
    #expect(blocks.ones == onePass.ones)
    #expect(Self.bits(blocks.lowest) == Self.bits(onePass.lowest))
    #expect(Self.bits(blocks.highest) == Self.bits(onePass.highest))
    #expect(onePass.lowest[2].sign == .minus && onePass.highest[3].sign == .minus)
  }

  /// R's `model.matrix(~ a * b + x:a)`, written out: treatment contrasts, interactions with the
  /// first variable varying fastest, a number times indicators; over several blocks of rows.
  @Test func modelMatrixValuesAsRWritesThem() throws {
    let n = RowBlocks.blockSize + 5
    let aLevels = ["p", "q"], bLevels = ["u", "v", "w"]
    let a = (0..<n).map { aLevels[$0 % 2] }, b = (0..<n).map { bLevels[$0 % 3] }
    let xValues = (0..<n).map { Double($0 % 7) - 2.5 }
    let survey = try Survey(variables: [
      Variable(name: "y", numbers: (0..<n).map { Double($0 % 2) }),
      Variable(name: "a", categories: a), Variable(name: "b", categories: b),
      Variable(name: "x", numbers: xValues),
    ])
    let formula = try Formula("y ~ a * b + x:a")
    let frame = try ModelFrame(
      formula: formula, survey: survey, domain: .wholeSample,
      isEligible: [Bool](repeating: true, count: n), outcomeCheck: { _, _ in })
    let matrix = ModelMatrix(formula: formula, frame: frame)
    #expect(matrix.columnNames == ["(Intercept)", "aq", "bv", "bw", "aq:bv", "aq:bw", "ap:x", "aq:x"])
    let values = matrix.values(columns: frame.columns, rowCount: n)
    for i in [0, 1, 2, 5, n / 2, n - 1] {
      let isQ = a[i] == "q" ? 1.0 : 0, isV = b[i] == "v" ? 1.0 : 0, isW = b[i] == "w" ? 1.0 : 0
      let expected = [1, isQ, isV, isW, isQ * isV, isQ * isW, (1 - isQ) * xValues[i], isQ * xValues[i]]
      #expect(Array(values[(i * 8)..<((i + 1) * 8)]) == expected, "row \(i)")
    }
  }
}
