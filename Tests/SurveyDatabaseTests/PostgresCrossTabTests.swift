import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance crosstab` where the data lives: the two-way table from PostgreSQL's group sums by
/// stratum × PSU × domain × row value × column value equals the file path's, every JSON field, on
/// the R golden fixtures (and matches R as the file path does); parallel workers and the rows'
/// order change nothing.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresCrossTabTests {
  func table(_ name: String, _ settings: PostgresTable.Settings = .init()) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name, settings: settings)
  }

  /// The case as R made it matches R and the file; every interval method at two levels, finished
  /// from one set of sums, equals the file; so do the tables of one more domain variable.
  @Test(arguments: CrossTabCases.names)
  func theRFixturesGiveTheFileCrossTab(caseName: String) async throws {
    let testCase = CrossTabCases.testCase(caseName)
    let declaration = testCase.design.databaseDeclaration
    let database = try table(CrossTabCases.table(testCase))
    let fileDesign = try CrossTabCases.fileDesign(testCase)
    let method = try #require(IntervalMethod(name: testCase.method))
    let (row, column) = (testCase.row, testCase.column)

    let asR = try await database.crossTab(
      row: row, column: column, by: testCase.by, declaration: declaration, method: method, level: testCase.level)
    var toFile = CrossTabCases.expectSameAsFile(
      asR, try fileDesign.crossTab(row: row, column: column, by: testCase.by, method: method, level: testCase.level),
      testCase, "\(caseName) as R")
    let toR = CrossTabCases.expectMatchesR(asR, testCase)

    for by in [testCase.by, CrossTabCases.moreDomains(testCase)] {
      let sums = try await database.crossTabGroupSums(
        row: row, column: column, by: by, declaration: declaration, fitsLogit: true)
      for method in IntervalMethod.allCases {
        for level in [0.95, 0.9] {
          let fromDatabase = try sums.crossTab(row: row, column: column, method: method, level: level)
          let fromFile = try fileDesign.crossTab(row: row, column: column, by: by, method: method, level: level)
          toFile = max(toFile, CrossTabCases.expectSameAsFile(
            fromDatabase, fromFile, testCase, "\(caseName) by \(by) \(method) \(level)"))
        }
      }
    }
    print("\(caseName): largest relative difference to the file \(toFile); to R \(toR.estimates) (estimates, SEs, F), \(toR.bounds) (bounds, p)")
  }

  /// The same JSON with 0 and 4 parallel workers, and from the same rows in another order.
  @Test func parallelWorkersAndRowOrderChangeNothing() async throws {
    let declaration = CrossTabCases.testCase("concern-by-age").design.databaseDeclaration
    func crossTab(_ name: String, _ settings: PostgresTable.Settings = .init()) async throws -> CrossTab {
      try await table(name, settings).crossTab(row: "concern", column: "age_band", by: ["sex"], declaration: declaration)
    }
    let serial = try await crossTab("crosstab_concern_by_age", .init(parallelWorkersPerGather: 0))
    let parallel = try await crossTab("crosstab_concern_by_age", .init(parallelWorkersPerGather: 4))
    let shuffled = try await crossTab("crosstab_shuffled")
    expectSame(parallel.json, serial.json, "parallel workers")
    expectSame(shuffled.json, serial.json, "shuffled rows")
  }

  /// A variable in two roles is the file path's error, before any query.
  @Test func aVariableUsedTwiceIsTheFileError() async throws {
    let testCase = CrossTabCases.testCase("concern-by-age")
    var databaseError = ""
    do {
      _ = try await table("crosstab_concern_by_age").crossTab(
        row: "concern", column: "age_band", by: ["concern"], declaration: testCase.design.databaseDeclaration)
    } catch { databaseError = "\(error)" }
    var fileError = ""
    do {
      _ = try CrossTabCases.fileDesign(testCase).crossTab(row: "concern", column: "age_band", by: ["concern"])
    } catch { fileError = "\(error)" }
    #expect(!fileError.isEmpty)
    #expect(databaseError == fileError)
  }
}
