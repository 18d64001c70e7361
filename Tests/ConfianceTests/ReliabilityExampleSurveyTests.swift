import Confiance
import Foundation
import Testing

/// R survey estimates on the example survey, read with its codebook, and the NCHS assessment of
/// each, against `survey_cases` of `Tests/SurveyStatisticsTests/Fixtures/reliability/reference.json`
/// (`make-reliability.R`). The assessment's own cases are tested next to SurveyStatistics
/// (`ReliabilityAssessmentTests`); this one stays here because it reads the survey and its YAML
/// codebook with SurveyIO.
@Suite struct ReliabilityExampleSurveyTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let reference: Reference = {
    let file = repository.appendingPathComponent("Tests/SurveyStatisticsTests/Fixtures/reliability/reference.json")
    return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: file))
  }()

  /// Estimates and standard errors: 1e-9 relative; interval bounds 1e-7 relative (and widths 1e-9
  /// absolute); rounded widths, outcomes and reasons exactly.
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7

  @Test func exampleSurveyEstimatesMatchR() throws {
    let file = Self.repository.appendingPathComponent(Self.reference.survey).path
    let codebook = try Codebook(contentsOfFile: file.replacingOccurrences(of: ".csv", with: ".codebook.yaml"))
    var survey = try Survey(csvFile: file).applying(codebook)
    // The R script leaves 9 and dk out of the base (its `missing_codes`), whatever the codebook
    // declares ("don't know" is an answer there): the same codes, stated here.
    let variables = Set(Self.reference.surveyCases.map(\.variable))
    survey = try survey.markingMissing(codesByVariable: Dictionary(uniqueKeysWithValues: variables.map { ($0, ["9", "dk"]) }))
    let design = try SurveyDesign(survey, weights: "base_weight", strata: "region", clusters: "point")
    var count = 0
    for surveyCase in Self.reference.surveyCases {
      let estimates = try design.proportions(of: surveyCase.variable, by: surveyCase.by)
      for expected in surveyCase.estimates {
        let estimate = try #require(estimates.first { estimate in
          estimate.category == surveyCase.category
            && Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) }) == expected.domain
        })
        let label = "\(surveyCase.variable) = \(surveyCase.category) in \(estimate.domain)"
        check("proportion", estimate.proportion, expected.expected.proportion, Self.estimateTolerance, label)
        check("standard error", estimate.standardError, expected.standardError, Self.estimateTolerance, label)
        #expect(estimate.domainRespondents == expected.sampleSize, "\(label) n")
        #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(label) df")
        compare(estimate.reliability, with: expected.expected, label: label)
        count += 1
      }
    }
    #expect(count == 48)
    if ProcessInfo.processInfo.environment["CONFIANCE_REPORT_DIFFERENCES"] != nil {
      print("Largest relative differences to R so far:\n" + DifferenceLog.shared.summary)
    }
  }

  private func compare(_ actual: ReliabilityAssessment, with expected: Reference.Expected, label: String) {
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

  /// The part of `reference.json` this test reads (the whole shape is `ReliabilityReference` in
  /// SurveyStatisticsTests).
  struct Reference: Decodable {
    let survey: String
    let surveyCases: [SurveyCase]

    enum CodingKeys: String, CodingKey { case survey, surveyCases = "survey_cases" }

    /// Estimates of one category of a variable in the domains of `by`.
    struct SurveyCase: Decodable {
      let variable: String
      let category: String
      let by: [String]
      let estimates: [Estimate]
    }

    struct Estimate: Decodable {
      let domain: [String: String]
      let standardError: Double
      let sampleSize: Int
      let degreesOfFreedom: Int
      let expected: Expected

      enum CodingKeys: String, CodingKey {
        case domain, standardError = "standard_error", sampleSize = "sample_size"
        case degreesOfFreedom = "degrees_of_freedom", expected
      }
    }

    /// What the NCHS macro's rules give (transcribed in R).
    struct Expected: Decodable {
      let proportion: Double
      /// `nil` where SAS has a missing value (SE = 0).
      let effectiveSampleSize: Double?
      let adjustedEffectiveSampleSize: Double
      let lower: Double
      let upper: Double
      let width: Double
      let widthPoints: Double
      let relativeWidthPercent: Double?
      let complementRelativeWidthPercent: Double?
      let outcome: String
      let reasons: [String]
      let complementMayBeUnreliable: Bool

      enum CodingKeys: String, CodingKey {
        case proportion, effectiveSampleSize = "effective_sample_size"
        case adjustedEffectiveSampleSize = "adjusted_effective_sample_size", lower, upper, width
        case widthPoints = "width_points", relativeWidthPercent = "relative_width_percent"
        case complementRelativeWidthPercent = "complement_relative_width_percent", outcome, reasons
        case complementMayBeUnreliable = "complement_may_be_unreliable"
      }
    }
  }
}
