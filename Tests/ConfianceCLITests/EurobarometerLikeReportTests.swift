import Foundation
import ScratchFolders
import Testing

@testable import Confiance
@testable import ConfianceCLI

/// A new user's first steps on a file as it comes: `confiance codebook` on an SPSS file shaped like
/// a Eurobarometer release (`qb10`, `d11`, normalized `w1`, labels "DK", "Refusal", "Inap."), then
/// `confiance report` with the drafted codebook (Fixtures/eurobarometer-like).
@Suite struct EurobarometerLikeReportTests {
  static let file = CommandLineRunner.repository
    .appendingPathComponent("Tests/ConfianceCLITests/Fixtures/eurobarometer-like/eurobarometer-like.sav").path

  /// The drafted codebook, written to a temporary file.
  func draftedCodebook() throws -> (yaml: String, path: String) {
    let yaml = try CodebookCommand.parse([Self.file]).yaml()
    let path = try ScratchFolder.make("eurobarometer-like").appendingPathComponent("survey.codebook.yaml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return (yaml, path)
  }

  @Test func theDraftDeclaresNonAnswersAndGuessesRoles() throws {
    let (yaml, path) = try draftedCodebook()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let codebook = try Codebook(contentsOfFile: path)
    let concern = try #require(codebook.entry(named: "qb10"))
    #expect(concern.dontKnowCodes == ["5"])
    #expect(concern.refusedCodes == ["9"])
    #expect(concern.missingCodes.isEmpty)
    #expect(concern.role == .concern)
    #expect(concern.measurement == .ordinal)
    let settings = try #require(codebook.entry(named: "qb11_1"))
    #expect(settings.dontKnowCodes == ["3"])
    #expect(settings.notApplicableCodes == ["9"])
    #expect(settings.role == .behaviour)
    #expect(codebook.entry(named: "qb11_2")?.role == .behaviour)
    #expect(codebook.entry(named: "qb5")?.role == .trust)
    #expect(codebook.entry(named: "d10")?.role == .demographics)
    #expect(codebook.entry(named: "d62")?.role == nil)  // "Internet use": nothing plain
    #expect(yaml.contains("    role: concern  # draft: guessed from the question text; check it\n"))
  }

  func report(language: String) throws -> String {
    let (_, path) = try draftedCodebook()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let command = try ReportCommand.parse([
      Self.file, "--codebook", path, "--weight", "w1", "--out", "reports/eurobarometer-like.md", "--lang", language,
    ])
    return try command.makeReport().render(figureFolder: "eurobarometer-like")
  }

  @Test func theReportShowsEveryQuestionTheParadoxAndNormalizedWeights() throws {
    let text = try report(language: "en")
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") || $0.hasPrefix("### ") }.map(String.init)
    // Blocks from the drafted roles, and no list of absent blocks as content.
    #expect(headings.contains("## Trust"))
    #expect(headings.contains("## Concern"))
    #expect(headings.contains("## Protective behaviours"))
    #expect(headings.contains("## The privacy paradox"))
    #expect(!text.contains("not computed"))
    // Toplines of every labelled question, in file order, each with its "DK" row.
    let toplines = headings.drop { $0 != "## Toplines" }.filter { $0.hasPrefix("### ") }
    #expect(toplines == [
      "### QB5 How much do you trust online businesses (search engines, social networks, e-mail services) to protect your personal data?",
      "### QB10 How concerned are you about not having complete control over the information you provide online?",
      "### QB11.1 Have you ever tried to change the privacy settings of your personal profile?",
      "### QB11.2 Have you ever deleted your browsing history or cookies to protect your data?",
      "### D62 Internet use",
    ])
    let topline = try #require(text.components(separatedBy: "## Toplines").last)
    #expect(topline.components(separatedBy: "\n| DK |").count - 1 == 4)
    #expect(!topline.contains("| Refusal |"))
    #expect(!topline.contains("| Inap. |"))
    #expect(topline.contains("not asked: routed past the question"))
    #expect(topline.contains("refused"))
    // Normalized weights: said, and no population total.
    #expect(text.contains("The weights are normalized: they sum to about the number of respondents"))
    #expect(text.contains("Sum (normalized: the number of respondents)"))
    #expect(!text.contains("Sum (estimated population)"))
  }

  @Test func theFrenchReportSaysTheSame() throws {
    let text = try report(language: "fr")
    #expect(text.contains("## Résultats détaillés"))
    #expect(text.contains("Les poids sont normalisés"))
    #expect(text.contains("question non posée\u{202F}: filtrés en amont") || text.contains("question non posée : filtrés en amont"))
    #expect(!text.contains("non calculé"))
  }

  /// `confiance estimate --weight w1` on normalized weights: the design effect shown is against
  /// SRS with replacement, and the JSON keeps R's deff = TRUE beside it.
  @Test func estimateShowsTheDesignEffectWithReplacement() throws {
    let text = try Estimate.parse([Self.file, "--var", "qb10", "--weight", "w1"]).output()
    #expect(text.contains("Weights normalized (they sum to about the sample size, not to population totals): deff against simple random sampling with replacement"))
    let json = try Estimate.parse([Self.file, "--var", "qb10", "--weight", "w1", "--format", "json"]).output()
    #expect(json.contains("\"design_effect_with_replacement\""))
  }
}
