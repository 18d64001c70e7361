import Foundation
import SurveyStatistics
import Testing

/// Compares ``ModelFit/predictiveMargins(of:)`` and ``ModelFit/averageMarginalEffects(of:)`` with a
/// hand delta-method computation in R (`margins_for` in `make-models.R`: predict on the data with
/// the predictor set to each level, gradient from `family$mu.eta`, influence of β̂ from
/// `estfun %*% fit$naive.cov`, design variance by `svyrecvar`), and the margins with R survey's
/// `svypredmeans`. Tolerance 1e-7 relative for margins, effects and their standard errors.
@Suite struct ModelMarginsTests {
  static let tolerance = 1e-7

  static var casesWithMargins: [String] {
    ModelFixtures.shared.cases.filter { $0["margins"] != nil }.compactMap { $0["name"] as? String }
  }

  @Test func fixtureHasMarginCases() {
    #expect(Self.casesWithMargins.count == 6)
  }

  @Test(arguments: casesWithMargins)
  func marginsMatchTheDeltaMethodInR(name: String) throws {
    let entry = try #require(ModelFixtures.shared.case(name))
    let family = ModelFixtures.family(of: entry)
    let fit = try ModelFixtures.shared.design(of: entry).regression(
      Formula(entry["formula"] as? String ?? ""), family: family, in: ModelFixtures.domain(of: entry))
    let scale = family == .quasibinomial ? 100.0 : 1.0
    var worst = 0.0
    for reference in entry.objects("margins") {
      let variable = reference["variable"] as? String ?? ""
      if reference["kind"] as? String == "slope" {
        let effects = try fit.averageMarginalEffects(of: variable)
        #expect(effects.count == 1)
        #expect(effects[0].level == nil)
        #expect(effects[0].unit == (family == .quasibinomial ? .percentagePoints : .outcome))
        worst = max(
          worst, relativeError(effects[0].estimate, scale * reference.number("margins")),
          relativeError(effects[0].standardError, scale * reference.number("standardErrors")))
        continue
      }
      let levels = reference["levels"] as? [String] ?? []
      let margins = try fit.predictiveMargins(of: variable)
      #expect(margins.map(\.level) == levels)
      for (ours, (estimate, standardError)) in zip(
        margins, zip(reference.numbers("margins"), reference.numbers("standardErrors")))
      {
        worst = max(worst, relativeError(ours.estimate, estimate), relativeError(ours.standardError, standardError))
      }
      let effects = try fit.averageMarginalEffects(of: variable)
      #expect(effects.map { $0.level ?? "" } == Array(levels.dropFirst()))
      #expect(effects.allSatisfy { $0.reference == levels.first })
      let contrasts = Array(reference.numbers("contrasts").dropFirst())
      let contrastErrors = Array(reference.numbers("contrastStandardErrors").dropFirst())
      for (ours, (estimate, standardError)) in zip(effects, zip(contrasts, contrastErrors)) {
        worst = max(
          worst, relativeError(ours.estimate, scale * estimate), relativeError(ours.standardError, scale * standardError))
      }
    }
    #expect(worst < Self.tolerance)
    print("\(name): margins and effects, largest relative error \(worst)")
  }

  /// R survey's `svypredmeans(svyglm(sch_wide ~ meals, dstrat, family = quasibinomial()),
  /// ~factor(stype))` gives the same margins; its standard errors leave out the covariance between
  /// the weighted mean and β̂, so they differ from the fully linearized ones, here by under 1 %.
  @Test func marginsEqualSvypredmeans() throws {
    let entry = try #require(ModelFixtures.shared.case("api-strat-logistic"))
    let reference = try #require(entry["svypredmeans"] as? [String: Any])
    let fit = try ModelFixtures.shared.design(of: entry).regression(
      Formula("sch_wide ~ meals + stype"), family: .quasibinomial)
    let margins = try fit.predictiveMargins(of: "stype")
    let levels = reference["levels"] as? [String] ?? []
    for (level, (estimate, standardError)) in zip(
      levels, zip(reference.numbers("margins"), reference.numbers("standardErrors")))
    {
      let ours = try #require(margins.first { $0.level == level })
      #expect(relativeError(ours.estimate, estimate) < 1e-7)
      #expect(abs(ours.standardError - standardError) / standardError < 0.01)
      #expect(ours.standardError != standardError)
    }
  }

  @Test func marginsOfANumericVariableAreRefused() throws {
    let entry = try #require(ModelFixtures.shared.case("privacy-logistic"))
    let fit = try ModelFixtures.shared.design(of: entry).regression(
      Formula("concerned ~ age_band + sex + trust_score"), family: .quasibinomial)
    #expect(throws: ModelError.notCategoricalPredictor("trust_score")) { try fit.predictiveMargins(of: "trust_score") }
    #expect(throws: ModelError.notCategoricalPredictor("region")) { try fit.averageMarginalEffects(of: "region") }
  }
}
