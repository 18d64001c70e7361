import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Ratios made by Spark's group sums (w·y, w·y², w·x, w·x², w·x·y in `DOUBLE` row by row, summed
/// exactly as an integer and a fractional `DECIMAL` part) equal the file path's, every JSON field,
/// on the ratio cases of R's `data(api)` designs (`.ci/spark-fixtures.py` writes them as
/// `numeric_apistrat`…), match R survey 4.1 as the file path does, and do not change with the
/// number of partitions; a domain whose denominator sums to 0 and rows missing one value are the
/// file's too.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkRatioTests {
  /// The ratios of the parquet copy with `partitions` partitions (1 or 16).
  static func ratios(partitions: Int) -> PostgresRatioTests.Ratios {
    { table, numerator, denominator, by, declaration, margins, level in
      if let margins {
        return try await PostgresRatioTests.ratios(
          .spark(SparkNumericTests.table(table, partitions: partitions)), numerator, denominator, by, declaration,
          margins, level)
      }
      return try await onOwnThread {
        try SparkNumericTests.table(table, partitions: partitions).ratios(
          numerator: numerator, denominator: denominator, by: by, declaration: declaration, level: level)
      }
    }
  }

  @Test(arguments: PostgresRatioTests.cases, [1, 16])
  func theRFixturesGiveTheFileRatios(caseName: String, partitions: Int) async throws {
    let largest = try await PostgresRatioTests.expectFileAndR(caseName: caseName, ratios: Self.ratios(partitions: partitions))
    print("\(caseName), \(partitions) partitions: largest relative difference to R \(largest)")
  }

  @Test func zeroDenominatorsAndMissingValuesAreTheFiles() async throws {
    try await PostgresRatioTests.expectZeroDenominatorsAsFile(ratios: Self.ratios(partitions: 1))
  }

  @Test(arguments: [ReplicateMethod.jackknife, .bootstrap])
  func createdReplicatesGiveTheFileRatios(method: ReplicateMethod) async throws {
    try await PostgresRatioTests.expectCreatedReplicatesAsFile(method: method, ratios: Self.ratios(partitions: 1))
  }

  @Test(arguments: PostgresReplicateTests.suppliedDesigns)
  func suppliedReplicatesGiveTheFileAndR(design: String) async throws {
    let largest = try await PostgresRatioTests.expectSuppliedReplicatesAsFileAndR(
      design: design, ratios: Self.ratios(partitions: 16))
    print("\(design): ratios in Spark, largest relative difference to R \(largest)")
  }

  @Test(arguments: ReplicateRakingCases.suppliedNames)
  func rakedSuppliedReplicatesGiveTheFileAndR(design: String) async throws {
    let largest = try await PostgresRatioTests.expectRakedSuppliedReplicatesAsFileAndR(
      design: design, ratios: Self.ratios(partitions: 1))
    print("\(design): raked ratios in Spark, largest relative difference to R \(largest)")
  }

  /// A text denominator whose values are not numbers is named, with their count and the smallest.
  @Test func aTextDenominatorThatIsNotNumbersIsNamed() async throws {
    await #expect(throws: DatabaseError.notNumbers(
      table: try SparkNumericTests.table("numeric_apistrat").table, column: "stype", role: "denominator", count: 200,
      example: "E")) {
      try await onOwnThread {
        try SparkNumericTests.table("numeric_apistrat").ratios(
          numerator: "api.stu", denominator: "stype", declaration: DesignDeclaration(weights: "pw", clusters: "row_id"))
      }
    }
  }
}
