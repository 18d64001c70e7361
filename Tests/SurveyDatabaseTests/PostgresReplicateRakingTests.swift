import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Replicate-weight columns raked in PostgreSQL (R's `rake()` of a `svrepdesign()`): every
/// replicate's Σa_r by raking cell is raked in the full sample's sweeps, the estimates' replicate
/// sums are scaled by each replicate's factor of their cell, and the degrees of freedom are the
/// rank of the raked replicate weights (read through a subquery that joins the factors). Every
/// JSON field equals the file path's and the numbers R's (`Fixtures/replicate-raking`).
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresReplicateRakingTests {
  static func table(_ name: String) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: ReplicateCases.table(name))
  }

  /// Mean of api00 (whole sample and by stype) and total of enroll: the file's JSON and R's numbers.
  @Test(arguments: ReplicateRakingCases.suppliedNames)
  func meansAndTotalsGiveTheFileAndR(name: String) async throws {
    let testCase = ReplicateRakingCases.named(name)
    let margins = ReplicateRakingCases.margins(name)
    let declaration = ReplicateCases.declaration(name, table: true)
    let file = try ReplicateCases.fileDesign(name).raked(to: margins)
    let table = try Self.table(name)
    var largest = 0.0
    let mean = try await table.means(of: ["api00"], declaration: declaration, raking: margins, options: RakingControl())
    expectSame(mean.json, try file.means(of: ["api00"]).json, "\(name) mean api00")
    largest = max(largest, ReplicateRakingCases.expectR(mean.estimates[0], testCase.mean, "\(name) mean api00"))
    let total = try await table.totals(of: ["enroll"], declaration: declaration, raking: margins, options: RakingControl())
    expectSame(total.json, try file.totals(of: ["enroll"]).json, "\(name) total enroll")
    largest = max(largest, ReplicateRakingCases.expectR(total.estimates[0], testCase.total, "\(name) total enroll"))
    let by = testCase.domain_means.by
    let domainMeans = try await table.means(
      of: [testCase.domain_means.variable], by: [by], declaration: declaration, raking: margins, options: RakingControl())
    expectSame(domainMeans.json, try file.means(of: [testCase.domain_means.variable], by: [by]).json, "\(name) mean by \(by)")
    #expect(domainMeans.estimates.count == testCase.domain_means.estimates.count)
    for (estimate, expected) in zip(domainMeans.estimates, testCase.domain_means.estimates) {
      #expect(estimate.domain.levels.first?.value == expected.domain)
      largest = max(largest, ReplicateRakingCases.expectR(estimate, expected, "\(name) mean by \(by) \(expected.domain ?? "")"))
    }
    print("\(name): raked replicate means and totals in PostgreSQL, largest relative difference to R \(largest)")
  }

  /// Proportions (logit, likelihood and beta intervals), whole sample and by a domain variable:
  /// the file's JSON.
  @Test(arguments: ReplicateRakingCases.suppliedNames)
  func proportionsGiveTheFileJSON(name: String) async throws {
    let margins = ReplicateRakingCases.margins(name)
    let declaration = ReplicateCases.declaration(name, table: true)
    let file = try ReplicateCases.fileDesign(name).raked(to: margins)
    let table = try Self.table(name)
    for method in [IntervalMethod.logit, .likelihood, .beta] {
      for by in [[], ["stype"]] {
        let database = try await table.proportions(
          of: ["comp.imp"], by: by, declaration: declaration, raking: margins, options: RakingControl(),
          method: method)
        let fromFile = try file.proportions(of: ["comp.imp"], by: by, method: method)
        expectSame(database.json, fromFile.json, "\(name) comp.imp by \(by) \(method)")
      }
    }
  }

  /// Cross-tabs (logit shares, the Rao–Scott test from the raked replicates' cell totals), whole
  /// sample and by a domain variable: the file's JSON (bounds to 1e-7).
  @Test(arguments: ReplicateRakingCases.suppliedNames)
  func crossTabsGiveTheFileJSON(name: String) async throws {
    let margins = ReplicateRakingCases.margins(name)
    let declaration = ReplicateCases.declaration(name, table: true)
    let file = try ReplicateCases.fileDesign(name).raked(to: margins)
    let table = try Self.table(name)
    for (row, column, by) in [("sch.wide", "stype", [String]()), ("comp.imp", "sch.wide", ["stype"])] {
      let database = try await table.crossTab(
        row: row, column: column, by: by, declaration: declaration, raking: margins, options: RakingControl())
      ReplicateCrossTabs.expectSameWithBounds(
        database.json, try file.crossTab(row: row, column: column, by: by).json, "\(name) \(row) × \(column) by \(by)")
    }
  }

  /// Replicates created from the strata and PSUs (JK1 on clusters with an FPC, JKn, BRR), raked:
  /// each replicate's cell sums from the PSUs' sums by raking cell times its multipliers. Means,
  /// totals, proportions and a cross-tab by stype equal the file's JSON (its rows sorted by
  /// stratum and PSU), and the whole-sample mean and total R's numbers for the jackknives (BRR's
  /// Hadamard rows follow the PSUs' order, which R takes from the file as it is: R's BRR numbers
  /// are those of the file path on the unsorted rows, ReplicateRakingReferenceTests).
  @Test(arguments: ReplicateRakingCases.createdNames)
  func createdReplicatesGiveTheFileAndR(name: String) async throws {
    let testCase = ReplicateRakingCases.named(name)
    let margins = ReplicateRakingCases.margins(name)
    let declaration = ReplicateRakingCases.createdDeclaration(name)
    let (tableName, design) = try ReplicateRakingCases.created(name)
    let file = try design.raked(to: margins)
    let table = PostgresTable(location: try PostgresLocation(url: testServer!), table: tableName)
    var largest = 0.0
    let comparesR = testCase.replicates.method != "brr"
    let mean = try await table.means(of: ["api00"], declaration: declaration, raking: margins, options: RakingControl())
    expectSame(mean.json, try file.means(of: ["api00"]).json, "\(name) mean api00")
    let total = try await table.totals(of: ["enroll"], declaration: declaration, raking: margins, options: RakingControl())
    expectSame(total.json, try file.totals(of: ["enroll"]).json, "\(name) total enroll")
    if comparesR {
      largest = max(
        ReplicateRakingCases.expectR(mean.estimates[0], testCase.mean, "\(name) mean api00"),
        ReplicateRakingCases.expectR(total.estimates[0], testCase.total, "\(name) total enroll"))
    }
    let domainMeans = try await table.means(
      of: ["api00"], by: ["stype"], declaration: declaration, raking: margins, options: RakingControl())
    expectSame(domainMeans.json, try file.means(of: ["api00"], by: ["stype"]).json, "\(name) mean api00 by stype")
    for method in [IntervalMethod.logit, .likelihood] {
      let shares = try await table.proportions(
        of: ["comp.imp"], by: ["stype"], declaration: declaration, raking: margins, options: RakingControl(),
        method: method)
      expectSame(shares.json, try file.proportions(of: ["comp.imp"], by: ["stype"], method: method).json,
                 "\(name) comp.imp by stype \(method)")
    }
    let crossTab = try await table.crossTab(
      row: "comp.imp", column: "sch.wide", by: ["stype"], declaration: declaration, raking: margins,
      options: RakingControl())
    ReplicateCrossTabs.expectSameWithBounds(
      crossTab.json, try file.crossTab(row: "comp.imp", column: "sch.wide", by: ["stype"]).json,
      "\(name) comp.imp × sch.wide by stype")
    print("\(name): raked created replicates in PostgreSQL" + (comparesR ? ", largest relative difference to R \(largest)" : ""))
  }

  /// A raked scale on created replicates (JK1 on apiclus1's districts, JKn on pairs): the two-item
  /// scale by stype, the file's JSON (replicate-weight columns are refused for a raked scale:
  /// ``PostgresReplicateCrossTabTests/rakingReplicateColumnsOfAScaleIsRefused()``).
  @Test(arguments: ["rclus1-jk1", "rpairs-jkn"])
  func createdReplicatesRakedScaleGivesTheFileJSON(name: String) async throws {
    let margins = ReplicateRakingCases.margins(name)
    let declaration = ReplicateRakingCases.createdDeclaration(name)
    let (tableName, design) = try ReplicateRakingCases.created(name)
    let table = PostgresTable(location: try PostgresLocation(url: testServer!), table: tableName)
    let analysis = try await table.scaleAnalysis(
      ReplicateScales.pair, by: ["stype"], declaration: declaration, boxSize: 300, raking: margins,
      options: RakingControl())
    let file = try design.raked(to: margins).scaleAnalysis(ReplicateScales.pair, by: ["stype"], boxSize: 300)
    expectSame(analysis.json, file.json, "\(name) scale by stype")
  }

  /// A raked scale on replicate-weight columns: the two-item scale by stype and the one-item
  /// scale, the file's JSON.
  @Test(arguments: ReplicateRakingCases.suppliedNames)
  func suppliedReplicatesRakedScaleGivesTheFileJSON(name: String) async throws {
    let margins = ReplicateRakingCases.margins(name)
    let declaration = ReplicateCases.declaration(name, table: true)
    let file = try ReplicateCases.fileDesign(name).raked(to: margins)
    let table = try Self.table(name)
    for (scale, by, boxSize) in [(ReplicateScales.pair, ["stype"], 300), (ReplicateScales.single, [], 200)] {
      let analysis = try await table.scaleAnalysis(
        scale, by: by, declaration: declaration, boxSize: boxSize, raking: margins, options: RakingControl())
      let fromFile = try file.scaleAnalysis(scale, by: by, boxSize: boxSize)
      expectSame(analysis.json, fromFile.json, "\(name) scale \(scale.items) by \(by)")
    }
  }

  /// Raked replicate-weight columns on shuffled rows and with 0 or 4 parallel workers: the file's
  /// JSON each time (exact sums; the ranks from the raked subquery's aggregates).
  @Test func rakedReplicateColumnsDoNotDependOnRowOrderOrWorkers() async throws {
    let margins = ReplicateRakingCases.margins("sup-jk1")
    let declaration = ReplicateCases.declaration("sup-jk1", table: true)
    let expected = try ReplicateCases.fileDesign("sup-jk1").raked(to: margins).means(of: ["api99"], by: ["stype"]).json
    for (name, workers) in [("replicates_apiclus1", 4), ("replicates_apiclus1_shuffled", 0), ("replicates_apiclus1_shuffled", 4)] {
      let table = PostgresTable(
        location: try PostgresLocation(url: testServer!), table: name, settings: .init(parallelWorkersPerGather: workers))
      let means = try await table.means(
        of: ["api99"], by: ["stype"], declaration: declaration, raking: margins, options: RakingControl())
      expectSame(means.json, expected, "sup-jk1 raked mean api99 by stype, \(name), \(workers) workers")
    }
  }
}
