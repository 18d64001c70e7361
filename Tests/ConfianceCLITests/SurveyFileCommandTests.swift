import Foundation
import ScratchFolders
import Testing

import Confiance
@testable import ConfianceCLI

/// Every command on messy CSV exports and on SPSS and Stata files: the same estimates as the clean file.
@Suite struct SurveyFileCommandTests {
  static let messy = "Tests/SurveyIOTests/Fixtures/messy/"
  static let statistical = "Tests/SurveyIOTests/Fixtures/statistical/"

  static func path(_ relative: String) -> String {
    CommandLineRunner.repository.appendingPathComponent(relative).path
  }

  func estimate(_ file: String, _ extra: [String] = []) throws -> String {
    try Estimate.parse([Self.path(file), "--var", "concern", "--var", "région", "--weight", "weight", "--format", "json"] + extra)
      .output()
  }

  @Test("a messy export gives the same estimates JSON as the clean UTF-8 file", arguments: [
    "utf8-bom.csv", "utf16le.txt", "utf16be.csv", "windows1252.csv", "semicolon-decimal-comma.csv", "tab.tsv",
    "crlf.csv", "lone-cr.csv", "trailing-empty-lines.csv", "exponents.csv", "no-final-newline.csv",
  ])
  func messyExport(name: String) throws {
    let clean = try estimate(Self.messy + "clean.csv")
    #expect(clean.contains("\"category\": \"Provence-Alpes-Côte d’Azur\""))
    #expect(try estimate(Self.messy + name) == clean)
  }

  func statisticalEstimate(_ file: String, _ extra: [String] = []) throws -> String {
    try Estimate.parse(
      [Self.path(file), "--var", "concern", "--var", "region", "--by", "sex", "--weight", "weight", "--format", "json"] + extra
    ).output()
  }

  @Test("SPSS, compressed SPSS and Stata files give the same estimates", arguments: ["survey.zsav", "survey.dta"])
  func statisticalFormatsAgree(name: String) throws {
    let spss = try statisticalEstimate(Self.statistical + "survey.sav")
    #expect(spss.contains("\"label\": \"Très inquiet\""))
    #expect(!spss.contains("\"category\": \"9\""))  // user-missing
    #expect(try statisticalEstimate(Self.statistical + name) == spss)
  }

  @Test("the codebook written from an SPSS file, applied to the CSV it was made from, gives the same estimates")
  func codebookRoundTrip() throws {
    let folder = try ScratchFolder.make("codebook")
    let written = folder.appendingPathComponent("survey.codebook.yaml").path
    let result = try CommandLineRunner.run(["codebook", Self.statistical + "survey.sav", "--output", written])
    #expect(result.status == 0)
    #expect(result.standardOutput.isEmpty)
    let yaml = try String(contentsOfFile: written, encoding: .utf8)
    // User-missing 8 "Ne sait pas" stays missing (the file's choice); 9 "Refus" is drafted refused,
    // out of the base all the same.
    #expect(yaml.contains("    missing: [8]\n    refused: [9]\n"))
    #expect(yaml.contains("    label: Êtes-vous inquiet de l'utilisation de vos données ?\n"))
    #expect(yaml.contains("  id:\n    label: Identifiant\n    type: identifier\n"))
    let fromCSV = try statisticalEstimate(Self.statistical + "survey.csv", ["--codebook", written])
    #expect(fromCSV == (try statisticalEstimate(Self.statistical + "survey.sav")))

    // Standard output gives the same text; an existing file is refused without --force.
    let printed = try CommandLineRunner.run(["codebook", Self.statistical + "survey.sav"])
    #expect(printed.standardOutput == yaml)
    let again = try CommandLineRunner.run(["codebook", Self.statistical + "survey.sav", "--output", written])
    #expect(again.status == 73)
    #expect(again.standardOutput.isEmpty)
    #expect(again.standardError == "confiance: error: \(written): the file already exists, and confiance does not "
      + "replace files unless asked. Ask for it to be replaced, or choose another name. On the command line: add --force.\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["survey.codebook.yaml"])
    let forced = try CommandLineRunner.run(["codebook", Self.statistical + "survey.sav", "--output", written, "--force"])
    #expect(forced.status == 0)
  }

  @Test("an edited codebook entry replaces the file's: removing a missing code makes it an answer")
  func editedCodebookWins() throws {
    let folder = try ScratchFolder.make("codebook")
    let edited = folder.appendingPathComponent("edited.codebook.yaml").path
    try "variables:\n  concern:\n    categories:\n      9: Refus\n".write(toFile: edited, atomically: true, encoding: .utf8)
    let text = try statisticalEstimate(Self.statistical + "survey.sav", ["--codebook", edited])
    #expect(text.contains("\"category\": \"9\""))
    #expect(text.contains("\"label\": \"Refus\""))
    #expect(text.contains("\"label\": \"Nord\""))  // region keeps the file's labels
  }

  @Test("a CSV file's codebook lists every column with a type")
  func csvCodebook() throws {
    let text = try CodebookCommand.parse([Self.path(Self.messy + "clean.csv")]).yaml()
    #expect(text == """
      variables:
        id:
          type: identifier
        région:
          type: categorical
        concern:
          type: categorical
        weight:
          type: categorical
        comment:
          type: categorical

      """)
  }

  @Test("identifier columns are refused by --var and --by, and hidden by describe")
  func identifiers() throws {
    let byName = try CommandLineRunner.run(["estimate", Self.messy + "clean.csv", "--var", "id"])
    #expect(byName.status == 65)
    #expect(byName.standardOutput.isEmpty)
    #expect(byName.standardError == "confiance: error: \(Self.messy)clean.csv: column 'id' is an identifier — "
      + "its name looks like one (a respondent's id, e-mail, phone or name) — and identifiers are never printed, so that "
      + "no respondent can be recognised in a table. If 'id' is not an identifier, give it a type in the codebook "
      + "(variables: id: type: categorical).\n")
    let declared = try CommandLineRunner.run(["estimate", "surveys/example-privacy.csv", "--var", "concern_data_use", "--by", "respondent_id"])
    #expect(declared.status == 65)
    #expect(declared.standardError.contains("column 'respondent_id' is an identifier — the codebook "
      + "surveys/example-privacy.codebook.yaml declares it 'type: identifier'"))
    let described = try CommandLineRunner.run(["describe", Self.messy + "clean.csv"])
    #expect(described.status == 0)
    #expect(described.standardOutput.contains("id  [identifier]  missing: 0\n  (identifier: values are never shown)"))
  }

  @Test("identifier names", arguments: [
    ("respondent_id", true), ("respondentId", true), ("ID", true), ("email", true), ("E-mail", true), ("phone_number", true),
    ("telephone", true), ("first_name", true), ("paid", false), ("idea", false), ("valid", false), ("identity_theft_fear", false),
    ("concern", false), ("weight", false),
  ])
  func identifierNames(name: String, expected: Bool) {
    #expect(IdentifierNames.looksLikeIdentifier(name) == expected)
  }
}
