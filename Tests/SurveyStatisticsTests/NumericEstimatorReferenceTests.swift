import SurveyStatistics
import Testing

/// Means, totals, ratios and quantiles against R survey 4.1 (`Fixtures/numeric/reference.json`,
/// written by `make-numeric.R`): six designs on `data(api)` — stratified with FPC, stratified
/// cluster with FPC, one-stage cluster with FPC, cluster with replacement, and two raked designs —
/// and eight lonely-PSU designs (remove, certainty, adjust, average), with missing values and one or
/// two domain variables.
///
/// Tolerances (house rules): estimates, standard errors and design effects 1e-9 relative; interval
/// bounds 1e-7 relative; degrees of freedom and respondents exact; where R gives NA or NaN, so must
/// Confiance. Each test prints the largest relative differences it saw.
@Suite struct NumericEstimatorReferenceTests {
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7
  static let fixture = NumericFixture.shared

  static func cases(_ statistic: String) -> [NumericFixture.Case] {
    fixture.cases.filter { $0.statistic == statistic }
  }

  @Test func fixtureHasTheExpectedCases() {
    #expect(Self.fixture.generatedBy.contains("survey 4.1"))
    #expect(Self.cases("mean").count == 36)
    #expect(Self.cases("total").count == 29)
    #expect(Self.cases("ratio").count == 21)
    #expect(Self.cases("quantile").count == 28)
  }

  @Test func meansMatchR() throws {
    var worst = Worst()
    for testCase in Self.cases("mean") {
      let design = try Self.fixture.design(testCase.design)
      let ours = try design.means(of: testCase.variable!, by: testCase.by, level: testCase.level)
      compare(ours.estimates, with: testCase, worst: &worst) { $0.designEffect }
    }
    print("means: \(worst)")
  }

  @Test func totalsMatchR() throws {
    var worst = Worst()
    for testCase in Self.cases("total") {
      let design = try Self.fixture.design(testCase.design)
      let ours = try design.totals(of: testCase.variable!, by: testCase.by, level: testCase.level)
      compare(ours.estimates, with: testCase, worst: &worst) { $0.designEffect }
    }
    print("totals: \(worst)")
  }

  @Test func ratiosMatchR() throws {
    var worst = Worst()
    for testCase in Self.cases("ratio") {
      let design = try Self.fixture.design(testCase.design)
      let ours = try design.ratios(
        numerator: testCase.numerator!, denominator: testCase.denominator!, by: testCase.by, level: testCase.level)
      for estimate in ours {
        #expect(estimate.numerator == testCase.numerator && estimate.denominator == testCase.denominator)
      }
      compare(ours.estimates, with: testCase, worst: &worst) { $0.designEffect }
    }
    print("ratios: \(worst)")
  }

  @Test func quantilesMatchR() throws {
    var worst = Worst()
    for testCase in Self.cases("quantile") {
      let design = try Self.fixture.design(testCase.design)
      let ours = try design.quantiles(
        of: testCase.variable!, probabilities: testCase.probabilities!, by: testCase.by, level: testCase.level)
      compare(ours.estimates, with: testCase, worst: &worst, probability: { $0.probability }) { _ in nil }
    }
    print("quantiles: \(worst)")
  }

  // MARK: - Comparison

  /// The largest relative differences seen, per quantity.
  struct Worst: CustomStringConvertible {
    var estimate = 0.0, standardError = 0.0, bound = 0.0, designEffect = 0.0
    var compared = 0, notANumber = 0

    /// Records a relative difference in `quantity`, or a NaN as R's (`nil`).
    mutating func note(_ quantity: WritableKeyPath<Worst, Double>, _ difference: Double?) {
      guard let difference else { notANumber += 1; return }
      self[keyPath: quantity] = max(self[keyPath: quantity], difference)
    }

    var description: String {
      "\(compared) estimates (\(notANumber) NaN values as in R); largest relative differences: "
        + "estimate \(estimate), standard error \(standardError), bounds \(bound), design effect \(designEffect)"
    }
  }

  /// Checks every R row of `testCase` against the estimate of the same domain (and probability).
  private func compare<Estimate: SurveyEstimate>(
    _ ours: [Estimate], with testCase: NumericFixture.Case, worst: inout Worst,
    probability: (Estimate) -> Double? = { _ in nil }, designEffect: (Estimate) -> Double?
  ) {
    #expect(ours.count == testCase.estimates.count, "\(testCase.name): \(ours.count) estimates, R has \(testCase.estimates.count)")
    for reference in testCase.estimates {
      guard
        let estimate = ours.first(where: {
          $0.domain.fixtureKey == reference.domain && probability($0) == reference.probability
        })
      else {
        Issue.record("\(testCase.name): no estimate for \(reference.domain) \(reference.probability.map { "p = \($0)" } ?? "")")
        continue
      }
      let label = "\(testCase.name) \(estimate.domain)\(reference.probability.map { " p = \($0)" } ?? "")"
      worst.compared += 1
      worst.note(\.estimate, check(estimate.estimate, reference.estimate, Self.estimateTolerance, "\(label): estimate"))
      worst.note(\.standardError, check(estimate.standardError, reference.standardError, Self.estimateTolerance, "\(label): SE"))
      worst.note(\.bound, check(estimate.confidenceInterval.lower, reference.ciLower, Self.boundTolerance, "\(label): lower bound"))
      worst.note(\.bound, check(estimate.confidenceInterval.upper, reference.ciUpper, Self.boundTolerance, "\(label): upper bound"))
      #expect(estimate.confidenceInterval.level == testCase.level)
      #expect(estimate.degreesOfFreedom == reference.degreesOfFreedom, "\(label): degrees of freedom")
      #expect(estimate.respondents == reference.respondents, "\(label): respondents")
      if testCase.statistic != "quantile" {
        let ours = designEffect(estimate)
        if let expected = reference.designEffect {
          worst.note(\.designEffect, check(ours ?? .nan, expected, Self.estimateTolerance, "\(label): design effect"))
        } else {
          #expect(ours == nil, "\(label): design effect \(String(describing: ours)), R gives NA")
        }
      }
    }
  }

  /// |ours − R| ≤ tolerance·|R| (absolute when R is 0), or NaN where R has null; returns the
  /// relative difference, or `nil` for a NaN R also gives.
  private func check(_ ours: Double, _ reference: Double?, _ tolerance: Double, _ label: String) -> Double? {
    guard let reference else {
      #expect(ours.isNaN, "\(label): \(ours), R gives NaN")
      return nil
    }
    let difference = abs(ours - reference)
    let scale = reference == 0 ? 1 : abs(reference)
    #expect(difference <= tolerance * scale, "\(label): \(ours), R gives \(reference) (relative difference \(difference / scale))")
    return difference / scale
  }
}
