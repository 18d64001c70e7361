import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Means and totals made by Spark's group sums (w·y and w·y² in `DOUBLE` row by row, summed
/// exactly as an integer and a fractional `DECIMAL` part) equal the file path's, every JSON field,
/// on R's `data(api)` designs of the numeric fixtures (`.ci/spark-fixtures.py` writes them as
/// `numeric_apistrat`…), match R survey 4.1 as the file path does, and do not change with the
/// number of partitions.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkNumericTests {
  static func table(_ name: String, partitions: Int = 1) throws -> SparkTable {
    let file = SparkEstimateTests.tables + "/" + name + (partitions == 16 ? "-16" : "") + ".parquet"
    return SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
  }

  /// Every case in 1 partition (the same rows in 16 partitions: ``SparkSixteenPartitionNumericTests``).
  @Test(arguments: PostgresNumericTests.cases)
  func theRFixturesGiveTheFileEstimates(caseName: String) async throws {
    try await Self.expectFileAndR(caseName: caseName, partitions: 1)
  }

  /// The means or totals of a case in the parquet copy with `partitions` partitions equal the file
  /// path's and R's.
  static func expectFileAndR(caseName: String, partitions: Int) async throws {
    let largest = try await PostgresNumericTests.expectFileAndR(caseName: caseName, engine: engine(partitions: partitions))
    print("\(caseName), \(partitions) partitions: largest relative difference to R \(largest)")
  }

  /// Spark's means and totals of the parquet copies with `partitions` partitions.
  static func engine(partitions: Int) -> PostgresNumericTests.Engine {
    .init(
      means: { table, variable, by, declaration, level in
        try await onOwnThread {
          try Self.table(table, partitions: partitions).means(of: [variable], by: by, declaration: declaration, level: level)
        }
      },
      totals: { table, variable, by, declaration, level in
        try await onOwnThread {
          try Self.table(table, partitions: partitions).totals(of: [variable], by: by, declaration: declaration, level: level)
        }
      })
  }

  /// A text column is read as numbers; one whose values are not numbers is named, with their count
  /// and the smallest of them.
  @Test func aTextVariableThatIsNotNumbersIsNamed() async throws {
    await #expect(throws: DatabaseError.notNumbers(
      table: try Self.table("numeric_apistrat").table, column: "stype", role: "analysed variable", count: 200,
      example: "E")) {
      try await onOwnThread {
        try Self.table("numeric_apistrat").means(
          of: ["stype"], declaration: DesignDeclaration(weights: "pw", strata: "stype", clusters: "row_id"))
      }
    }
  }

  /// Sums of w·y² that one `DECIMAL(38, 18)` could not hold (10²⁴ and more), and products far
  /// below 1, are summed to the file's numbers.
  @Test func largeAndSmallProductsKeepTheirDigits() async throws {
    let declaration = DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu")
    // The doubles `.ci/spark-fixtures.py` computes from the id, added to the file's columns.
    let survey = try Survey(
      contentsOf: repositoryPath("Tests/SurveyStatisticsTests/Fixtures/paradox/paradox.csv"),
      options: SurveyLoadOptions(design: DesignOverrides(weights: "w", strata: "stratum", clusters: "psu", lonelyPSU: .fail)))
    guard case .numeric(let ids) = try survey.variable(named: "id").values else {
      Issue.record("the id column is not numeric")
      return
    }
    let id = ids.values.map { Int($0) }
    let fileDesign = try SurveyDesign(
      Survey(variables: survey.variables + [
        Variable(name: "large", numbers: id.map { (Double($0 * 7919 % 1000) + 0.5) * 1e9 }),
        Variable(name: "small", numbers: id.map { Double($0 % 97 + 1) * 1e-6 }),
      ]),
      declaration: DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu"))
    let spark = try Self.table("spark_magnitudes")
    for variable in ["large", "small"] {
      let fromSpark = try await onOwnThread { try spark.means(of: [variable], by: ["age_band"], declaration: declaration) }
      let fromFile = try fileDesign.means(of: [variable], by: ["age_band"])
      expectSame(fromSpark.json, fromFile.json, "mean of \(variable)")
      let totalFromSpark = try await onOwnThread { try spark.totals(of: [variable], declaration: declaration) }
      expectSame(totalFromSpark.json, try fileDesign.totals(of: [variable]).json, "total of \(variable)")
    }
  }
}

/// The numeric cases again on the same rows shuffled into 16 partitions (Spark's tasks add them up
/// in another order): the file's and R's numbers still. A suite of its own so that its queries
/// run beside those of ``SparkNumericTests`` rather than after them.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkSixteenPartitionNumericTests {
  @Test(arguments: PostgresNumericTests.cases)
  func theRFixturesGiveTheFileEstimates(caseName: String) async throws {
    try await SparkNumericTests.expectFileAndR(caseName: caseName, partitions: 16)
  }
}
