import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance gap` in Spark: the paradox analysis from Spark's group sums by stratum × PSU ×
/// domain × the items' values equals the file path's, every JSON field, on the R golden fixtures
/// (and matches R as the file path does); the same rows shuffled into 16 partitions give the same
/// JSON.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkParadoxTests {
  /// The parquet file of a fixture table (`.ci/spark-fixtures.py`), as a Spark table name.
  func table(_ name: String, partitions: Int = 1) throws -> SparkTable {
    let file = SparkEstimateTests.tables + "/" + name + (partitions == 16 ? "-16" : "") + ".parquet"
    return SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
  }

  /// One `GROUP BY` per case, three interval methods finished from its sums; the one-call API
  /// gives the same JSON; the 16-partition copy too.
  @Test(arguments: ParadoxCases.names)
  func theRFixturesGiveTheFileAnalysis(caseName: String) async throws {
    let testCase = ParadoxCases.testCase(caseName)
    let definition = ParadoxCases.definition(testCase)
    let declaration = ParadoxCases.declaration(testCase)
    let spark = try table(ParadoxCases.table(testCase))
    let fileDesign = try ParadoxCases.fileDesign(testCase)
    let sums = try await onOwnThread { try spark.paradoxGroupSums(definition, by: testCase.by, declaration: declaration).sums }
    let oneCall = try await onOwnThread {
      try spark.paradox(definition, by: testCase.by, declaration: declaration, method: .beta)
    }
    expectSame(oneCall.json, try sums.paradox(definition, method: .beta).json, "\(caseName) one call")
    var largest = 0.0
    for method in [IntervalMethod.logit, .beta, .wilson] {
      let fromSpark = try sums.paradox(definition, method: method)
      let fromFile = try fileDesign.paradox(definition, by: testCase.by, method: method)
      largest = max(largest, ParadoxCases.expectMatches(fromSpark, file: fromFile, testCase, "\(caseName) \(method)"))
    }
    let sixteen = try table(ParadoxCases.table(testCase), partitions: 16)
    let partitioned = try await onOwnThread { try sixteen.paradox(definition, by: testCase.by, declaration: declaration) }
    expectSame(partitioned.json, try sums.paradox(definition).json, "\(caseName) 16 partitions")
    print("\(caseName): largest relative difference to R \(largest)")
  }
}
