import Foundation
import SurveyStatistics
import Testing

/// Pairwise comparisons of a share between groups against R survey 4.1 (`make-comparisons.R`):
/// every group's share and the joint covariance from `svyby(…, covmat = TRUE)` (one
/// `svyratio(covmat = TRUE)` on the raked design, where survey 4.1's `svyby` cannot), the
/// differences from `svycontrast`, t on `degf()` of the compared rows, `p.adjust(p, "holm")`, on a
/// stratified cluster design, with FPC, raked, and as a stratified jackknife.
///
/// Tolerances: shares, covariances, differences and SEs 1e-9 relative (covariances relative to
/// the largest variance of the case); t statistics, p-values, adjusted p-values and interval bounds
/// 1e-9 relative; degrees of freedom exact.
@Suite struct ShareComparisonReferenceTests {
  static let tolerance = 1e-9
  static let reference: ComparisonReference = {
    let data = try! Data(contentsOf: fixtureURL("comparisons/reference.json"))
    return try! JSONDecoder().decode(ComparisonReference.self, from: data)
  }()
  static var caseNames: [String] { reference.cases.map(\.name) }

  @Test func fixtureHasTheCases() {
    #expect(Self.reference.cases.count == 4)
    #expect(Self.reference.cases.allSatisfy { $0.groups.count >= 4 })
    #expect(Self.reference.cases.reduce(0) { $0 + $1.comparisons.count } == 36)
  }

  @Test(arguments: caseNames)
  func matchesR(name: String) throws {
    let testCase = Self.reference.cases.first { $0.name == name }!
    let design = try testCase.design.make(missingCodes: testCase.missingCodes)
    let result = try design.shareComparisons(
      of: Indicator(variable: testCase.variable, values: testCase.counted), by: testCase.by)
    var worst: [String: Double] = [:]
    func record(_ quantity: String, _ actual: Double, _ expected: Double, scale: Double? = nil, _ what: String) {
      let difference = scale.map { abs(actual - expected) / $0 } ?? relativeDifference(actual, expected)
      worst[quantity] = max(worst[quantity] ?? 0, difference)
      #expect(difference <= Self.tolerance, "\(name) \(quantity) \(what): \(actual) vs R \(expected)")
    }
    #expect(result.degreesOfFreedom == testCase.degreesOfFreedom)
    #expect(result.shares.map { $0.domain.levels.first?.value } == testCase.groups.map(\.group))
    for (share, expected) in zip(result.shares, testCase.groups) {
      record("share", share.proportion, expected.share, expected.group)
      record("share SE", share.standardError, expected.standardError, expected.group)
    }
    let count = testCase.groups.count
    let largestVariance = testCase.groups.map { $0.standardError * $0.standardError }.max()!
    for row in 0..<count {
      for column in 0..<count {
        record(
          "covariance", result.covariance[row * count + column], testCase.covariance[row][column],
          scale: largestVariance, "\(row),\(column)")
      }
    }
    #expect(result.comparisons.count == testCase.comparisons.count)
    for (actual, expected) in zip(result.comparisons, testCase.comparisons) {
      let pair = "\(expected.first)−\(expected.second)"
      #expect(actual.firstDomain.levels.first?.value == expected.first)
      #expect(actual.secondDomain.levels.first?.value == expected.second)
      #expect(actual.degreesOfFreedom == testCase.degreesOfFreedom)
      record("difference", actual.estimate, expected.difference, pair)
      record("difference SE", actual.standardError, expected.standardError, pair)
      record("t", actual.tStatistic, expected.t, pair)
      record("p", actual.pValue, expected.pValue, pair)
      record("Holm p", actual.holmAdjustedPValue, expected.pValueHolm, pair)
      record("bounds", actual.confidenceInterval.lower, expected.interval[0], pair)
      record("bounds", actual.confidenceInterval.upper, expected.interval[1], pair)
    }
    for (quantity, difference) in worst { DifferenceLog.shared.record("share comparisons \(quantity)", difference) }
    print("share comparisons \(name), largest relative differences: "
      + worst.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; "))
  }

  /// Holm's adjustment is over the pairs of one call, and a pair's difference is the negative of
  /// the reversed pair: checked on the first case without R.
  @Test func holmIsOverThePairsOfOneTable() throws {
    let testCase = Self.reference.cases[0]
    let design = try testCase.design.make(missingCodes: testCase.missingCodes)
    let result = try design.shareComparisons(
      of: Indicator(variable: testCase.variable, values: testCase.counted), by: testCase.by)
    #expect(result.comparisons.map(\.holmAdjustedPValue) == holmAdjusted(result.comparisons.map(\.pValue)))
    let pair = try #require(result.comparison(2, 0))
    #expect(pair.first == 0 && pair.second == 2)
    #expect(abs(pair.estimate - (result.shares[0].proportion - result.shares[2].proportion)) < 1e-15)
  }
}

/// The shape of `Fixtures/comparisons/reference.json`.
struct ComparisonReference: Decodable {
  let generatedBy: String
  let cases: [Case]

  enum CodingKeys: String, CodingKey { case generatedBy = "generated_by", cases }

  struct Case: Decodable {
    let name: String
    let variable: String
    let counted: [String]
    let by: String
    let design: Design
    let missingCodes: [String: [String]]
    let degreesOfFreedom: Int
    let groups: [Group]
    let covariance: [[Double]]
    let comparisons: [Comparison]

    enum CodingKeys: String, CodingKey {
      case name, variable, counted, by, design, missingCodes = "missing_codes"
      case degreesOfFreedom = "degrees_of_freedom", groups, covariance, comparisons
    }
  }

  struct Design: Decodable {
    let weight: String
    let strata: String
    let psu: String
    let fpc: String?
    let raked: Bool
    let jackknife: Bool

    /// The case's design on `../crosstabs/privacy.csv`: raked with R's
    /// `rake(…, control = list(maxit = 100, epsilon = 1e-10))`, or a created stratified jackknife.
    func make(missingCodes: [String: [String]]) throws -> SurveyDesign {
      let survey = try Survey(fixtureCSV: fixtureURL("crosstabs/privacy.csv").path, numericColumns: ["w", "N_psu"])
        .markingMissing(codesByVariable: missingCodes)
      let replicates = jackknife ? ReplicateDeclaration(source: .created(), method: .stratifiedJackknife) : nil
      let design = try SurveyDesign(survey, declaration: DesignDeclaration(
        weights: weight, strata: strata, clusters: psu, fpc: fpc, replicates: replicates))
      guard raked else { return design }
      let margins = try PopulationMargins(fixtureTargets: fixtureURL("crosstabs/privacy-targets.csv").path)
      return try design.raked(to: margins, options: RakingControl(maxIterations: 100, tolerance: .relativeToWeightTotal(1e-10)))
    }
  }

  struct Group: Decodable {
    let group: String
    let share: Double
    let standardError: Double

    enum CodingKeys: String, CodingKey { case group, share, standardError = "standard_error" }
  }

  struct Comparison: Decodable {
    let first: String
    let second: String
    let difference: Double
    let standardError: Double
    let t: Double
    let pValue: Double
    let pValueHolm: Double
    let interval: [Double]

    enum CodingKeys: String, CodingKey {
      case first, second, difference, standardError = "standard_error", t, pValue = "p_value"
      case pValueHolm = "p_value_holm", interval
    }
  }
}
