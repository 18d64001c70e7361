import Foundation
import SurveyStatistics
import Testing

/// Replicate-weight designs against R survey 4.1 (`Fixtures/replicates/reference.json`, written by
/// `make-replicates.R`): replicates created from strata and PSUs as `as.svrepdesign()` does (JK1,
/// JKn with and without FPC and with lonely PSUs, BRR and Fay with R's Hadamard matrices), and
/// supplied columns as `svrepdesign()` reads them (BRR, Fay, JK1, JKn, bootstrap, successive
/// difference, ACS, other), with and without mean-squared-error variances; on each, means, totals,
/// ratios, quantiles (Woodruff and replicate-quantile intervals) and proportions with every
/// interval method, overall and by domain, with missing values.
///
/// Tolerances (house rules): estimates, standard errors and design effects 1e-9 relative; interval
/// bounds 1e-7 relative, except the likelihood interval, checked against the exact profile root
/// (computed in R by root finding) to 1e-6 as the linearized one is; degrees of freedom and counts
/// exact. Each test prints the largest relative differences it saw.
@Suite struct ReplicateReferenceTests {
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7
  static let likelihoodRootTolerance = 1e-6
  static let fixture = ReplicateFixture.shared
  static var designNames: [String] { fixture.designs.keys.sorted() }

  @Test func fixtureHasTheExpectedDesignsAndCases() {
    #expect(Self.fixture.generatedBy.contains("survey 4.1"))
    #expect(Self.fixture.designs.count == 21)
    #expect(Self.fixture.cases.count == 212)
    #expect(Self.fixture.proportions.count == 43)
  }

  /// Type, number of replicates, scales, `mse`, `degf()` and the replicate weights themselves
  /// (through each replicate's sum and row-weighted sum), for created and supplied replicates.
  @Test(arguments: designNames)
  func replicateWeightsMatchR(designName: String) throws {
    let expected = Self.fixture.designs[designName]!.r
    let design = try Self.fixture.design(designName)
    let replicates = try #require(design.replicates)
    #expect(replicates.method.rName == expected.type)
    #expect(replicates.count == expected.count)
    #expect(relativeDifference(replicates.scale, expected.scale) < 1e-15, "scale \(replicates.scale) vs \(expected.scale)")
    #expect(replicates.replicateScales.count == expected.rscales.count)
    for (ours, theirs) in zip(replicates.replicateScales, expected.rscales) {
      #expect(relativeDifference(ours, theirs) < 1e-15, "rscale \(ours) vs \(theirs)")
    }
    #expect(replicates.meanSquaredError == expected.mse)
    #expect(replicates.degreesOfFreedom == expected.degf)
    #expect(design.degreesOfFreedom == expected.degf)
    var worst = 0.0
    for replicate in 0..<replicates.count {
      let weights = replicates.weights(ofReplicate: replicate)
      let sum = weights.reduce(0, +)
      let weighted = weights.enumerated().reduce(0) { $0 + Double($1.offset + 1) * $1.element }
      worst = max(worst, relativeDifference(sum, expected.columnSums[replicate]))
      worst = max(worst, relativeDifference(weighted, expected.rowWeightedSums[replicate]))
    }
    #expect(worst < 1e-12, "\(designName): replicate weights differ from R's by \(worst)")
  }

  @Test func meansMatchR() throws {
    var worst = NumericEstimatorReferenceTests.Worst()
    for testCase in cases("mean") {
      let ours = try Self.fixture.design(testCase.design).means(of: testCase.variable!, by: testCase.by, level: testCase.level)
      compare(ours, with: testCase, worst: &worst) { $0.designEffect }
    }
    print("replicate means: \(worst)")
  }

  @Test func totalsMatchR() throws {
    var worst = NumericEstimatorReferenceTests.Worst()
    for testCase in cases("total") {
      let ours = try Self.fixture.design(testCase.design).totals(of: testCase.variable!, by: testCase.by, level: testCase.level)
      compare(ours, with: testCase, worst: &worst) { $0.designEffect }
    }
    print("replicate totals: \(worst)")
  }

  @Test func ratiosMatchR() throws {
    var worst = NumericEstimatorReferenceTests.Worst()
    for testCase in cases("ratio") {
      let ours = try Self.fixture.design(testCase.design).ratios(
        numerator: testCase.numerator!, denominator: testCase.denominator!, by: testCase.by, level: testCase.level)
      compare(ours, with: testCase, worst: &worst) { $0.designEffect }
    }
    print("replicate ratios: \(worst)")
  }

  /// The ratio cases of a replicate design's R goldens: `raked-ratios.json` of
  /// `Fixtures/replicate-raking` (written by `make-replicate-raking.R`) has the shape of this
  /// fixture's cases.
  struct RakedRatios: Decodable {
    let generated_by: String
    let cases: [ReplicateFixture.Case]
  }

  /// Ratios on the raked supplied-replicate designs of `Fixtures/replicate-raking` (R's `rake()`
  /// of a `svrepdesign()`, then `svyratio(~api00, ~api99)` whole sample and by stype, each
  /// domain's rows with their own `degf()`; the design effect R 4.5's).
  @Test func rakedRatiosMatchR() throws {
    let data = try Data(contentsOf: fixtureURL("replicate-raking/raked-ratios.json"))
    let reference = try JSONDecoder().decode(RakedRatios.self, from: data)
    #expect(reference.generated_by.contains("survey 4.1"))
    #expect(reference.cases.count == 8)
    var worst = NumericEstimatorReferenceTests.Worst()
    for testCase in reference.cases {
      let raking = try #require(ReplicateRakingReferenceTests.reference.cases.first { $0.name == testCase.design })
      let ours = try ReplicateRakingReferenceTests.raked(raking).ratios(
        numerator: testCase.numerator!, denominator: testCase.denominator!, by: testCase.by, level: testCase.level)
      compare(ours, with: testCase, worst: &worst) { $0.designEffect }
    }
    print("raked replicate ratios: \(worst)")
  }

  @Test func quantilesMatchR() throws {
    var worst = NumericEstimatorReferenceTests.Worst()
    for testCase in cases("quantile") {
      let interval: QuantileInterval = testCase.interval == "quantile" ? .replicateQuantiles : .woodruff
      let ours = try Self.fixture.design(testCase.design).quantiles(
        of: testCase.variable!, probabilities: testCase.probabilities!, by: testCase.by, level: testCase.level,
        interval: interval)
      compare(ours, with: testCase, worst: &worst, probability: { $0.probability }) { _ in nil }
    }
    print("replicate quantiles: \(worst)")
  }

  /// Every interval method of `svyciprop()` on every design, at every level of the case.
  @Test func proportionsMatchR() throws {
    for testCase in Self.fixture.proportions {
      let design = try Self.fixture.design(testCase.design)
      for level in testCase.levels {
        for method in IntervalMethod.allCases {
          let ours = try design.proportions(of: testCase.variable, by: testCase.by, method: method, level: level)
          compare(ours.estimates, with: testCase, level: level, method: method)
        }
      }
    }
    print("replicate proportions, largest relative differences:\n" + DifferenceLog.shared.summary)
  }

  /// Survey's published JK1 example (tests/api.Rout.save): `as.svrepdesign(dclus1)`.
  @Test func publishedJackknifeExample() throws {
    let rclus1 = try Self.fixture.design("rclus1")
    let mean = try rclus1.means(of: "api00")[0]
    #expect((mean.mean * 100).rounded() / 100 == 644.17)
    #expect((mean.standardError * 1000).rounded() / 1000 == 26.329)
    let total = try rclus1.totals(of: "enroll")[0]
    #expect(total.total.rounded() == 3_404_940)
    #expect(total.standardError.rounded() == 932_235)
    let mse = try Self.fixture.design("rclus1-mse").means(of: "api00")[0]
    #expect((mse.standardError * 1000).rounded() / 1000 == 26.335)
  }

  /// The replicates Confiance creates are R's, weight for weight: R's analysis weights (written as
  /// the supplied columns) multiply the factors by 1/(1/w), R's `1/design$prob`, which can differ
  /// from w in the last bit, so they are compared to 1e-15 relative.
  @Test(arguments: [
    ("rpairs-brr", "brr_"), ("rpairs-fay", "fay_"), ("rclus1", "jk1_"), ("rpairs-jkn-mse", "jkn_"),
  ])
  func createdReplicatesEqualRsColumns(created: String, prefix: String) throws {
    let ours = try #require(try Self.fixture.design(created).replicates)
    let survey = try Self.fixture.survey(Self.fixture.designs[created]!.dataset)
    var worst = 0.0
    for replicate in 0..<ours.count {
      guard case .numeric(let column) = try survey.variable(named: "\(prefix)\(replicate + 1)").values else {
        Issue.record("column \(prefix)\(replicate + 1) is not numeric")
        continue
      }
      for (weight, expected) in zip(ours.weights(ofReplicate: replicate), column.values) {
        worst = max(worst, relativeDifference(weight, expected))
      }
    }
    #expect(worst <= 1e-15, "\(created): largest relative difference \(worst)")
  }

  // MARK: - Comparison

  private func cases(_ statistic: String) -> [ReplicateFixture.Case] {
    Self.fixture.cases.filter { $0.statistic == statistic }
  }

  private func compare<Estimate: SurveyEstimate>(
    _ ours: some RandomAccessCollection<Estimate>, with testCase: ReplicateFixture.Case, worst: inout NumericEstimatorReferenceTests.Worst,
    probability: (Estimate) -> Double? = { _ in nil }, designEffect: (Estimate) -> Double?
  ) {
    let name = "\(testCase.design) \(testCase.name)"
    #expect(ours.count == testCase.estimates.count, "\(name): \(ours.count) estimates, R has \(testCase.estimates.count)")
    for reference in testCase.estimates {
      guard
        let estimate = ours.first(where: {
          $0.domain.fixtureKey == reference.domain && probability($0) == reference.probability
        })
      else {
        Issue.record("\(name): no estimate for \(reference.domain) \(reference.probability.map { "p = \($0)" } ?? "")")
        continue
      }
      let label = "\(name) \(estimate.domain)\(reference.probability.map { " p = \($0)" } ?? "")"
      worst.compared += 1
      worst.note(\.estimate, check(estimate.estimate, reference.estimate, Self.estimateTolerance, "\(label): estimate"))
      worst.note(\.standardError, check(estimate.standardError, reference.standardError, Self.estimateTolerance, "\(label): SE"))
      worst.note(\.bound, check(estimate.confidenceInterval.lower, reference.ciLower, Self.boundTolerance, "\(label): lower bound"))
      worst.note(\.bound, check(estimate.confidenceInterval.upper, reference.ciUpper, Self.boundTolerance, "\(label): upper bound"))
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

  private func compare(
    _ estimates: [ProportionEstimate], with testCase: ReplicateFixture.ProportionCase, level: Double, method: IntervalMethod
  ) {
    let name = "\(testCase.design) \(testCase.variable)"
    #expect(estimates.count == testCase.estimates.count, "\(name): \(estimates.count) estimates, R has \(testCase.estimates.count)")
    let levelKey = level == 0.95 ? "0.95" : "0.9"
    for expected in testCase.estimates {
      guard let estimate = estimates.first(where: { $0.domain.fixtureKey == expected.domain && $0.category == expected.category })
      else {
        Issue.record("\(name): no estimate for \(expected.domain) \(expected.category)")
        continue
      }
      let label = "\(name) \(estimate.domain) \(estimate.category) \(method.rawValue) \(levelKey)"
      record("proportion", estimate.proportion, expected.proportion, Self.estimateTolerance, label)
      record("standard error", estimate.standardError, expected.standardError, Self.estimateTolerance, label)
      if let deff = expected.designEffect {
        record("design effect", estimate.designEffect ?? .nan, deff, Self.estimateTolerance, label)
      } else {
        #expect(estimate.designEffect == nil, "\(label): design effect, R gives NA")
      }
      #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(label): df")
      #expect(estimate.respondents == expected.respondents, "\(label): respondents")
      #expect(estimate.domainRespondents == expected.domainRespondents, "\(label): domain respondents")
      #expect(estimate.designRows == expected.designRows, "\(label): design rows")
      guard let bounds = expected.intervals[levelKey]?[method.rawValue] ?? nil, let lower = bounds[0], let upper = bounds[1]
      else { continue }
      let tolerance = method == .likelihood ? Self.likelihoodRootTolerance : Self.boundTolerance
      record("\(method.rawValue) bound", estimate.confidenceInterval.lower, lower, tolerance, label)
      record("\(method.rawValue) bound", estimate.confidenceInterval.upper, upper, tolerance, label)
    }
  }

  private func record(_ quantity: String, _ actual: Double, _ expected: Double, _ tolerance: Double, _ label: String) {
    let difference = relativeDifference(actual, expected)
    DifferenceLog.shared.record("replicate \(quantity)", difference)
    #expect(difference <= tolerance, "\(label): \(quantity) \(actual) vs R \(expected)")
  }

  /// |ours − R| ≤ tolerance·|R|, or NaN where R has null.
  private func check(_ ours: Double, _ reference: Double?, _ tolerance: Double, _ label: String) -> Double? {
    guard let reference else {
      #expect(ours.isNaN, "\(label): \(ours), R gives NaN")
      return nil
    }
    let difference = relativeDifference(ours, reference)
    #expect(difference <= tolerance, "\(label): \(ours), R gives \(reference) (relative difference \(difference))")
    return difference
  }
}
