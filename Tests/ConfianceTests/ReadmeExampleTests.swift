import Foundation
import Testing

/// The README's library example must be the code `ReadmeExample.swift` compiles, and it must run
/// on the shipped example survey.
@Suite struct ReadmeExampleTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func readmeShowsTheCompiledExample() throws {
    let source = try String(contentsOf: Self.repository.appendingPathComponent("Tests/ConfianceTests/ReadmeExample.swift"), encoding: .utf8)
    let lines = source.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.contains("README example begins") })
    let end = try #require(lines.firstIndex { $0.contains("README example ends") })
    let example = lines[(start + 1)..<end].map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0 }.joined(separator: "\n")
      .replacingOccurrences(of: "Survey(contentsOf: surveyFile)", with: "Survey(contentsOf: \"surveys/example-privacy.csv\")")
    let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains(example), "README.md must show the code of ReadmeExample.swift")
  }

  @Test func readmeShowsTheCompiledReportExample() throws {
    let source = try String(contentsOf: Self.repository.appendingPathComponent("Tests/ConfianceTests/ReportExample.swift"), encoding: .utf8)
    let lines = source.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.contains("Report example begins") })
    let end = try #require(lines.firstIndex { $0.contains("Report example ends") })
    let example = lines[(start + 1)..<end].map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0 }.joined(separator: "\n")
      .replacingOccurrences(of: "Survey(contentsOf: surveyFile)", with: "Survey(contentsOf: \"surveys/example-privacy.csv\")")
      .replacingOccurrences(of: "write(to: output,", with: "write(to: \"reports/mon-rapport.md\",")
    let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains(example), "README.md must show the code of ReportExample.swift")
  }

  @Test func exampleRunsOnTheShippedSurvey() throws {
    let estimates = try readmeExample(surveyFile: Self.repository.appendingPathComponent("surveys/example-privacy.csv").path)
    // Five age bands × five answers (code 9 is missing in the codebook).
    #expect(estimates.count == 25)
    #expect(estimates.first?.domain.description == "age_band = 18-24")
    // The design is the codebook's, as the command line declares it.
    #expect(estimates.design.strata == 13)
    #expect(estimates.design.psus == 78)
    #expect(estimates.description.hasPrefix("Design: 2145 respondents · 13 strata · 78 PSUs"))
  }
}
