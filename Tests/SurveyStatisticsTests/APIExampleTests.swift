import Foundation
import SurveyStatistics
import Testing

/// R survey's own `api` examples (California Academic Performance Index), through the library:
/// values from `Fixtures/proportions/api-examples.json`, computed with R survey 4.1 on the CSVs.
@Suite struct APIExampleTests {
  struct Example: Decodable {
    let name: String
    let estimate: Double?
    let standardError: Double?
    let degreesOfFreedom: Int
    let proportion: Double?
    let designEffect: Double?
    let intervals: [String: [String: [Double]]]?
    let likelihoodProfileRoot: [String: [Double]]?

    enum CodingKeys: String, CodingKey {
      case name, estimate, standardError = "standard_error", degreesOfFreedom = "degrees_of_freedom", proportion
      case designEffect = "design_effect", intervals, likelihoodProfileRoot = "likelihood_profile_root"
    }
  }

  static let examples: [Example] = {
    struct File: Decodable { let examples: [Example] }
    let data = try! Data(contentsOf: fixtureURL("proportions/api-examples.json"))
    return try! JSONDecoder().decode(File.self, from: data).examples
  }()

  func example(_ name: String) -> Example { Self.examples.first { $0.name == name }! }

  @Test func stratifiedMeanOfApi00() throws {
    // svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc); svymean(~api00): 662.29 (9.4089)
    let survey = try Survey(fixtureCSV: fixtureURL("proportions/apistrat.csv").path)
    let design = try SurveyDesign(survey, weights: "pw", strata: "stype", fpc: "fpc")
    let mean = try #require(try design.means(of: "api00").first)
    let expected = example("apistrat-mean-api00")
    #expect(relativeDifference(mean.mean, expected.estimate!) < 1e-9)
    #expect(relativeDifference(mean.standardError, expected.standardError!) < 1e-9)
    #expect(mean.degreesOfFreedom == expected.degreesOfFreedom)
    #expect(abs(mean.mean - 662.29) < 0.005 && abs(mean.standardError - 9.4089) < 0.00005)  // as published
  }

  @Test func clusterMeanOfApi00() throws {
    // svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc); svymean(~api00): 644.17 (23.542)
    let survey = try Survey(fixtureCSV: fixtureURL("proportions/apiclus1.csv").path)
    let design = try SurveyDesign(survey, weights: "pw", clusters: "dnum", fpc: "fpc")
    let mean = try #require(try design.means(of: "api00").first)
    let expected = example("apiclus1-mean-api00")
    #expect(relativeDifference(mean.mean, expected.estimate!) < 1e-9)
    #expect(relativeDifference(mean.standardError, expected.standardError!) < 1e-9)
    #expect(mean.degreesOfFreedom == 14)
  }

  @Test(arguments: IntervalMethod.allCases)
  func proportionOfSchoolsWithoutEnglishLearners(method: IntervalMethod) throws {
    // svydesign(id = ~dnum, fpc = ~fpc) — weights from the FPC; svyciprop(~I(ell == 0), method = …)
    var survey = try Survey(fixtureCSV: fixtureURL("proportions/apiclus1.csv").path)
    let ell = try survey.variable(named: "ell").categorical
    survey.setVariable(Variable(name: "ell_zero", categories: ell.codes.map { Double(ell.levels[Int($0)]) == 0 ? "TRUE" : "FALSE" }))
    let design = try SurveyDesign(survey, clusters: "dnum", fpc: "fpc")
    let expected = example("apiclus1-ciprop-ell0")
    for level in ["0.95", "0.9"] {
      let estimate = try #require(
        try design.proportions(of: "ell_zero", method: method, level: Double(level)!).first { $0.category == "TRUE" })
      #expect(relativeDifference(estimate.proportion, expected.proportion!) < 1e-9)
      #expect(relativeDifference(estimate.standardError, expected.standardError!) < 1e-9)
      #expect(relativeDifference(estimate.designEffect!, expected.designEffect!) < 1e-9)
      // R's likelihood bounds come from a spline through a grid (here 3e-3 from the exact root);
      // ours are the exact profile roots, which the R script also computes by root finding.
      let bounds = try #require(
        method == .likelihood ? expected.likelihoodProfileRoot?[level] : expected.intervals?[level]?[method.rawValue])
      let tolerance = method == .likelihood ? 1e-6 : 1e-7
      #expect(relativeDifference(estimate.confidenceInterval.lower, bounds[0]) < tolerance, "\(method) \(level) lower")
      #expect(relativeDifference(estimate.confidenceInterval.upper, bounds[1]) < tolerance, "\(method) \(level) upper")
    }
  }
}
