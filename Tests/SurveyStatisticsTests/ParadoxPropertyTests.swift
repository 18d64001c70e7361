import Foundation
import SurveyStatistics
import Testing

/// Properties every paradox analysis must have, whatever the data: an item compared with itself has
/// no gap, swapping concern and action negates the gap, and the scale of the weights does not
/// matter. Data: `Fixtures/paradox/paradox.csv` (7 strata, 30 PSUs) by age band.
@Suite struct ParadoxPropertyTests {
  static let concern = Indicator(variable: "concern_data_use", values: ["4", "5"])
  static let settings = Indicator(variable: "protect_settings", values: ["1"])
  static let cookies = Indicator(variable: "protect_cookies", values: ["1"])

  func survey() throws -> Survey {
    try Survey(fixtureCSV: fixtureURL("paradox/paradox.csv").path)
      .markingMissing(codesByVariable: ["concern_data_use": ["9"]])
  }

  func design(_ survey: Survey) throws -> SurveyDesign {
    try SurveyDesign(survey, weights: "w", strata: "stratum", clusters: "psu")
  }

  @Test(arguments: [IntervalMethod.logit, .beta])
  func anItemComparedWithItselfHasNoGap(method: IntervalMethod) throws {
    let analysis = try design(survey()).paradox(
      ParadoxDefinition(concern: Self.concern, actions: [Self.concern]), by: ["age_band"], method: method)
    for result in [analysis.overall] + analysis.domains {
      #expect(result.gap.estimate == 0, "\(result.domain)")
      #expect(result.gap.standardError == 0, "\(result.domain)")
      #expect(result.gap.confidenceInterval.lower == 0 && result.gap.confidenceInterval.upper == 0)
      #expect(result.paradoxShare.estimate == 0 && result.paradoxShare.standardError == 0)
      #expect(result.inactionGivenConcern.estimate == 0 && result.inactionGivenConcern.standardError == 0)
      #expect(result.mcnemarCounts == McNemarCounts(concernedNotActing: 0, actingNotConcerned: 0))
      #expect(result.concerned == result.acting)
      // 0/0: no test is possible, as R's t = 0/0 gives NaN.
      #expect(result.gap.pValue.isNaN)
    }
    for comparison in analysis.comparisons {
      #expect(comparison.difference.estimate == 0 && comparison.difference.standardError == 0)
    }
    #expect(analysis.comparisons.count == 20)
  }

  @Test func swappingConcernAndActionNegatesTheGap() throws {
    let design = try design(survey())
    let forward = try design.paradox(
      ParadoxDefinition(concern: Self.concern, actions: [Self.settings]), by: ["age_band"])
    let backward = try design.paradox(
      ParadoxDefinition(concern: Self.settings, actions: [Self.concern]), by: ["age_band"])
    #expect(forward.domains.count == 5 && backward.domains.count == 5)
    for (a, b) in zip([forward.overall] + forward.domains, [backward.overall] + backward.domains) {
      #expect(a.domain == b.domain)
      #expect(b.gap.estimate == -a.gap.estimate, "\(a.domain)")
      #expect(b.gap.standardError == a.gap.standardError, "\(a.domain)")
      #expect(b.gap.confidenceInterval.lower == -a.gap.confidenceInterval.upper)
      #expect(b.gap.confidenceInterval.upper == -a.gap.confidenceInterval.lower)
      #expect(b.gap.tStatistic == -a.gap.tStatistic)
      #expect(b.gap.pValue == a.gap.pValue)
      #expect(b.concerned == a.acting && b.acting == a.concerned)
      #expect(b.mcnemarCounts.concernedNotActing == a.mcnemarCounts.actingNotConcerned)
      #expect(b.mcnemarCounts.actingNotConcerned == a.mcnemarCounts.concernedNotActing)
      // The 2×2 association is symmetric in its two variables.
      #expect(relativeDifference(b.phi.estimate, a.phi.estimate) < 1e-14)
      #expect(relativeDifference(b.phi.standardError, a.phi.standardError) < 1e-12)
      #expect(b.oddsRatio.estimate == a.oddsRatio.estimate)
      #expect(relativeDifference(b.oddsRatio.logStandardError, a.oddsRatio.logStandardError) < 1e-12)
    }
    let forwardGaps = forward.comparisons.filter { $0.measure == .gap }
    let backwardGaps = backward.comparisons.filter { $0.measure == .gap }
    for (a, b) in zip(forwardGaps, backwardGaps) {
      #expect(relativeDifference(b.difference.estimate, -a.difference.estimate) < 1e-12)
      #expect(relativeDifference(b.difference.standardError, a.difference.standardError) < 1e-12)
    }
  }

  /// Multiplying every weight by 1000/7 changes nothing but rounding: every number of the analysis
  /// agrees to 1e-12 relative (R would agree to the same rounding).
  @Test(arguments: IntervalMethod.allCases)
  func scalingAllWeightsLeavesEveryEstimateUnchanged(method: IntervalMethod) throws {
    let original = try survey()
    var scaled = original
    let weights = try design(original).weights
    scaled.setVariable(Variable(name: "w", numbers: weights.map { $0 * 1000 / 7 }))
    let definition = ParadoxDefinition(concern: Self.concern, actions: [Self.settings, Self.cookies])
    #expect(relativeDifference(try design(scaled).weightTotal, try design(original).weightTotal * 1000 / 7) < 1e-14)
    let a = try design(original).paradox(definition, by: ["age_band"], method: method, level: 0.9)
    let b = try design(scaled).paradox(definition, by: ["age_band"], method: method, level: 0.9)
    let numbersA = a.allNumbers, numbersB = b.allNumbers
    #expect(numbersA.count == numbersB.count)
    #expect(numbersA.count == 6 * 42 + 20 * 7)  // 6 results × 42 numbers, 20 comparisons × 7
    for ((label, x), (_, y)) in zip(numbersA, numbersB) {
      if x.isNaN { #expect(y.isNaN, "\(label)"); continue }
      #expect(relativeDifference(y, x) < 1e-12, "\(label): \(x) with the original weights, \(y) scaled")
    }
  }

  @Test func allOfTheActionsAndAnyOfThemAreCountedOnTheRightRespondents() throws {
    // "at least 2 of 2" is "both"; "at least 1 of 2" is "either".
    let survey = try survey()
    let design = try design(survey)
    let both = try design.paradox(ParadoxDefinition(concern: Self.concern, actions: [Self.settings, Self.cookies], minimumActions: 2))
    let either = try design.paradox(ParadoxDefinition(concern: Self.concern, actions: [Self.settings, Self.cookies]))
    let settings = try survey.variable(named: "protect_settings").categorical
    let cookies = try survey.variable(named: "protect_cookies").categorical
    let concern = try survey.variable(named: "concern_data_use").categorical
    var bothWeight = 0.0, eitherWeight = 0.0, total = 0.0
    for row in 0..<survey.respondentCount {
      guard let s = settings.value(at: row), let c = cookies.value(at: row), concern.value(at: row) != nil else { continue }
      total += design.weights[row]
      if s == "1" && c == "1" { bothWeight += design.weights[row] }
      if s == "1" || c == "1" { eitherWeight += design.weights[row] }
    }
    #expect(relativeDifference(both.overall.acting.estimate, bothWeight / total) < 1e-13)
    #expect(relativeDifference(either.overall.acting.estimate, eitherWeight / total) < 1e-13)
    #expect(both.definition.actingDescription == "protect_settings in {1} and protect_cookies in {1}")
    #expect(either.definition.actingDescription == "protect_settings in {1} or protect_cookies in {1}")
  }
}

extension ParadoxAnalysis {
  /// Every number of the analysis with a label, in a fixed order.
  var allNumbers: [(String, Double)] {
    var numbers: [(String, Double)] = []
    func add(_ label: String, _ estimate: IntervalEstimate) {
      numbers += [
        (label, estimate.estimate), (label + " SE", estimate.standardError),
        (label + " lower", estimate.confidenceInterval.lower), (label + " upper", estimate.confidenceInterval.upper),
        (label + " df", Double(estimate.degreesOfFreedom)),
      ]
    }
    for result in [overall] + domains {
      let name = "\(result.domain)"
      add(name + " concerned", result.concerned)
      add(name + " acting", result.acting)
      add(name + " paradox share", result.paradoxShare)
      add(name + " inaction", result.inactionGivenConcern)
      add(name + " phi", result.phi)
      add(name + " gap", result.gap.interval)
      numbers += [(name + " gap p", result.gap.pValue), (name + " gap t", result.gap.tStatistic)]
      numbers += [
        (name + " OR", result.oddsRatio.estimate), (name + " OR SE", result.oddsRatio.standardError),
        (name + " OR lower", result.oddsRatio.confidenceInterval.lower),
        (name + " OR upper", result.oddsRatio.confidenceInterval.upper),
        (name + " b", Double(result.mcnemarCounts.concernedNotActing)),
        (name + " c", Double(result.mcnemarCounts.actingNotConcerned)),
      ]
      numbers += result.cellShares.map { (name + " cell", $0) }
    }
    for comparison in comparisons {
      let name = "\(comparison.measure) \(comparison.first) vs \(comparison.second)"
      add(name, comparison.difference)
      numbers += [(name + " p", comparison.pValue), (name + " Holm", comparison.holmAdjustedPValue)]
    }
    return numbers
  }
}
