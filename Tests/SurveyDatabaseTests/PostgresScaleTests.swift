import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance scale` where the data lives: the scale analysis from PostgreSQL's sums (one
/// `GROUP BY` stratum × PSU × domain, and the logit first step) equals the file path's, every JSON
/// field, on R's golden scale cases (and matches R as the file path does); items stored as text,
/// an inferred range, parallel workers and the rows' order change nothing; an answer that is not a
/// number or lies outside the range is one sentence naming the table and the column.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresScaleTests {
  func table(_ name: String, _ settings: PostgresTable.Settings = .init()) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name, settings: settings)
  }

  /// The case as R made it matches R and the file; every interval method at two levels, finished
  /// from one set of sums, equals the file.
  @Test(arguments: ScaleCases.names)
  func theRFixturesGiveTheFileAnalysis(caseName: String) async throws {
    let testCase = ScaleCases.testCase(caseName)
    let declaration = testCase.design.databaseDeclaration
    let database = try table(ScaleCases.table(testCase))
    let fileDesign = try ScaleCases.fileDesign(testCase)
    let scale = ScaleCases.scale(testCase)
    let method = try #require(IntervalMethod(name: testCase.method))

    let asR = try await database.scaleAnalysis(
      scale, by: testCase.by, declaration: declaration, boxSize: testCase.box, method: method, level: testCase.level)
    let fromFile = try fileDesign.scaleAnalysis(
      scale, by: testCase.by, boxSize: testCase.box, method: method, level: testCase.level)
    var toFile = ScaleCases.expectSameAsFile(asR, fromFile, psu: testCase.design.psu, "\(caseName) as R")
    let toR = ScaleCases.expectMatchesR(asR, testCase)

    let sums = try await database.scaleGroupSums(
      scale, by: testCase.by, declaration: declaration, boxSize: testCase.box, fitsLogit: true)
    for method in IntervalMethod.allCases {
      for level in [0.95, 0.9] {
        let file = try fileDesign.scaleAnalysis(scale, by: testCase.by, boxSize: testCase.box, method: method, level: level)
        toFile = max(toFile, ScaleCases.expectSameAsFile(
          try sums.analysis(method: method, level: level), file, psu: testCase.design.psu, "\(caseName) \(method) \(level)"))
      }
    }
    print("\(caseName): largest relative difference to the file \(toFile); to R \(toR.estimates) (estimates, SEs, α, r), \(toR.bounds) (bounds)")
  }

  /// Replicates created from the strata and PSUs (the stratified jackknife, the bootstrap): the
  /// file's analysis, every JSON field, the design naming the replicates and their degrees of
  /// freedom (the rank of the replicates minus one).
  @Test(arguments: [ReplicateMethod.stratifiedJackknife, .bootstrap])
  func createdReplicatesGiveTheFileAnalysis(method: ReplicateMethod) async throws {
    let testCase = ScaleCases.testCase("trust-by-age")
    var declaration = testCase.design.databaseDeclaration
    declaration.replicates = ReplicateDeclaration(source: .created(count: 20, seed: 3), method: method)
    let database = try await table(ScaleCases.table(testCase)).scaleAnalysis(
      ScaleCases.scale(testCase), by: testCase.by, declaration: declaration, boxSize: testCase.box)
    let file = try ScaleCases.fileDesign(testCase).replicated(method, count: 20, seed: 3)
      .scaleAnalysis(ScaleCases.scale(testCase), by: testCase.by, boxSize: testCase.box)
    #expect(database.design?.replicates?.method == method)
    #expect(method != .bootstrap || database.design?.degreesOfFreedom == 19)
    let difference = ScaleCases.expectSameAsFile(database, file, psu: testCase.design.psu, "\(method)")
    print("scale with created \(method) replicates: largest relative difference to the file \(difference)")
  }

  /// Items stored as text, a range inferred from the lowest and highest answers (MIN and MAX), a
  /// minimum of answered items and a box of one code: the file's analysis.
  @Test func textItemsAndAnInferredRangeGiveTheFileAnalysis() async throws {
    let testCase = ScaleCases.testCase("trust-by-age")
    let scale = ScaleDefinition(items: testCase.items, reversedItems: testCase.reverse, minimumAnsweredItems: 3)
    let database = try await table("crosstab_concern_by_age").scaleAnalysis(
      scale, by: ["sex"], declaration: testCase.design.databaseDeclaration, boxSize: 1)
    let file = try ScaleCases.fileDesign(testCase).scaleAnalysis(scale, by: ["sex"], boxSize: 1)
    #expect(database.range == 1...5)
    let difference = ScaleCases.expectSameAsFile(database, file, psu: "psu", "text items")
    print("text items, inferred range: largest relative difference to the file \(difference)")
  }

  /// The same JSON with 0 and 4 parallel workers, and from the same rows in another order.
  @Test func parallelWorkersAndRowOrderChangeNothing() async throws {
    let testCase = ScaleCases.testCase("trust-by-age")
    func analysis(_ name: String, _ settings: PostgresTable.Settings = .init()) async throws -> ScaleAnalysis {
      try await table(name, settings).scaleAnalysis(
        ScaleCases.scale(testCase), by: ["age_band"], declaration: testCase.design.databaseDeclaration)
    }
    let serial = try await analysis("scale_trust_by_age", .init(parallelWorkersPerGather: 0))
    let parallel = try await analysis("scale_trust_by_age", .init(parallelWorkersPerGather: 4))
    let shuffled = try await analysis("scale_shuffled")
    expectSame(parallel.json, serial.json, "parallel workers")
    expectSame(shuffled.json, serial.json, "shuffled rows")
  }

  /// A text answer that is not a number, and an answer outside the declared range: one sentence
  /// naming the table, the column and the value.
  @Test func unusableAnswersAreOneSentence() async throws {
    let declaration = ScaleCases.testCase("trust-by-age").design.databaseDeclaration
    var message = ""
    do {
      _ = try await table("scale_not_a_number").scaleAnalysis(
        ScaleDefinition(items: ["trust1", "trust2"], range: 1...5), declaration: declaration)
    } catch { message = "\(error)" }
    #expect(message == "table 'scale_not_a_number': column 'trust2': 'n/a' is not a number, but the scale item must be numeric. Correct the value, or make it NULL (a view can do it).")
    do {
      _ = try await table("crosstab_channel_protect_level_outside_table").scaleAnalysis(
        ScaleDefinition(items: ["concern"], range: 1...5), declaration: declaration)
    } catch { message = "\(error)" }
    #expect(message == "table 'crosstab_channel_protect_level_outside_table': column 'concern': the answer 9 is outside the scale's range 1–5. If it means \"don't know\" or \"refused\", make it NULL (a view can do it); otherwise widen the range.")
  }
}
