import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance rake` on a Spark table: the factor of every raking cell is the file path's raked ÷
/// base weight of its rows (R survey 4.1's `rake()`), the weight diagnostics (Spark's exact
/// `percentile` for the quantiles) and margins are the file's `rake --format json`, and the same
/// rows shuffled into 16 partitions give the same factors.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkRakeCommandTests {
  func raking(_ testCase: RakingCase, partitions: Int = 1) async throws -> GroupSumsRaking {
    let file = SparkEstimateTests.tables + "/" + testCase.table + (partitions == 16 ? "-16" : "") + ".parquet"
    let spark = SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
    let (weight, margins, options) = (testCase.design.weight, try testCase.margins, testCase.options)
    return try await onOwnThread { try spark.rakingFactors(weight: weight, to: margins, options: options) }
  }

  @Test(arguments: RakingCase.everyRaking.map(\.name))
  func theFactorsAndDiagnosticsAreTheFiles(caseName: String) async throws {
    let testCase = RakingCase.raking(caseName)
    let (file, r) = try testCase.expectTableRaking(try await raking(testCase), "Spark \(caseName)")
    print("Spark rake \(caseName): factors vs file \(file), vs R \(r)")
  }

  @Test func shuffledPartitionsGiveTheSameFactors() async throws {
    let testCase = RakingCase.raking("clustered-raked")
    expectSameFactors(try await raking(testCase, partitions: 16), try await raking(testCase), "16 partitions")
  }

  /// JK1 columns on apiclus1 raked with the table in 16 partitions: the factors file gives every
  /// row the file path's raked weight and raked replicate weights (``PostgresRakeCommandTests``).
  @Test func replicateColumnsGiveTheFilesRakedReplicateWeights() async throws {
    let declaration = ReplicateCases.declaration("sup-jk1", table: true)
    let spark = try SparkNumericTests.table(ReplicateCases.table("sup-jk1"), partitions: 16)
    let margins = ReplicateRakingCases.margins("sup-jk1")
    let raking = try await onOwnThread {
      try spark.rakingFactors(
        weight: declaration.weights, to: margins, options: RakingControl(), replicates: declaration.replicates)
    }
    let largest = try ReplicateTableRaking.expectFileWeights(raking, name: "sup-jk1", label: "Spark rake sup-jk1")
    print("Spark rake sup-jk1 with replicate columns: largest relative difference to the file \(largest)")
  }
}
