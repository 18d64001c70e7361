import Foundation
import Testing

@testable import SurveyMarkdown
@testable import SurveyStatistics

/// Complementary suppression: no hidden cell of a table can be worked out from its total and its
/// other cells. ``SuppressionAudit`` tries every subtraction on the committed reports and on tables
/// made from a small synthetic survey.
@Suite struct SecondarySuppressionTests {
  // MARK: The rule

  @Test func aLoneHiddenCellTakesTheSmallestShownCellWithIt() {
    // reports/privacy-paradox.md before the rule: 18–24, 104 = 2 ‡ + 18 + 20 + 44 + 20.
    let hidden = ComplementarySuppression.hidden(
      sizes: [2, 18, 20, 44, 20], primary: [0], lines: [[0, 1, 2, 3, 4]], minimumHiddenTotal: 10)
    #expect(hidden == [0, 1])
  }

  @Test func hiddenCellsMustNotHoldAFewRespondentsTogether() {
    // 1 + 3 hidden: the base minus the rest says 4 respondents gave one of the two answers.
    let hidden = ComplementarySuppression.hidden(
      sizes: [1, 3, 40, 50], primary: [0, 1], lines: [[0, 1, 2, 3]], minimumHiddenTotal: 10)
    #expect(hidden == [0, 1, 2])
    // 5 + 8 hidden hold 13: nothing more to hide.
    #expect(ComplementarySuppression.hidden(
      sizes: [5, 8, 40, 50], primary: [0, 1], lines: [[0, 1, 2, 3]], minimumHiddenTotal: 10) == [0, 1])
  }

  @Test func aComplementCanBreakAnotherLine() {
    // Rows [0 1] and [2 3], columns [0 2] and [1 3]: hiding 0 hides 1 (its row), which leaves
    // column [1 3] with one hidden cell, so 3 goes too; then row [2 3] hides 2.
    let hidden = ComplementarySuppression.hidden(
      sizes: [2, 30, 40, 50], primary: [0], lines: [[0, 1], [2, 3], [0, 2], [1, 3]], minimumHiddenTotal: 10)
    #expect(hidden == [0, 1, 2, 3])
  }

  @Test func nothingIsHiddenWithoutAPrimaryCell() {
    #expect(ComplementarySuppression.hidden(
      sizes: [20, 30], primary: [], lines: [[0, 1]], minimumHiddenTotal: 10).isEmpty)
  }

  // MARK: The audit can fail

  @Test func theAuditRecoversTheCellOfTheOldPrivacyParadoxReport() {
    let before = """
      | Tranche d'âge | Answer | % | 95% CI | n | Base |
      | --- | --- | ---: | ---: | ---: | ---: |
      | 18 à 24 ans | Pas du tout d'accord | ‡ |  |  |  |
      | 18 à 24 ans | Plutôt pas d'accord | 15.8 | 9.8–24.3 | 18 | 104 |
      | 18 à 24 ans | Ni d'accord ni pas d'accord | 17.2 | 11.4–25.2 | 20 | 104 |
      | 18 à 24 ans | Plutôt d'accord | 44.5 | 32.9–56.7 | 44 | 104 |
      | 18 à 24 ans | Tout à fait d'accord | 20.4 | 12.4–31.5 | 20 | 104 |
      """
    let audit = SuppressionAudit(markdown: before)
    #expect(audit.findings.contains { $0.contains("104.0 − the other counts = 2.0 respondents") })
    #expect(audit.findings.contains { $0.contains("100 − the other percentages") })
  }

  @Test func theAuditReadsTheParadoxRelations() {
    let segments = """
      | Measure | Estimate | 95% CI |
      | --- | ---: | ---: |
      | Respondents with every answer | 400 |  |
      | Concerned | 80.0% | 76.0–84.0 |
      | Acting | 40.0% | 35.0–45.0 |

      | Variable | Group | n | Concerned % | Acting % | Gap, pts (95% CI) | Paradox share % | φ |
      | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
      | Region | North | 250 | 80.0 | 40.0 | +40.0 (30.0–50.0) | * | 0.10 |
      | Region | South | 144 | 81.0 | * | +30.0 (20.0–40.0) | 50.0 | 0.02 |
      | Region | Isle | ‡ |  |  |  |  |  |

      | Variable | Measure | Groups | Difference | 95% CI | Holm p |
      | --- | --- | --- | ---: | ---: | ---: |
      | Region | Paradox share | North − South | +3.0 pts | 1.0–5.0 | 0.010 |
      """
    let findings = SuppressionAudit(markdown: segments).findings
    #expect(findings.contains { $0.contains("group “Isle” has 400.0 − the other groups = 6.0") })
    #expect(findings.contains { $0.contains("North: φ and both shares give the paradox share") })
    #expect(findings.contains { $0.contains("South: the gap and one share give the other") })
    #expect(findings.contains { $0.contains("gives North's hidden Paradox share back") })
  }

  // MARK: The committed reports

  static let reports = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("reports")

  @Test(arguments: ["privacy-france-2025.md", "privacy-france-2025-fr.md", "privacy-paradox.md", "weighting-walkthrough.md"])
  func noHiddenCellOfAReportCanBeRecovered(_ name: String) throws {
    let text = try String(contentsOf: Self.reports.appendingPathComponent(name), encoding: .utf8)
    let audit = SuppressionAudit(markdown: text)
    #expect(audit.findings.isEmpty, "\(name): \(audit.findings.joined(separator: "; "))")
    #expect(audit.linesTried > 0)
    if name == "privacy-paradox.md" {
      // Five ‡ answers (one per age band), each with its complement.
      #expect(audit.hiddenCells == 10)
    }
  }

  // MARK: Tables of a synthetic survey

  /// 400 respondents in three regions (the isle has 6), an ordinal concern item, four yes/no
  /// behaviours, and a question whose answer "d" was given by 3 respondents, all in the south.
  static func survey() throws -> Survey {
    var state: UInt64 = 20_250_917
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let count = 400
    let regions = (0..<count).map { $0 < 250 ? "north" : ($0 < 394 ? "south" : "isle") }
    let other = (0..<count).map { index -> String in
      if [300, 310, 320].contains(index) { return "d" }
      return ["a", "b", "c"][next(3)]
    }
    var variables: [Variable] = [
      Variable(name: "w", numbers: (0..<count).map { _ in 1 + Double(next(100)) / 100 }),
      Variable(name: "region", categories: regions),
      Variable(name: "sex", categories: (0..<count).map { _ in ["F", "M"][next(2)] }),
      Variable(
        name: "concern_protection", values: .categorical(CategoricalValues((0..<count).map { _ in
          String([1, 2, 3, 4, 4, 4, 5, 5][next(8)])
        })), measurement: .ordinal),
      Variable(name: "opinion", categories: other),
    ]
    for name in ["prot_a", "prot_b", "prot_c", "prot_d"] {
      variables.append(Variable(
        name: name, values: .categorical(CategoricalValues((0..<count).map { _ in String(next(3) == 0 ? 1 : 0) })),
        measurement: .binary))
    }
    return try Survey(variables: variables)
  }

  static func audited(_ blocks: [Block]) -> SuppressionAudit {
    SuppressionAudit(markdown: Report(blocks: blocks).render())
  }

  @Test func aProportionTableHidesTheComplementOfASmallAnswer() throws {
    let design = try SurveyDesign(Self.survey(), weights: "w")
    let estimates = try design.proportions(of: "opinion", by: ["region"])
    let text = Report(blocks: estimates.blocks(PresentationStyle())).render()
    let audit = SuppressionAudit(markdown: text)
    #expect(audit.findings.isEmpty, "\(audit.findings)")
    // The isle: every answer (6 respondents). The north: "d" (no one) and "a", its smallest
    // complement; the south: "d" (3 respondents) and "a".
    #expect(text.contains("""
      | north | a | ‡ |  |  |  |
      | north | b | 32.7 | 27.1–38.9 | 83 | 250 |
      | north | c | 34.2 | 28.4–40.4 | 86 | 250 |
      | north | d | ‡ |  |  |  |
      | south | a | ‡ |  |  |  |
      | south | b | 33.9 | 26.5–42.2 | 50 | 144 |
      | south | c | 32.7 | 25.4–41.1 | 47 | 144 |
      | south | d | ‡ |  |  |  |
      """))
    #expect(text.contains("or hidden so that no cell left out can be worked out from the total and the other cells."))
    #expect(audit.hiddenCells == 4 + 2 + 2)
  }

  @Test func aCrossTabHidesTheComplementDownTheColumn() throws {
    let design = try SurveyDesign(Self.survey(), weights: "w")
    let crossTab = try design.crossTab(row: "opinion", column: "region")
    let text = Report(blocks: crossTab.blocks(PresentationStyle())).render()
    let audit = SuppressionAudit(markdown: text)
    #expect(audit.findings.isEmpty, "\(audit.findings)")
    #expect(text.contains("""
      | Answer (column %) | isle | north | south |
      | --- | ---: | ---: | ---: |
      | a | ‡ | ‡ | ‡ |
      | b | ‡ | 32.7 | 33.9 |
      | c | ‡ | 34.2 | 32.7 |
      | d | ‡ | ‡ | ‡ |
      | n | ‡ | 250 | 144 |
      """))
  }

  @Test func theParadoxTableHidesTheRespondentsOfTheNextSmallestGroup() throws {
    let design = try SurveyDesign(Self.survey(), weights: "w")
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concern_protection", values: ["4", "5"]),
      actions: ["prot_a", "prot_b", "prot_c", "prot_d"].map { Indicator(variable: $0, values: ["1"]) },
      minimumActions: 2)
    let analysis = try design.paradox(definition, by: ["region"])
    let text = Report(blocks: analysis.blocks(PresentationStyle())).render()
    let audit = SuppressionAudit(markdown: text)
    #expect(audit.findings.isEmpty, "\(audit.findings)")
    #expect(text.contains("| region | isle | ‡ |"))
    #expect(text.contains("| region | south | ‡ | "))
    #expect(text.contains("or hidden so that the respondents of a group left out cannot be worked out"))
  }

  @Test(arguments: [ReportLanguage.english, .french])
  func aWholeReportOfTheSyntheticSurveyIsSafe(_ language: ReportLanguage) throws {
    let report = try Report(
      survey: Self.survey(), declaration: DesignDeclaration(weights: "w"),
      options: SurveyReportOptions(language: language))
    let audit = SuppressionAudit(markdown: report.render())
    #expect(audit.findings.isEmpty, "\(audit.findings)")
    #expect(audit.hiddenCells > 0)
  }
}
