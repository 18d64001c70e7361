import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Quantiles made by Spark (each domain's distribution by `GROUP BY domain, value`, Σw an exact
/// decimal, then the group sums of the rows' bands) equal the file path's, every JSON field, and
/// R survey 4.1's numbers, on the cases of ``PostgresQuantileTests`` (raked ones included) (`.ci/spark-fixtures.py`
/// writes their data as parquet); the same in 1 and 16 partitions.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkQuantileTests {
  /// Spark's quantiles of the parquet copies with `partitions` partitions.
  static func engine(partitions: Int) -> PostgresQuantileTests.Engine {
    { table, variable, probabilities, by, declaration, level, margins in
      try await onOwnThread {
        try SparkNumericTests.table(table, partitions: partitions).quantiles(
          of: [variable], probabilities: probabilities, by: by, declaration: declaration, level: level, raking: margins,
          options: PostgresRatioTests.rakingControl)
      }
    }
  }

  @Test(arguments: PostgresQuantileTests.cases, [1, 16])
  func theRFixturesGiveTheFileQuantiles(caseName: String, partitions: Int) async throws {
    let largest = try await PostgresQuantileTests.expectFileAndR(caseName: caseName, engine: Self.engine(partitions: partitions))
    print("Spark, \(partitions) partitions, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: PostgresQuantileTests.casesWithoutPSU)
  func theRFixturesWithoutPSUGiveTheFileQuantiles(caseName: String) async throws {
    let largest = try await PostgresQuantileTests.expectFileAndR(
      caseName: caseName, engine: Self.engine(partitions: 1), withoutPSU: true)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: PostgresQuantileTests.replicateDesigns)
  func replicateDesignsGiveTheFileAndR(design: String) async throws {
    let largest = try await PostgresQuantileTests.expectReplicates(design: design, engine: Self.engine(partitions: 1))
    print("Spark, \(design) quantiles: largest relative difference to R \(largest)")
  }

  /// Bad input, refused as in PostgreSQL: a text column of categories (read as numbers, its values
  /// that are not numbers counted), a probability not strictly between 0 and 1 (before any query).
  @Test func badInputIsRefused() async throws {
    let declaration = DesignDeclaration(weights: "pw", strata: "stype", clusters: "row_id")
    let table = try SparkNumericTests.table("numeric_apistrat")
    await #expect(throws: DatabaseError.notNumbers(
      table: table.table, column: "stype", role: "analysed variable", count: 200, example: "E")) {
      try await onOwnThread { try table.quantiles(of: ["stype"], probabilities: [0.5], declaration: declaration) }
    }
    await #expect(throws: SurveyError.invalidQuantileProbability(1)) {
      try await onOwnThread {
        try SparkNumericTests.table("numeric_apistrat").quantiles(
          of: ["api00"], probabilities: [0.5, 1], declaration: declaration)
      }
    }
  }
}
