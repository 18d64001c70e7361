import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance crosstab` in Spark: the two-way table from Spark's group sums by stratum × PSU ×
/// domain × row value × column value equals the file path's, every JSON field, on the R golden
/// fixtures (and matches R as the file path does); the same rows shuffled into 16 partitions give
/// the same JSON.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkCrossTabTests {
  /// The parquet file of a fixture table (`.ci/spark-fixtures.py`), as a Spark table name.
  func table(_ name: String, partitions: Int = 1) throws -> SparkTable {
    let file = SparkEstimateTests.tables + "/" + name + (partitions == 16 ? "-16" : "") + ".parquet"
    return SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
  }

  /// The case as R made it matches R and the file; three interval methods finished from one set
  /// of sums, with one more domain variable, equal the file.
  @Test(arguments: CrossTabCases.names)
  func theRFixturesGiveTheFileCrossTab(caseName: String) async throws {
    let testCase = CrossTabCases.testCase(caseName)
    let declaration = testCase.design.databaseDeclaration
    let spark = try table(CrossTabCases.table(testCase))
    let fileDesign = try CrossTabCases.fileDesign(testCase)
    let method = try #require(IntervalMethod(name: testCase.method))
    let (row, column) = (testCase.row, testCase.column)

    let asR = try await onOwnThread {
      try spark.crossTab(row: row, column: column, by: testCase.by, declaration: declaration, method: method, level: testCase.level)
    }
    var toFile = CrossTabCases.expectSameAsFile(
      asR, try fileDesign.crossTab(row: row, column: column, by: testCase.by, method: method, level: testCase.level),
      testCase, "\(caseName) as R")
    let toR = CrossTabCases.expectMatchesR(asR, testCase)

    let by = CrossTabCases.moreDomains(testCase)
    let sums = try await onOwnThread {
      try spark.crossTabGroupSums(row: row, column: column, by: by, declaration: declaration, fitsLogit: true)
    }
    for method in [IntervalMethod.logit, .beta, .wilson] {
      let fromSpark = try sums.crossTab(row: row, column: column, method: method)
      let fromFile = try fileDesign.crossTab(row: row, column: column, by: by, method: method)
      toFile = max(toFile, CrossTabCases.expectSameAsFile(fromSpark, fromFile, testCase, "\(caseName) by \(by) \(method)"))
    }
    print("\(caseName): largest relative difference to the file \(toFile); to R \(toR.estimates) (estimates, SEs, F), \(toR.bounds) (bounds, p)")
  }

  /// The same rows shuffled into 16 partitions give the same JSON.
  @Test func sixteenPartitionsChangeNothing() async throws {
    let declaration = CrossTabCases.testCase("concern-by-age").design.databaseDeclaration
    func crossTab(partitions: Int) async throws -> CrossTab {
      let spark = try table("crosstab_concern_by_age", partitions: partitions)
      return try await onOwnThread {
        try spark.crossTab(row: "concern", column: "age_band", by: ["sex"], declaration: declaration)
      }
    }
    expectSame(try await crossTab(partitions: 16).json, try await crossTab(partitions: 1).json, "16 partitions")
  }
}
