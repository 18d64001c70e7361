import Testing

@testable import SurveyMarkdown
@testable import SurveyStatistics

/// The group comparison table: letters from pairwise tests, Holm's adjustment over every pair of
/// the table, no letters for flagged shares, notes in English and French.
@Suite struct GroupComparisonTableTests {
  static func share(_ variable: String, _ group: String, _ proportion: Double, degreesOfFreedom: Int = 40) -> ProportionEstimate {
    let domain = Domain(levels: [.init(variable: variable, value: group)])
    return ProportionEstimate(
      variable: "prot_vpn#headline", category: "1", categoryLabel: nil, domain: domain, proportion: proportion,
      standardError: 0.02,
      confidenceInterval: ConfidenceInterval(
        lower: proportion - 0.04, upper: proportion + 0.04, method: .logit, level: 0.95),
      respondents: Int(proportion * 400), domainRespondents: 400, designRows: 400, degreesOfFreedom: degreesOfFreedom,
      designEffect: 1.2, effectiveSampleSize: 400 / 1.2, weightTotal: 400)
  }

  /// Comparisons with given p-values for the pairs (0, 1), (0, 2), (1, 2), …
  static func comparisons(_ variable: String, _ shares: [ProportionEstimate], pValues: [Double]) -> ShareComparisons {
    var pairs: [ShareDifference] = []
    for first in shares.indices {
      for second in shares.indices where second > first {
        let difference = shares[first].proportion - shares[second].proportion
        pairs.append(ShareDifference(
          first: first, second: second, firstDomain: shares[first].domain, secondDomain: shares[second].domain,
          difference: IntervalEstimate(
            estimate: difference, standardError: 0.03,
            confidenceInterval: ConfidenceInterval(lower: difference - 0.06, upper: difference + 0.06, method: .mean, level: 0.95),
            degreesOfFreedom: 40),
          tStatistic: difference / 0.03, pValue: pValues[pairs.count], holmAdjustedPValue: .nan, respondents: 800))
      }
    }
    return ShareComparisons(
      indicator: Indicator(variable: "prot_vpn#headline", values: ["1"]), groupVariable: variable, shares: shares,
      covariance: [], comparisons: pairs, degreesOfFreedom: 40, level: 0.95, design: nil)
  }

  static let age = comparisons(
    "age", [share("age", "young", 0.60), share("age", "middle", 0.40), share("age", "old", 0.45)],
    pValues: [0.001, 0.02, 0.5])
  static let sex = comparisons("sex", [share("sex", "F", 0.50), share("sex", "M", 0.52)], pValues: [0.3])

  static func table(_ variables: [(String, ShareComparisons)], language: ReportLanguage = .english) -> GroupComparisonTable {
    GroupComparisonTable(
      blocks: variables.map { label, comparisons in
        .init(label: label, comparisons: comparisons, groupLabels: comparisons.shares.map { $0.domain.levels[0].value })
      },
      cells: ProportionCells(language: language, minimumCellSize: 10, level: 0.95))
  }

  @Test func lettersNameTheSignificantlyLowerGroupsAfterHolmOverTheTable() {
    // Alone, the three age pairs: Holm gives 0.003, 0.04, 0.5 — young is above middle and old.
    let alone = Self.table([("Age", Self.age)]).significance()
    #expect(alone.tests == 3)
    #expect(alone.higherThan == [[[1, 2], [], []]])
    // With sex in the same table, four tests: 0.004, 0.06, 0.6, 0.6 — only middle is below young.
    let both = Self.table([("Age", Self.age), ("Sex", Self.sex)]).significance()
    #expect(both.tests == 4)
    #expect(both.higherThan == [[[1], [], []], [[], []]])
    let text = Report(blocks: Self.table([("Age", Self.age), ("Sex", Self.sex)]).rendered()).render()
    #expect(text.contains("| young | A | 60.0 | 56.0–64.0 | 400 | B |"))
    #expect(text.contains("| F | D | 50.0 | 46.0–54.0 | 400 |  |"))
    #expect(text.contains("p-values Holm-adjusted over the 4 comparisons of this table; significant below 5% after adjustment"))
  }

  @Test func aFlaggedShareHasNoLettersAndIsNotTested() {
    // Fewer than 8 degrees of freedom: NCHS review (†).
    let flagged = Self.comparisons(
      "age", [Self.share("age", "young", 0.60), Self.share("age", "middle", 0.40, degreesOfFreedom: 5), Self.share("age", "old", 0.45)],
      pValues: [0.001, 0.02, 0.5])
    let table = Self.table([("Age", flagged)])
    let significance = table.significance()
    #expect(significance.tests == 1)
    #expect(significance.higherThan == [[[2], [], []]])
    let text = Report(blocks: table.rendered()).render()
    #expect(text.contains("| middle | B | 40.0† | 36.0–44.0 | 400 | – |"))
    #expect(text.contains("– Not tested: the share is flagged or not shown"))
    #expect(text.contains("† Interpret with care"))
  }

  @Test func lettersFollowThePrintedOrderOfTheGroups() {
    // Printed old, young, middle: old is A, young B (higher than middle, C, and old, A).
    var table = Self.table([("Age", Self.age)])
    table.blocks[0].order = [2, 0, 1]
    let text = Report(blocks: table.rendered()).render()
    #expect(text.contains("| old | A | 45.0 | 41.0–49.0 | 400 |  |\n| young | B | 60.0 | 56.0–64.0 | 400 | A C |\n| middle | C |"))
  }

  @Test func lettersGoOnAfterZ() {
    #expect(GroupComparisonTable.letter(0) == "A")
    #expect(GroupComparisonTable.letter(25) == "Z")
    #expect(GroupComparisonTable.letter(26) == "AA")
    #expect(GroupComparisonTable.letter(27) == "AB")
  }

  @Test(arguments: [ReportLanguage.english, .french])
  func snapshot(language: ReportLanguage) {
    let text = Report(blocks: Self.table([("Age", Self.age), ("Sex", Self.sex)], language: language).rendered(), language: language)
      .render()
    assertSnapshot(text, named: language == .french ? "group-comparison-table-fr.md" : "group-comparison-table.md")
  }
}
