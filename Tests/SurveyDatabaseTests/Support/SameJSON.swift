import Confiance
import Foundation
import Testing

/// The URL of the PostgreSQL test server that `.ci/run` starts (`.ci/postgres`), with the test
/// surveys loaded by `.ci/postgres-fixtures.py`; the PostgreSQL suites are skipped without it.
let testServer = ProcessInfo.processInfo.environment["CONFIANCE_TEST_POSTGRES_URL"]

/// The Spark Connect server that `.ci/spark start` runs, with the test surveys written as parquet
/// by `.ci/spark-fixtures.py`; the Spark suites are skipped without it.
let sparkTestServer = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_URL"]

/// A file of the repository.
func repositoryPath(_ path: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../" + path).standardized.path
}

/// `|a − b| / |b|`, 0 when equal.
func relative(_ a: Double, _ b: Double) -> Double {
  a == b ? 0 : abs(a - b) / max(abs(b), 1e-300)
}

/// A result's JSON without its `design` member (for declarations that differ, such as the row
/// number as PSU for a design without clusters).
func estimatesOf(_ json: JSONValue) -> JSONValue {
  guard case .object(let members) = json else { return json }
  return .object(members.filter { $0.0 != "design" })
}

/// Equal JSON, the comparison of every database test with the file path: the same members in the
/// same order, numbers to 1e-9 relative (to the estimate's scale for values near 0), everything
/// else exactly. A number that is not finite is written null: NaN on both sides is the same JSON.
func expectSame(
  _ actual: JSONValue, _ expected: JSONValue, _ path: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  switch (actual, expected) {
  case (.object(let a), .object(let e)):
    #expect(a.map(\.0) == e.map(\.0), "\(path): members", sourceLocation: sourceLocation)
    for ((key, left), (_, right)) in zip(a, e) { expectSame(left, right, path + "." + key, sourceLocation: sourceLocation) }
  case (.array(let a), .array(let e)):
    #expect(a.count == e.count, "\(path): count", sourceLocation: sourceLocation)
    for (index, (left, right)) in zip(a, e).enumerated() {
      expectSame(left, right, path + "[\(index)]", sourceLocation: sourceLocation)
    }
  case (.number(let a), .number(let e)):
    #expect(a == e || (a.isNaN && e.isNaN) || abs(a - e) <= 1e-9 * max(abs(e), 1e-6), "\(path): \(a) vs \(e)",
            sourceLocation: sourceLocation)
  case (.number(let a), .integer(let e)), (.integer(let e), .number(let a)):
    #expect(abs(a - Double(e)) <= 1e-9 * max(abs(Double(e)), 1), "\(path)", sourceLocation: sourceLocation)
  default:
    #expect(actual == expected, "\(path): \(actual.serialized()) vs \(expected.serialized())", sourceLocation: sourceLocation)
  }
}

/// The largest relative difference between the numbers of two JSON values of the same shape (0
/// where one is missing or not a number on either side): what ``expectSame(_:_:_:sourceLocation:)``
/// bounds by 1e-9, measured.
func largestDifference(_ actual: JSONValue, _ expected: JSONValue) -> Double {
  switch (actual, expected) {
  case (.object(let a), .object(let e)):
    return zip(a, e).reduce(0) { max($0, largestDifference($1.0.1, $1.1.1)) }
  case (.array(let a), .array(let e)):
    return zip(a, e).reduce(0) { max($0, largestDifference($1.0, $1.1)) }
  case (.number(let a), .number(let e)) where a.isFinite && e.isFinite:
    return a == e ? 0 : abs(a - e) / max(abs(e), 1e-6)
  default:
    return 0
  }
}

/// `reference.json` of the proportion fixtures (R survey 4.1's numbers), the fields these tests read.
struct ProportionReference: Decodable {
  struct Case: Decodable {
    let name: String
    let data: String
    let design: FixtureDesign
    let variable: String
    let by: [String]
    let missing_codes: [String: [String]]
    let expect_error: String?
    let estimates: [Estimate]
  }

  struct Estimate: Decodable {
    let category: String
    let domain: [String: String]
    let proportion: Double
    let standard_error: Double
    let intervals: [String: [String: [Double?]?]]
  }

  let cases: [Case]

  static let shared: ProportionReference = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/proportions/reference.json")))
    return try! JSONDecoder().decode(ProportionReference.self, from: data)
  }()

  /// The cases a database estimates: every case but the lonely-PSU error and the FPC without weights.
  static var databaseCases: [String] {
    shared.cases.filter { $0.expect_error == nil && ($0.design.weight != nil || $0.design.fpc == nil) }.map(\.name)
  }

  /// A case's design as a database declares it: the row number is the PSU of a design without one.
  static func declaration(_ testCase: Case) -> DesignDeclaration { testCase.design.databaseDeclaration }

  /// The estimates of a case by `method` at `level` match R's: estimates and standard errors to
  /// 1e-9, interval bounds to 1e-7 (R has no likelihood bounds in the fixture). Returns the largest
  /// relative difference of an estimate or a standard error.
  @discardableResult
  static func expectMatchesR(
    _ estimates: ProportionEstimates, _ testCase: Case, method: IntervalMethod, level: Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Double {
    var largest = 0.0
    for estimate in estimates {
      let domain = Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) })
      guard let expected = testCase.estimates.first(where: { $0.domain == domain && $0.category == estimate.category })
      else { continue }
      largest = max(largest, relative(estimate.proportion, expected.proportion), relative(estimate.standardError, expected.standard_error))
      #expect(relative(estimate.proportion, expected.proportion) < 1e-9, sourceLocation: sourceLocation)
      #expect(relative(estimate.standardError, expected.standard_error) < 1e-9, sourceLocation: sourceLocation)
      let levelText = level == 0.95 ? "0.95" : "0.9"
      if method != .likelihood, let bounds = expected.intervals[levelText]?[method.rawValue] ?? nil,
        let lower = bounds[0], let upper = bounds[1]
      {
        #expect(relative(estimate.confidenceInterval.lower, lower) < 1e-7, "\(testCase.name) \(method) lower",
                sourceLocation: sourceLocation)
        #expect(relative(estimate.confidenceInterval.upper, upper) < 1e-7, "\(testCase.name) \(method) upper",
                sourceLocation: sourceLocation)
      }
    }
    return largest
  }

  /// A case's survey read from its file, with the case's design.
  static func fileDesign(_ testCase: Case) throws -> SurveyDesign {
    try testCase.design.fileDesign(
      path: "Tests/SurveyStatisticsTests/Fixtures/proportions/" + testCase.data, missingCodes: testCase.missing_codes)
  }
}
