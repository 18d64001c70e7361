import Foundation
@testable import SurveyStatistics
import Testing

/// The rank behind `degf()` of replicate-weight designs whose replicate weights are rank deficient
/// or nearly so, against R survey 4.1 (`Fixtures/replicate-ranks/ranks.json`, written by
/// `make-ranks.R`): JK1 replicates with duplicated columns and domains in which replicates
/// coincide, and columns whose part outside the earlier columns is 3 or 0.3 times (decided from the
/// cross products) or 1 ± 1e-4 times (too close to call: the QR decides) R's tolerance 1e-5.
///
/// Degrees of freedom exact; the means with them: estimates and SEs 1e-9 relative, interval bounds
/// 1e-7 (house rules).
@Suite struct ReplicateRankTests {
  struct Fixture: Decodable {
    let generatedBy: String
    let dataset: NumericFixture.Dataset
    let designs: [Design]

    enum CodingKeys: String, CodingKey { case generatedBy = "generated_by", dataset, designs }

    struct Design: Decodable {
      let name: String
      let pattern: String
      let type: String
      let count: Int
      let degreesOfFreedom: Int
      let domains: [Domain]

      enum CodingKeys: String, CodingKey {
        case name, pattern, type, count, degreesOfFreedom = "degrees_of_freedom", domains
      }
    }

    struct Domain: Decodable {
      let domain: String
      let rows: Int
      let degreesOfFreedom: Int
      let estimate: Double
      let standardError: Double
      let ciLower: Double
      let ciUpper: Double

      enum CodingKeys: String, CodingKey {
        case domain, rows, degreesOfFreedom = "degrees_of_freedom", estimate, standardError = "standard_error"
        case ciLower = "ci_lower", ciUpper = "ci_upper"
      }
    }
  }

  static let fixture: Fixture = {
    do {
      return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtureURL("replicate-ranks/ranks.json")))
    } catch {
      fatalError("Fixtures/replicate-ranks/ranks.json is missing or malformed: \(error)")
    }
  }()
  static var designNames: [String] { fixture.designs.map(\.name) }

  static func survey() throws -> Survey {
    let dataset = fixture.dataset
    return try Survey(
      variables: dataset.columnOrder.map { name in
        let column = dataset.columns[name]!
        return column.type == "categorical"
          ? Variable(name: name, categories: column.text) : Variable(name: name, numbers: column.numbers)
      },
      origin: DataOrigin(file: "ranks.csv"))
  }

  static func design(_ expected: Fixture.Design) throws -> SurveyDesign {
    let method: ReplicateMethod = expected.type == "JK1" ? .jackknife : .other
    return try SurveyDesign(
      survey(),
      declaration: DesignDeclaration(
        weights: "w", replicates: ReplicateDeclaration(source: .columns(matching: expected.pattern), method: method)))
  }

  static func expected(_ name: String) -> Fixture.Design { fixture.designs.first { $0.name == name }! }

  @Test func fixtureComesFromRSurvey41() {
    #expect(Self.fixture.generatedBy.contains("survey 4.1"))
    #expect(Self.fixture.designs.map(\.name) == ["jk1-duplicated", "other-near", "other-close"])
  }

  /// `degf()` over all rows and in each domain, and the means whose intervals use them.
  @Test(arguments: designNames)
  func degreesOfFreedomMatchR(name: String) throws {
    let expected = Self.expected(name)
    let design = try Self.design(expected)
    #expect(design.replicates?.count == expected.count)
    #expect(design.degreesOfFreedom == expected.degreesOfFreedom, "\(name): degf")
    let worst = try expectGroupMeansMatchR(design, expected.domains, name: name)
    print("replicate ranks \(name): estimates/SEs \(worst.estimates), bounds \(worst.bounds)")
  }

  /// Which route decided: the cross products for the duplicated and the clearly (in)dependent
  /// columns, nothing for the close calls (so the QR decides).
  @Test func crossProductsDecideOnlyClearCases() throws {
    for (name, decided) in [("jk1-duplicated", true), ("other-near", true), ("other-close", false)] {
      let expected = Self.expected(name)
      let replicates = try #require(try Self.design(expected).replicates)
      guard case .analysisWeights(let columns) = replicates.storage else {
        Issue.record("\(name): supplied replicates held as columns")
        continue
      }
      let products = ReplicateCrossProducts(columns: columns, groupOfRow: nil, groupCount: 1)
      let rank = CrossProductRank.rank(
        crossProduct: products.matrices[0], count: columns.count, tolerance: 1e-5,
        relativeError: ReplicateCrossProducts.relativeError(rowCount: columns[0].count))
      #expect(rank == (decided ? expected.degreesOfFreedom + 1 : nil), "\(name): \(String(describing: rank))")
    }
  }

  /// The cross-product route against the QR on matrices with planted dependencies: duplicated and
  /// zero columns, combinations, and combinations with a part outside the earlier columns of
  /// various sizes around the tolerance; whenever it decides, it decides as the QR.
  @Test func crossProductsAgreeWithTheQR() {
    var generator = SplitMix(seed: 20261208)
    var decided = 0
    for trial in 0..<300 {
      let rows = 40 + Int(generator.next() % 400), count = 2 + Int(generator.next() % 9)
      var columns: [[Double]] = []
      for _ in 0..<count {
        let kind = generator.next() % 6
        let fresh = (0..<rows).map { _ in 50 + 100 * generator.unit() }
        if columns.isEmpty || kind < 2 {
          columns.append(fresh)
        } else if kind == 2 {
          columns.append(columns[Int(generator.next() % UInt64(columns.count))])
        } else if kind == 3 && generator.next() % 4 == 0 {
          columns.append([Double](repeating: 0, count: rows))
        } else {
          let a = Int(generator.next() % UInt64(columns.count)), b = Int(generator.next() % UInt64(columns.count))
          let size = [0.0, 1e-7, 3e-6, 9.9e-6, 1e-5, 1.01e-5, 4e-5, 1e-3][Int(generator.next() % 8)]
          let norm = columns[a].reduce(0) { $0 + $1 * $1 }.squareRoot()
          let noise = (0..<rows).map { _ in generator.unit() - 0.5 }
          let noiseNorm = noise.reduce(0) { $0 + $1 * $1 }.squareRoot()
          columns.append((0..<rows).map { 0.7 * columns[a][$0] + 0.3 * columns[b][$0] + size * norm * noise[$0] / noiseNorm })
        }
      }
      var matrix = Array(columns.joined())
      let qr = linpackRank(columnMajor: &matrix, rowCount: rows, columnCount: count, tolerance: 1e-5)
      let products = ReplicateCrossProducts(columns: columns, groupOfRow: nil, groupCount: 1)
      if let rank = CrossProductRank.rank(
        crossProduct: products.matrices[0], count: count, tolerance: 1e-5,
        relativeError: ReplicateCrossProducts.relativeError(rowCount: rows))
      {
        decided += 1
        #expect(rank == qr, "trial \(trial): cross products \(rank), QR \(qr)")
      }
    }
    #expect(decided > 200, "the cross products decided \(decided) of 300")
  }

  /// Cross products by group in one pass equal those of each group's rows on their own, whatever
  /// the block boundaries.
  @Test func crossProductsByGroupAddUp() {
    var generator = SplitMix(seed: 7)
    let rows = 2 * ReplicateCrossProducts.blockRows + 37, count = 5
    let columns = (0..<count).map { _ in (0..<rows).map { _ in 50 + 100 * generator.unit() } }
    let groupOfRow = (0..<rows).map { _ in Int32(generator.next() % 4) - 1 }  // −1 leaves a row out
    let products = ReplicateCrossProducts(columns: columns, groupOfRow: groupOfRow, groupCount: 3)
    for group in 0..<3 {
      let members = (0..<rows).filter { groupOfRow[$0] == Int32(group) }
      #expect(products.rowCounts[group] == members.count)
      for r in 0..<count {
        for s in 0..<count {
          let direct = members.reduce(0.0) { $0 + columns[r][$1] * columns[s][$1] }
          #expect(relativeDifference(products.matrices[group][r * count + s], direct) < 1e-13)
        }
      }
    }
  }
}

/// Steele, Lea & Flood's SplitMix64: a small seeded generator for test matrices.
struct SplitMix {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// A number in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
