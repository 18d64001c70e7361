import Foundation

/// The shape of `Fixtures/reliability/reference.json`, written by `make-reliability.R`.
struct ReliabilityReference: Decodable {
  let generatedBy: String
  let survey: String
  let cases: [Case]
  let surveyCases: [SurveyCase]

  enum CodingKeys: String, CodingKey { case generatedBy = "generated_by", survey, cases, surveyCases = "survey_cases" }

  /// A case given by its inputs (p̂, SE, n, df).
  struct Case: Decodable {
    let name: String
    let description: String
    let inputs: Inputs
    let expected: Expected
    let published: Published?
  }

  struct Inputs: Decodable {
    let proportion: Double
    let standardError: Double
    let sampleSize: Int
    let degreesOfFreedom: Int
    let degreesOfFreedomAdjustment: Bool

    enum CodingKeys: String, CodingKey {
      case proportion, standardError = "standard_error", sampleSize = "sample_size"
      case degreesOfFreedom = "degrees_of_freedom", degreesOfFreedomAdjustment = "degrees_of_freedom_adjustment"
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

  /// Values printed in Ward (2019), at their published precision.
  struct Published: Decodable {
    let adjustedEffectiveSampleSize: Double
    let lower: Double
    let upper: Double
    let width: Double?
    let relativeWidthPercent: Double?
    let outcome: String?

    enum CodingKeys: String, CodingKey {
      case adjustedEffectiveSampleSize = "adjusted_effective_sample_size", lower, upper, width
      case relativeWidthPercent = "relative_width_percent", outcome
    }
  }

  /// Estimates of one category of a variable in the domains of `by`, from the example survey.
  struct SurveyCase: Decodable {
    let variable: String
    let category: String
    let by: [String]
    let estimates: [SurveyEstimate]
  }

  struct SurveyEstimate: Decodable {
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
}
