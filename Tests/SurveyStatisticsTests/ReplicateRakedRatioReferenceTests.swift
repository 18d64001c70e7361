import Foundation
import SurveyStatistics
import Testing

/// Ratios on a raked replicate-weight design against R survey 4.1
/// (`Fixtures/replicate-raking/raked-ratios.json`, written by `make-raked-ratios.R`): `rake()` of
/// each `svrepdesign()` case of the replicate-raking fixture, then `svyratio(~api00, ~api99)` for
/// the whole sample and in each school type (the domain's rows, its own `degf()`); the design
/// effect is R 4.5's, that of the total of y − R̂x. Estimates, standard errors and design effects
/// to 1e-9 relative, interval bounds to 1e-7, degrees of freedom and respondents exactly.
@Suite struct ReplicateRakedRatioReferenceTests {
  struct Reference: Decodable {
    struct Estimate: Decodable {
      let domain: String?
      let estimate: Double
      let standard_error: Double
      let ci_lower: Double
      let ci_upper: Double
      let degrees_of_freedom: Int
      let respondents: Int
      let design_effect: Double
    }
    struct Case: Decodable {
      let name: String
      let whole: Estimate
      let by: String
      let domains: [Estimate]
    }
    let generated_by: String
    let cases: [Case]
  }

  static let reference: Reference = {
    do {
      let data = try Data(contentsOf: fixtureURL("replicate-raking/raked-ratios.json"))
      return try JSONDecoder().decode(Reference.self, from: data)
    } catch {
      fatalError("Fixtures/replicate-raking/raked-ratios.json is missing or malformed: \(error)")
    }
  }()

  @Test func fixtureIsRSurvey41sOnTheSuppliedCases() {
    #expect(Self.reference.generated_by.contains("survey 4.1"))
    #expect(Self.reference.cases.map(\.name) == ["sup-jk1", "sup-brr", "sup-fay", "sup-boot"])
  }

  @Test(arguments: reference.cases.map(\.name))
  func rakedReplicateRatiosMatchR(_ name: String) throws {
    let expected = try #require(Self.reference.cases.first { $0.name == name })
    let testCase = try #require(ReplicateRakingReferenceTests.reference.cases.first { $0.name == name })
    let raked = try ReplicateRakingReferenceTests.raked(testCase)
    let whole = try raked.ratios(numerator: "api00", denominator: "api99")
    #expect(whole.count == 1)
    var largest = Self.compare(whole[0], expected.whole, "\(name) whole sample")
    let domains = try raked.ratios(numerator: "api00", denominator: "api99", by: [expected.by])
    #expect(domains.count == expected.domains.count, "\(name): domains")
    for (ours, theirs) in zip(domains, expected.domains) {
      #expect(ours.domain.levels.first?.value == theirs.domain)
      largest = max(largest, Self.compare(ours, theirs, "\(name) \(theirs.domain ?? "")"))
    }
    print("\(name): raked replicate ratios, largest relative difference to R \(largest)")
  }

  /// Checks one estimate against R's; returns the largest relative difference of the estimate,
  /// standard error and design effect.
  static func compare(_ ours: RatioEstimate, _ expected: Reference.Estimate, _ label: String) -> Double {
    let differences = [
      relativeDifference(ours.estimate, expected.estimate), relativeDifference(ours.standardError, expected.standard_error),
      relativeDifference(ours.designEffect ?? .nan, expected.design_effect),
    ]
    #expect(differences[0] <= 1e-9, "\(label): ratio \(ours.estimate) vs R \(expected.estimate)")
    #expect(differences[1] <= 1e-9, "\(label): SE \(ours.standardError) vs R \(expected.standard_error)")
    #expect(differences[2] <= 1e-9, "\(label): design effect \(String(describing: ours.designEffect)) vs R \(expected.design_effect)")
    #expect(relativeDifference(ours.confidenceInterval.lower, expected.ci_lower) <= 1e-7, "\(label): lower bound")
    #expect(relativeDifference(ours.confidenceInterval.upper, expected.ci_upper) <= 1e-7, "\(label): upper bound")
    #expect(ours.degreesOfFreedom == expected.degrees_of_freedom, "\(label): degrees of freedom")
    #expect(ours.respondents == expected.respondents, "\(label): respondents")
    return differences.max()!
  }
}
