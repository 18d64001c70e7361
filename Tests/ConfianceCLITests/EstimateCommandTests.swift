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
      "effective_sample_size", "design_effect_with_replacement",
    ])
    #expect(first["domain"] as? [String: String] == ["sex": "F"])
    #expect(first["label"] as? String == "Non")  // from the codebook next to the file
    #expect(first["ci_method"] as? String == "logit")
    // The keys appear in the documented order.
    let order = ["\"variable\"", "\"category\"", "\"label\"", "\"domain\"", "\"proportion\"", "\"standard_error\"",
                 "\"ci_lower\"", "\"ci_upper\"", "\"ci_method\"", "\"confidence_level\"", "\"respondents\"",
                 "\"domain_respondents\"", "\"degrees_of_freedom\"", "\"design_effect\"", "\"effective_sample_size\"",
                 "\"design_effect_with_replacement\""]
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
    // The design, the question, the header, its rule and one row per answer: the notebook cell's table.
    #expect(text.hasPrefix("Design: "))
    #expect(text.contains("\n| Answer | % | 95% CI | n | Base |\n"))
    #expect(text.split(separator: "\n").count == 7)
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

/// Bad weights in a file: the message names the file, the line the row starts on, and the column.
@Suite struct WeightErrorTests {
  @Test func negativeWeightInAFile() throws {
    let result = try CommandLineRunner.run([
      "estimate", "Tests/ConfianceCLITests/Fixtures/negative-weight.csv", "--var", "q", "--weight", "w",
    ])
    #expect(result.status == 65)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "confiance: error: Tests/ConfianceCLITests/Fixtures/negative-weight.csv:4: "
      + "column 'w': the weight '-1' is negative. Weights must be positive finite numbers: correct the value, "
      + "or remove the respondent from the file.\n")
  }

  @Test func textWeightAfterAQuotedLineBreakIsLocatedOnItsOwnLine() throws {
    let result = try CommandLineRunner.run([
      "estimate", "Tests/ConfianceCLITests/Fixtures/text-weight-after-multiline.csv", "--var", "q", "--weight", "w",
    ])
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix(
      "confiance: error: Tests/ConfianceCLITests/Fixtures/text-weight-after-multiline.csv:4: column 'w': 'abc' is not a number"))
  }
}

/// `confiance describe`.
@Suite struct DescribeCommandTests {
  @Test func listsVariablesWithLabelsAndHidesIdentifiers() throws {
    let result = try CommandLineRunner.run(["describe", "surveys/example-privacy.csv"])
    #expect(result.status == 0)
    #expect(result.standardOutput.hasPrefix("surveys/example-privacy.csv: 2145 respondents, 12 variables\n"))
    #expect(result.standardOutput.contains("respondent_id  [identifier]  missing: 0\n  (identifier: values are never shown)"))
    #expect(result.standardOutput.contains("concern_data_use  [ordinal]  missing: 60\n"))
    #expect(!result.standardOutput.contains("R00001"))
  }
}

/// `--missing` may name any column of the file, read or not; a column the file lacks is an error.
@Suite struct MissingCodeOptionTests {
  @Test func missingCodesForAColumnThatIsNotAnalysedAreAccepted() throws {
    let result = try CommandLineRunner.run([
      "estimate", "surveys/example-privacy.csv", "--var", "sex", "--missing", "gdpr_aware=dk", "--format", "csv",
    ])
    #expect(result.status == 0)
  }

  @Test func missingCodesForAnUnknownColumnAreAnError() throws {
    let result = try CommandLineRunner.run([
      "estimate", "surveys/example-privacy.csv", "--var", "sex", "--missing", "gdpr_awre=dk",
    ])
    #expect(result.status == 65)
    #expect(result.standardError.contains("there is no missing-value variable column named 'gdpr_awre'. Did you mean 'gdpr_aware'?"))
  }

  @Test func malformedMissingOptionIsAUsageError() throws {
    let result = try CommandLineRunner.run(["estimate", "surveys/example-privacy.csv", "--var", "sex", "--missing", "sex="])
    #expect(result.status == 64)
    #expect(result.standardError.contains("'--missing sex=' is not understood"))
  }
}

/// A code for every variable leaves the design's columns alone.
@Suite struct GlobalMissingCodeTests {
  @Test func aGlobalCodeDoesNotRemoveAPSUWithThatNumber() throws {
    // PSU "2" of stratum b would otherwise lose its respondents and make stratum b lonely.
    let result = try CommandLineRunner.run([
      "estimate", "Tests/ConfianceCLITests/Fixtures/psu-numbered-like-a-code.csv", "--var", "q",
      "--strata", "s", "--psu", "p", "--missing", "2", "--format", "csv",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    // q = 2 is missing: only categories 1 and 3 are estimated.
    #expect(result.standardOutput.split(separator: "\n").count == 3)
  }
}
