import Foundation
import SurveyStatistics
import Testing

/// File → group sums → estimates equals the file's own estimates: every field of every estimate,
/// for every interval method, on the R golden fixtures of `Fixtures/proportions` and on the
/// surveys shipped in `surveys/`. Numbers agree to 1e-12 relative (the sums are added in another
/// order); counts, domains and categories exactly.
@Suite struct GroupSumsTests {
  static let tolerance = 1e-12

  static var referenceCases: [String] {
    ProportionReferenceTests.reference.cases.filter { $0.expectError == nil }.map(\.name)
  }

  @Test(arguments: referenceCases)
  func groupSumsGiveTheFileEstimatesOnTheRFixtures(caseName: String) throws {
    let testCase = ProportionReferenceTests.reference.cases.first { $0.name == caseName }!
    let design = try ProportionReferenceTests().makeDesign(for: testCase)
    try compareEveryMethod(design: design, variable: testCase.variable, by: testCase.by)
  }

  /// The shipped surveys: a stratified cluster design with domains of one and two variables.
  @Test(arguments: [
    ("privacy-france-2025.csv", "base_weight", "concern_protection", ["age_band"]),
    ("privacy-france-2025.csv", "base_weight", "share_health", ["region", "sex"]),
    ("example-privacy.csv", "weight", "concern_data_use", ["age_band"]),
    ("example-privacy.csv", "weight", "gdpr_aware", []),
  ])
  func groupSumsGiveTheFileEstimatesOnTheShippedSurveys(
    file: String, weight: String, variable: String, by: [String]
  ) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../surveys/" + file).standardized.path
    let survey = try Survey(fixtureCSV: path, numericColumns: [weight])
    for policy in [LonelyPSUPolicy.fail, .adjust] {
      let design = try SurveyDesign(survey, weights: weight, strata: "region", clusters: "point", lonelyPSU: policy)
      try compareEveryMethod(design: design, variable: variable, by: by)
    }
  }

  /// A lonely PSU under `fail` is an error from the group sums as from the file.
  @Test func lonelyPSUFailsFromGroupSums() throws {
    let survey = try Survey(variables: [
      Variable(name: "y", categories: ["a", "b", "a", "b", "a"]),
      Variable(name: "stratum", categories: ["s1", "s1", "s1", "s2", "s2"]),
      Variable(name: "psu", categories: ["1", "2", "3", "4", "4"]),
    ])
    let design = try SurveyDesign(survey, strata: "stratum", clusters: "psu", lonelyPSU: .remove)
    var sums = try design.groupSums(of: "y")
    sums.declaration.lonelyPSU = .fail
    #expect(throws: GroupSumsError.lonelyPSU(stratum: "s2", strataVariable: "stratum")) {
      try sums.proportions()
    }
  }

  private func compareEveryMethod(design: SurveyDesign, variable: String, by: [String]) throws {
    let sums = try design.groupSums(of: variable, by: by)
    for method in IntervalMethod.allCases {
      for level in [0.95, 0.9] {
        let fromFile = try design.proportions(of: variable, by: by, method: method, level: level)
        let fromSums = try sums.proportions(method: method, level: level)
        try compare(fromSums, fromFile, "\(variable) by \(by) \(method) \(level)")
      }
    }
  }

  private func compare(_ actual: ProportionEstimates, _ expected: ProportionEstimates, _ label: String) throws {
    #expect(actual.count == expected.count, "\(label): number of estimates")
    #expect(actual.design.respondents == expected.design.respondents)
    #expect(actual.design.strata == expected.design.strata)
    #expect(actual.design.psus == expected.design.psus)
    #expect(actual.design.degreesOfFreedom == expected.design.degreesOfFreedom)
    #expect(actual.design.declaration == expected.design.declaration)
    close(actual.design.weightTotal, expected.design.weightTotal, "\(label) weight total")
    for (a, e) in zip(actual, expected) {
      let name = "\(label) \(e.domain) \(e.category)"
      #expect(a.variable == e.variable && a.category == e.category && a.domain == e.domain, "\(name)")
      #expect(a.respondents == e.respondents, "\(name) respondents")
      #expect(a.domainRespondents == e.domainRespondents, "\(name) domain respondents")
      #expect(a.designRows == e.designRows, "\(name) design rows")
      #expect(a.degreesOfFreedom == e.degreesOfFreedom, "\(name) df")
      close(a.proportion, e.proportion, "\(name) proportion")
      close(a.standardError, e.standardError, "\(name) standard error")
      close(a.designEffect ?? .nan, e.designEffect ?? .nan, "\(name) design effect")
      close(a.effectiveSampleSize, e.effectiveSampleSize, "\(name) effective sample size")
      close(a.weightTotal, e.weightTotal, "\(name) weight total")
      // A Wald bound near 0 is a difference of close numbers: its error is relative to p̂.
      close(a.confidenceInterval.lower, e.confidenceInterval.lower, "\(name) lower bound", scale: e.proportion)
      close(a.confidenceInterval.upper, e.confidenceInterval.upper, "\(name) upper bound", scale: e.proportion)
      #expect(a.confidenceInterval.method == e.confidenceInterval.method)
    }
  }

  private func close(_ actual: Double, _ expected: Double, _ label: String, scale: Double = 0) {
    if actual.isNaN && expected.isNaN { return }
    let difference = abs(actual - expected) / max(abs(expected), abs(scale))
    #expect(actual == expected || difference <= Self.tolerance, "\(label): \(actual) vs \(expected)")
  }
}
