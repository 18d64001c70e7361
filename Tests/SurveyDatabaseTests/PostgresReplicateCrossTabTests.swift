import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance crosstab` on a PostgreSQL table with replicate-weight columns (R's `svrepdesign()`):
/// the group sums by PSU × domain × row value × column value carry each replicate's exact Σ a_r,
/// the ranks of the share partitions' domains give the degrees of freedom, and the table is
/// finished by the statistics that finish the file path's (the replicate proportions of every
/// share, `svychisq.svyrep.design`'s test). Every JSON field equals the file path's, and R survey
/// 4.1's numbers where the replicate fixtures have them.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresReplicateCrossTabTests {
  static let engine: ReplicateCrossTabs.Engine = { table, row, column, by, declaration, method in
    try await PostgresReplicateTests.table(table).crossTab(
      row: row, column: column, by: by, declaration: declaration, method: method)
  }

  /// R's tables (BRR; BRR by a domain; successive differences by a domain; the bootstrap): the
  /// file's JSON and R's shares, standard errors, tests and degrees of freedom.
  @Test(arguments: ReplicateCrossTabs.goldenNames)
  func suppliedCrossTabsGiveTheFileAndR(name: String) async throws {
    let largest = try await ReplicateCrossTabs.expectFileAndR(Self.engine, ReplicateCrossTabs.golden(name))
    print("\(name): cross-tab in PostgreSQL, largest relative difference to R \(largest)")
  }

  /// JK1 (with a scale and MSE), JKn, Fay, the bootstrap and `other` (rscales), with and
  /// without a domain: the file's JSON.
  @Test(arguments: ["sup-jk1", "sup-jk1-scale-mse", "sup-jkn", "sup-fay", "sup-boot-scale", "sup-other", "sup-acs-mse"])
  func suppliedCrossTabsGiveTheFileJSON(design: String) async throws {
    try await ReplicateCrossTabs.expectFile(Self.engine, design: design, row: "sch.wide", column: "stype", by: [])
    try await ReplicateCrossTabs.expectFile(Self.engine, design: design, row: "comp.imp", column: "sch.wide", by: ["stype"])
  }

  /// Replicates created from the strata and PSUs (JK1 with an FPC, JKn, JKn on clusters, the
  /// bootstrap), with and without a domain: the file's JSON, the degrees of freedom the rank of each
  /// domain's replicate weights minus one.
  @Test(arguments: ["rclus1", "rstrat-jkn", "rstratclus-jkn", "bootstrap"])
  func createdReplicatesGiveTheFileJSON(design: String) async throws {
    try await ReplicateCrossTabs.expectFile(Self.engine, design: design, row: "sch.wide", column: "comp.imp", by: [])
    let byAwards = try await ReplicateCrossTabs.expectFile(
      Self.engine, design: design, row: "sch.wide", column: "comp.imp", by: ["awards"])
    #expect(byAwards.design?.replicates?.isCreated == true)
  }

  /// The likelihood and Wald intervals: the likelihood interval on a replicate design needs the
  /// first step of the logistic fit too (the replicate fits start from it).
  @Test(arguments: [IntervalMethod.likelihood, .mean])
  func otherIntervalsGiveTheFileJSON(method: IntervalMethod) async throws {
    try await ReplicateCrossTabs.expectFile(
      Self.engine, design: "sup-fay", row: "comp.imp", column: "stype", by: ["sch.wide"], method: method)
  }
}
