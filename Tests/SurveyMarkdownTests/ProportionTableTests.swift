import Testing

@testable import SurveyMarkdown
@testable import SurveyStatistics

/// Tables of proportions: disclosure, NCHS flags and their notes, labels, languages.
@Suite struct ProportionTableTests {
  static func estimate(
    _ category: String, _ label: String, proportion: Double, standardError: Double, respondents: Int,
    base: Int, degreesOfFreedom: Int = 40, domain: Domain = .wholeSample
  ) -> ProportionEstimate {
    ProportionEstimate(
      variable: "prot_vpn", category: category, categoryLabel: label, domain: domain, proportion: proportion,
      standardError: standardError,
      confidenceInterval: ConfidenceInterval(
        lower: proportion - 2 * standardError, upper: proportion + 2 * standardError, method: .logit, level: 0.95),
      respondents: respondents, domainRespondents: base, designRows: base, degreesOfFreedom: degreesOfFreedom,
      designEffect: 1.2, effectiveSampleSize: Double(base) / 1.2, weightTotal: Double(base))
  }

  static let estimates = [
    // Presented.
    estimate("1", "Oui", proportion: 0.42, standardError: 0.015, respondents: 420, base: 1000),
    // Effective sample size 0.05·0.95/0.04² ≈ 30 → with the df adjustment below 30: suppressed.
    estimate("2", "Parfois", proportion: 0.05, standardError: 0.04, respondents: 50, base: 1000),
    // Fewer than 8 degrees of freedom: review.
    estimate("3", "Rarement", proportion: 0.30, standardError: 0.01, respondents: 300, base: 1000, degreesOfFreedom: 5),
    // Five respondents: never printed.
    estimate("4", "Jamais", proportion: 0.005, standardError: 0.002, respondents: 5, base: 1000),
  ]

  @Test func flagsAndNotes() {
    let text = Report(blocks: ProportionTable(Self.estimates).blocks).render()
    #expect(text.contains("| Oui | 42.0 | 39.0–45.0 | 420 | 1,000 |"))
    #expect(text.contains("| Parfois | * |  |  |  |"))
    #expect(text.contains("| Rarement | 30.0† | 28.0–32.0 | 300 | 1,000 |"))
    #expect(text.contains("| Jamais | ‡ |  |  |  |"))
    #expect(text.contains("\\* Not shown: unreliable by the NCHS Data Presentation Standards for Proportions"))
    #expect(text.contains("† Interpret with care (NCHS statistical review)"))
    #expect(text.contains("‡ Not shown: fewer than 10 respondents (disclosure rule)."))
  }

  @Test func snapshotInFrench() {
    let table = ProportionTable(Self.estimates, language: .french, minimumCellSize: 10)
    assertSnapshot(Report(blocks: table.blocks, language: .french).render(), named: "proportion-table-fr.md")
  }

  @Test func aThresholdOfOneShowsSmallButReliableCells() {
    let small = [Self.estimate("1", "Oui", proportion: 0.5, standardError: 0.01, respondents: 9, base: 2000)]
    #expect(Report(blocks: ProportionTable(small).blocks).render().contains("| Oui | ‡ |"))
    #expect(Report(blocks: ProportionTable(small, minimumCellSize: 5).blocks).render().contains("| Oui | 50.0 |"))
  }
}
