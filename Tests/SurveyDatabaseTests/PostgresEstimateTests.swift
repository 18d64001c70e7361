import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Estimates made by PostgreSQL's group sums equal the file path's, every JSON field (numbers to
/// 1e-9 relative, the rest exactly), on the R golden fixtures and the shipped surveys; they match
/// R survey 4.1 as the file path does; parallel aggregation changes nothing.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresEstimateTests {
  func table(_ name: String, _ settings: PostgresTable.Settings = .init()) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name, settings: settings)
  }

  /// One connection for the group sums of a case (the SQL does not depend on the interval
  /// method or level), every method and level finished from them; the one-call API gives the
  /// same JSON (it runs the same queries, then the same finishing step).
  @Test(arguments: ProportionReference.databaseCases)
  func theRFixturesGiveTheFileEstimates(caseName: String) async throws {
    let testCase = ProportionReference.shared.cases.first { $0.name == caseName }!
    let declaration = ProportionReference.declaration(testCase)
    let database = try table(caseName.replacingOccurrences(of: "-", with: "_"))
    let fileDesign = try ProportionReference.fileDesign(testCase)
    let sums = try await database.groupSums(
      of: [testCase.variable], by: testCase.by, declaration: declaration, fitsLogit: true)
    #expect(sums.count == 1)
    let oneCall = try await database.proportions(of: [testCase.variable], by: testCase.by, declaration: declaration)
    expectSame(oneCall.json, try sums[0].proportions(method: .logit, level: 0.95).json, "\(caseName) one call")
    for method in IntervalMethod.allCases {
      for level in [0.95, 0.9] {
        let fromDatabase = try sums[0].proportions(method: method, level: level)
        let fromFile = try fileDesign.proportions(of: [testCase.variable], by: testCase.by, method: method, level: level)
        if testCase.design.psu == nil {
          // The declarations differ (row_id as PSU): every estimate's field must still agree.
          expectSame(estimatesOf(fromDatabase.json), estimatesOf(fromFile.json), "\(caseName) \(method) \(level)")
        } else {
          expectSame(fromDatabase.json, fromFile.json, "\(caseName) \(method) \(level)")
        }
        // And R's numbers, as the file path matches them.
        ProportionReference.expectMatchesR(fromDatabase, testCase, method: method, level: level)
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
    for method in [IntervalMethod.logit, .beta, .likelihood] {
      let fromDatabase = try await table(name).proportions(of: variables, by: by, declaration: declaration, method: method)
      let fromFile = try fileDesign.proportions(of: variables, by: by, method: method)
      expectSame(fromDatabase.json, fromFile.json, "\(file) \(variables) by \(by) \(method)")
    }
  }

  /// The same JSON with and without parallel workers (each worker adds its own rows up; exact
  /// decimal sums make the order irrelevant).
  @Test func parallelAggregationChangesNothing() async throws {
    let declaration = DesignDeclaration(weights: "base_weight", strata: "region", clusters: "point")
    let serial = try await table("privacy_france_2025", .init(parallelWorkersPerGather: 0))
      .proportions(of: ["concern_protection"], by: ["age_band"], declaration: declaration)
    let parallel = try await table("privacy_france_2025", .init(parallelWorkersPerGather: 4))
      .proportions(of: ["concern_protection"], by: ["age_band"], declaration: declaration)
    expectSame(parallel.json, serial.json, "parallel workers")
  }
}
