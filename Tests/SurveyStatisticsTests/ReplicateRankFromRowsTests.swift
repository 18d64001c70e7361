import Foundation
@testable import SurveyStatistics
import Testing

/// The rank behind `degf()` of 80 successive-difference replicates built as the ACS builds them —
/// rank 79, the 80th column a combination of the others with coefficients up to 73 — against
/// R survey 4.1 (`Fixtures/replicate-ranks/successive-difference.json`, written by
/// `make-successive-difference.R`). The cross products alone cannot decide the 80th column; the
/// residual computed from the rows must, without the QR, over all rows and in each domain.
///
/// Ranks and degrees of freedom exact; the means with them: estimates and SEs 1e-9 relative,
/// interval bounds 1e-7 (house rules).
@Suite struct ReplicateRankFromRowsTests {
  struct Fixture: Decodable {
    let generatedBy: String
    let dataset: NumericFixture.Dataset
    let design: Design

    enum CodingKeys: String, CodingKey { case generatedBy = "generated_by", dataset, design }

    struct Design: Decodable {
      let pattern: String
      let count: Int
      let rank: Int
      let degreesOfFreedom: Int
      let largestCoefficient: Double
      let domains: [Domain]

      enum CodingKeys: String, CodingKey {
        case pattern, count, rank, degreesOfFreedom = "degrees_of_freedom"
        case largestCoefficient = "largest_coefficient", domains
      }
    }

    struct Domain: Decodable {
      let domain: String
      let rows: Int
      let rank: Int
      let degreesOfFreedom: Int
      let estimate: Double
      let standardError: Double
      let ciLower: Double
      let ciUpper: Double

      enum CodingKeys: String, CodingKey {
        case domain, rows, rank, degreesOfFreedom = "degrees_of_freedom", estimate
        case standardError = "standard_error", ciLower = "ci_lower", ciUpper = "ci_upper"
      }
    }
  }

  static let fixture: Fixture = {
    do {
      return try JSONDecoder().decode(
        Fixture.self, from: Data(contentsOf: fixtureURL("replicate-ranks/successive-difference.json")))
    } catch {
      fatalError("Fixtures/replicate-ranks/successive-difference.json is missing or malformed: \(error)")
    }
  }()

  static func design() throws -> SurveyDesign {
    let dataset = fixture.dataset
    let survey = try Survey(
      variables: dataset.columnOrder.map { name in
        let column = dataset.columns[name]!
        return column.type == "categorical"
          ? Variable(name: name, categories: column.text) : Variable(name: name, numbers: column.numbers)
      },
      origin: DataOrigin(file: "successive-difference.csv"))
    return try SurveyDesign(
      survey,
      declaration: DesignDeclaration(
        weights: "w",
        replicates: ReplicateDeclaration(
          source: .columns(matching: fixture.design.pattern), method: .successiveDifference,
          meanSquaredError: true)))
  }

  /// The replicate columns and each row's domain (by the fixture's order of domains).
  static func columnsAndDomains() throws -> (columns: [[Double]], domainOfRow: [Int32]) {
    let replicates = try #require(try design().replicates)
    guard case .analysisWeights(let columns) = replicates.storage else {
      Issue.record("supplied replicates held as columns")
      return ([], [])
    }
    let names = fixture.design.domains.map(\.domain)
    let groups = try #require(fixture.dataset.columns["group"]?.text)
    return (columns, groups.map { Int32(names.firstIndex(of: $0 ?? "") ?? -1) })
  }

  @Test func fixtureComesFromRSurvey41() {
    #expect(Self.fixture.generatedBy.contains("survey 4.1"))
    #expect(Self.fixture.design.count == 80 && Self.fixture.design.rank == 79)
    #expect(Self.fixture.design.largestCoefficient > 70, "the 80th column's coefficients are large")
  }

  /// Over all rows: the cross products alone leave the 80th column undecided; the residual from
  /// the rows decides it, and the rank is R's.
  @Test func theRowsDecideWhereTheCrossProductsCannot() throws {
    let (columns, _) = try Self.columnsAndDomains()
    let products = ReplicateCrossProducts(columns: columns, groupOfRow: nil, groupCount: 1)
    var sequence = CrossProductRank(
      crossProduct: products.matrices[0], count: columns.count, tolerance: 1e-5,
      relativeError: ReplicateCrossProducts.relativeError(rowCount: columns[0].count))
    let step = sequence.advance()
    guard case .doubtful(let request) = step else {
      Issue.record("the cross products decided alone: \(step)")
      return
    }
    #expect(request.column == 79 && request.kept.count == 79)
    #expect(request.coefficients.map(abs).max()! > 70)
    let residual = try #require(
      ReplicateColumnResiduals.residuals(columns: columns, groupOfRow: nil, requests: [request])[0])
    #expect(sequence.decide(residual) == .moved)
    #expect(sequence.advance() == .decided(rank: Self.fixture.design.rank))

    let decisions = ReplicateWeights.rankDecisions(
      of: .analysisWeights(columns), count: columns.count, groupOfRow: nil, groupCount: 1)
    #expect(decisions[0].rank == Self.fixture.design.rank)
    #expect(decisions[0].route == .residuals)
  }

  /// Stratified jackknife replicates (6 strata of 5 to 8 PSUs, 840 rows), rank-deficient by the
  /// strata less one: each of the 5 dependent columns is doubtful from the cross products as a
  /// database sums them (in any order: ``ReplicateRankDecision/relativeError(rowCount:summedGroups:)``), and a
  /// copy of the sequence assuming a doubtful column moved (``CrossProductRank/assumingMoved()``)
  /// hands out the very request the sequence hands out once its residual moves the column, so
  /// the requests speculated from the first doubtful column are the ones column-by-column rounds
  /// take, and the rank is R's 37.
  @Test func assumingMovedHandsOutTheNextRequestOfTheSequence() throws {
    let sizes = [8, 6, 8, 5, 8, 7]
    let strata = sizes.enumerated().flatMap { stratum, size in Array(repeating: stratum, count: size) }
    let rows = Array(1...840)
    let columns = strata.indices.map { p in
      rows.map { i -> Double in
        let q = i % strata.count, w = Double(30 + (i * 37) % 71), size = Double(sizes[strata[p]])
        return p == q ? 0 : strata[p] == strata[q] ? w * (size / (size - 1)) : w
      }
    }
    let products = ReplicateCrossProducts(columns: columns, groupOfRow: nil, groupCount: 1)
    var sequence = CrossProductRank(
      crossProduct: products.matrices[0], count: columns.count, tolerance: 1e-5,
      relativeError: ReplicateRankDecision.relativeError(rowCount: rows.count))
    var speculated: [ColumnResidualRequest] = []
    var step = sequence.advance()
    if case .doubtful(let first) = step {
      speculated = [first]
      var copy = sequence
      while true {
        copy = copy.assumingMoved()
        guard case .doubtful(let next) = copy.advance() else { break }
        speculated.append(next)
      }
    }
    var taken: [ColumnResidualRequest] = []
    while case .doubtful(let request) = step {
      taken.append(request)
      let residual = try #require(
        ReplicateColumnResiduals.residuals(columns: columns, groupOfRow: nil, requests: [request])[0])
      #expect(sequence.decide(residual) == .moved, "column \(request.column + 1)")
      step = sequence.advance()
    }
    #expect(step == .decided(rank: 37))
    #expect(taken.count == 5)
    #expect(speculated == taken)
  }

  /// By domain, all domains in one pass: each domain's rank is R's, decided without the QR.
  @Test func theRowsDecideEachDomain() throws {
    let (columns, domainOfRow) = try Self.columnsAndDomains()
    let domains = Self.fixture.design.domains
    let decisions = ReplicateWeights.rankDecisions(
      of: .analysisWeights(columns), count: columns.count, groupOfRow: domainOfRow, groupCount: domains.count)
    for (decision, expected) in zip(decisions, domains) {
      #expect(decision.rank == expected.rank, "\(expected.domain): rank")
      #expect(decision.route == .residuals, "\(expected.domain): decided by \(decision.route)")
    }
  }

  /// The rank over all rows from the domains' pass: the cross products over all rows are the sum
  /// of the domains' (and, when some rows are in no domain, of theirs as one more group); the rank
  /// is R's, the domains' ranks and routes as on their own.
  @Test func allRowsRideOnTheDomainsPass() throws {
    let (columns, domainOfRow) = try Self.columnsAndDomains()
    let domains = Self.fixture.design.domains
    let alone = ReplicateWeights.rankDecisions(
      of: .analysisWeights(columns), count: columns.count, groupOfRow: domainOfRow, groupCount: domains.count)
    let shared = ReplicateWeights.rankDecisions(
      of: .analysisWeights(columns), count: columns.count, groupOfRow: domainOfRow, groupCount: domains.count,
      includingAllRows: true)
    #expect(shared.allRows?.rank == Self.fixture.design.rank)
    #expect(shared.groups.map(\.rank) == alone.map(\.rank))
    #expect(shared.groups.map(\.route) == alone.map(\.route))
    // The first domain's rows in no group: they make the extra group.
    let withoutFirst = domainOfRow.map { $0 >= 1 ? $0 - 1 : -1 }
    let partial = ReplicateWeights.rankDecisions(
      of: .analysisWeights(columns), count: columns.count, groupOfRow: withoutFirst,
      groupCount: domains.count - 1, includingAllRows: true)
    #expect(partial.allRows?.rank == Self.fixture.design.rank)
    #expect(partial.groups.map(\.rank) == Array(alone.map(\.rank).dropFirst()))
    let notAsked = ReplicateWeights.rankDecisions(
      of: .analysisWeights(columns), count: columns.count, groupOfRow: domainOfRow, groupCount: domains.count,
      includingAllRows: false)
    #expect(notAsked.allRows == nil)
  }

  /// Means by domain before anything asked for the design's `degf()`: the domains' pass gives it,
  /// and the summary of the means and the design agree with R.
  @Test func degreesOfFreedomAfterTheDomains() throws {
    let design = try Self.design()
    let means = try design.means(of: "y", by: ["group"])
    #expect(means.design.degreesOfFreedom == Self.fixture.design.degreesOfFreedom)
    #expect(design.degreesOfFreedom == Self.fixture.design.degreesOfFreedom)
    for reference in Self.fixture.design.domains {
      let mean = means.first { $0.domain.fixtureKey == ["group": reference.domain] }
      #expect(mean?.degreesOfFreedom == reference.degreesOfFreedom, "\(reference.domain): degf")
    }
  }

  /// Columns 1 ± 1e-4 times the tolerance outside the earlier ones (`ReplicateRankTests`'s
  /// `other-close`) are within the margin even from the rows: the QR decides, as R.
  @Test func closeCallsStillGoToTheQR() throws {
    let expected = ReplicateRankTests.expected("other-close")
    let replicates = try #require(try ReplicateRankTests.design(expected).replicates)
    guard case .analysisWeights(let columns) = replicates.storage else {
      Issue.record("supplied replicates held as columns")
      return
    }
    let decision = ReplicateWeights.rankDecisions(
      of: .analysisWeights(columns), count: columns.count, groupOfRow: nil, groupCount: 1)[0]
    #expect(decision.route == .qr)
    #expect(decision.rank == expected.degreesOfFreedom + 1)
  }

  /// `degf()` over all rows and in each domain, and the means whose intervals use them.
  @Test func degreesOfFreedomMatchR() throws {
    let design = try Self.design()
    #expect(design.degreesOfFreedom == Self.fixture.design.degreesOfFreedom)
    try expectGroupMeansMatchR(design, Self.fixture.design.domains, name: "successive differences")
  }

  /// The residual route against the QR on matrices like replicate weights — columns that differ
  /// from a common weight by a few percent — with planted dependencies whose coefficients are large
  /// (up to ±100 on every earlier column, adding up to 1, as successive differences' do) and a part
  /// outside the earlier columns of various sizes around the tolerance: whatever route decides
  /// decides as the QR, and the rows decide most of what the cross products cannot.
  @Test func theRowsAgreeWithTheQR() {
    var generator = SplitMix(seed: 20261206)
    var byRoute: [ReplicateWeights.RankRoute: Int] = [:]
    for trial in 0..<120 {
      let count = 3 + Int(generator.next() % 10), rows = 4 * count + Int(generator.next() % 300)
      let weights = (0..<rows).map { _ in 50 + 100 * generator.unit() }
      var columns: [[Double]] = []
      for _ in 0..<count {
        if columns.count < 2 || generator.next() % 3 != 0 {
          columns.append(weights.map { $0 * (1 + 0.05 * (generator.unit() - 0.5)) })
          continue
        }
        var coefficients = columns.indices.map { _ in 200 * generator.unit() - 100 }
        coefficients[coefficients.count - 1] += 1 - coefficients.reduce(0, +)
        var combination = (0..<rows).map { row in
          columns.indices.reduce(0.0) { $0 + coefficients[$1] * columns[$1][row] }
        }
        let norm = combination.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let size = [0.0, 1e-9, 1e-7, 3e-6, 9e-6, 1.2e-5, 4e-5, 1e-3][Int(generator.next() % 8)]
        let noise = (0..<rows).map { _ in generator.unit() - 0.5 }
        let noiseNorm = noise.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for row in 0..<rows { combination[row] += size * norm * noise[row] / noiseNorm }
        columns.append(combination)
      }
      var matrix = Array(columns.joined())
      let qr = linpackRank(columnMajor: &matrix, rowCount: rows, columnCount: count, tolerance: 1e-5)
      let decision = ReplicateWeights.rankDecisions(
        of: .analysisWeights(columns), count: count, groupOfRow: nil, groupCount: 1)[0]
      byRoute[decision.route, default: 0] += 1
      #expect(decision.rank == qr, "trial \(trial): \(decision.route) \(decision.rank), QR \(qr)")
    }
    let rows = byRoute[.residuals] ?? 0, qr = byRoute[.qr] ?? 0
    #expect(rows > 20 && rows >= 3 * qr, "decided from the rows \(rows), by the QR \(qr)")
    print("successive-difference ranks: \(byRoute[.crossProducts] ?? 0) decided by the cross products, \(rows) by the rows, \(qr) by the QR")
  }
}
