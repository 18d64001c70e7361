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
}
