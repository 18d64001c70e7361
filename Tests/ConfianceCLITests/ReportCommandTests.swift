import Foundation
import ScratchFolders
import Testing

@testable import ConfianceCLI
@testable import Confiance

/// `confiance report` on the small synthetic fixture: sections, disclosure, identifiers,
/// reproducibility, language, writing.
@Suite struct ReportCommandTests {
  static let fixture = CommandLineRunner.repository
    .appendingPathComponent("Tests/ConfianceCLITests/Fixtures/report/small-survey.csv").path

  func report(_ arguments: [String] = []) throws -> String {
    let command = try ReportCommand.parse([Self.fixture, "--out", "reports/small-survey.md"] + arguments)
    return try command.makeReport().render(figureFolder: "small-survey")
  }

  @Test func hasTheSectionsTheSurveyOffers() throws {
    let text = try report()
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }
    #expect(headings == [
      "# Survey report: small-survey.csv", "## Key findings", "## Technical sheet", "### Margins of error",
      "## Sample and weighting", "### Who answered",
      "## Trust", "## Concern", "## Protective behaviours", "## Awareness of data-protection law",
      "## The privacy paradox", "### By segment", "### How the definition of acting changes the share",
      "## Who acts on their concern?", "## Segments and differences between groups",
      "### Westin's privacy segments", "### Differences between groups",
      // One table per question, in question order, titled by its short label.
      "#### Confiance : banques", "#### Confiance : réseaux sociaux",
      "#### Êtes-vous inquiet de l'utilisation de vos données ?", "#### Refuse les cookies non essentiels",
      "#### A exercé un droit RGPD", "#### A entendu parler du RGPD",
      "### The paradox between groups",
      "## Toplines", "### Confiance : banques", "### Confiance : réseaux sociaux",
      "### Êtes-vous inquiet de l'utilisation de vos données ?", "### Refuse les cookies non essentiels",
      "### A exercé un droit RGPD", "### A entendu parler du RGPD",
      "## Methodology",
    ])
    #expect(text.contains("Not in this survey: segmenting needs Westin's three statements"))
    #expect(text.contains("in the groups of each of these variables: Tranche d'âge, Sexe. Every group has a letter"))
    #expect(text.contains("p-values Holm-adjusted over the"))
    #expect(text.contains("Not in this survey, so not reported: Willingness to share data."))
    #expect(text.contains("![How far are organisations trusted to protect personal data? Weighted % of respondents giving each answer."))
    #expect(text.contains("](small-survey/trust.svg)"))
  }

  @Test func whoActsIsALogisticModelShownAsMarginalEffects() throws {
    let text = try report()
    #expect(text.contains("A logistic regression of acting (as defined above) on the answer to “Êtes-vous inquiet de l'utilisation de vos données ?” and on “Tranche d'âge” and “Sexe”"))
    #expect(text.contains("![Who acts on their concern? Average marginal effects on the probability of acting"))
    #expect(text.contains("](small-survey/who-acts.svg)"))
    #expect(text.contains("| Tranche d'âge | 18 à 34 ans | reference |  |\n|  | 35 à 64 ans | −23.6 | −43.2 to −3.9 |"))
    #expect(text.contains("† Interpret with care: the model has 2 residual degrees of freedom (fewer than 8)"))
    #expect(text.contains("R: `svyglm(acting ~ factor(concern_data) + age_band + sex, design, family = quasibinomial())`."))
    let french = try report(["--lang", "fr"])
    #expect(french.contains("## Qui agit face à son inquiétude\u{202F}?"))
    #expect(french.contains("|  | 35 à 64 ans | −23,6 | −43,2 à −3,9 |"))
  }

  @Test func keyFindingsAreSentencesWithIntervals() throws {
    let text = try report()
    #expect(text.contains(
      "- **77.9%** (95% CI 72.5–82.6) answer “Plutôt inquiet” or “Très inquiet” to “Êtes-vous inquiet de l'utilisation de vos données ?”"))
  }

  @Test func smallCellsAreNeverPrinted() throws {
    let text = try report()
    #expect(text.contains("| A exercé un droit RGPD | “Oui” | ‡ |  |  |"))
    #expect(text.contains("‡ Not shown: fewer than 10 respondents (disclosure rule)."))
    // A higher threshold suppresses the 38 respondents aged 18–34 too.
    let strict = try report(["--min-cell", "40"])
    #expect(strict.contains("| Tranche d'âge | 18 à 34 ans | ‡ |  |  |"))
    #expect(strict.contains("‡ Not shown: fewer than 40 respondents"))
  }

  @Test func identifiersNeverAppear() throws {
    let text = try report()
    #expect(!text.contains("resp_id"))
    #expect(!text.contains("P0001"))
    #expect(!text.contains("NORD-1"))  // PSU codes are design, not findings
  }

  @Test func sameInputsGiveTheSameBytes() throws {
    let command = try ReportCommand.parse([Self.fixture])
    let first = try command.makeReport()
    let second = try command.makeReport()
    #expect(first == second)
    #expect(first.render() == second.render())
    #expect(!first.render().contains("Generated "))
    let stamped = try ReportCommand.parse([Self.fixture, "--timestamp"]).makeReport().render()
    #expect(stamped.contains(" Generated 20"))
  }

  @Test func frenchNumbersAndText() throws {
    let text = try report(["--lang", "fr"])
    // French typography: narrow no-break spaces before : and inside « ».
    #expect(text.contains("# Rapport d'enquête\u{202F}: small-survey.csv"))
    #expect(text.contains("- **77,9\u{00A0}%** (IC à 95\u{00A0}%\u{202F}: 72,5–82,6) répondent «\u{202F}Plutôt inquiet\u{202F}» ou «\u{202F}Très inquiet\u{202F}»"))
    #expect(text.contains("## Méthodologie"))
  }

  @Test func methodologyNamesInputsDigestsAndTheCommand() throws {
    let text = try report(["--lang", "en", "--min-cell", "12"])
    #expect(text.contains("`01951879e5bd356ff764c4de5268f18034080277722eb1c0d91f4759bb94ee77`"))
    #expect(text.contains("- Software: confiance \(confianceVersion)."))
    #expect(text.contains("```sh\nconfiance report \(Self.fixture) --min-cell 12 --force\n```"))
  }

  @Test func writesReportAndChartsAndRefusesToOverwrite() throws {
    let folder = try ScratchFolder.make("report-command").path
    let command = try ReportCommand.parse([Self.fixture, "--out", folder + "/small.md"])
    let written = try command.write()
    #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["small.md", "trust.svg", "behaviour.svg", "awareness.svg", "paradox.svg", "who-acts.svg"])
    #expect(throws: ReportWriteError.exists(path: folder + "/small.md")) { try command.write() }
    let forced = try ReportCommand.parse([Self.fixture, "--out", folder + "/small.md", "--force"])
    #expect(try forced.write().count == 6)
  }

  @Test func badOptionsAreUsageErrors() throws {
    #expect(throws: (any Error).self) { try ReportCommand.parse([Self.fixture, "--min-cell", "0"]) }
    #expect(throws: (any Error).self) { try ReportCommand.parse([Self.fixture, "--out", "report.txt"]) }
    #expect(throws: (any Error).self) { try ReportCommand.parse([Self.fixture, "--lang", "de"]) }
  }

  @Test func theBinaryExplainsAnExistingReport() throws {
    let folder = try ScratchFolder.make("report-binary").path
    let first = try CommandLineRunner.run(["report", Self.fixture, "--out", folder + "/s.md"])
    #expect(first.status == 0)
    #expect(first.standardOutput == "Wrote \(folder)/s.md and 5 charts in \(folder)/s/\n")
    let second = try CommandLineRunner.run(["report", Self.fixture, "--out", folder + "/s.md"])
    #expect(second.status == 73)
    #expect(second.standardError == "confiance: error: \(folder)/s.md already exists; ask for it to be replaced (the report and its charts are replaced together). "
      + "On the command line: add --force.\n")
  }

  static let targets = CommandLineRunner.repository
    .appendingPathComponent("Tests/ConfianceCLITests/Fixtures/report/small-survey.targets.csv").path

  @Test func rakingShowsEveryMarginAgainstItsTarget() throws {
    let text = try report(["--targets", Self.targets])
    #expect(text.contains("### Raking"))
    #expect(text.contains("| Weights (`weight`) | Before raking | After raking |"))
    #expect(text.contains("The weights were raked to 2 population margins (`sex`, `age_band`), as R survey's `rake()`: converged in"))
    #expect(text.contains("| Tranche d'âge | 18 à 34 ans | 28.0 | 12.7 | 28.0 |"))
    #expect(text.contains("| Sexe | Femme | 142 | 47.3 | 52.0 |"))  // weighted % after raking
    #expect(text.contains("| targets | `\(Self.targets)` |"))
    #expect(text.contains("--targets \(Self.targets)"))
    #expect(text.contains("- Weighting: base weights raked by iterative proportional fitting"))
  }

  @Test func theParadoxFollowsTheCodebookOrTheOptions() throws {
    let text = try report()
    #expect(text.contains("**Acting**: “Oui” to at least one of `prot_cookies` or `prot_gdpr_right`."))
    #expect(text.contains("| Tranche d'âge | 18 à 34 ans | 38 |"))
    let custom = try report(["--concern", "concern_data=5", "--action", "prot_cookies=1"])
    #expect(custom.contains("**Concerned**: “Très inquiet” to “Êtes-vous inquiet de l'utilisation de vos données ?”"))
    #expect(custom.contains("**Acting**: “Oui” to `prot_cookies`."))
    #expect(custom.contains("--concern concern_data=5 --action prot_cookies=1"))
    #expect(throws: (any Error).self) { try ReportCommand.parse([Self.fixture, "--concern", "concern_data=5"]) }
  }
}
