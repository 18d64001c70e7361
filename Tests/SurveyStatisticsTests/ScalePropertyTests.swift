import Foundation
import SurveyStatistics
import Testing

/// Properties every scale analysis must have: invariance to the scale of the weights, the effect of
/// reversing every item, and agreement with the plain estimators it is built from.
@Suite struct ScalePropertyTests {
  static let survey: Survey = try! Survey(fixtureCSV: fixtureURL("crosstabs/privacy.csv").path)
  static let trust = ScaleDefinition(
    items: ["trust1", "trust2", "trust3", "trust4"], reversedItems: ["trust3"], range: 1...5)

  func design(_ survey: Survey = Self.survey, weights: String = "w") throws -> SurveyDesign {
    try SurveyDesign(survey, weights: weights, strata: "stratum", clusters: "psu")
  }

  @Test func scalingAllWeightsChangesNothing() throws {
    var survey = Self.survey
    survey.setVariable(Variable(name: "w_scaled", numbers: try design().weights.map { $0 * 0.001 }))
    let original = try design().scaleAnalysis(Self.trust, by: ["sex"])
    let scaled = try design(survey, weights: "w_scaled").scaleAnalysis(Self.trust, by: ["sex"])
    for (a, b) in zip([original.overall] + original.domains, [scaled.overall] + scaled.domains) {
      #expect(relativeDifference(b.score.mean, a.score.mean) < 1e-12)
      #expect(relativeDifference(b.score.standardError, a.score.standardError) < 1e-10)
      let reliabilityA = try #require(a.reliability), reliabilityB = try #require(b.reliability)
      #expect(reliabilityB.alpha == reliabilityA.alpha)
      #expect(relativeDifference(reliabilityB.weightedAlpha, reliabilityA.weightedAlpha) < 1e-12)
      for (itemA, itemB) in zip(a.items, b.items) {
        #expect(relativeDifference(itemB.topBox!.proportion, itemA.topBox!.proportion) < 1e-12)
      }
    }
  }

  @Test func reversingEveryItemMirrorsTheScoreAndKeepsAlpha() throws {
    let mirrored = ScaleDefinition(
      items: Self.trust.items, reversedItems: ["trust1", "trust2", "trust4"], range: 1...5)
    let a = try design().scaleAnalysis(Self.trust)
    let b = try design().scaleAnalysis(mirrored)
    #expect(abs(b.overall.score.mean - (6 - a.overall.score.mean)) < 1e-12)
    #expect(relativeDifference(b.overall.score.standardError, a.overall.score.standardError) < 1e-10)
    #expect(relativeDifference(b.overall.reliability!.alpha, a.overall.reliability!.alpha) < 1e-12)
    #expect(relativeDifference(b.overall.reliability!.weightedAlpha, a.overall.reliability!.weightedAlpha) < 1e-12)
    // The top box of an item becomes the bottom box of its mirror.
    #expect(relativeDifference(b.overall.items[0].bottomBox!.proportion, a.overall.items[0].topBox!.proportion) < 1e-12)
  }

  @Test func aSingleItemIsTheMeanAndTheProportionsOfTheItem() throws {
    let design = try design()
    let analysis = try design.scaleAnalysis(ScaleDefinition(items: ["trust1"], range: 1...5), by: ["sex"])
    let means = try design.means(of: "trust1", by: ["sex"])
    #expect(analysis.overall.reliability == nil)
    // The scale is finished from its group sums (added up by PSU), `means` row by row: the same
    // numbers but for the order of the additions. Within the scale, the score of one item and the
    // item's mean come from the same sums: equal to the last bit.
    for (summary, mean) in zip(analysis.domains, means) {
      #expect(summary.score.mean == summary.items[0].mean!.mean)
      #expect(summary.score.standardError == summary.items[0].mean!.standardError)
      #expect(relativeDifference(summary.score.mean, mean.mean) < 1e-13)
      #expect(relativeDifference(summary.score.standardError, mean.standardError) < 1e-12)
    }
    // Top-2 box of a 1–5 item = the shares of 4 and 5.
    let shares = try design.proportions(of: "trust1")
    let top = shares.filter { ["4", "5"].contains($0.category) }.reduce(0) { $0 + $1.proportion }
    #expect(abs(analysis.overall.items[0].topBox!.proportion - top) < 1e-12)
  }

  @Test func aBoxWiderThanTheScaleIsRefused() throws {
    #expect(throws: DerivedVariableError.invalidBoxSize(boxSize: 6, lowest: 1, highest: 5)) {
      try design().scaleAnalysis(Self.trust, boxSize: 6)
    }
  }
}
