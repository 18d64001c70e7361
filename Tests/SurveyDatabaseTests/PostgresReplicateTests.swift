import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Replicates created from the strata and PSUs of a PostgreSQL table (R's `as.svrepdesign()`):
/// the ordinary group sums by stratum × PSU × domain × category suffice, and Confiance creates
/// the replicates and finishes their variances and degrees of freedom. On the replicate fixtures
/// (`.ci/postgres-fixtures.py` loads their data sets as `replicates_apiclus1`…), every JSON field
/// equals the file path's and the numbers R survey 4.1's: jackknives on the rows as R has them;
/// BRR, Fay and the bootstrap, whose replicates depend on the order of strata and PSUs and which
/// a table creates in sorted order, on the file's rows sorted by stratum and PSU.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresReplicateTests {
  static func table(_ name: String, _ settings: PostgresTable.Settings = .init()) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name, settings: settings)
  }

  static var engine: PostgresNumericTests.Engine {
    PostgresNumericTests.Engine(
      means: { table, variable, by, declaration, level in
        try await Self.table(table).means(of: [variable], by: by, declaration: declaration, level: level)
      },
      totals: { table, variable, by, declaration, level in
        try await Self.table(table).totals(of: [variable], by: by, declaration: declaration, level: level)
      })
  }

  /// Means and totals of the jackknife designs: the file's JSON and R's numbers.
  @Test(arguments: ["rclus1", "rclus1-mse", "rstrat-jkn", "rstratclus-jkn", "rpairs-jkn-mse", "rlonely-jkn-adjust"])
  func jackknifeMeansAndTotalsGiveTheFileAndR(design: String) async throws {
    var largest = 0.0
    for testCase in ReplicateCases.cases(of: design) {
      largest = max(largest, try await ReplicateCases.expectFileAndR(testCase, engine: Self.engine))
    }
    print("\(design): means and totals in PostgreSQL, largest relative difference to R \(largest)")
  }

  /// Proportions with the logit interval (the replicate fits of R's `svyglm`) and the likelihood
  /// interval (which needs the first step of the fit too on a replicate design): the file's JSON.
  @Test(arguments: ["rclus1", "rstratclus-jkn", "rpairs-brr", "bootstrap"])
  func proportionsGiveTheFileJSON(design: String) async throws {
    let sorted = !design.contains("jk") && design != "rclus1"
    let file = try ReplicateCases.fileDesign(design, sorted: sorted)
    let declaration = ReplicateCases.declaration(design, table: true)
    for method in [IntervalMethod.logit, .likelihood] {
      let database = try await Self.table(ReplicateCases.table(design)).proportions(
        of: ["comp.imp"], by: ["stype"], declaration: declaration, method: method)
      let fromFile = try file.proportions(of: ["comp.imp"], by: ["stype"], method: method)
      expectSame(database.json, fromFile.json, "\(design) comp.imp by stype \(method)")
    }
  }

  /// BRR, Fay and the bootstrap: the file's JSON on its rows sorted by stratum and PSU.
  @Test(arguments: ["rpairs-brr", "rpairs-fay", "rquads-brr", "bootstrap"])
  func orderedReplicatesGiveTheSortedFileJSON(design: String) async throws {
    let file = try ReplicateCases.fileDesign(design, sorted: true)
    let table = try Self.table(ReplicateCases.table(design))
    let declaration = ReplicateCases.declaration(design, table: true)
    let means = try await table.means(of: ["api99"], by: ["stype"], declaration: declaration)
    expectSame(means.json, try file.means(of: ["api99"], by: ["stype"]).json, "\(design) mean api99 by stype")
    let totals = try await table.totals(of: ["enroll"], declaration: declaration)
    expectSame(totals.json, try file.totals(of: ["enroll"]).json, "\(design) total enroll")
  }

  /// The same estimate with and without parallel workers: the group sums are exact, so the JSON
  /// is the same.
  @Test func parallelWorkersChangeNothing() async throws {
    let declaration = ReplicateCases.declaration("rpairs-fay", table: true)
    var results: [JSONValue] = []
    for workers in [0, 4] {
      let table = try Self.table("replicates_pairs", .init(parallelWorkersPerGather: workers))
      results.append(try await table.means(of: ["api00"], by: ["stype"], declaration: declaration).json)
    }
    expectSame(results[1], results[0], "rpairs-fay mean api00 by stype, 4 workers vs 0")
  }

  /// Replicate-weight columns are refused, not ignored.
  @Test func replicateColumnsAreRefused() async throws {
    let declaration = DesignDeclaration(
      weights: "pw", clusters: "row_id",
      replicates: ReplicateDeclaration(source: .columns(matching: "jk1_[0-9]+"), method: .jackknife))
    await #expect(throws: DatabaseError.self) {
      try await Self.table("replicates_apiclus1").means(of: ["api00"], declaration: declaration)
    }
  }
}
