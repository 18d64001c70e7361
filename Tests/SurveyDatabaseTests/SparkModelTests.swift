import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Regression models fitted from Spark's collapsed rows equal the file path's, every JSON field,
/// on R's `svyglm` fixtures (`.ci/spark-fixtures.py` writes their data sets as `models_NAME`), in
/// 1 and 16 partitions, and match R survey 4.1's numbers, as ``PostgresModelTests``.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkModelTests {
  static func fit(partitions: Int) -> ModelCases.Fit {
    { table, formula, family, by, declaration, margins, raking in
      try await onOwnThread {
        try SparkNumericTests.table(table, partitions: partitions).modelAnalysis(
          formula, family: family, by: by, declaration: declaration, margins: margins, raking: raking)
      }
    }
  }

  @Test(arguments: ModelCases.databaseCases, [1, 16])
  func theRFixturesGiveTheFileModels(caseName: String, partitions: Int) async throws {
    let largest = try await ModelCases.expectFileAndR(caseName, fit: Self.fit(partitions: partitions))
    print("\(caseName), \(partitions) partitions: largest relative difference to the file \(largest)")
  }

  @Test(arguments: [1, 16])
  func aLogisticModelOfCategoriesGivesTheFileModel(partitions: Int) async throws {
    let (rows, largest) = try await ModelCases.expectCategoricalLogisticAsFile(fit: Self.fit(partitions: partitions)) {
      try await onOwnThread {
        try SparkNumericTests.table("models_privacy", partitions: partitions).modelRows(
          Formula("concerned ~ age_band + sex"), family: .quasibinomial, by: ["region"],
          declaration: DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu", fpc: "N_psu")
        ).respondentCount
      }
    }
    #expect(rows < 900)
    print("\(partitions) partitions: \(rows) collapsed rows; largest relative difference \(largest)")
  }

  @Test(arguments: [1, 16])
  func rakedModelsOfCategoriesGiveTheFileModels(partitions: Int) async throws {
    let fit = Self.fit(partitions: partitions)
    let (rows, largest) = try await ModelCases.expectRakedModelsOfCategoriesAsFile(fit: fit) { formula, raking in
      try await onOwnThread {
        try SparkNumericTests.table("models_privacy", partitions: partitions).modelRows(
          formula, family: .quasipoisson, by: ["region"],
          declaration: DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu", fpc: "N_psu"), raking: raking
        ).respondentCount
      }
    }
    #expect(rows < 900)
    print("\(partitions) partitions, raked: \(rows) collapsed rows; largest relative difference \(largest)")
  }
}
