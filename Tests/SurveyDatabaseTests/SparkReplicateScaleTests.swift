import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance scale` on a Spark table with replicate-weight columns, as on PostgreSQL
/// (``PostgresReplicateScaleTests``): the file's JSON, in 16 partitions.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkReplicateScaleTests {
  static let engine: ReplicateScales.Engine = { table, scale, by, declaration, boxSize, method in
    try await onOwnThread {
      try SparkNumericTests.table(table, partitions: 16).scaleAnalysis(
        scale, by: by, declaration: declaration, boxSize: boxSize, method: method)
    }
  }

  /// JK1 by a domain, `other` and Fay without one: the file's JSON.
  @Test(arguments: zip(["sup-jk1", "sup-other", "sup-fay"], [["stype"], [], []]))
  func suppliedScalesGiveTheFileJSON(design: String, by: [String]) async throws {
    try await ReplicateScales.expectFile(Self.engine, design: design, scale: ReplicateScales.pair, by: by)
  }
}
