import Foundation
import SurveyStatistics
import Testing

/// The design effect against simple random sampling with replacement (R's `deff = "replace"`) on
/// normalized weights, against R survey 4.1 (`Fixtures/design-effect/make-design-effect.R`).
@Suite struct DesignEffectReferenceTests {
  struct Reference: Decodable {
    struct Estimate: Decodable {
      var domain: String
      var category: String
      var proportion: Double
      var standardError: Double
      var designEffectWithReplacement: Double
      enum CodingKeys: String, CodingKey {
        case domain, category, proportion
        case standardError = "standard_error"
        case designEffectWithReplacement = "design_effect_with_replacement"
      }
    }
    var weightTotal: Double
    var respondents: Int
    var estimates: [Estimate]
    enum CodingKeys: String, CodingKey {
      case estimates, respondents
      case weightTotal = "weight_total"
    }
  }

  static let reference: Reference = {
    let data = try! Data(contentsOf: fixtureURL("design-effect/reference.json"))
    return try! JSONDecoder().decode(Reference.self, from: data)
  }()

  /// Estimates, standard errors and design effects: 1e-9 relative.
  static let tolerance = 1e-9

  func design() throws -> SurveyDesign {
    let survey = try Survey(fixtureCSV: fixtureURL("design-effect/normalized.csv").path, numericColumns: ["w1"])
    return try SurveyDesign(survey, weights: "w1", strata: "country", clusters: "psu")
  }

  @Test func matchesROverallAndByCountry() throws {
    let design = try design()
    let overall = try design.proportions(of: "qb10")
    let byCountry = try design.proportions(of: "qb10", by: ["country"])
    var compared = 0
    for expected in Self.reference.estimates {
      let estimates = expected.domain.isEmpty ? Array(overall) : Array(byCountry).filter {
        $0.domain.levels.first?.value == expected.domain
      }
      let estimate = try #require(estimates.first { $0.category == expected.category })
      #expect(relativeDifference(estimate.proportion, expected.proportion) < Self.tolerance)
      #expect(relativeDifference(estimate.standardError, expected.standardError) < Self.tolerance)
      let deff = try #require(estimate.designEffectWithReplacement)
      #expect(
        relativeDifference(deff, expected.designEffectWithReplacement) < Self.tolerance,
        "\(expected.domain) \(expected.category): \(deff) vs R \(expected.designEffectWithReplacement)")
      compared += 1
    }
    #expect(compared == 20)  // 5 answers × (whole sample + 3 countries)
  }

  /// Weights summing to n, no FPC: the summary says the weights are normalized; the same
  /// weights scaled to a population (×1000) are not.
  @Test func normalizedWeightsAreRecognised() throws {
    let design = try design()
    let estimates = try design.proportions(of: "qb10")
    #expect(estimates.design.weightsAreNormalized)
    var expanded = estimates.design
    expanded.weightTotal *= 1000
    #expect(!expanded.weightsAreNormalized)
    expanded.weightTotal = Double(expanded.respondents) * 1.049
    #expect(expanded.weightsAreNormalized)
    expanded.weightTotal = Double(expanded.respondents) * 1.051
    #expect(!expanded.weightsAreNormalized)
    // Against SRS without replacement the reference variance vanishes (Σw = n): R's deff = TRUE
    // divides by (about) zero, and Confiance gives no value or a huge one.
    #expect(estimates.first.map { $0.designEffect.map { $0 > 1e3 } ?? true } == true)
  }
}
