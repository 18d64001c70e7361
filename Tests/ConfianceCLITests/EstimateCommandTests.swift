import Foundation
import Testing

@testable import ConfianceCLI

/// `confiance estimate` end to end: outputs, the JSON contract, errors and exit statuses.
@Suite struct EstimateCommandTests {
  let example = "surveys/example-privacy.csv"

  func output(_ arguments: [String]) throws -> String {
    let command = try Estimate.parse(arguments.map { $0 == "EXAMPLE" ? CommandLineRunner.repository.appendingPathComponent(example).path : $0 })
    return try command.output()
  }

  @Test func jsonFollowsTheDocumentedContract() throws {
    let text = try output(["EXAMPLE", "--var", "protect_settings", "--by", "sex", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let design = try #require(json["design"] as? [String: Any])
    #expect(Set(design.keys) == ["respondents", "strata", "psus", "degrees_of_freedom", "weight_total", "lonely_psu"])
    #expect(design["respondents"] as? Int == 2145)
    #expect(design["strata"] as? Int == 13)
    #expect(design["psus"] as? Int == 78)
    #expect(design["degrees_of_freedom"] as? Int == 65)
    let estimates = try #require(json["estimates"] as? [[String: Any]])
    #expect(estimates.count == 4)  // 2 sexes × 2 answers
    let first = estimates[0]
    #expect(Set(first.keys) == [
      "variable", "category", "label", "domain", "proportion", "standard_error", "ci_lower", "ci_upper", "ci_method",
      "confidence_level", "respondents", "domain_respondents", "degrees_of_freedom", "design_effect",
      "effective_sample_size",
    ])
    #expect(first["domain"] as? [String: String] == ["sex": "F"])
    #expect(first["label"] as? String == "Non")  // from the codebook next to the file
    #expect(first["ci_method"] as? String == "logit")
    // The keys appear in the documented order.
    let order = ["\"variable\"", "\"category\"", "\"label\"", "\"domain\"", "\"proportion\"", "\"standard_error\"",
                 "\"ci_lower\"", "\"ci_upper\"", "\"ci_method\"", "\"confidence_level\"", "\"respondents\"",
                 "\"domain_respondents\"", "\"degrees_of_freedom\"", "\"design_effect\"", "\"effective_sample_size\""]
    let firstEstimate = text[text.range(of: "\"estimates\"")!.upperBound...]
    let positions = order.map { firstEstimate.range(of: $0)!.lowerBound }
    #expect(positions == positions.sorted())
  }

  @Test func jsonIsIdenticalFromRunToRun() throws {
    let arguments = ["EXAMPLE", "--var", "concern_data_use", "--by", "age_band", "--format", "json"]
    #expect(try output(arguments) == output(arguments))
  }

  @Test func withoutCodebookLabelsAreNull() throws {
    let text = try output(["EXAMPLE", "--codebook", CommandLineRunner.repository.appendingPathComponent("Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml").path,
                           "--var", "gdpr_aware", "--format", "json"])
    #expect(text.contains("\"label\": null"))
    #expect(text.contains("\"domain\": {}"))
  }

  @Test func csvHasOneRowPerEstimate() throws {
    let text = try output(["EXAMPLE", "--var", "gdpr_aware", "--format", "csv"])
    let lines = text.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("variable,category,label,proportion,standard_error,ci_lower,ci_upper"))
  }

  @Test func markdownIsAGitHubTable() throws {
    let text = try output(["EXAMPLE", "--var", "gdpr_aware", "--format", "markdown"])
    #expect(text.hasPrefix("| variable | category | label | % |"))
    #expect(text.split(separator: "\n").count == 5)
  }

  @Test func everyIntervalMethodAndAliasIsAccepted() throws {
    for method in ["logit", "likelihood", "asin", "beta", "korn-graubard", "mean", "wald", "xlogit", "wilson"] {
      let text = try output(["EXAMPLE", "--var", "protect_cookies", "--ci", method, "--level", "0.9", "--format", "csv"])
      #expect(text.split(separator: "\n").count == 3, "\(method)")
    }
  }

  @Test func missingCodeOptionRemovesRespondents() throws {
    let all = try output(["EXAMPLE", "--var", "gdpr_aware", "--format", "csv"])
    let withoutDontKnow = try output(["EXAMPLE", "--var", "gdpr_aware", "--missing", "gdpr_aware=dk", "--format", "csv"])
    #expect(all.split(separator: "\n").count == 4)
    #expect(withoutDontKnow.split(separator: "\n").count == 3)
  }

  @Test func dataErrorsExitWith65AndNameTheColumn() throws {
    let result = try CommandLineRunner.run(["estimate", example, "--var", "concern_data_us"])
    #expect(result.status == 65)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix("confiance: error: surveys/example-privacy.csv:1: there is no column named 'concern_data_us'"))
    #expect(result.standardError.contains("Did you mean 'concern_data_use'?"))
  }

  @Test func usageErrorsExitWith64() throws {
    let result = try CommandLineRunner.run(["estimate", example])
    #expect(result.status == 64)
    #expect(result.standardError.contains("name at least one variable to estimate"))
    let badLevel = try CommandLineRunner.run(["estimate", example, "--var", "sex", "--level", "95"])
    #expect(badLevel.status == 64)
  }

  @Test func successPrintsATableAndExitsZero() throws {
    let result = try CommandLineRunner.run(["estimate", example, "--var", "sex"])
    #expect(result.status == 0)
    #expect(result.standardOutput.hasPrefix("Design: 2145 respondents · 13 strata · 78 PSUs · 65 degrees of freedom"))
  }

  @Test func helpTeachesByExample() throws {
    let result = try CommandLineRunner.run(["estimate", "--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Examples:"))
    #expect(result.standardOutput.contains("--lonely-psu"))
  }

  @Test func versionIsPrinted() throws {
    let result = try CommandLineRunner.run(["--version"])
    #expect(result.standardOutput == confianceVersion + "\n")
  }
}
