import Foundation
import SurveyStatistics
import Testing

/// statistics.md's privacy-paradox gap analogue on R survey's `apiclus1` (15 school districts,
/// `svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc)`): concerned = `sch.wide == "Yes"`, acting =
/// `comp.imp == "Yes"`. Values from `Fixtures/proportions/api-examples.json` (R survey 4.1 on the
/// CSV), and the rounded published ones: gap 0.14754098, SE 0.01711, 95 % t interval on 14 df
/// 0.1108473097–0.1842346575; 0.0365 if the covariance were ignored.
@Suite struct ParadoxGapOracleTests {
  struct Joint: Decodable {
    struct Gap: Decodable {
      let estimate: Double
      let standardError: Double
      let standardErrorIgnoringCovariance: Double
      let interval: [Double]
      enum CodingKeys: String, CodingKey {
        case estimate, standardError = "standard_error"
        case standardErrorIgnoringCovariance = "standard_error_ignoring_covariance", interval = "interval_0.95_t"
      }
    }
    let name: String
    let proportions: [Double]?
    let standardErrors: [Double]?
    let degreesOfFreedom: Int
    let gap: Gap?
    enum CodingKeys: String, CodingKey {
      case name, proportions, standardErrors = "standard_errors", degreesOfFreedom = "degrees_of_freedom", gap
    }
  }

  static let joint: Joint = {
    struct File: Decodable { let examples: [Joint] }
    let data = try! Data(contentsOf: fixtureURL("proportions/api-examples.json"))
    return try! JSONDecoder().decode(File.self, from: data).examples.first { $0.name == "apiclus1-joint-schwide-compimp" }!
  }()

  @Test func gapOfSchoolWideAndComparableImprovementTargets() throws {
    let survey = try Survey(fixtureCSV: fixtureURL("proportions/apiclus1.csv").path)
    let design = try SurveyDesign(survey, weights: "pw", clusters: "dnum", fpc: "fpc")
    let analysis = try design.paradox(ParadoxDefinition(
      concern: Indicator(variable: "sch.wide", values: ["Yes"]),
      actions: [Indicator(variable: "comp.imp", values: ["Yes"])]))
    let expected = try #require(Self.joint.gap)
    let gap = analysis.overall.gap.interval
    #expect(relativeDifference(gap.estimate, expected.estimate) < 1e-9)
    #expect(relativeDifference(gap.standardError, expected.standardError) < 1e-9)
    #expect(gap.degreesOfFreedom == Self.joint.degreesOfFreedom)
    #expect(relativeDifference(gap.confidenceInterval.lower, expected.interval[0]) < 1e-7)
    #expect(relativeDifference(gap.confidenceInterval.upper, expected.interval[1]) < 1e-7)
    #expect(relativeDifference(analysis.overall.concerned.estimate, Self.joint.proportions![0]) < 1e-9)
    #expect(relativeDifference(analysis.overall.acting.standardError, Self.joint.standardErrors![1]) < 1e-9)
    // As published (rounded), and far from the SE that ignores the covariance.
    #expect(abs(gap.estimate - 0.14754098) < 5e-9)
    #expect(abs(gap.standardError - 0.01711) < 5e-6)
    #expect(abs(gap.confidenceInterval.lower - 0.1108473097) < 5e-11)
    #expect(abs(gap.confidenceInterval.upper - 0.1842346575) < 5e-11)
    #expect(expected.standardErrorIgnoringCovariance > 2 * gap.standardError)
    // No school lacks the school-wide target while meeting the comparable-improvement one: the
    // odds ratio is infinite, as in R (coef = Inf, SE NaN).
    #expect(analysis.overall.mcnemarCounts.actingNotConcerned == 0)
    #expect(analysis.overall.oddsRatio.estimate == .infinity)
    #expect(analysis.overall.oddsRatio.standardError.isNaN)
  }
}
