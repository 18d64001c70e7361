import Testing

@testable import SurveyMarkdown
@testable import SurveyStatistics

/// A report on a survey whose variable names follow no convention (`q1`, `q2`, …): the codebook's
/// roles give its blocks and its paradox; without roles it reports every labelled question.
@Suite struct QuestionRoleReportTests {
  /// 120 respondents: a concern scale `q1` (5 = "don't know", 9 = refused), two yes/no actions
  /// `q2`, `q3` (9 = not asked), a trust question `q4`; weights 1 and 2.
  static func survey() throws -> Survey {
    let count = 120
    return try Survey(variables: [
      Variable(name: "w", numbers: (0..<count).map { $0 % 3 == 0 ? 2 : 1 }),
      Variable(name: "q1", categories: (0..<count).map { ["1", "2", "3", "4", "1", "2", "5", "9", "2", "1"][$0 % 10] }),
      Variable(name: "q2", categories: (0..<count).map { ["1", "2", "2", "1", "9", "1", "2"][$0 % 7] }),
      Variable(name: "q3", categories: (0..<count).map { ["2", "1", "2", "9", "2"][$0 % 5] }),
      Variable(name: "q4", categories: (0..<count).map { ["1", "2", "3", "2"][$0 % 4] }),
    ])
  }

  static func codebook(roles: Bool) -> Codebook {
    let yesNo: [Codebook.Category] = [.init(value: "1", label: "Yes"), .init(value: "2", label: "No"), .init(value: "9", label: "Inap.")]
    var concern = Codebook.Entry(
      name: "q1", label: "How concerned are you about your personal data?", measurement: .ordinal,
      categories: [
        .init(value: "1", label: "Very concerned"), .init(value: "2", label: "Fairly concerned"),
        .init(value: "3", label: "Not very concerned"), .init(value: "4", label: "Not at all concerned"),
        .init(value: "5", label: "DK"), .init(value: "9", label: "Refusal"),
      ])
    concern.dontKnowCodes = ["5"]
    concern.refusedCodes = ["9"]
    var settings = Codebook.Entry(name: "q2", label: "Changed privacy settings", measurement: .categorical, categories: yesNo)
    settings.notApplicableCodes = ["9"]
    var cookies = Codebook.Entry(name: "q3", label: "Deleted cookies", measurement: .categorical, categories: yesNo)
    cookies.notApplicableCodes = ["9"]
    let trust = Codebook.Entry(
      name: "q4", label: "Do you trust online shops?", measurement: .categorical,
      categories: [.init(value: "1", label: "Yes"), .init(value: "2", label: "No"), .init(value: "3", label: "DK")])
    var codebook = Codebook(variables: [concern, settings, cookies, trust])
    codebook.variables[3].dontKnowCodes = ["3"]
    if roles {
      codebook.variables[0].role = .concern
      codebook.variables[1].role = .behaviour
      codebook.variables[2].role = .behaviour
      codebook.variables[3].role = .trust
    }
    return codebook
  }

  static func report(roles: Bool, language: ReportLanguage) throws -> String {
    let codebook = codebook(roles: roles)
    let report = try Report(
      survey: survey().applying(codebook), declaration: DesignDeclaration(weights: "w"), codebook: codebook,
      options: SurveyReportOptions(language: language, provenance: ReportProvenance(
        software: "confiance 9.9", command: "confiance report s.csv --force")))
    return report.render()
  }

  @Test func rolesGiveTheBlocksAndTheParadox() throws {
    let text = try Self.report(roles: true, language: .english)
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
    #expect(headings.contains("## Trust"))
    #expect(headings.contains("## Concern"))
    #expect(headings.contains("## Protective behaviours"))
    #expect(headings.contains("## The privacy paradox"))
    #expect(!headings.contains("## Questions"))
    #expect(text.contains("Not in this survey, so not reported: Willingness to share data."))
    assertSnapshot(text, named: "question-roles.md")
    assertSnapshot(try Self.report(roles: true, language: .french), named: "question-roles-fr.md")
  }

  @Test func withoutRolesEveryLabelledQuestionIsReported() throws {
    let text = try Self.report(roles: false, language: .english)
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") || $0.hasPrefix("### ") }.map(String.init)
    #expect(headings.contains("## Questions"))
    #expect(!text.contains("Not in this survey, so not reported"))
    #expect(text.contains("## The privacy paradox"))  // says why it is not computed
    let toplines = headings.drop { $0 != "## Toplines" }.filter { $0.hasPrefix("### ") }
    #expect(toplines == [
      "### How concerned are you about your personal data?", "### Changed privacy settings", "### Deleted cookies",
      "### Do you trust online shops?",
    ])
    // "DK" is a row of q1 and q4; refusals and those not asked are out of the base, and said so.
    #expect(text.components(separatedBy: "\n| DK |").count - 1 >= 2)
    #expect(!text.contains("| Refusal |"))
    #expect(!text.contains("| Inap. |"))
    #expect(text.contains("(no answer or refused)"))
    #expect(text.contains("(no answer or not asked: routed past the question)"))
    assertSnapshot(text, named: "question-no-roles.md")
    assertSnapshot(try Self.report(roles: false, language: .french), named: "question-no-roles-fr.md")
  }

  /// The codebook's `paradox:` block works on names that follow no convention, without roles.
  @Test func theParadoxBlockNeedsNoRoles() throws {
    var codebook = Self.codebook(roles: false)
    codebook.paradox = ParadoxDefinition(
      concern: Indicator(variable: "q1", values: ["1", "2"]),
      actions: [Indicator(variable: "q2", values: ["1"]), Indicator(variable: "q3", values: ["1"])], minimumActions: 1)
    let report = try Report(
      survey: Self.survey().applying(codebook), declaration: DesignDeclaration(weights: "w"), codebook: codebook,
      options: SurveyReportOptions(language: .english, provenance: ReportProvenance(software: "confiance 9.9", command: "c")))
    let text = report.render()
    #expect(text.contains("## The privacy paradox"))
    #expect(!text.contains("not computed"))
  }

  /// The toplines' "don't know" row: its share of everyone who answered, the base including it.
  @Test func dontKnowIsARowAndInTheBase() throws {
    let codebook = Self.codebook(roles: true)
    let design = try SurveyDesign(try Self.survey().applying(codebook), weights: "w")
    let shares = try design.proportions(of: "q1")
    // 12 of every 120 answer 9 (refused): out of the base; 12 answer 5 ("don't know"): in it.
    #expect(shares.first?.domainRespondents == 108)
    let dontKnow = try #require(shares.first { $0.category == "5" })
    #expect(dontKnow.respondents == 12)
    // Weights: rows 0, 3, 6, … weigh 2; the "5" rows are 6, 16, 26, …: 6, 36, 66, 96 weigh 2.
    let weightTotal = (0..<120).filter { $0 % 10 != 7 }.reduce(0.0) { $0 + ($1 % 3 == 0 ? 2 : 1) }
    let dontKnowWeight = (0..<120).filter { $0 % 10 == 6 }.reduce(0.0) { $0 + ($1 % 3 == 0 ? 2 : 1) }
    #expect(abs(dontKnow.proportion - dontKnowWeight / weightTotal) < 1e-12)
  }
}
