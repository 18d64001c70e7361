import Confiance
import Foundation
import SurveyDatabase
import Testing

/// The URL of the test server that `.ci/run` starts (`.ci/postgres`), with the test surveys loaded
/// by `.ci/postgres-fixtures.py`; the suites below are skipped without it.
let testServer = ProcessInfo.processInfo.environment["CONFIANCE_TEST_POSTGRES_URL"]

/// A file of the repository.
func repositoryPath(_ path: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../" + path).standardized.path
}

/// Estimates made by PostgreSQL's group sums equal the file path's, every JSON field (numbers to
/// 1e-9 relative, the rest exactly), on the R golden fixtures and the shipped surveys; they match
/// R survey 4.1 as the file path does; parallel aggregation changes nothing.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresEstimateTests {
  static let reference: Reference = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/proportions/reference.json")))
    return try! JSONDecoder().decode(Reference.self, from: data)
  }()

  /// The cases a database estimates: every case but the lonely-PSU error and the FPC without weights.
  static var cases: [String] {
    reference.cases.filter { $0.expect_error == nil && ($0.design.weight != nil || $0.design.fpc == nil) }.map(\.name)
  }

  func table(_ name: String, _ settings: PostgresTable.Settings = .init()) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name, settings: settings)
  }

  @Test(arguments: cases)
  func theRFixturesGiveTheFileEstimates(caseName: String) async throws {
    let testCase = Self.reference.cases.first { $0.name == caseName }!
    let design = testCase.design
    // Designs without PSUs are read with the row number as PSU (each respondent its own PSU).
    let psu = design.psu ?? "row_id"
    let declaration = DesignDeclaration(
      weights: design.weight, strata: design.strata, clusters: psu, fpc: design.fpc,
      lonelyPSU: LonelyPSUPolicy(rawValue: design.lonely_psu)!)
    let database = try table(caseName.replacingOccurrences(of: "-", with: "_"))
    let fileDesign = try Survey(
      contentsOf: repositoryPath("Tests/SurveyStatisticsTests/Fixtures/proportions/" + testCase.data),
      options: SurveyLoadOptions(
        design: DesignOverrides(
          weights: design.weight, strata: design.strata, clusters: design.psu, fpc: design.fpc,
          lonelyPSU: declaration.lonelyPSU),
        missingCodesByVariable: testCase.missing_codes)
    ).design()
    for method in IntervalMethod.allCases {
      for level in [0.95, 0.9] {
        let fromDatabase = try await database.proportions(
          of: [testCase.variable], by: testCase.by, declaration: declaration, method: method, level: level)
        let fromFile = try fileDesign.proportions(of: [testCase.variable], by: testCase.by, method: method, level: level)
        if design.psu == nil {
          // The declarations differ (row_id as PSU): every estimate's field must still agree.
          try expectSame(estimatesOf(fromDatabase.json), estimatesOf(fromFile.json), "\(caseName) \(method) \(level)")
        } else {
          try expectSame(fromDatabase.json, fromFile.json, "\(caseName) \(method) \(level)")
        }
        // And R's numbers, as the file path matches them.
        for estimate in fromDatabase {
          let domain = Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) })
          guard let expected = testCase.estimates.first(where: { $0.domain == domain && $0.category == estimate.category })
          else { continue }
          #expect(relative(estimate.proportion, expected.proportion) < 1e-9)
          #expect(relative(estimate.standardError, expected.standard_error) < 1e-9)
          let levelText = level == 0.95 ? "0.95" : "0.9"
          if method != .likelihood, let bounds = expected.intervals[levelText]?[method.rawValue] ?? nil,
            let lower = bounds[0], let upper = bounds[1]
          {
            #expect(relative(estimate.confidenceInterval.lower, lower) < 1e-7, "\(caseName) \(method) lower")
            #expect(relative(estimate.confidenceInterval.upper, upper) < 1e-7, "\(caseName) \(method) upper")
          }
        }
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
      try expectSame(fromDatabase.json, fromFile.json, "\(file) \(variables) by \(by) \(method)")
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
    try expectSame(parallel.json, serial.json, "parallel workers")
  }

  // MARK: - Comparing JSON

  func estimatesOf(_ json: JSONValue) -> JSONValue {
    guard case .object(let members) = json else { return json }
    return .object(members.filter { $0.0 != "design" })
  }

  func relative(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(b), 1e-300)
  }

  /// Equal JSON: the same members in the same order, numbers to 1e-9 relative (to the estimate's
  /// scale for values near 0), everything else exactly.
  func expectSame(_ actual: JSONValue, _ expected: JSONValue, _ path: String) throws {
    switch (actual, expected) {
    case (.object(let a), .object(let e)):
      #expect(a.map(\.0) == e.map(\.0), "\(path): members")
      for ((key, left), (_, right)) in zip(a, e) { try expectSame(left, right, path + "." + key) }
    case (.array(let a), .array(let e)):
      #expect(a.count == e.count, "\(path): count")
      for (index, (left, right)) in zip(a, e).enumerated() { try expectSame(left, right, path + "[\(index)]") }
    case (.number(let a), .number(let e)):
      // A number that is not finite is written null: NaN on both sides is the same JSON.
      #expect(a == e || (a.isNaN && e.isNaN) || abs(a - e) <= 1e-9 * max(abs(e), 1e-6), "\(path): \(a) vs \(e)")
    case (.number(let a), .integer(let e)), (.integer(let e), .number(let a)):
      #expect(abs(a - Double(e)) <= 1e-9 * max(abs(Double(e)), 1), "\(path)")
    default:
      #expect(actual == expected, "\(path): \(actual.serialized()) vs \(expected.serialized())")
    }
  }
}

/// `reference.json` of the proportion fixtures, the fields these tests read.
struct Reference: Decodable {
  struct Case: Decodable {
    let name: String
    let data: String
    let design: Design
    let variable: String
    let by: [String]
    let missing_codes: [String: [String]]
    let expect_error: String?
    let estimates: [Estimate]
  }

  struct Design: Decodable {
    let weight: String?
    let strata: String?
    let psu: String?
    let fpc: String?
    let lonely_psu: String
  }

  struct Estimate: Decodable {
    let category: String
    let domain: [String: String]
    let proportion: Double
    let standard_error: Double
    let intervals: [String: [String: [Double?]?]]
  }

  let cases: [Case]
}
