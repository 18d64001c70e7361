import SurveyStatistics
import Testing

/// R survey's published examples for the numeric estimators, reproduced from the `data(api)`
/// columns of `Fixtures/numeric/reference.json`, and the edges of the quantile rule on data small
/// enough to check by hand.
@Suite struct NumericEstimatorTests {
  static let fixture = NumericFixture.shared

  /// |value − published| within half a unit of the last printed digit.
  private func expectPrinted(_ value: Double, _ published: Double, decimals: Int, _ label: String) {
    var unit = 1.0
    for _ in 0..<decimals { unit /= 10 }
    #expect(abs(value - published) <= unit / 2, "\(label): \(value), published \(published)")
  }

  // MARK: - Published values

  /// The survey vignette (`inst/doc/survey.pdf`): `svyquantile(~api00, dclus1, c(.25, .5, .75),
  /// ci = TRUE)` → 552 (492–627) se 31.47166, 652 (561–714) se 35.66788, 719 (696–777) se 18.88300.
  @Test func vignetteQuartilesOfApi00() throws {
    let quartiles = try Self.fixture.design("dclus1").quantiles(of: "api00", probabilities: [0.25, 0.5, 0.75])
    #expect(quartiles.map(\.quantile) == [552, 652, 719])
    #expect(quartiles.map(\.confidenceInterval.lower) == [492, 561, 696])
    #expect(quartiles.map(\.confidenceInterval.upper) == [627, 714, 777])
    for (estimate, published) in zip(quartiles, [31.47166, 35.66788, 18.88300]) {
      expectPrinted(estimate.standardError, published, decimals: 5, "SE of the \(estimate.probability) quantile")
    }
    #expect(quartiles.allSatisfy { $0.degreesOfFreedom == 14 && $0.respondents == 183 })
  }

  /// The vignette: `svyratio(~api.stu, ~enroll, dclus1)` 0.8497087 (SE 0.008386297), and in
  /// `subset(dclus1, stype == "H")` 0.8300683 (0.01472607).
  @Test func vignetteRatioOfTestedToEnrolled() throws {
    let design = try Self.fixture.design("dclus1")
    let overall = try design.ratios(numerator: "api.stu", denominator: "enroll")
    #expect(overall.count == 1)
    expectPrinted(overall[0].ratio, 0.8497087, decimals: 7, "ratio")
    expectPrinted(overall[0].standardError, 0.008386297, decimals: 9, "SE of the ratio")
    let high = try #require(
      try design.ratios(numerator: "api.stu", denominator: "enroll", by: ["stype"])
        .first { $0.domain.description == "stype = H" })
    expectPrinted(high.ratio, 0.8300683, decimals: 7, "ratio in high schools")
    expectPrinted(high.standardError, 0.01472607, decimals: 8, "SE in high schools")
  }

  /// survey's `tests/api.R` (`api.Rout.saved`): dstrat `svytotal(~enroll)` 3687178 (114642),
  /// `svymean(~api00)` 662.29 (9.4089); dclus1 `svytotal(~enroll)` 3404940 (932235), `svymean`
  /// 644.17 (23.542); the with-replacement two-stage design of apiclus2, whose variance uses the
  /// first stage only, `svytotal(~enroll, na.rm = TRUE)` 2639273 (820261), `svymean(~api00)`
  /// 670.81 (30.712).
  @Test func apiExampleTotalsAndMeans() throws {
    let stratified = try Self.fixture.design("dstrat")
    let strataTotal = try stratified.totals(of: "enroll")[0]
    expectPrinted(strataTotal.total, 3_687_178, decimals: 0, "dstrat total")
    expectPrinted(strataTotal.standardError, 114_642, decimals: 0, "dstrat total SE")
    let strataMean = try stratified.means(of: "api00")[0]
    expectPrinted(strataMean.mean, 662.29, decimals: 2, "dstrat mean")
    expectPrinted(strataMean.standardError, 9.4089, decimals: 4, "dstrat mean SE")

    let clustered = try Self.fixture.design("dclus1")
    let clusterTotal = try clustered.totals(of: "enroll")[0]
    expectPrinted(clusterTotal.total, 3_404_940, decimals: 0, "dclus1 total")
    expectPrinted(clusterTotal.standardError, 932_235, decimals: 0, "dclus1 total SE")
    let clusterMean = try clustered.means(of: "api00")[0]
    expectPrinted(clusterMean.mean, 644.17, decimals: 2, "dclus1 mean")
    expectPrinted(clusterMean.standardError, 23.542, decimals: 3, "dclus1 mean SE")

    let twoStage = try Self.fixture.design("dclus2wr")
    let twoStageTotal = try twoStage.totals(of: "enroll")[0]
    expectPrinted(twoStageTotal.total, 2_639_273, decimals: 0, "dclus2wr total")
    expectPrinted(twoStageTotal.standardError, 820_261, decimals: 0, "dclus2wr total SE")
    #expect(twoStageTotal.respondents == 120)
    let twoStageMean = try twoStage.means(of: "api00")[0]
    expectPrinted(twoStageMean.mean, 670.81, decimals: 2, "dclus2wr mean")
    expectPrinted(twoStageMean.standardError, 30.712, decimals: 3, "dclus2wr mean SE")
  }

  /// survey's `tests/rakecheck.Rout.save`: `rake(dclus1, list(~stype, ~sch.wide), …)` gives
  /// `svymean(~api00)` 641.23 (23.704) and `svytotal(~enroll)` 3647280 (400603).
  @Test func rakedApiExample() throws {
    let raked = try Self.fixture.design("dclus1rake")
    let mean = try raked.means(of: "api00")[0]
    expectPrinted(mean.mean, 641.23, decimals: 2, "raked mean")
    expectPrinted(mean.standardError, 23.704, decimals: 3, "raked mean SE")
    let total = try raked.totals(of: "enroll")[0]
    expectPrinted(total.total, 3_647_280, decimals: 0, "raked total")
    expectPrinted(total.standardError, 400_603, decimals: 0, "raked total SE")
  }

  // MARK: - The quantile rule by hand

  /// Four values of equal weight: their weighted distribution function steps by 1/4.
  private func equalWeights() throws -> SurveyDesign {
    try SurveyDesign(Survey(variables: [Variable(name: "y", numbers: [40, 10, 30, 20])]))
  }

  @Test func quantileIsTheSmallestValueWhoseShareReachesTheProbability() throws {
    let design = try equalWeights()
    let estimates = try design.quantiles(of: "y", probabilities: [0.26, 0.5, 0.74, 0.75, 0.76])
    // 0.5 and 0.75 are reached exactly at 20 and 30 (R tests p − W_k/W == 0 and keeps the lower value).
    #expect(estimates.map(\.quantile) == [20, 20, 30, 30, 40])
  }

  @Test func probabilityBelowTheFirstShareGivesTheSecondValueAsInR41() throws {
    // R 4.1's qrule_math: no running total is ≤ p·W, so k = 1 and p − W₁/W < 0 ≠ 0: the next value.
    // (R 4.5 tests `<= 0` and gives 10.)
    let estimates = try equalWeights().quantiles(of: "y", probabilities: [0.1, 0.25])
    #expect(estimates.map(\.quantile) == [20, 10])
  }

  @Test func unequalWeightsAndTies() throws {
    // Sorted: 1 (w 2), 2 (w 1), 2 (w 1), 5 (w 4); W = 8, running totals 2, 3, 4, 8.
    let survey = try Survey(variables: [
      Variable(name: "y", numbers: [2, 5, 1, 2, nil]),
      Variable(name: "w", numbers: [1, 4, 2, 1, 7]),
    ])
    let design = try SurveyDesign(survey, weights: "w")
    let estimates = try design.quantiles(of: "y", probabilities: [0.25, 0.3, 0.5, 0.51])
    #expect(estimates.map(\.quantile) == [1, 2, 2, 5])
    #expect(estimates.allSatisfy { $0.respondents == 4 })
  }

  @Test func standardErrorIsDerivedFromTheInterval() throws {
    let design = try Self.fixture.design("dstrat")
    for estimate in try design.quantiles(of: "api00", probabilities: [0.1, 0.5, 0.9]) {
      let t = StudentTDistribution(degreesOfFreedom: Double(estimate.degreesOfFreedom)).quantile(0.975)
      let width = estimate.confidenceInterval.upper - estimate.confidenceInterval.lower
      #expect(abs(estimate.standardError - width / (2 * t)) <= 1e-12 * estimate.standardError)
      #expect(estimate.confidenceInterval.lower <= estimate.quantile)
      #expect(estimate.quantile <= estimate.confidenceInterval.upper)
    }
  }

  // MARK: - Inputs

  @Test func probabilitiesMustLieStrictlyBetweenZeroAndOne() throws {
    let design = try equalWeights()
    for probability in [0, 1, -0.5, 1.5, Double.nan] {
      #expect(throws: SurveyError.self) { try design.quantiles(of: "y", probabilities: [0.5, probability]) }
    }
    #expect(try design.quantiles(of: "y", probabilities: []).isEmpty)
    #expect(throws: SurveyError.self) { try design.totals(of: "y", level: 1) }
    #expect(throws: SurveyError.self) { try design.ratios(numerator: "y", denominator: "y", level: 0) }
  }

  @Test func domainsWithoutValuesAreLeftOut() throws {
    // acs.k3 (class size in grades K–3) is recorded for elementary schools only.
    let design = try Self.fixture.design("dstrat")
    let quantiles = try design.quantiles(of: "acs.k3", probabilities: [0.5], by: ["stype"])
    let totals = try design.totals(of: "acs.k3", by: ["stype"])
    let ratios = try design.ratios(numerator: "acs.k3", denominator: "enroll", by: ["stype"])
    for domains in [quantiles.map(\.domain), totals.map(\.domain), ratios.map(\.domain)] {
      #expect(domains.map(\.description) == ["stype = E"])
    }
  }

  @Test func aSampleWithoutValuesIsAnError() throws {
    let survey = try Survey(variables: [
      Variable(name: "y", numbers: [nil, nil]), Variable(name: "x", numbers: [1, 2]),
    ])
    let design = try SurveyDesign(survey)
    #expect(throws: SurveyError.self) { try design.totals(of: "y") }
    #expect(throws: SurveyError.self) { try design.ratios(numerator: "x", denominator: "y") }
    #expect(throws: SurveyError.self) { try design.quantiles(of: "y", probabilities: [0.5]) }
  }

  @Test func aDenominatorThatSumsToZeroIsAnError() throws {
    // R gives NaN; with no domain left to estimate, Confiance says why.
    let survey = try Survey(variables: [
      Variable(name: "y", numbers: [1, 2, 3]), Variable(name: "x", numbers: [0, 0, nil]),
      Variable(name: "group", categories: ["a", "b", "b"]),
    ])
    let design = try SurveyDesign(survey)
    for domains in [[], ["group"]] {
      #expect(throws: SurveyError.zeroDenominator(numerator: "y", denominator: "x", respondents: 2, origin: survey.origin)) {
        try design.ratios(numerator: "y", denominator: "x", by: domains)
      }
    }
    // One domain with a zero total is not an error: its ratio is not finite, as in R.
    let partly = try SurveyDesign(Survey(variables: [
      Variable(name: "y", numbers: [1, 2, 3]), Variable(name: "x", numbers: [0, 1, 1]),
      Variable(name: "group", categories: ["a", "b", "b"]),
    ]))
    let ratios = try partly.ratios(numerator: "y", denominator: "x", by: ["group"])
    #expect(ratios.map(\.ratio.isFinite) == [false, true])
  }

  @Test func severalVariablesGiveTheEstimatesOfEachInTurn() throws {
    let design = try Self.fixture.design("dstrat")
    let together = try design.means(of: ["api00", "api99"], by: ["stype"])
    let apart = try design.means(of: "api00", by: ["stype"]).estimates + design.means(of: "api99", by: ["stype"]).estimates
    #expect(together.estimates == apart)
    #expect(together.design == design.summary)
    let totals = try design.totals(of: ["enroll", "api.stu"])
    #expect(totals.estimates == (try design.totals(of: "enroll").estimates + design.totals(of: "api.stu").estimates))
    let quantiles = try design.quantiles(of: ["api00", "api99"], probabilities: [0.5])
    #expect(quantiles.map(\.variable) == ["api00", "api99"])
    #expect(quantiles.map(\.statistic) == [.quantile(of: "api00", probability: 0.5), .quantile(of: "api99", probability: 0.5)])
  }
}
