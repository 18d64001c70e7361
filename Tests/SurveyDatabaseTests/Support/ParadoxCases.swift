import Confiance
import Foundation
import Testing

/// `reference.json` of the paradox fixtures (R survey 4.1's numbers), the fields the database
/// tests read: the cases that are not raked (``shared``) and those that are (``raked``), their
/// definition and design, and R's gap, shares and comparisons.
struct ParadoxCases: Decodable {
  struct Case: Decodable {
    let name: String
    let data: String
    let design: FixtureDesign
    let concern: Item
    let actions: [Item]
    let minimum_actions: Int
    let by: [String]
    let missing_codes: [String: [String]]
    let overall: Measures
    let domains: [Measures]
    let comparisons: [Comparison]
  }

  struct Item: Decodable {
    let variable: String
    let values: [String]
  }

  struct Measures: Decodable {
    let domain: [String: String]?
    let concerned: Value
    let acting: Value
    let paradox_share: Value
    let gap: Value
  }

  struct Value: Decodable {
    let estimate: Double?
    let standard_error: Double?
  }

  struct Comparison: Decodable {
    let difference: Double
    let standard_error: Double
    let p_value: Double
    let p_value_holm: Double
  }

  let cases: [Case]

  static let shared: ParadoxCases = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/paradox/reference.json")))
    let all = try! JSONDecoder().decode(ParadoxCases.self, from: data)
    return ParadoxCases(cases: all.cases.filter { $0.design.targets_file == nil })
  }()

  init(cases: [Case]) { self.cases = cases }

  /// The names of the cases a database analyses.
  static var names: [String] { shared.cases.map(\.name) }

  static func testCase(_ name: String) -> Case { shared.cases.first { $0.name == name }! }

  /// The raked cases (R's `rake()` to `paradox-targets.csv`, `maxit = 100, epsilon = 1e-10`).
  static let raked: [Case] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/paradox/reference.json")))
    return try! JSONDecoder().decode(ParadoxCases.self, from: data).cases.filter { $0.design.targets_file != nil }
  }()

  static var rakedNames: [String] { raked.map(\.name) }

  static func rakedCase(_ name: String) -> Case { raked.first { $0.name == name }! }

  /// A raked case's margins and R's control.
  static func raking(_ testCase: Case) throws -> (PopulationMargins, RakingControl) {
    let margins = try PopulationMargins(targetsFile: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/paradox/" + testCase.design.targets_file!))
    return (margins, RakingControl(maxIterations: 100, tolerance: .relativeToWeightTotal(1e-10)))
  }

  /// The table `.ci/postgres-fixtures.py` and `.ci/spark-fixtures.py` load a case into.
  static func table(_ testCase: Case) -> String { "paradox_" + testCase.name.replacingOccurrences(of: "-", with: "_") }

  static func definition(_ testCase: Case) -> ParadoxDefinition {
    ParadoxDefinition(
      concern: Indicator(variable: testCase.concern.variable, values: testCase.concern.values),
      actions: testCase.actions.map { Indicator(variable: $0.variable, values: $0.values) },
      minimumActions: testCase.minimum_actions)
  }

  /// A case's design as a database declares it: the row number is the PSU of a design without one.
  static func declaration(_ testCase: Case) -> DesignDeclaration { testCase.design.databaseDeclaration }

  /// A case's survey read from its file, with the case's design.
  static func fileDesign(_ testCase: Case) throws -> SurveyDesign {
    try testCase.design.fileDesign(
      path: "Tests/SurveyStatisticsTests/Fixtures/paradox/" + testCase.data, missingCodes: testCase.missing_codes)
  }

  /// The database's analysis equals the file's, every JSON field (the `design` member left out for
  /// a design without PSUs declared with `row_id`, whose declarations differ; kept `withoutPSU`),
  /// and matches R's estimates and standard errors (1e-9) and comparison p-values (1e-7). Returns
  /// the largest relative difference to R.
  @discardableResult
  static func expectMatches(
    _ fromDatabase: ParadoxAnalysis, file fromFile: ParadoxAnalysis, _ testCase: Case, _ label: String,
    withoutPSU: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
  ) -> Double {
    if testCase.design.psu == nil, !withoutPSU {
      expectSame(estimatesOf(fromDatabase.json), estimatesOf(fromFile.json), label, sourceLocation: sourceLocation)
    } else {
      expectSame(fromDatabase.json, fromFile.json, label, sourceLocation: sourceLocation)
    }
    var largest = 0.0
    func check(_ actual: Double, _ expected: Double?, _ tolerance: Double, _ what: String) {
      guard let expected else { return }
      let difference = relative(actual, expected)
      largest = max(largest, difference)
      #expect(difference < tolerance, "\(label) \(what): \(actual) vs R \(expected)", sourceLocation: sourceLocation)
    }
    func compare(_ actual: DomainParadox, _ expected: Measures, _ where_: String) {
      check(actual.concerned.estimate, expected.concerned.estimate, 1e-9, where_ + " concerned")
      check(actual.concerned.standardError, expected.concerned.standard_error, 1e-9, where_ + " concerned SE")
      check(actual.acting.estimate, expected.acting.estimate, 1e-9, where_ + " acting")
      check(actual.acting.standardError, expected.acting.standard_error, 1e-9, where_ + " acting SE")
      check(actual.paradoxShare.estimate, expected.paradox_share.estimate, 1e-9, where_ + " paradox share")
      check(actual.paradoxShare.standardError, expected.paradox_share.standard_error, 1e-9, where_ + " paradox share SE")
      check(actual.gap.estimate, expected.gap.estimate, 1e-9, where_ + " gap")
      check(actual.gap.standardError, expected.gap.standard_error, 1e-9, where_ + " gap SE")
    }
    compare(fromDatabase.overall, testCase.overall, "overall")
    #expect(fromDatabase.domains.count == testCase.domains.count, "\(label) domains", sourceLocation: sourceLocation)
    for expected in testCase.domains {
      guard let actual = fromDatabase.domains.first(where: {
        Dictionary(uniqueKeysWithValues: $0.domain.levels.map { ($0.variable, $0.value) }) == expected.domain
      }) else {
        Issue.record("\(label): domain \(expected.domain ?? [:]) missing", sourceLocation: sourceLocation)
        continue
      }
      compare(actual, expected, "\(actual.domain)")
    }
    #expect(fromDatabase.comparisons.count == testCase.comparisons.count, "\(label) comparisons",
            sourceLocation: sourceLocation)
    for (index, (actual, expected)) in zip(fromDatabase.comparisons, testCase.comparisons).enumerated() {
      check(actual.difference.estimate, expected.difference, 1e-9, "comparison \(index)")
      check(actual.difference.standardError, expected.standard_error, 1e-9, "comparison \(index) SE")
      check(actual.pValue, expected.p_value, 1e-7, "comparison \(index) p")
      check(actual.holmAdjustedPValue, expected.p_value_holm, 1e-7, "comparison \(index) Holm p")
    }
    return largest
  }
}
