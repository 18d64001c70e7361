import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Estimates made by Spark's group sums equal the file path's, every JSON field (numbers to 1e-9
/// relative, the rest exactly), on the R golden fixtures and the shipped surveys; the same data
/// in 1 and in 16 partitions gives the same JSON.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkEstimateTests {
  /// The parquet folder of `.ci/spark` (`CONFIANCE_TEST_SPARK_TABLES` names another).
  static let tables = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
    ?? repositoryPath(".build-spark/tables")

  /// The parquet file of a fixture table, as a Spark table name.
  func table(_ name: String, partitions: Int = 1) throws -> SparkTable {
    let file = Self.tables + "/" + name + (partitions == 16 ? "-16" : "") + ".parquet"
    return SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
  }

  /// One set of Spark queries per case (the SQL does not depend on the interval method), three
  /// methods finished from the same group sums; the one-call API gives the same JSON.
  @Test(arguments: ProportionReference.databaseCases)
  func theRFixturesGiveTheFileEstimates(caseName: String) async throws {
    let testCase = ProportionReference.shared.cases.first { $0.name == caseName }!
    let declaration = ProportionReference.declaration(testCase)
    let spark = try table(caseName.replacingOccurrences(of: "-", with: "_"))
    let fileDesign = try ProportionReference.fileDesign(testCase)
    let sums = try await onOwnThread {
      try spark.groupSums(of: [testCase.variable], by: testCase.by, declaration: declaration, fitsLogit: true)
    }
    #expect(sums.count == 1)
    let oneCall = try await onOwnThread {
      try spark.proportions(of: [testCase.variable], by: testCase.by, declaration: declaration, method: .beta)
    }
    expectSame(oneCall.json, try sums[0].proportions(method: .beta).json, "\(caseName) one call")
    for method in [IntervalMethod.logit, .beta, .wilson] {
      let fromSpark = try sums[0].proportions(method: method)
      let fromFile = try fileDesign.proportions(of: [testCase.variable], by: testCase.by, method: method)
      if testCase.design.psu == nil {
        // The declarations differ (row_id as PSU): every estimate's field must still agree.
        expectSame(estimatesOf(fromSpark.json), estimatesOf(fromFile.json), "\(caseName) \(method)")
      } else {
        expectSame(fromSpark.json, fromFile.json, "\(caseName) \(method)")
      }
    }
  }

  @Test(arguments: [
    ("privacy-france-2025.csv", "base_weight", ["concern_protection", "share_health"], ["age_band"]),
    ("privacy-france-2025.csv", "base_weight", ["share_health"], ["region", "sex"]),
    ("example-privacy.csv", "weight", ["concern_data_use"], []),
  ])
  func theShippedSurveysGiveTheFileEstimates(file: String, weight: String, variables: [String], by: [String]) async throws {
    let declaration = DesignDeclaration(weights: weight, strata: "region", clusters: "point")
    let fileDesign = try Survey(
      contentsOf: repositoryPath("surveys/" + file),
      options: SurveyLoadOptions(
        codebook: repositoryPath("Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"),
        design: DesignOverrides(weights: weight, strata: "region", clusters: "point", lonelyPSU: .fail))
    ).design()
    let name = String(file.dropLast(4)).replacingOccurrences(of: "-", with: "_")
    let spark = try table(name)
    let fromSpark = try await onOwnThread { try spark.proportions(of: variables, by: by, declaration: declaration) }
    let fromFile = try fileDesign.proportions(of: variables, by: by)
    expectSame(fromSpark.json, fromFile.json, "\(file) \(variables) by \(by)")
  }

  /// The same JSON from 1 and from 16 partitions (Spark's tasks add up different rows in a
  /// different order; exact decimal sums make that irrelevant). Numbers to 1e-9, not bytes: the
  /// groups come back in another order, and the estimators add their doubles in that order.
  @Test func partitioningChangesNothing() async throws {
    let declaration = DesignDeclaration(weights: "base_weight", strata: "region", clusters: "point")
    let (oneTable, sixteenTables) = (try table("privacy_france_2025", partitions: 1), try table("privacy_france_2025", partitions: 16))
    let one = try await onOwnThread {
      try oneTable.proportions(of: ["concern_protection"], by: ["age_band"], declaration: declaration)
    }
    let sixteen = try await onOwnThread {
      try sixteenTables.proportions(of: ["concern_protection"], by: ["age_band"], declaration: declaration)
    }
    expectSame(sixteen.json, one.json, "16 partitions")
  }

  /// A table name is parsed into identifiers and quoted again, never pasted: a hostile name is
  /// refused before any SQL is sent, and a quoted one reaches Spark as one identifier.
  @Test func hostileTableNamesAreNeverSQL() async throws {
    let declaration = DesignDeclaration(weights: "w", clusters: "psu")
    let location = try SparkLocation(url: sparkTestServer!)
    #expect(throws: DatabaseError.malformedTable("x; DROP TABLE y")) {
      try SparkTable(location: location, table: "x; DROP TABLE y").proportions(of: ["a"], declaration: declaration)
    }
    #expect(throws: DatabaseError.malformedTable("(SELECT 1)")) {
      try SparkTable(location: location, table: "(SELECT 1)").proportions(of: ["a"], declaration: declaration)
    }
    #expect(try SparkGroupSumsQuery.tableNameParts("parquet.`/a/x``; DROP TABLE y; --.parquet`")
      == ["parquet", "/a/x`; DROP TABLE y; --.parquet"])
    do {
      _ = try await onOwnThread {
        try SparkTable(location: location, table: "`x``; DROP TABLE y; --`").proportions(of: ["a"], declaration: declaration)
      }
      Issue.record("a table that does not exist was found")
    } catch let error as DatabaseError {
      guard case .notFound(let sentence) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(sentence.hasPrefix("Spark has no table or view `x``; DROP TABLE y; --`"), "\(sentence)")
    }
  }

  /// Unreachable server, missing file, missing column: one sentence each.
  @Test func badInputsAreOneSentence() async throws {
    let declaration = DesignDeclaration(weights: "base_weight", strata: "region", clusters: "point")
    let closed = SparkTable(location: try SparkLocation(url: "sc://127.0.0.1:1"), table: "t")
    await #expect(throws: DatabaseError.unreachable(.spark, host: "127.0.0.1", port: 1, reason: "connection refused")) {
      try await onOwnThread { try closed.proportions(of: ["concern_protection"], declaration: declaration) }
    }
    #expect(DatabaseError.unreachable(.spark, host: "127.0.0.1", port: 1, reason: "connection refused").description
      == "no Spark Connect server answers at 127.0.0.1:1 (connection refused). Check the host and port, and that the server is running.")
    let (survey, missing) = (try table("privacy_france_2025"), try table("no_such_survey"))
    await #expect(throws: DatabaseError.unknownColumn(column: "concern_protektion", table: survey.table,
                                                   suggestion: "concern_protection")) {
      try await onOwnThread { try survey.proportions(of: ["concern_protektion"], declaration: declaration) }
    }
    do {
      _ = try await onOwnThread { try missing.proportions(of: ["concern_protection"], declaration: declaration) }
      Issue.record("a missing file was found")
    } catch let error as DatabaseError {
      guard case .notFound(let sentence) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(sentence.hasPrefix("Spark finds no file at ") && sentence.hasSuffix("no_such_survey.parquet."), "\(sentence)")
    }
  }
}
