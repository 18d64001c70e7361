import Confiance
import Foundation
import Testing

/// The `crosstabs` of `reference.json` in the crosstab fixtures (R survey 4.1's numbers), the
/// fields the database tests read: the cases that are not raked (a database has no raking) and
/// read no derived variable (a database table has only its columns), their design, and R's
/// shares, counts and tests.
struct CrossTabCases: Decodable {
  struct Case: Decodable {
    let name: String
    let data: String
    let design: FixtureDesign
    let row: String
    let column: String
    let by: [String]
    let missing_codes: [String: [String]]
    let method: String
    let level: Double
    let overall: Table
    let domains: [Table]
  }

  struct Table: Decodable {
    let domain: [String: String]?
    let respondents: Int
    let cells: [Cell]
    let test: Test
  }

  struct Cell: Decodable {
    let row: String
    let column: String
    let weighted_count: Double
    let of_total: Share
    let of_row: Share
    let of_column: Share
  }

  struct Share: Decodable {
    let estimate: Double
    let standard_error: Double
    let ci: [Double]?
    /// With the likelihood method: the exact root of the profile that R's spline interpolates.
    let likelihood_profile_root: [Double]?
  }

  struct Test: Decodable {
    let statistic: Double
    let numerator_df: Double
    let denominator_df: Double
    let p_value: Double
  }

  let crosstabs: [Case]

  static let shared: CrossTabCases = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/crosstabs/reference.json")))
    let all = try! JSONDecoder().decode(CrossTabCases.self, from: data)
    return CrossTabCases(crosstabs: all.crosstabs.filter {
      $0.design.targets_file == nil && ![$0.row, $0.column].contains("westin_segment")
    })
  }()

  init(crosstabs: [Case]) { self.crosstabs = crosstabs }

  /// The names of the cases a database cross-tabulates.
  static var names: [String] { shared.crosstabs.map(\.name) }

  static func testCase(_ name: String) -> Case { shared.crosstabs.first { $0.name == name }! }

  /// The raked cases (R's `rake()` to `privacy-targets.csv`, then `svytable`, `svymean` and `svychisq`).
  static let raked: [Case] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/crosstabs/reference.json")))
    return try! JSONDecoder().decode(CrossTabCases.self, from: data).crosstabs.filter { $0.design.targets_file != nil }
  }()

  static var rakedNames: [String] { raked.map(\.name) }

  static func rakedCase(_ name: String) -> Case { raked.first { $0.name == name }! }

  /// A raked case's margins and R's control, `maxit = 100, epsilon = 1e-10` (relative).
  static func raking(_ testCase: Case) throws -> (PopulationMargins, RakingControl) {
    let margins = try PopulationMargins(targetsFile: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/crosstabs/" + testCase.design.targets_file!))
    return (margins, RakingControl(maxIterations: 100, tolerance: .relativeToWeightTotal(1e-10)))
  }

  /// The table `.ci/postgres-fixtures.py` and `.ci/spark-fixtures.py` load a case into.
  static func table(_ testCase: Case) -> String { "crosstab_" + testCase.name.replacingOccurrences(of: "-", with: "_") }

  /// A case's survey read from its file, with the case's design.
  static func fileDesign(_ testCase: Case) throws -> SurveyDesign {
    try testCase.design.fileDesign(
      path: "Tests/SurveyStatisticsTests/Fixtures/crosstabs/" + testCase.data, missingCodes: testCase.missing_codes)
  }

  /// The case's `by` variables with one more (a variable of its file used in no other role), for
  /// domain tables that R's fixture does not have: compared with the file path only.
  static func moreDomains(_ testCase: Case) -> [String] {
    let candidates = testCase.data.hasSuffix("apiclus1.csv") ? ["comp.imp"] : ["sex", "age_band", "status"]
    let used = [testCase.row, testCase.column] + testCase.by
    return testCase.by + [candidates.first { !used.contains($0) }!]
  }

  /// The database's cross-tab equals the file's, every JSON field (the `design` member left out
  /// for a design without PSUs, whose declarations differ).
  /// Returns the largest relative difference of their numbers.
  @discardableResult
  static func expectSameAsFile(
    _ fromDatabase: CrossTab, _ fromFile: CrossTab, _ testCase: Case, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Double {
    let (database, file) = testCase.design.psu == nil
      ? (estimatesOf(fromDatabase.json), estimatesOf(fromFile.json)) : (fromDatabase.json, fromFile.json)
    expectSame(database, file, label, sourceLocation: sourceLocation)
    return largestDifference(database, file)
  }

  /// The database's cross-tab (made with the case's method and level) matches R's: shares,
  /// standard errors, weighted counts, F and its degrees of freedom to 1e-9, intervals and the
  /// p-value to 1e-7. Returns the largest relative difference to R of the estimates and standard
  /// errors, and of the bounds and p-values.
  @discardableResult
  static func expectMatchesR(
    _ crossTab: CrossTab, _ testCase: Case, sourceLocation: SourceLocation = #_sourceLocation
  ) -> (estimates: Double, bounds: Double) {
    var largest = (estimates: 0.0, bounds: 0.0)
    func check(_ actual: Double, _ expected: Double, bound: Bool, _ what: String) {
      let difference = relative(actual, expected)
      if bound { largest.bounds = max(largest.bounds, difference) } else { largest.estimates = max(largest.estimates, difference) }
      #expect(difference < (bound ? 1e-7 : 1e-9), "\(testCase.name) \(what): \(actual) vs R \(expected)",
              sourceLocation: sourceLocation)
    }
    func compare(_ share: ProportionEstimate, _ expected: Share, _ what: String) {
      check(share.proportion, expected.estimate, bound: false, what)
      check(share.standardError, expected.standard_error, bound: false, what + " SE")
      guard let bounds = expected.likelihood_profile_root ?? expected.ci else { return }
      check(share.confidenceInterval.lower, bounds[0], bound: true, what + " lower")
      check(share.confidenceInterval.upper, bounds[1], bound: true, what + " upper")
    }
    let tables = [crossTab.overall] + crossTab.domains
    let expectedTables = [testCase.overall] + testCase.domains
    #expect(tables.count == expectedTables.count, "\(testCase.name) tables", sourceLocation: sourceLocation)
    for (table, expected) in zip(tables, expectedTables) {
      let label = "\(table.domain)"
      #expect(table.respondents == expected.respondents, "\(testCase.name) \(label) respondents",
              sourceLocation: sourceLocation)
      for cell in expected.cells {
        guard let actual = table.cell(row: cell.row, column: cell.column) else {
          Issue.record("\(testCase.name) \(label): no cell \(cell.row) × \(cell.column)", sourceLocation: sourceLocation)
          continue
        }
        let name = "\(label) [\(cell.row) × \(cell.column)]"
        check(actual.weightedCount, cell.weighted_count, bound: false, name + " weighted count")
        compare(actual.ofTotal, cell.of_total, name + " of total")
        compare(actual.ofRow, cell.of_row, name + " of row")
        compare(actual.ofColumn, cell.of_column, name + " of column")
      }
      guard let test = table.test else {
        Issue.record("\(testCase.name) \(label): no test", sourceLocation: sourceLocation)
        continue
      }
      check(test.statistic, expected.test.statistic, bound: false, label + " F")
      check(test.numeratorDegreesOfFreedom, expected.test.numerator_df, bound: false, label + " numerator df")
      check(test.denominatorDegreesOfFreedom, expected.test.denominator_df, bound: false, label + " denominator df")
      check(test.pValue, expected.test.p_value, bound: true, label + " p-value")
    }
    return largest
  }
}
