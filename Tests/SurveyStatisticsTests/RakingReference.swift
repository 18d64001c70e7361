import Foundation

/// The shape of `Fixtures/raking/reference.json`, written by `make-raking.R` with R survey 4.1.
struct RakingReference: Decodable {
  let generatedBy: String
  let cases: [Case]

  enum CodingKeys: String, CodingKey { case generatedBy = "generated_by", cases }

  struct Case: Decodable {
    let name: String
    let kind: String
    let data: String
    let design: Design
    let targets: String?
    let population: Double?
    let epsilon: Double?
    let tolerance: String?
    let maxIterations: Int?
    let converged: Bool?
    let iterations: Int?
    let weights: [Double]
    let weightsBefore: Diagnostics?
    let weightsAfter: Diagnostics
    let margins: [MarginCell]?
    let degreesOfFreedom: Int
    let trim: Trim?
    let rounds: Int?
    let boundsHold: Bool?
    let calibrationCount: Int?
    let estimates: Estimates

    enum CodingKeys: String, CodingKey {
      case name, kind, data, design, targets, population, epsilon, tolerance
      case maxIterations = "max_iterations", converged, iterations, weights
      case weightsBefore = "weights_before", weightsAfter = "weights_after", margins
      case degreesOfFreedom = "degrees_of_freedom", trim, rounds, boundsHold = "bounds_hold"
      case calibrationCount = "calibration_count", estimates
    }
  }

  struct Design: Decodable {
    let weight: String?
    let strata: String?
    let psu: String?
    let fpc: String?
  }

  struct Diagnostics: Decodable {
    let total, min, max, mean, cv: Double
    let quantiles: [String: Double]
    let kishDesignEffect, effectiveSampleSize, weightingEfficiency: Double

    enum CodingKeys: String, CodingKey {
      case total, min, max, mean, cv, quantiles, kishDesignEffect = "kish_design_effect"
      case effectiveSampleSize = "effective_sample_size", weightingEfficiency = "weighting_efficiency"
    }
  }

  struct MarginCell: Decodable {
    let variable: String
    let category: String
    let target: Double
    let achieved: Double
    let before: Double
  }

  struct Trim: Decodable {
    let upper: String
    let lower: String?
    let strict: Bool
    let upperValue: Double
    let lowerValue: Double?

    enum CodingKeys: String, CodingKey {
      case upper, lower, strict, upperValue = "upper_value", lowerValue = "lower_value"
    }
  }

  struct Estimates: Decodable {
    let proportions: [Proportion]?
    let means: [Mean]?
    let totals: [Total]?
  }

  struct Proportion: Decodable {
    let variable: String
    let domain: [String: String]
    let category: String
    let proportion: Double
    let standardError: Double
    let designEffect: Double?
    let degreesOfFreedom: Int
    let designRows: Int
    let respondents: Int
    let domainRespondents: Int
    let intervals: [String: [Double?]]

    enum CodingKeys: String, CodingKey {
      case variable, domain, category, proportion, standardError = "standard_error"
      case designEffect = "design_effect", degreesOfFreedom = "degrees_of_freedom", designRows = "design_rows"
      case respondents, domainRespondents = "domain_respondents", intervals
    }
  }

  struct Mean: Decodable {
    let variable: String
    let domain: [String: String]
    let mean: Double
    let standardError: Double
    let degreesOfFreedom: Int

    enum CodingKeys: String, CodingKey {
      case variable, domain, mean, standardError = "standard_error", degreesOfFreedom = "degrees_of_freedom"
    }
  }

  struct Total: Decodable {
    let variable: String
    let total: Double
    let standardError: Double

    enum CodingKeys: String, CodingKey { case variable, total, standardError = "standard_error" }
  }
}
