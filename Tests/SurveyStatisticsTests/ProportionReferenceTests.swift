import Foundation
import SurveyStatistics
import Testing

/// Weighted proportions, standard errors, design effects, degrees of freedom and every interval
/// method against R survey 4.1 (`Fixtures/proportions/make-proportions.R`).
@Suite struct ProportionReferenceTests {
  static let reference: ProportionReference = {
    let data = try! Data(contentsOf: fixtureURL("proportions/reference.json"))
    return try! JSONDecoder().decode(ProportionReference.self, from: data)
  }()

  static var caseNames: [String] { reference.cases.map(\.name) }

  /// Estimates and standard errors: 1e-9 relative; interval bounds: 1e-7 relative.
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7
  /// The exact profile-likelihood root (computed in R by root finding) is matched to 1e-6: R's
  /// own root finder stops at about that precision.
  static let likelihoodRootTolerance = 1e-6

  func makeDesign(for testCase: ProportionReference.Case) throws -> SurveyDesign {
    var survey = try Survey(fixtureCSV: fixtureURL("proportions/" + testCase.data).path)
    survey = try survey.markingMissing(codesByVariable: testCase.missingCodes)
    return try SurveyDesign(
      survey, weights: testCase.design.weight, strata: testCase.design.strata, clusters: testCase.design.psu,
      fpc: testCase.design.fpc, lonelyPSU: LonelyPSUPolicy(rawValue: testCase.design.lonelyPSU)!)
  }

  @Test(arguments: caseNames)
  func matchesR(caseName: String) throws {
    let testCase = Self.reference.cases.first { $0.name == caseName }!
    if let expected = testCase.expectError {
      #expect(expected == "lonely_psu")
      let error = #expect(throws: SurveyError.self) { try makeDesign(for: testCase) }
      guard case .lonelyPSU(let stratum, let strataVariable, _, _)? = error else {
        Issue.record("expected a lonely PSU error, got \(String(describing: error))")
        return
      }
      #expect(stratum == "L3")
      #expect(strataVariable == "stratum")
      #expect(error?.description.contains("stratum 'L3' (from this row on) has only one PSU") == true)
      return
    }
    let design = try makeDesign(for: testCase)
    #expect(design.respondentCount == testCase.summary.respondents)
    #expect(design.stratumCount == testCase.summary.strata)
    #expect(design.psuCount == testCase.summary.psus)
    #expect(design.degreesOfFreedom == testCase.summary.degreesOfFreedom)
    #expect(relativeDifference(design.weightTotal, testCase.summary.weightTotal) < Self.estimateTolerance)

    for levelText in ["0.95", "0.9"] {
      let level = Double(levelText)!
      for method in IntervalMethod.allCases {
        let estimates = try design.proportions(of: testCase.variable, by: testCase.by, method: method, level: level)
        try compare(estimates.estimates, with: testCase, level: levelText, method: method)
      }
    }
    if ProcessInfo.processInfo.environment["CONFIANCE_REPORT_DIFFERENCES"] != nil {
      print("Largest relative differences to R so far:\n" + DifferenceLog.shared.summary)
    }
  }

  private func compare(
    _ estimates: [ProportionEstimate], with testCase: ProportionReference.Case, level: String, method: IntervalMethod
  ) throws {
    let expectedKeys = Set(testCase.estimates.map { key(domain: $0.domain, category: $0.category) })
    let actualKeys = Set(estimates.map { estimate in
      key(domain: Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) }),
          category: estimate.category)
    })
    #expect(actualKeys == expectedKeys, "estimates of \(testCase.name)")
    for estimate in estimates {
      let domain = Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) })
      guard let expected = testCase.estimates.first(where: { $0.domain == domain && $0.category == estimate.category })
      else { continue }
      let label = "\(testCase.name) \(estimate.domain) \(estimate.category)"
      check("proportion", estimate.proportion, expected.proportion, Self.estimateTolerance, label)
      check("standard error", estimate.standardError, expected.standardError, Self.estimateTolerance, label)
      if let deff = expected.designEffect {
        check("design effect", estimate.designEffect ?? .nan, deff, Self.estimateTolerance, label)
      }
      check("Kish effective sample size", estimate.effectiveSampleSize, expected.kishEffectiveSampleSize,
            Self.estimateTolerance, label)
      #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(label) df")
      #expect(estimate.respondents == expected.respondents, "\(label) respondents")
      #expect(estimate.domainRespondents == expected.domainRespondents, "\(label) domain respondents")
      #expect(estimate.designRows == expected.designRows, "\(label) design rows")

      let interval = estimate.confidenceInterval
      if method == .likelihood {
        guard let root = expected.likelihoodProfileRoot?[level] ?? nil, let lower = root[0], let upper = root[1] else { continue }
        check("likelihood bound (exact root)", interval.lower, lower, Self.likelihoodRootTolerance, label)
        check("likelihood bound (exact root)", interval.upper, upper, Self.likelihoodRootTolerance, label)
        if let fromR = expected.intervals[level]?["likelihood"] ?? nil, let lowerR = fromR[0], let upperR = fromR[1] {
          DifferenceLog.shared.record("likelihood bound vs R's spline", relativeDifference(interval.lower, lowerR))
          DifferenceLog.shared.record("likelihood bound vs R's spline", relativeDifference(interval.upper, upperR))
        }
        continue
      }
      guard let bounds = expected.intervals[level]?[method.rawValue] ?? nil,
            let lower = bounds[0], let upper = bounds[1] else { continue }
      check("\(method.rawValue) bound", interval.lower, lower, Self.boundTolerance, label)
      check("\(method.rawValue) bound", interval.upper, upper, Self.boundTolerance, label)
    }
  }

  private func key(domain: [String: String], category: String) -> String {
    domain.keys.sorted().map { "\($0)=\(domain[$0]!)" }.joined(separator: ",") + "|" + category
  }

  private func check(_ quantity: String, _ actual: Double, _ expected: Double, _ tolerance: Double, _ label: String) {
    let difference = relativeDifference(actual, expected)
    DifferenceLog.shared.record(quantity, difference)
    #expect(difference <= tolerance, "\(label): \(quantity) \(actual) vs R \(expected)")
  }
}
