import Foundation
import SurveyStatistics
import Testing

/// Compares proportional-odds models (``ModelFamily/proportionalOdds``) with R survey 4.1's
/// `svyolr`, `vcov` and `regTermTest` on the `ordinalCases` of `Fixtures/models/models.json`
/// (written by `make-models.R`).
///
/// Tolerances (issue 13, iterative fits): estimates, standard errors, the covariance, t statistics
/// and interval bounds 1e-7 relative; p values and F tests 1e-6. R's `optim` stops on a relative
/// change of the likelihood, so only the same BFGS steps reach R's digits: the gradient evaluation
/// counts must equal R's too.
@Suite struct ProportionalOddsReferenceTests {
  static var cases: [[String: Any]] { ModelFixtures.shared.root["ordinalCases"] as? [[String: Any]] ?? [] }
  static var caseNames: [String] { cases.compactMap { $0["name"] as? String } }

  @Test func fixtureHasEveryCase() {
    #expect(Self.caseNames.count == 7)
  }

  @Test(arguments: caseNames)
  func coefficientsAndThresholdsMatchR(name: String) throws {
    let entry = try #require(Self.cases.first { $0["name"] as? String == name })
    let design = try ModelFixtures.shared.design(of: entry)
    let fit = try design.regression(
      Formula(entry["formula"] as? String ?? ""), family: .proportionalOdds, in: ModelFixtures.domain(of: entry))

    #expect(fit.family == .proportionalOdds)
    #expect(fit.respondents == Int(entry.number("respondents")))
    #expect(fit.degreesOfFreedom == Int(entry.number("degreesOfFreedom")))
    #expect(fit.iterations == Int(entry.number("gradientEvaluations")))
    #expect(fit.thresholdCount == Int(entry.number("thresholdCount")))
    #expect(fit.dispersion.isNaN)
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
    }
    #expect(worst.estimate < 1e-7)
    #expect(worst.standardError < 1e-7)
    #expect(worst.interval < 1e-7)
    #expect(worst.statistic < 1e-7)
    #expect(worst.pValue < 1e-6)

    let covariance = (entry["covariance"] as? [[Any]] ?? []).map { $0.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
    let scale = covariance.flatMap { $0 }.map(abs).max() ?? 1
    var worstCovariance = 0.0
    for (ours, theirs) in zip(fit.covariance.flatMap { $0 }, covariance.flatMap { $0 }) {
      worstCovariance = max(worstCovariance, abs(ours - theirs) / scale)
    }
    #expect(fit.covariance.count == covariance.count)
    #expect(worstCovariance < 1e-7)

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
    #expect(worstTest < 1e-6)
    print(
      "\(name): estimate \(worst.estimate), SE \(worst.standardError), covariance \(worstCovariance), "
        + "interval \(worst.interval), t \(worst.statistic), p \(worst.pValue), tests \(worstTest)")
  }

  /// R's published example (`?svyolr`, survey 4.1) to its printed digits: avg.ed −2.6999217
  /// (SE 1.13422434), thresholds −8.857919, −6.586464, −4.924938.
  @Test func publishedExampleMatchesPrintedDigits() throws {
    let entry = try #require(Self.cases.first { $0["name"] as? String == "olr-api-published" })
    let fit = try ModelFixtures.shared.design(of: entry).regression(
      Formula("factor(mealcat) ~ avg.ed + mobility + stype"), family: .proportionalOdds)
    let slope = try #require(fit.coefficient("avg.ed"))
    #expect(abs(slope.estimate - -2.6999217) <= 5e-8)
    #expect(abs(slope.standardError - 1.13422434) <= 5e-9)
    #expect(fit.thresholds.map(\.term) == ["(0,25]|(25,50]", "(25,50]|(50,75]", "(50,75]|(75,100]"])
    for (threshold, printed) in zip(fit.thresholds, [-8.857919, -6.586464, -4.924938]) {
      #expect(abs(threshold.estimate - printed) <= 5e-7)
    }
  }

  /// An outcome with two levels is an error with a sentence, as are margins and `- 1`.
  @Test func badInputGetsASentence() throws {
    let entry = try #require(Self.cases.first { $0["name"] as? String == "olr-privacy" })
    let design = try ModelFixtures.shared.design(of: entry)
    #expect(throws: ModelError.tooFewOrdinalLevels(variable: "sex", levels: ["F", "M"])) {
      try design.regression(Formula("sex ~ age_band"), family: .proportionalOdds)
    }
    let message = ModelError.tooFewOrdinalLevels(variable: "sex", levels: ["F", "M"]).description
    #expect(message.contains("at least 3 levels") && message.contains("'F' and 'M'"))
    #expect(throws: ModelError.ordinalWithoutIntercept) {
      try design.regression(Formula("factor(concern_data_use) ~ age_band - 1"), family: .proportionalOdds)
    }
    let fit = try design.regression(Formula("factor(concern_data_use) ~ age_band + sex"), family: .proportionalOdds)
    #expect(throws: ModelError.marginsOfOrdinalModel) { try fit.averageMarginalEffects(of: "sex") }
  }

  /// Text levels follow the codebook's order of an ordinal variable, not the alphabet.
  @Test func codebookOrderSetsTheLevels() throws {
    let levels = ["low", "medium", "high"]
    var rows: [String] = []
    var ages: [Double?] = []
    for i in 0..<60 {
      rows.append(levels[(i * 7 + i / 5) % 3])
      ages.append(Double(20 + (i * 13) % 50))
    }
    var survey = try Survey(variables: [
      Variable(name: "concern", categories: rows), Variable(name: "age", numbers: ages),
    ])
    survey.codebook = Codebook(variables: [
      .init(name: "concern", measurement: .ordinal, categories: levels.map { .init(value: $0, label: $0) })
    ])
    let fit = try SurveyDesign(survey).regression(Formula("concern ~ age"), family: .proportionalOdds)
    #expect(fit.thresholds.map(\.term) == ["low|medium", "medium|high"])
  }
}
