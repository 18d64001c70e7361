import Foundation
import SurveyStatistics
import Testing

/// The NCHS Data Presentation Standards for Proportions against the NCHS SAS macro's rules as
/// transcribed in R (`Fixtures/reliability/make-reliability.R`) and the published Ward (2019)
/// examples. The R survey estimates on the example survey, read with its codebook, are checked in
/// ConfianceTests (`ReliabilityExampleSurveyTests`).
@Suite struct ReliabilityAssessmentTests {
  static let reference: ReliabilityReference = {
    let data = try! Data(contentsOf: fixtureURL("reliability/reference.json"))
    return try! JSONDecoder().decode(ReliabilityReference.self, from: data)
  }()

  static var caseNames: [String] { reference.cases.map(\.name) }

  /// Effective sample sizes, estimates and standard errors: 1e-9 relative; interval bounds 1e-7
  /// relative (and widths 1e-9 absolute); rounded widths, outcomes and reasons exactly.
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7

  @Test(arguments: caseNames)
  func matchesTheMacroRules(caseName: String) throws {
    let testCase = try #require(Self.reference.cases.first { $0.name == caseName })
    let inputs = testCase.inputs
    let assessment = ReliabilityAssessment(
      proportion: inputs.proportion, standardError: inputs.standardError, sampleSize: inputs.sampleSize,
      degreesOfFreedom: inputs.degreesOfFreedom,
      adjustment: inputs.degreesOfFreedomAdjustment ? .degreesOfFreedom : .none)
    compare(assessment, with: testCase.expected, label: caseName)
  }

  @Test func wardPublishedExamples() throws {
    // Ward (2019) prints n* to 2 decimals and the bounds to 4, from Stata output on inputs that
    // are themselves rounded (p̂ to 7, SE to 7 decimals): n* = 8958.54 there, 8958.565 here.
    for name in ["ward-example-1", "ward-example-2"] {
      let testCase = try #require(Self.reference.cases.first { $0.name == name })
      let published = try #require(testCase.published)
      let assessment = ReliabilityAssessment(
        proportion: testCase.inputs.proportion, standardError: testCase.inputs.standardError,
        sampleSize: testCase.inputs.sampleSize, degreesOfFreedom: testCase.inputs.degreesOfFreedom)
      #expect(abs(assessment.adjustedEffectiveSampleSize - published.adjustedEffectiveSampleSize) < 0.03, "\(name) n*")
      #expect(abs(assessment.lowerBound - published.lower) <= 0.00005, "\(name) lower")
      #expect(abs(assessment.upperBound - published.upper) <= 0.00005, "\(name) upper")
      if let width = published.width { #expect(abs(assessment.width - width) <= 0.00005, "\(name) width") }
      if let relative = published.relativeWidthPercent { #expect(assessment.relativeWidthPercent == relative) }
      if let outcome = published.outcome { #expect(assessment.outcome.rawValue == outcome) }
    }
  }

  @Test func describesWhy() {
    let ward = ReliabilityAssessment(proportion: 0.0388459, standardError: 0.0177429, sampleSize: 440, degreesOfFreedom: 1958)
    #expect(ward.description == "suppress: 3.9% (95% CI 1.2–9.1, Korn–Graubard, n* = 119.1); the CI is 7.9 points wide, "
      + "203.3% of the estimate (more than 5 points and 130%)")
    let small = ReliabilityAssessment(proportion: 0, standardError: 0, sampleSize: 10, degreesOfFreedom: 5)
    #expect(small.description == "suppress: 0.0% (95% CI 0.0–30.8, Korn–Graubard, n* = 10.0); the effective sample size "
      + "10.0 is below 30; the CI is 30.8 points wide (30 or more); the design has 5 degrees of freedom (fewer than 8); "
      + "the estimate is 0%")
    let complement = ReliabilityAssessment(proportion: 0.95, standardError: 0.02, sampleSize: 400, degreesOfFreedom: 30)
    #expect(complement.description == "present: 95.0% (95% CI 89.1–98.2, Korn–Graubard, n* = 110.0); the complement "
      + "(100% minus the estimate) may be unreliable: the CI is 182.8% of it")
    #expect(ReliabilityAssessment.Reason.allCases.filter(\.suppresses)
      == [.effectiveSampleSizeBelow30, .confidenceIntervalTooWide, .relativeConfidenceIntervalTooWide,
          .standardErrorUnavailable])
  }

  @Test func withoutAStandardErrorNothingIsPublished() {
    let unknown = ReliabilityAssessment(proportion: 0.4, standardError: .nan, sampleSize: 300, degreesOfFreedom: 20)
    #expect(unknown.outcome == .suppress)
    #expect(unknown.reasons == [.standardErrorUnavailable])
    #expect(unknown.lowerBound.isNaN && unknown.upperBound.isNaN && unknown.adjustedEffectiveSampleSize.isNaN)
    #expect(!unknown.complementMayBeUnreliable)
    #expect(unknown.description == "suppress: 40.0% (95% CI NaN–NaN, Korn–Graubard, n* = NaN); its standard error could not be estimated")
    // At p̂ = 0 or 1 the rules do not use the standard error.
    let zero = ReliabilityAssessment(proportion: 0, standardError: .nan, sampleSize: 100, degreesOfFreedom: 5)
    #expect(zero.outcome == .review)
    #expect(zero.reasons == [.fewDegreesOfFreedom, .proportionZeroOrOne])
  }

  @Test func capsTheEffectiveSampleSizeWhereRDoesNot() throws {
    // A design effect below 1: R's beta interval uses n_eff = 2100 > n = 1000; NCHS caps at n.
    let capped = ReliabilityAssessment(proportion: 0.3, standardError: 0.01, sampleSize: 1000, degreesOfFreedom: 50)
    #expect(capped.adjustedEffectiveSampleSize == 1000)
    let inputs = ProportionIntervalInputs(proportion: 0.3, variance: 0.0001, degreesOfFreedom: 50, designRows: 1000)
    let beta = ConfidenceInterval(proportion: inputs, method: .beta, level: 0.95)
    #expect(beta.upper - beta.lower < capped.width)
    // Below the cap, and away from 0 and 1, the two are the same interval.
    let uncapped = ReliabilityAssessment(proportion: 0.3, standardError: 0.02, sampleSize: 1000, degreesOfFreedom: 50)
    let same = ConfidenceInterval(
      proportion: ProportionIntervalInputs(proportion: 0.3, variance: 0.0004, degreesOfFreedom: 50, designRows: 1000),
      method: .beta, level: 0.95)
    check("lower", uncapped.lowerBound, same.lower, Self.boundTolerance, "uncapped")
    check("upper", uncapped.upperBound, same.upper, Self.boundTolerance, "uncapped")
  }

  private func compare(_ actual: ReliabilityAssessment, with expected: ReliabilityReference.Expected, label: String) {
    check("fuzzed proportion", actual.proportion, expected.proportion, Self.estimateTolerance, label)
    if let effective = expected.effectiveSampleSize {
      check("n_eff", actual.effectiveSampleSize, effective, Self.estimateTolerance, label)
    } else {
      #expect(actual.effectiveSampleSize == .infinity, "\(label) n_eff is missing in SAS: infinite here")
    }
    check("n*", actual.adjustedEffectiveSampleSize, expected.adjustedEffectiveSampleSize, Self.estimateTolerance, label)
    check("lower", actual.lowerBound, expected.lower, Self.boundTolerance, label)
    check("upper", actual.upperBound, expected.upper, Self.boundTolerance, label)
    #expect(abs(actual.width - expected.width) < 1e-9, "\(label) width")
    #expect(actual.widthInPoints == expected.widthPoints, "\(label) width in points")
    #expect(actual.relativeWidthPercent == expected.relativeWidthPercent, "\(label) relative width")
    #expect(actual.complementRelativeWidthPercent == expected.complementRelativeWidthPercent, "\(label) complement width")
    #expect(actual.outcome.rawValue == expected.outcome, "\(label) outcome")
    #expect(actual.reasons.map(\.rawValue) == expected.reasons, "\(label) reasons")
    #expect(actual.complementMayBeUnreliable == expected.complementMayBeUnreliable, "\(label) complement footnote")
  }

  private func check(_ quantity: String, _ actual: Double, _ expected: Double, _ tolerance: Double, _ label: String) {
    let difference = relativeDifference(actual, expected)
    DifferenceLog.shared.record("reliability " + quantity, difference)
    #expect(difference <= tolerance, "\(label): \(quantity) \(actual) vs R \(expected)")
  }
}
