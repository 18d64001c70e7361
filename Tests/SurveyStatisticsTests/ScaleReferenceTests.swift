import Foundation
import SurveyStatistics
import Testing

/// Scale scores, reliability, item means and top/bottom-box shares against R survey 4.1
/// (`Fixtures/crosstabs/make-crosstabs.R`), and the Westin segmentation.
@Suite struct ScaleReferenceTests {
  /// Estimates, standard errors, α and correlations: 1e-9 relative.
  static let estimateTolerance = 1e-9
  /// Interval bounds: 1e-7 relative.
  static let boundTolerance = 1e-7

  static var caseNames: [String] { CrossTabReference.shared.scales.map(\.name) }

  let compare = ReferenceComparison(log: DifferenceLog.shared)

  func definition(_ testCase: CrossTabReference.ScaleCase) -> ScaleDefinition {
    ScaleDefinition(
      items: testCase.items, reversedItems: testCase.reverse, range: testCase.range[0]...testCase.range[1],
      minimumAnsweredItems: testCase.minItems)
  }

  @Test(arguments: caseNames)
  func matchesR(caseName: String) throws {
    let testCase = CrossTabReference.shared.scales.first { $0.name == caseName }!
    let design = try testCase.design.make(data: testCase.data, missingCodes: testCase.missingCodes)
    let scale = definition(testCase)

    let scores = try design.survey.scaleScores(scale)
    for (row, expected) in testCase.scoresHead.enumerated() {
      #expect(scores[row] == expected, "\(caseName) score of row \(row + 1)")
    }

    let method = try #require(IntervalMethod(name: testCase.method))
    let analysis = try design.scaleAnalysis(
      scale, by: testCase.by, boxSize: testCase.box, method: method, level: testCase.level)
    #expect(analysis.range == testCase.range[0]...testCase.range[1])
    compareSummary(analysis.overall, testCase.overall, label: caseName)
    #expect(analysis.domains.map(\.domain.dictionary) == testCase.domains.map(\.domain), "\(caseName) domains")
    for (summary, expected) in zip(analysis.domains, testCase.domains) {
      compareSummary(summary, expected, label: "\(caseName) \(summary.domain)")
    }
    print("Largest relative differences to R so far:\n" + DifferenceLog.shared.summary)
  }

  private func compareSummary(_ summary: ScaleSummary, _ expected: CrossTabReference.ScaleDomain, label: String) {
    compareMean("scale score", summary.score, expected.score, label)
    if expected.alpha != nil {
      let reliability = summary.reliability
      #expect(reliability?.respondents == expected.completeRespondents, "\(label) complete respondents")
      compare.check("Cronbach alpha", reliability?.alpha, expected.alpha, tolerance: Self.estimateTolerance, label)
      compare.check("weighted alpha (svycralpha)", reliability?.weightedAlpha, expected.weightedAlpha,
                    tolerance: Self.estimateTolerance, label)
    } else {
      #expect(summary.reliability == nil, "\(label): no reliability for a single item")
    }
    #expect(summary.items.map(\.item) == expected.items.map(\.item), "\(label) items")
    for (index, (item, expectedItem)) in zip(summary.items, expected.items).enumerated() {
      let itemLabel = "\(label) \(item.item)"
      #expect(item.isReversed == expectedItem.reversed, "\(itemLabel) reversed")
      guard let mean = item.mean, let top = item.topBox, let bottom = item.bottomBox else {
        Issue.record("\(itemLabel): missing item estimates")
        continue
      }
      compareMean("item mean", mean, expectedItem.mean, itemLabel)
      compareBox("top box", top, expectedItem.topBox, itemLabel)
      compareBox("bottom box", bottom, expectedItem.bottomBox, itemLabel)
      if let reliability = summary.reliability {
        compare.check("item-total correlation", reliability.itemTotalCorrelations[index],
                      expectedItem.itemTotalCorrelation, tolerance: Self.estimateTolerance, itemLabel)
        compare.check("weighted item-total correlation", reliability.weightedItemTotalCorrelations[index],
                      expectedItem.weightedItemTotalCorrelation, tolerance: Self.estimateTolerance, itemLabel)
        compare.check("alpha if item deleted", reliability.alphaIfDeleted[index] ?? nil,
                      expectedItem.alphaIfDeleted, tolerance: Self.estimateTolerance, itemLabel)
      }
    }
  }

  private func compareMean(
    _ quantity: String, _ estimate: MeanEstimate, _ expected: CrossTabReference.Share, _ label: String
  ) {
    compare.check(quantity, estimate.mean, expected.estimate, tolerance: Self.estimateTolerance, label)
    compare.check("\(quantity) SE", estimate.standardError, expected.standardError,
                  tolerance: Self.estimateTolerance, label)
    compare.check("\(quantity) design effect", estimate.designEffect, expected.designEffect,
                  tolerance: Self.estimateTolerance, label)
    #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(label) \(quantity) df")
    #expect(estimate.respondents == expected.respondents, "\(label) \(quantity) respondents")
    if let bounds = expected.ci {
      compare.check("\(quantity) bound", estimate.confidenceInterval.lower, bounds[0],
                    tolerance: Self.boundTolerance, label)
      compare.check("\(quantity) bound", estimate.confidenceInterval.upper, bounds[1],
                    tolerance: Self.boundTolerance, label)
    }
  }

  private func compareBox(
    _ quantity: String, _ estimate: ProportionEstimate, _ expected: CrossTabReference.Share, _ label: String
  ) {
    compare.check(quantity, estimate.proportion, expected.estimate, tolerance: Self.estimateTolerance, label)
    compare.check("\(quantity) SE", estimate.standardError, expected.standardError,
                  tolerance: Self.estimateTolerance, label)
    #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(label) \(quantity) df")
    if let rows = expected.designRows { #expect(estimate.designRows == rows, "\(label) \(quantity) design rows") }
    if let bounds = expected.referenceBounds {
      compare.check("\(quantity) bound", estimate.confidenceInterval.lower, bounds[0],
                    tolerance: Self.boundTolerance, label)
      compare.check("\(quantity) bound", estimate.confidenceInterval.upper, bounds[1],
                    tolerance: Self.boundTolerance, label)
    }
  }

  // MARK: Westin

  @Test func westinSegmentsFollowThePublishedRule() throws {
    let westin = CrossTabReference.shared.westin
    let survey = try Survey(fixtureCSV: fixtureURL("crosstabs/" + westin.data).path)
    let segmentation = WestinSegmentation(
      lostControl: westin.items[0], businessesProper: westin.items[1], lawsProtect: westin.items[2])
    let segment = try survey.westinSegments(segmentation, named: "westin_segment")
    let values = (0..<survey.respondentCount).map { segment.categorical.value(at: $0) }
    #expect(values == westin.segments)
    #expect(segment.missingCount == westin.missing)
    let counts = segment.categorical.levelCounts()
    for (category, count) in westin.counts {
      let level = try #require(segment.categorical.levels.firstIndex(of: category))
      #expect(counts[level] == count, "\(category)")
    }
  }

  @Test func westinSegmentSharesMatchR() throws {
    let westin = CrossTabReference.shared.westin
    var survey = try Survey(fixtureCSV: fixtureURL("crosstabs/" + westin.data).path)
    survey = try survey.addingDerivedVariables([
      DerivedVariable(name: "westin_segment", definition: .westinSegment(WestinSegmentation(
        lostControl: westin.items[0], businessesProper: westin.items[1], lawsProtect: westin.items[2]))),
    ])
    let design = try SurveyDesign(survey, weights: "w", strata: "stratum", clusters: "psu")
    let overall = try design.proportions(of: "westin_segment")
    #expect(overall.map(\.category) == westin.overall.map(\.category))
    for (estimate, expected) in zip(overall, westin.overall) {
      compare.check("Westin share", estimate.proportion, expected.proportion, tolerance: Self.estimateTolerance, expected.category)
      compare.check("Westin share SE", estimate.standardError, expected.standardError,
                    tolerance: Self.estimateTolerance, expected.category)
    }
    let bySex = try design.proportions(of: "westin_segment", by: ["sex"])
    for domain in westin.bySex {
      for expected in domain.estimates {
        let estimate = try #require(bySex.first { $0.domain.dictionary == domain.domain && $0.category == expected.category })
        compare.check("Westin share", estimate.proportion, expected.proportion, tolerance: Self.estimateTolerance, expected.category)
        compare.check("Westin share SE", estimate.standardError, expected.standardError,
                      tolerance: Self.estimateTolerance, expected.category)
      }
    }
  }
}
