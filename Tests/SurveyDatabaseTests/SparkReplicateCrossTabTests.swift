import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance crosstab` on a Spark table with replicate-weight columns, as on PostgreSQL
/// (``PostgresReplicateCrossTabTests``): the file's JSON and R's numbers, in 1 partition and in
/// 16. Few queries: a Spark query costs seconds.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkReplicateCrossTabTests {
  static func engine(partitions: Int) -> ReplicateCrossTabs.Engine {
    { table, row, column, by, declaration, method in
      try await onOwnThread {
        try SparkNumericTests.table(table, partitions: partitions).crossTab(
          row: row, column: column, by: by, declaration: declaration, method: method)
      }
    }
  }

  /// R's BRR table by a domain, in 16 partitions, and R's bootstrap table in 1: the file's JSON
  /// and R's numbers.
  @Test(arguments: zip(["sup-brr comp.imp×awards", "sup-boot comp.imp×stype"], [16, 1]))
  func suppliedCrossTabsGiveTheFileAndR(name: String, partitions: Int) async throws {
    let largest = try await ReplicateCrossTabs.expectFileAndR(
      Self.engine(partitions: partitions), ReplicateCrossTabs.golden(name))
    print("\(name): cross-tab in Spark, \(partitions) partitions, largest relative difference to R \(largest)")
  }

  /// Bootstrap replicates created from the strata and PSUs, by a domain, in 16 partitions: the
  /// file's JSON.
  @Test func createdReplicatesGiveTheFileJSON() async throws {
    try await ReplicateCrossTabs.expectFile(
      Self.engine(partitions: 16), design: "bootstrap", row: "sch.wide", column: "comp.imp", by: ["awards"])
  }

  /// JK1 and Fay, with and without a domain: the file's JSON.
  @Test(arguments: ["sup-jk1", "sup-fay"])
  func suppliedCrossTabsGiveTheFileJSON(design: String) async throws {
    let engine = Self.engine(partitions: 16)
    try await ReplicateCrossTabs.expectFile(engine, design: design, row: "sch.wide", column: "stype", by: [])
    try await ReplicateCrossTabs.expectFile(engine, design: design, row: "comp.imp", column: "sch.wide", by: ["stype"])
  }
}
