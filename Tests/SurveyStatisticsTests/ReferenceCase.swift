import Foundation

/// The shape of `Fixtures/proportions/reference.json`, written by `make-proportions.R` with
/// R survey 4.1.
struct ProportionReference: Decodable {
  let generatedBy: String
  let cases: [Case]

  enum CodingKeys: String, CodingKey { case generatedBy = "generated_by", cases }

  struct Case: Decodable {
    let name: String
    let data: String
    let design: Design
    let variable: String
    let by: [String]
    let missingCodes: [String: [String]]
    let summary: Summary
    let expectError: String?
    let estimates: [Estimate]

    enum CodingKeys: String, CodingKey {
      case name, data, design, variable, by, missingCodes = "missing_codes", summary, expectError = "expect_error"
      case estimates
    }
  }

  struct Design: Decodable {
    let weight: String?
    let strata: String?
    let psu: String?
    let fpc: String?
    let lonelyPSU: String

    enum CodingKeys: String, CodingKey { case weight, strata, psu, fpc, lonelyPSU = "lonely_psu" }
  }

  struct Summary: Decodable {
    let respondents: Int
    let strata: Int
    let psus: Int
    let degreesOfFreedom: Int
    let weightTotal: Double

    enum CodingKeys: String, CodingKey {
      case respondents, strata, psus, degreesOfFreedom = "degrees_of_freedom", weightTotal = "weight_total"
    }
  }

  struct Estimate: Decodable {
    let category: String
    let domain: [String: String]
    let proportion: Double
    let standardError: Double
    let designEffect: Double?
    let degreesOfFreedom: Int
    let respondents: Int
    let domainRespondents: Int
    let designRows: Int
    let kishEffectiveSampleSize: Double
    /// level → method → [lower, upper] (nil where R failed).
    let intervals: [String: [String: [Double?]?]]
    let likelihoodProfileRoot: [String: [Double?]?]?

    enum CodingKeys: String, CodingKey {
      case category, domain, proportion, standardError = "standard_error", designEffect = "design_effect"
      case degreesOfFreedom = "degrees_of_freedom", respondents, domainRespondents = "domain_respondents"
      case designRows = "design_rows", kishEffectiveSampleSize = "kish_effective_sample_size", intervals
      case likelihoodProfileRoot = "likelihood_profile_root"
    }
  }
}
