import Foundation
import ScratchFolders
import Testing

/// `confiance script`: a Swift file with `import Confiance` runs in the interpreter against
/// libConfianceDynamic.so, with its arguments, its output and its exit status.
@Suite struct ScriptCommandTests {
  /// A folder of its own for each test's script.
  static func scriptFile(named name: String, _ source: String) throws -> URL {
    let folder = try ScratchFolder.make("confiance-script")
    let file = folder.appendingPathComponent(name)
    try source.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test func scriptGivesRsProportion() throws {
    let script = try Self.scriptFile(named: "trust.swift", """
      import Confiance

      let survey = try Survey(contentsOf: CommandLine.arguments[1])
      let design = try SurveyDesign(survey, weights: "w", strata: "stratum", clusters: "psu")
      for estimate in try design.proportions(of: "trust") where estimate.category == "1" {
        print("\\(CommandLine.arguments[2]) \\(estimate.proportion) \\(estimate.standardError)")
      }
      """)
    defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
    let data = EstimateReferenceTests.folder.appendingPathComponent("stratified_clustered.csv").path
    let result = try CommandLineRunner.run(["script", script.path, data, "--label"])
    #expect(result.status == 0, "\(result.standardError)")
    let words = result.standardOutput.split(whereSeparator: \.isWhitespace)
    try #require(words.count == 3, "\(result.standardOutput)")
    #expect(words[0] == "--label", "the script's arguments reach it, options included")
    // R: svymean(~factor(trust), svydesign(id = ~psu, strata = ~stratum, weights = ~w, nest = TRUE), na.rm = TRUE)
    let reference = try #require(EstimateReferenceTests.reference.cases.first { $0.name == "stratified-clustered" }?
      .estimates.first { $0.category == "1" && $0.domain.isEmpty })
    let proportion = try #require(Double(words[1])), standardError = try #require(Double(words[2]))
    #expect(abs(proportion - reference.proportion) <= 1e-9 * reference.proportion)
    #expect(abs(standardError - reference.standard_error) <= 1e-9 * reference.standard_error)
  }

  @Test func uncaughtErrorIsOneSentenceAndStatusOne() throws {
    let script = try Self.scriptFile(named: "misspelled.swift", """
      import Confiance

      let survey = try Survey(contentsOf: CommandLine.arguments[1])
      print("read")
      let design = try SurveyDesign(survey, weights: "wt")
      """)
    defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
    let data = EstimateReferenceTests.folder.appendingPathComponent("stratified_clustered.csv").path
    let result = try CommandLineRunner.run(["script", script.path, data])
    #expect(result.status == 1)
    #expect(result.standardOutput == "read\n")
    #expect(result.standardError.hasPrefix("\(script.path): error: \(data): there is no weight column named 'wt'. Did you mean 'w'?"))
    #expect(result.standardError.split(separator: "\n").count == 1, "no stack dump: \(result.standardError)")
  }

  @Test func shippedExampleRuns() throws {
    let result = try CommandLineRunner.run(["script", "surveys/analysis-example.swift"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("surveys/privacy-france-2025.csv: 2069 respondents, 14 strata, 104 PSUs\n"))
  }

  @Test func exitStatusIsTheScripts() throws {
    let script = try Self.scriptFile(named: "status.swift", "import Foundation\nexit(3)\n")
    defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
    #expect(try CommandLineRunner.run(["script", script.path]).status == 3)
  }

  @Test func missingScriptIsNamed() throws {
    let result = try CommandLineRunner.run(["script", "no-such-analysis.swift"])
    #expect(result.status == 1)
    #expect(result.standardError == "confiance: error: there is no script no-such-analysis.swift; check the file name and the folder you are in\n")
  }
}
