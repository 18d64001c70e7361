import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance gap` on a Spark table with replicates, as on PostgreSQL
/// (``PostgresReplicateParadoxTests``): the file's JSON and R's numbers, in 1 partition and in 16.
/// Few analyses: a Spark query costs seconds.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkReplicateParadoxTests {
  static func engine(partitions: Int) -> ReplicateParadoxes.Engine {
    { table, definition, by, declaration, method in
      try await onOwnThread {
        try SparkNumericTests.table(table, partitions: partitions).paradox(
          definition, by: by, declaration: declaration, method: method)
      }
    }
  }

  /// R's supplied JK1 analysis (scale and MSE) by school type in 16 partitions, and R's supplied
  /// bootstrap without a domain in 1: the file's JSON and R's measures.
  @Test(arguments: zip(["sup-jk1-scale-mse", "sup-boot"], [16, 1]))
  func suppliedColumnsGiveTheFileAndR(design: String, partitions: Int) async throws {
    let golden = ReplicateParadoxes.goldens.first { $0.design == design }!
    let largest = try await ReplicateParadoxes.expectFileAndR(Self.engine(partitions: partitions), golden)
    print("\(design): gap in Spark, \(partitions) partitions, largest relative difference to R \(largest)")
  }

  /// Fay columns by a domain, in 16 partitions: the file's JSON.
  @Test func suppliedFayGivesTheFileJSON() async throws {
    try await ReplicateParadoxes.expectFile(Self.engine(partitions: 16), design: "sup-fay", by: ["stype"])
  }

  /// Bootstrap replicates created from the strata and PSUs by a domain, and JK1 created with an
  /// FPC (R's case), in 16 partitions: the file's JSON (and R's for JK1).
  @Test func createdReplicatesGiveTheFileJSON() async throws {
    let engine = Self.engine(partitions: 16)
    try await ReplicateParadoxes.expectFile(engine, design: "bootstrap", by: ["awards"])
    let golden = ReplicateParadoxes.goldens.first { $0.design == "rclus1" }!
    let largest = try await ReplicateParadoxes.expectFileAndR(engine, golden)
    print("rclus1: gap in Spark, 16 partitions, largest relative difference to R \(largest)")
  }

  /// Raked (R's `rake()` of the replicate design, as ``PostgresReplicateParadoxTests``): JK1
  /// columns by school type in 16 partitions, the file's JSON and R's numbers (logit, Wald and
  /// Korn–Graubard intervals); JKn created on pairs (likelihood, whole sample) in 1, the file's JSON.
  @Test func rakedReplicatesGiveTheFileAndR() async throws {
    let toR = try await ReplicateParadoxes.expectRakedFileAndR(Self.rakedEngine(partitions: 16), name: "sup-jk1")
    let created = try await ReplicateParadoxes.expectRakedFile(
      Self.rakedEngine(partitions: 1), name: "rpairs-jkn", analyses: [(.likelihood, [])])
    print("raked gap in Spark: JK1 columns, largest relative difference to R \(toR); JKn created, to the file \(created)")
  }

  static func rakedEngine(partitions: Int) -> ReplicateParadoxes.RakedEngine {
    { table, definition, by, declaration, margins, method in
      try await onOwnThread {
        try SparkNumericTests.table(table, partitions: partitions).paradox(
          definition, by: by, declaration: declaration, raking: margins, method: method)
      }
    }
  }
}
