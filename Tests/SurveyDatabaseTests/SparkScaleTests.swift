import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance scale` in Spark: the analysis from Spark's sums equals the file path's, every JSON
/// field, and matches R's golden values; the same rows in 16 partitions give the same JSON; items
/// stored as `STRING` with an inferred range give the file's analysis. Few queries: three
/// analyses of one to three statements each.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkScaleTests {
  func table(_ name: String, partitions: Int = 1) throws -> SparkTable {
    let file = SparkEstimateTests.tables + "/" + name + (partitions == 16 ? "-16" : "") + ".parquet"
    return SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
  }

  /// The trust scale by age band (logit intervals: the group sums and the first step) matches R
  /// and the file; the same rows in 16 partitions give the same JSON.
  @Test func theTrustScaleGivesTheFileAnalysisInAnyPartitioning() async throws {
    let testCase = ScaleCases.testCase("trust-by-age")
    let declaration = testCase.design.databaseDeclaration
    let (scale, by, box) = (ScaleCases.scale(testCase), testCase.by, testCase.box)
    func analysis(partitions: Int) async throws -> ScaleAnalysis {
      let spark = try table(ScaleCases.table(testCase), partitions: partitions)
      return try await onOwnThread { try spark.scaleAnalysis(scale, by: by, declaration: declaration, boxSize: box) }
    }
    let spark = try await analysis(partitions: 1)
    let file = try ScaleCases.fileDesign(testCase).scaleAnalysis(ScaleCases.scale(testCase), by: testCase.by)
    let toFile = ScaleCases.expectSameAsFile(spark, file, psu: testCase.design.psu, "trust-by-age")
    let toR = ScaleCases.expectMatchesR(spark, testCase)
    expectSame(try await analysis(partitions: 16).json, spark.json, "16 partitions")
    print("Spark trust-by-age: largest relative difference to the file \(toFile); to R \(toR.estimates), \(toR.bounds) (bounds)")
  }

  /// One ordinal item without PSUs (the row number as PSU), Korn–Graubard intervals at 90%: R's
  /// and the file's numbers.
  @Test func aSingleItemGivesTheFileAnalysis() async throws {
    let testCase = ScaleCases.testCase("single-item-concern")
    let method = try #require(IntervalMethod(name: testCase.method))
    let (table, scale, by, declaration) = (
      try table(ScaleCases.table(testCase)), ScaleCases.scale(testCase), testCase.by, testCase.design.databaseDeclaration)
    let (box, level) = (testCase.box, testCase.level)
    let spark = try await onOwnThread {
      try table.scaleAnalysis(scale, by: by, declaration: declaration, boxSize: box, method: method, level: level)
    }
    let file = try ScaleCases.fileDesign(testCase).scaleAnalysis(
      ScaleCases.scale(testCase), by: testCase.by, boxSize: testCase.box, method: method, level: testCase.level)
    let toFile = ScaleCases.expectSameAsFile(spark, file, psu: nil, "single item")
    let toR = ScaleCases.expectMatchesR(spark, testCase)
    print("Spark single item: largest relative difference to the file \(toFile); to R \(toR.estimates), \(toR.bounds) (bounds)")
  }

  /// Items stored as `STRING`, the range from their lowest and highest answers, Wald intervals
  /// (no first-step query): the file's analysis.
  @Test func textItemsAndAnInferredRangeGiveTheFileAnalysis() async throws {
    let testCase = ScaleCases.testCase("iuipc-lonely-average")
    let scale = ScaleCases.scale(testCase, declaresRange: false)
    let (table, by, declaration) = (try table("crosstab_lonely_average"), testCase.by, testCase.design.databaseDeclaration)
    let spark = try await onOwnThread { try table.scaleAnalysis(scale, by: by, declaration: declaration, method: .mean) }
    let file = try ScaleCases.fileDesign(testCase).scaleAnalysis(scale, by: testCase.by, method: .mean)
    let difference = ScaleCases.expectSameAsFile(spark, file, psu: testCase.design.psu, "text items")
    print("Spark text items, inferred range: largest relative difference to the file \(difference)")
  }
}
