import Testing

@testable import SurveyMarkdown
@testable import SurveyStatistics

/// The paradox told honestly: the definition of acting in the headline, the share beside its
/// independence baseline and φ, the sensitivity to the threshold, the threshold from the codebook.
@Suite struct ParadoxReportingTests {
  static func report(codebook: Codebook? = nil, language: ReportLanguage = .english) throws -> String {
    let survey = try SecondarySuppressionTests.survey()
    return try Report(
      survey: survey, declaration: DesignDeclaration(weights: "w"), codebook: codebook,
      options: SurveyReportOptions(language: language)
    ).render()
  }

  static func lines(of text: String, under heading: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(of: heading) else { return [] }
    return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("#") })
  }

  @Test func theShareIsShownForEveryThresholdBesideItsBaseline() throws {
    let text = try Self.report()
    let rows = Self.lines(of: text, under: "### How the definition of acting changes the share").filter { $0.hasPrefix("| at least") }
    #expect(rows.count == 4)
    // Four behaviours: acting by default = at least half of them, 2.
    #expect(rows[1].hasPrefix("| at least 2 of 4 (this report) |"))
    // Each row: the share concerned and not acting, and P(concerned)·P(not acting) from the same analysis.
    let design = try SurveyDesign(SecondarySuppressionTests.survey(), weights: "w")
    for threshold in 1...4 {
      let definition = ParadoxDefinition(
        concern: Indicator(variable: "concern_protection", values: ["4", "5"]),
        actions: ["prot_a", "prot_b", "prot_c", "prot_d"].map { Indicator(variable: $0, values: ["1"]) },
        minimumActions: threshold)
      let overall = try design.paradox(definition).overall
      let numbers = NumberStyle(language: .english)
      let baseline = numbers.percentNumber(overall.concerned.estimate * (1 - overall.acting.estimate))
      let row = rows[threshold - 1]
      if row.contains("| * |") { continue }
      #expect(row.contains("| \(numbers.percentNumber(overall.paradoxShare.estimate)) |"), "\(row)")
      #expect(row.contains("| \(baseline) | \(numbers.decimal(overall.phi.estimate, digits: 2)) |"), "\(row)")
    }
    #expect(text.contains("**Against chance.**"))
    #expect(text.contains("If concern and action were unrelated"))
  }

  @Test func theHeadlineSaysWhatActingMeansAndEveryFindingIsShort() throws {
    let text = try Self.report()
    let findings = Self.lines(of: text, under: "## Key findings").filter { $0.hasPrefix("- ") }
    #expect(!findings.isEmpty)
    for finding in findings {
      #expect(SurveyReportBuilder.wordCount(finding) <= 35, "\(finding)")
    }
    let paradox = findings.first { $0.contains("are concerned but") }
    #expect(paradox?.contains("took fewer than 2 of 4 protective actions") == true, "\(findings)")
    #expect(paradox?.contains("; were concern and action unrelated, it would be ") == true)
  }

  @Test func theCodebookSetsTheThreshold() throws {
    var codebook = Codebook()
    codebook.paradox = ParadoxDefinition(
      concern: Indicator(variable: "concern_protection", values: ["5"]),
      actions: ["prot_a", "prot_b", "prot_c", "prot_d"].map { Indicator(variable: $0, values: ["1"]) },
      minimumActions: 3)
    let text = try Self.report(codebook: codebook, language: .french)
    #expect(text.contains("| au moins 3 sur 4 (ce rapport) |"))
    #expect(text.contains("ont fait moins de 3 des 4 actions de protection"))
  }

  @Test func wordsAreCountedWithoutPunctuation() {
    #expect(SurveyReportBuilder.wordCount("**48.2%** (95% CI 45.1–51.3) are concerned ; « Oui »") == 7)
  }
}
