import Confiance
import Foundation
import Testing

@testable import ConfianceCLI

/// A script and the command line read a survey the same way (`Survey(contentsOf:)`: codebook,
/// missing codes, identifiers, derived variables, design) and print the same result: the JSON of
/// the library's result is, byte for byte, what the command prints.
@Suite struct LibraryMatchesCommandLineTests {
  static let survey = CommandLineRunner.repository.appendingPathComponent("surveys/privacy-france-2025.csv").path
  static let targets = CommandLineRunner.repository.appendingPathComponent("surveys/privacy-france-2025.targets.csv").path

  @Test func proportions() throws {
    let command = try Estimate.parse([Self.survey, "--var", "concern_marketing", "--by", "age_band", "--format", "json"])
    let design = try Survey(contentsOf: Self.survey).design()
    let library = try design.proportions(of: ["concern_marketing"], by: ["age_band"])
    #expect(try command.output() == library.rendered(as: .json))
  }

  @Test func rakedParadox() throws {
    let command = try Gap.parse([
      Self.survey, "--concern", "concern_marketing=4,5", "--action", "prot_refused_ads_cookies=1", "--by", "sex",
      "--rake-to", Self.targets, "--format", "json",
    ])
    let margins = try PopulationMargins(targetsFile: Self.targets)
    let design = try Survey(contentsOf: Self.survey).design().raked(to: margins)
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concern_marketing", values: ["4", "5"]),
      actions: [Indicator(variable: "prot_refused_ads_cookies", values: ["1"])])
    let library = try design.paradox(definition, by: ["sex"])
    #expect(try command.output() == library.rendered(as: .json))
  }

  @Test func crossTabAndTextOutput() throws {
    let command = try CrossTabCommand.parse([Self.survey, "--row", "gdpr_heard", "--col", "sex"])
    let library = try Survey(contentsOf: Self.survey).design().crossTab(row: "gdpr_heard", column: "sex")
    #expect(try command.output() == library.description)
  }
}
