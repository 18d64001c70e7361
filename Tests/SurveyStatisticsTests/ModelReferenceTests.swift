import Foundation
import SurveyStatistics
import Testing

/// Compares ``SurveyDesign/regression(_:family:in:level:)`` with R survey 4.1's `svyglm`,
/// `summary.svyglm`, `vcov`, `confint(fit, ddf = fit$df.residual)` and `regTermTest`, on the cases of
/// `Fixtures/models/models.json` (written by `make-models.R`).
///
/// Tolerances (issue 13): coefficients, standard errors, the covariance, the dispersion and the
/// interval bounds 1e-7 relative; t statistics 1e-7; p values and F tests 1e-6 relative. Each case
/// prints its largest relative errors.
@Suite struct ModelReferenceTests {
  static let coefficientTolerance = 1e-7
  static let testTolerance = 1e-6

  static var caseNames: [String] { ModelFixtures.shared.cases.compactMap { $0["name"] as? String } }

  @Test func fixtureHasEveryCase() {
    #expect(Self.caseNames.count == 20)
  }

  @Test(arguments: caseNames)
  func coefficientsMatchR(name: String) throws {
    let entry = try #require(ModelFixtures.shared.case(name))
    let design = try ModelFixtures.shared.design(of: entry)
    let fit = try design.regression(
      Formula(entry["formula"] as? String ?? ""), family: ModelFixtures.family(of: entry),
      in: ModelFixtures.domain(of: entry))

    #expect(fit.respondents == Int(entry.number("respondents")))
    #expect(fit.degreesOfFreedom == Int(entry.number("degreesOfFreedom")))
    #expect(fit.iterations == Int(entry.number("iterations")))
    let reference = entry.objects("coefficients")
    #expect(fit.coefficients.map(\.term) == reference.map { $0["term"] as? String ?? "" })
    var worst = (estimate: 0.0, standardError: 0.0, interval: 0.0, statistic: 0.0, pValue: 0.0)
    for (ours, theirs) in zip(fit.coefficients, reference) {
      worst.estimate = max(worst.estimate, relativeError(ours.estimate, theirs.number("estimate")))
      worst.standardError = max(worst.standardError, relativeError(ours.standardError, theirs.number("standardError")))
      worst.statistic = max(worst.statistic, relativeError(ours.statistic, theirs.number("statistic")))
      worst.pValue = max(worst.pValue, relativeError(ours.pValue, theirs.number("pValue"), floor: 1e-300))
      worst.interval = max(
        worst.interval, relativeError(ours.confidenceInterval.lower, theirs.number("ciLower")),
        relativeError(ours.confidenceInterval.upper, theirs.number("ciUpper")))
      #expect(ours.degreesOfFreedom == fit.degreesOfFreedom)
    }
    #expect(worst.estimate < Self.coefficientTolerance)
    #expect(worst.standardError < Self.coefficientTolerance)
    #expect(worst.interval < Self.coefficientTolerance)
    #expect(worst.statistic < Self.coefficientTolerance)
    #expect(worst.pValue < Self.testTolerance)

    let covariance = (entry["covariance"] as? [[Any]] ?? []).map { $0.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
    let scale = covariance.flatMap { $0 }.map(abs).max() ?? 1
    var worstCovariance = 0.0
    for (ours, theirs) in zip(fit.covariance.flatMap { $0 }, covariance.flatMap { $0 }) {
      worstCovariance = max(worstCovariance, abs(ours - theirs) / scale)
    }
    #expect(fit.covariance.count == covariance.count)
    #expect(worstCovariance < Self.coefficientTolerance)
    let dispersionError = relativeError(fit.dispersion, entry.number("dispersion"))
    #expect(dispersionError < Self.coefficientTolerance)

    let tests = entry.objects("tests")
    #expect(fit.termTests.map(\.term) == tests.map { $0["term"] as? String ?? "" })
    var worstTest = 0.0
    for (ours, theirs) in zip(fit.termTests, tests) {
      #expect(ours.numeratorDegreesOfFreedom == Int(theirs.number("numeratorDF")))
      #expect(ours.denominatorDegreesOfFreedom == Int(theirs.number("denominatorDF")))
      worstTest = max(
        worstTest, relativeError(ours.statistic, theirs.number("statistic")),
        relativeError(ours.pValue, theirs.number("pValue"), floor: 1e-300))
    }
    if let joint = entry["joint"] as? [String: Any] {
      let ours = try fit.waldTest(terms: joint["terms"] as? [String] ?? [])
      #expect(ours.numeratorDegreesOfFreedom == Int(joint.number("numeratorDF")))
      worstTest = max(
        worstTest, relativeError(ours.statistic, joint.number("statistic")),
        relativeError(ours.pValue, joint.number("pValue"), floor: 1e-300))
    }
    #expect(worstTest < Self.testTolerance)
    print(
      "\(name): estimate \(worst.estimate), SE \(worst.standardError), covariance \(worstCovariance), "
        + "interval \(worst.interval), t \(worst.statistic), p \(worst.pValue), dispersion \(dispersionError), tests \(worstTest)")
  }

  /// R's published example (`?svyglm`, survey 4.1): 811.4907 (30.8795), −2.0592 (1.4075),
  /// −1.7772 (1.1053), 0.3253 (0.5305), to the printed digits.
  @Test func publishedExampleMatchesPrintedDigits() throws {
    let entry = try #require(ModelFixtures.shared.case("api-published"))
    let fit = try ModelFixtures.shared.design(of: entry).regression(Formula("api00 ~ ell + meals + mobility"))
    let printed: [(Double, Double)] = [(811.4907, 30.8795), (-2.0592, 1.4075), (-1.7772, 1.1053), (0.3253, 0.5305)]
    for (coefficient, (estimate, standardError)) in zip(fit.coefficients, printed) {
      #expect(abs(coefficient.estimate - estimate) <= 5e-5)
      #expect(abs(coefficient.standardError - standardError) <= 5e-5)
    }
  }

  /// The coefficients conform to `SurveyEstimate`, with R's accessor names.
  @Test func coefficientsAreSurveyEstimates() throws {
    let entry = try #require(ModelFixtures.shared.case("api-published"))
    let fit = try ModelFixtures.shared.design(of: entry).regression(Formula("api00 ~ ell + meals + mobility"))
    let estimates: [any SurveyEstimate] = fit.coefficients
    #expect(estimates.count == 4)
    let first = try #require(fit.coefficient("(Intercept)"))
    #expect(first.coef == first.estimate && first.SE == first.standardError && first.degf == 36)
    #expect(first.confint.lower < first.estimate && first.estimate < first.confint.upper)
  }
}
