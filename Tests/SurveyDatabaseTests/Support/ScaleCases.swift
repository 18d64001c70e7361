import Confiance
import Foundation
import Testing

/// The `scales` of `reference.json` in the crosstab fixtures (R survey 4.1's numbers), the fields
/// the database tests read: the cases that are not raked (``shared``) and those that are
/// (``raked``), their design, and R's scores, reliability, item means and boxes.
struct ScaleCases: Decodable {
  struct Case: Decodable {
    let name: String
    let data: String
    let design: FixtureDesign
    let items: [String]
    let reverse: [String]
    let range: [Double]
    let min_items: Int
    let by: [String]
    let box: Int
    let method: String
    let level: Double
    let missing_codes: [String: [String]]
    let overall: Summary
    let domains: [Summary]
  }

  struct Summary: Decodable {
    let domain: [String: String]
    let score: Estimate
    let complete_respondents: Int
    let alpha: Double?
    let weighted_alpha: Double?
    let items: [Item]
  }

  struct Item: Decodable {
    let item: String
    let mean: Estimate
    let top_box: Estimate
    let bottom_box: Estimate
    let item_total_correlation: Double?
    let weighted_item_total_correlation: Double?
    let alpha_if_deleted: Double?
  }

  struct Estimate: Decodable {
    let estimate: Double
    let standard_error: Double
    let ci: [Double]?
    /// With the likelihood method: the exact root of the profile that R's spline interpolates.
    let likelihood_profile_root: [Double]?
  }

  let scales: [Case]

  static let shared: ScaleCases = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/crosstabs/reference.json")))
    let all = try! JSONDecoder().decode(ScaleCases.self, from: data)
    return ScaleCases(scales: all.scales.filter { $0.design.targets_file == nil })
  }()

  init(scales: [Case]) { self.scales = scales }

  /// The names of the cases a database analyses.
  static var names: [String] { shared.scales.map(\.name) }

  static func testCase(_ name: String) -> Case { shared.scales.first { $0.name == name }! }

  /// The raked cases (R's `rake()` to `privacy-targets.csv`, `maxit = 100, epsilon = 1e-10`).
  static let raked: [Case] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/crosstabs/reference.json")))
    return try! JSONDecoder().decode(ScaleCases.self, from: data).scales.filter { $0.design.targets_file != nil }
  }()

  static var rakedNames: [String] { raked.map(\.name) }

  static func rakedCase(_ name: String) -> Case { raked.first { $0.name == name }! }

  /// A raked case's margins and R's control.
  static func raking(_ testCase: Case) throws -> (PopulationMargins, RakingControl) {
    let margins = try PopulationMargins(targetsFile: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/crosstabs/" + testCase.design.targets_file!))
    return (margins, RakingControl(maxIterations: 100, tolerance: .relativeToWeightTotal(1e-10)))
  }

  /// The table `.ci/postgres-fixtures.py` and `.ci/spark-fixtures.py` load a case into (items as doubles).
  static func table(_ testCase: Case) -> String { "scale_" + testCase.name.replacingOccurrences(of: "-", with: "_") }

  /// The case's scale, with its declared range or none.
  static func scale(_ testCase: Case, declaresRange: Bool = true) -> ScaleDefinition {
    ScaleDefinition(
      items: testCase.items, reversedItems: testCase.reverse,
      range: declaresRange ? testCase.range[0]...testCase.range[1] : nil, minimumAnsweredItems: testCase.min_items)
  }

  /// A case's survey read from its file, with the case's design.
  static func fileDesign(_ testCase: Case) throws -> SurveyDesign {
    try testCase.design.fileDesign(
      path: "Tests/SurveyStatisticsTests/Fixtures/crosstabs/" + testCase.data, missingCodes: testCase.missing_codes)
  }

  /// The database's analysis equals the file's, every JSON field (the `design` member left out
  /// for a design without PSUs, whose declarations differ). Returns the largest relative difference.
  @discardableResult
  static func expectSameAsFile(
    _ fromDatabase: ScaleAnalysis, _ fromFile: ScaleAnalysis, psu: String?, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Double {
    let (database, file) = psu == nil
      ? (estimatesOf(fromDatabase.json), estimatesOf(fromFile.json)) : (fromDatabase.json, fromFile.json)
    expectSame(database, file, label, sourceLocation: sourceLocation)
    return largestDifference(database, file)
  }

  /// The analysis matches R's: scores, item means, boxes, α, weighted α, item–total correlations
  /// and α if deleted to 1e-9, interval bounds to 1e-7. Returns the largest relative differences
  /// of the estimates and of the bounds.
  @discardableResult
  static func expectMatchesR(
    _ analysis: ScaleAnalysis, _ testCase: Case, sourceLocation: SourceLocation = #_sourceLocation
  ) -> (estimates: Double, bounds: Double) {
    var largest = (estimates: 0.0, bounds: 0.0)
    func check(_ actual: Double?, _ expected: Double?, bound: Bool, _ what: String) {
      guard let expected else { return }
      guard let actual else {
        Issue.record("\(testCase.name) \(what): missing", sourceLocation: sourceLocation)
        return
      }
      let difference = relative(actual, expected)
      if bound { largest.bounds = max(largest.bounds, difference) } else { largest.estimates = max(largest.estimates, difference) }
      #expect(difference < (bound ? 1e-7 : 1e-9), "\(testCase.name) \(what): \(actual) vs R \(expected)",
              sourceLocation: sourceLocation)
    }
    func compare(_ estimate: (any SurveyEstimate)?, _ expected: Estimate, _ what: String) {
      check(estimate?.estimate, expected.estimate, bound: false, what)
      check(estimate?.standardError, expected.standard_error, bound: false, what + " SE")
      guard let bounds = expected.likelihood_profile_root ?? expected.ci else { return }
      check(estimate?.confidenceInterval.lower, bounds[0], bound: true, what + " lower")
      check(estimate?.confidenceInterval.upper, bounds[1], bound: true, what + " upper")
    }
    let summaries = [analysis.overall] + analysis.domains
    let expected = [testCase.overall] + testCase.domains
    #expect(summaries.count == expected.count, "\(testCase.name) domains", sourceLocation: sourceLocation)
    for (summary, expected) in zip(summaries, expected) {
      let label = "\(expected.domain)"
      compare(summary.score, expected.score, label + " score")
      check(summary.reliability?.alpha, expected.alpha, bound: false, label + " alpha")
      check(summary.reliability?.weightedAlpha, expected.weighted_alpha, bound: false, label + " weighted alpha")
      for (index, item) in expected.items.enumerated() {
        let found = summary.items[index]
        compare(found.mean, item.mean, "\(label) \(item.item) mean")
        compare(found.topBox, item.top_box, "\(label) \(item.item) top box")
        compare(found.bottomBox, item.bottom_box, "\(label) \(item.item) bottom box")
        check(summary.reliability?.itemTotalCorrelations[index], item.item_total_correlation, bound: false,
              "\(label) \(item.item) item-total r")
        check(summary.reliability?.weightedItemTotalCorrelations[index], item.weighted_item_total_correlation,
              bound: false, "\(label) \(item.item) weighted item-total r")
        check(summary.reliability?.alphaIfDeleted[index] ?? nil, item.alpha_if_deleted, bound: false,
              "\(label) \(item.item) alpha if deleted")
      }
    }
    return largest
  }
}
