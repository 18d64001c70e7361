import Testing

@testable import SurveyStatistics

/// The normal equations a fit ends on give the QR's coefficients and (XᵀWX)⁻¹ to far below R's
/// digits while X is well conditioned, and say when it is not, so that the fit goes back to the QR.
@Suite struct WeightedNormalEquationsTests {
  typealias Generator = ModelThreadingTests.Generator

  /// A seeded weighted problem: X row-major with an intercept, two continuous columns, a 0/1
  /// column and `shifted` (a continuous column plus `offset`), z and √W.
  static func problem(rows n: Int, offset: Double, seed: UInt64)
    -> (x: [Double], z: [Double], rootWeights: [Double], columns: Int)
  {
    let p = 5
    var generator = Generator(state: seed)
    var x = [Double](repeating: 0, count: n * p)
    for i in 0..<n {
      x[i * p] = 1
      x[i * p + 1] = Double.random(in: -3...5, using: &generator)
      x[i * p + 2] = Double.random(in: 0...40, using: &generator)
      x[i * p + 3] = Double(Int.random(in: 0...1, using: &generator))
      x[i * p + 4] = offset + Double.random(in: -1...1, using: &generator)
    }
    let z = (0..<n).map { _ in Double.random(in: -4...4, using: &generator) }
    let rootWeights = (0..<n).map { _ in Double.random(in: 0.2...3, using: &generator) }
    return (x, z, rootWeights, p)
  }

  /// The QR of √W·X (column-major, as the fit builds it), unpivoted back to the columns' order.
  static func householder(x: [Double], z: [Double], rootWeights: [Double], columns p: Int)
    -> (coefficients: [Double], inverse: [Double])
  {
    let n = z.count
    var weighted = [Double](repeating: 0, count: n * p)
    for i in 0..<n { for j in 0..<p { weighted[j * n + i] = x[i * p + j] * rootWeights[i] } }
    let qr = HouseholderQR(columnMajor: weighted, rowCount: n, columnCount: p, tolerance: 1e-11)
    #expect(qr.rank == p)
    let solution = qr.coefficients(zip(z, rootWeights).map { $0 * $1 })
    let pivoted = qr.inverseCrossProduct()
    var coefficients = [Double](repeating: 0, count: p), inverse = [Double](repeating: 0, count: p * p)
    for (a, i) in qr.pivot.enumerated() {
      coefficients[i] = solution[a]
      for (b, j) in qr.pivot.enumerated() { inverse[i * p + j] = pivoted[a * p + b] }
    }
    return (coefficients, inverse)
  }

  static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

  @Test func aWellConditionedProblemGivesTheQRsCoefficientsAndInverse() throws {
    let (x, z, rootWeights, p) = Self.problem(rows: 5_000, offset: 0, seed: 31)
    let equations = try #require(
      WeightedNormalEquations.solve(x: x, columnCount: p, rows: Array(0..<z.count), z: z, rootWeights: rootWeights))
    #expect(equations.isWellConditioned)
    let reference = Self.householder(x: x, z: z, rootWeights: rootWeights, columns: p)
    for (ours, theirs) in zip(equations.coefficients, reference.coefficients) {
      #expect(Self.relativeError(ours, theirs) < 1e-12)
    }
    for (ours, theirs) in zip(equations.inverseCrossProduct(), reference.inverse) {
      #expect(Self.relativeError(ours, theirs) < 1e-12)
    }
  }

  /// A column 1,000 units from zero and 1 wide keeps about 3·10⁻⁷ of its sum of squares beside the
  /// intercept: the equations still solve (above 10⁻⁸) but are not good enough to end a fit on.
  @Test func aColumnFarFromZeroIsNotWellConditioned() throws {
    let (x, z, rootWeights, p) = Self.problem(rows: 5_000, offset: 1_000, seed: 32)
    let equations = try #require(
      WeightedNormalEquations.solve(x: x, columnCount: p, rows: Array(0..<z.count), z: z, rootWeights: rootWeights))
    #expect(!equations.isWellConditioned)
    #expect(equations.leastRemainingShare > WeightedNormalEquations.smallestRemainingShare)
    #expect(equations.leastRemainingShare < 1e-6)
  }

  /// The least remaining share of [1, x] is Σw(x − x̄_w)² / Σw·x², the weighted variance's share of
  /// the raw second moment.
  @Test func theLeastShareIsTheCentredSumOfSquaresOverTheRawOne() throws {
    let n = 1_000
    var generator = Generator(state: 33)
    var x = [Double](), z = [Double](), rootWeights = [Double]()
    for _ in 0..<n {
      let value: Double = 10 + Double.random(in: -2...2, using: &generator)
      x.append(1)
      x.append(value)
      z.append(Double.random(in: -1...1, using: &generator))
      rootWeights.append(Double.random(in: 0.5...2, using: &generator))
    }
    let equations = try #require(
      WeightedNormalEquations.solve(x: x, columnCount: 2, rows: Array(0..<n), z: z, rootWeights: rootWeights))
    var total = 0.0, weightedSum = 0.0, raw = 0.0
    for i in 0..<n {
      let weight = rootWeights[i] * rootWeights[i], value = x[2 * i + 1]
      total += weight
      weightedSum += weight * value
      raw += weight * value * value
    }
    let mean = weightedSum / total
    var centred = 0.0
    for i in 0..<n {
      let deviation = x[2 * i + 1] - mean
      centred += rootWeights[i] * rootWeights[i] * deviation * deviation
    }
    #expect(Self.relativeError(equations.leastRemainingShare, centred / raw) < 1e-9)
  }
}
