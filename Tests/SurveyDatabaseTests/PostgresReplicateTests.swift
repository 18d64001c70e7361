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

  /// BRR and Fay: the file's JSON on its rows sorted by stratum and PSU (R's Hadamard rows follow
  /// the order of the PSUs). The bootstrap: the file's JSON on its rows as they are, since it
  /// visits strata and PSUs in the sorted order of their values on a file too.
  @Test(arguments: ["rpairs-brr", "rpairs-fay", "rquads-brr", "bootstrap"])
  func orderedReplicatesGiveTheSortedFileJSON(design: String) async throws {
    let file = try ReplicateCases.fileDesign(design, sorted: design != "bootstrap")
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

  /// The designs with replicate-weight columns of the fixtures (R's `svrepdesign()`), every type
  /// and its scales: JK1 (with a given scale and MSE), JKn (rscales), the bootstrap (with a scale),
  /// BRR, Fay, successive-difference, ACS (MSE) and other.
  static let suppliedDesigns = [
    "sup-acs-mse", "sup-sdr", "sup-jk1", "sup-jk1-scale-mse", "sup-jkn", "sup-boot", "sup-boot-scale", "sup-brr",
    "sup-fay", "sup-other",
  ]

  /// Means and totals with replicate-weight columns: every JSON field the file path's (the design
  /// block too: no PSU column on either side) and R's numbers, degrees of freedom by domain
  /// included (the rank of each domain's replicate weights).
  @Test(arguments: suppliedDesigns)
  func suppliedMeansAndTotalsGiveTheFileAndR(design: String) async throws {
    var largest = 0.0
    let cases = ReplicateCases.cases(of: design)
    #expect(!cases.isEmpty)
    for testCase in cases {
      largest = max(largest, try await ReplicateCases.expectFileAndR(testCase, engine: Self.engine))
    }
    print("\(design): means and totals in PostgreSQL, largest relative difference to R \(largest)")
  }

  /// Proportions with replicate-weight columns, logit and likelihood intervals, by domain: the
  /// file's JSON.
  @Test(arguments: ["sup-acs-mse", "sup-jk1", "sup-jkn", "sup-brr", "sup-boot"])
  func suppliedProportionsGiveTheFileJSON(design: String) async throws {
    let file = try ReplicateCases.fileDesign(design)
    let declaration = ReplicateCases.declaration(design, table: true)
    let table = try Self.table(ReplicateCases.table(design))
    for method in [IntervalMethod.logit, .likelihood] {
      let database = try await table.proportions(
        of: ["comp.imp", "sch.wide"], by: ["stype"], declaration: declaration, method: method)
      let fromFile = try file.proportions(of: ["comp.imp", "sch.wide"], by: ["stype"], method: method)
      expectSame(database.json, fromFile.json, "\(design) comp.imp, sch.wide by stype \(method)")
    }
  }

  /// Replicate-weight columns on shuffled rows and with 0 or 4 parallel workers: the file's JSON
  /// each time (the sums are exact; the ranks' QR sorts the rows it fetches).
  @Test func suppliedReplicatesDoNotDependOnRowOrderOrWorkers() async throws {
    let declaration = ReplicateCases.declaration("sup-acs-mse", table: true)
    let file = try ReplicateCases.fileDesign("sup-acs-mse")
    let expected = try file.means(of: ["api99"], by: ["stype"]).json
    for (name, workers) in [("replicates_apiclus1", 0), ("replicates_apiclus1", 4), ("replicates_apiclus1_shuffled", 4)] {
      let table = try Self.table(name, .init(parallelWorkersPerGather: workers))
      let means = try await table.means(of: ["api99"], by: ["stype"], declaration: declaration)
      expectSame(means.json, expected, "sup-acs-mse mean api99 by stype, \(name), \(workers) workers")
    }
  }

  /// A pattern that matches no column is the file path's error.
  @Test func unmatchedReplicatePatternIsTheFilePathsError() async throws {
    let declaration = ReplicateCases.declaration("sup-jk1", table: true)
    let table = try Self.table("replicates_apiclus1")
    var unmatched = declaration
    unmatched.replicates?.source = .columns(matching: "^repw")
    await #expect(throws: ReplicateError.self) {
      try await table.means(of: ["api00"], declaration: unmatched)
    }
  }

  /// An ACS-like table with 80 successive-difference replicate-weight columns (ACS with MSE
  /// variances, successive-difference, JK1): means by two domain variables (domains ranked from
  /// their rows and from their cross products), a total and proportions, the file's JSON.
  @Test(arguments: [ReplicateMethod.acs, .successiveDifference, .jackknife])
  func eightyReplicateColumnsGiveTheFileJSON(method: ReplicateMethod) async throws {
    let file = try ACSLikeTable.fileDesign(method)
    let declaration = ACSLikeTable.declaration(method)
    let table = try Self.table(ACSLikeTable.table)
    let residuals = ReplicateRankStatements.count(.residuals, engine: .postgreSQL, table: table.table)
    defer {
      let sent = ReplicateRankStatements.count(.residuals, engine: .postgreSQL, table: table.table) - residuals
      print("replicates_acs in PostgreSQL, \(method): \(sent) statements of residuals")
    }
    for by in [["region"], ["big"]] {
      let means = try await table.means(of: ["hours"], by: by, declaration: declaration)
      expectSame(means.json, try file.means(of: ["hours"], by: by).json, "\(method) mean hours by \(by)")
    }
    let totals = try await table.totals(of: ["hours"], declaration: declaration)
    expectSame(totals.json, try file.totals(of: ["hours"]).json, "\(method) total hours")
    let shares = try await table.proportions(of: ["tenure"], by: ["region"], declaration: declaration)
    expectSame(shares.json, try file.proportions(of: ["tenure"], by: ["region"]).json, "\(method) tenure by region")
  }

  /// Replicate-weight columns whose cross products cannot decide their rank (a column
  /// extrapolated from nearly equal ones with coefficients ±200), by a domain variable with a
  /// domain of fewer than 4R rows and one of fewer than R: R's degrees of freedom, the file path's
  /// JSON (every domain's df included), from the cross products and rounds of residuals, with no
  /// statement fetching rows.
  @Test func doubtfulReplicateColumnsAreRankedFromAggregates() async throws {
    let declaration = CollinearReplicateTable.declaration("rep[0-9]+")
    let file = try CollinearReplicateTable.fileDesign("rep[0-9]+")
    let table = try Self.table(CollinearReplicateTable.table)
    func count(_ kind: ReplicateRankStatements.Kind) -> Int {
      ReplicateRankStatements.count(kind, engine: .postgreSQL, table: table.table)
    }
    let (residuals, rows) = (count(.residuals), count(.rows))
    for by in [["part"], []] {
      let means = try await table.means(of: ["y"], by: by, declaration: declaration)
      expectSame(means.json, try file.means(of: ["y"], by: by).json, "rep mean y by \(by)")
    }
    #expect(count(.residuals) > residuals, "the cross products decided every column: no residual was needed")
    #expect(count(.rows) == rows, "a statement fetched rows")
    print("replicates_collinear in PostgreSQL: \(count(.residuals) - residuals) rounds of residuals for two estimates")
  }

  /// Stratified jackknife replicate-weight columns, exactly rank-deficient by the strata less one
  /// and all close to the weight, so that the cross products cannot decide the 5 dependent
  /// columns: their residuals, each assuming the earlier ones moved, come in one statement (at
  /// most 2) per estimate, for all rows and both domains, and R's rank 37 (df 36), the file path's
  /// JSON, with no statement fetching rows.
  @Test func exactlyRankDeficientJackknifeTakesAtMostTwoStatementsOfResiduals() async throws {
    let file = try StratifiedJackknifeTable.fileDesign()
    let table = try Self.table(StratifiedJackknifeTable.table)
    func count(_ kind: ReplicateRankStatements.Kind) -> Int {
      ReplicateRankStatements.count(kind, engine: .postgreSQL, table: table.table)
    }
    for by in [[], ["part"]] {
      let (residuals, rows) = (count(.residuals), count(.rows))
      let means = try await table.means(of: ["y"], by: by, declaration: StratifiedJackknifeTable.declaration)
      expectSame(means.json, try file.means(of: ["y"], by: by).json, "sj mean y by \(by)")
      #expect(Array(means).allSatisfy { $0.degreesOfFreedom == 36 }, "sj mean y by \(by): df")
      #expect(count(.residuals) > residuals, "the cross products decided every column: no residual was needed")
      #expect(count(.residuals) - residuals <= 2, "sj mean y by \(by): \(count(.residuals) - residuals) residual statements")
      #expect(count(.rows) == rows, "a statement fetched rows")
      print("replicates_strata in PostgreSQL by \(by): \(count(.residuals) - residuals) statements of residuals")
    }
  }

  /// A replicate-weight column within 0.1 % of R's threshold (1.0001 times it) in the domain
  /// `small` (`close…`), or over all rows and in `large` (`edge…`): its residual cannot decide
  /// it, so the rows of those domains, or every row, are fetched in one statement for a QR as R
  /// computes it; the other domains are decided from aggregates. The file path's JSON.
  @Test(arguments: [("close[0-9]+", ["part"]), ("edge[0-9]+", []), ("edge[0-9]+", ["part"])])
  func aColumnAtRsThresholdTakesOneStatementOfRows(pattern: String, by: [String]) async throws {
    let declaration = CollinearReplicateTable.declaration(pattern)
    let file = try CollinearReplicateTable.fileDesign(pattern)
    let table = try Self.table(CollinearReplicateTable.table)
    let rows = ReplicateRankStatements.count(.rows, engine: .postgreSQL, table: table.table)
    let means = try await table.means(of: ["y"], by: by, declaration: declaration)
    expectSame(means.json, try file.means(of: ["y"], by: by).json, "\(pattern) mean y by \(by)")
    #expect(ReplicateRankStatements.count(.rows, engine: .postgreSQL, table: table.table) == rows + 1)
  }
}
