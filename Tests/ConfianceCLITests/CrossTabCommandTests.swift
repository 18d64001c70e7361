import Foundation
import ScratchFolders
import Testing

@testable import ConfianceCLI

/// `confiance crosstab` and `confiance scale` end to end: R survey 4.1's numbers through the JSON
/// contract on every reference case of `Tests/SurveyStatisticsTests/Fixtures/crosstabs`, derived
/// variables from flags and codebooks, formats, errors and exit statuses.
@Suite struct CrossTabCommandTests {
  static let folder = CommandLineRunner.repository.appendingPathComponent("Tests/SurveyStatisticsTests/Fixtures/crosstabs")
  static let privacy = folder.appendingPathComponent("privacy.csv").path
  static let westin = "westin_segment: {kind: westin, items: [westin_a, westin_b, westin_c]}"

  /// The parts of `reference.json` these tests read.
  struct Reference: Decodable {
    struct Design: Decodable {
      let weight, strata, psu, fpc: String?
      let lonely_psu: String
      let targets_file: String?
      var flags: [String] {
        [("--weight", weight), ("--strata", strata), ("--psu", psu), ("--fpc", fpc), ("--lonely-psu", lonely_psu),
         ("--rake-to", targets_file.map { CrossTabCommandTests.folder.appendingPathComponent($0).path })]
          .flatMap { flag, value in value.map { [flag, $0] } ?? [] }
      }
    }
    struct Share: Decodable {
      let estimate: Double
      let standard_error: Double
      let ci: [Double]?
      /// With the likelihood method: the exact profile root that R's spline approximates, which
      /// Confiance computes (R's own bounds differ from it by up to about 1e-2 on raked domains).
      let likelihood_profile_root: [Double]?
      /// The bounds to compare with.
      var referenceBounds: [Double]? { likelihood_profile_root ?? ci }
      init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        estimate = try container.decode(Double.self, forKey: .estimate)
        standard_error = try container.decode(Double.self, forKey: .standard_error)
        ci = try? container.decode([Double].self, forKey: .ci)
        likelihood_profile_root = try? container.decode([Double].self, forKey: .likelihood_profile_root)
      }
      enum CodingKeys: String, CodingKey { case estimate, standard_error, ci, likelihood_profile_root }
    }
    struct Cell: Decodable {
      let row, column: String
      let respondents: Int
      let of_total, of_row, of_column: Share
    }
    struct Test: Decodable { let statistic, numerator_df, denominator_df, p_value: Double }
    struct Pearson: Decodable { let statistic: Double; let df: Int; let p_value: Double }
    struct Table: Decodable {
      let domain: [String: String]
      let cells: [Cell]
      let test: Test
      let pearson: Pearson
    }
    struct CrossTabCase: Decodable {
      let name, data, row, column, method: String
      let level: Double
      let design: Design
      let by: [String]
      let missing_codes: [String: [String]]
      let overall: Table
      let domains: [Table]
    }
    struct ScaleDomain: Decodable {
      let domain: [String: String]
      let score: Share
      let alpha: Double?
      let weighted_alpha: Double?
    }
    struct ScaleCase: Decodable {
      let name, data, method: String
      let level: Double
      let design: Design
      let items, reverse, by: [String]
      let range: [Double]
      let min_items, box: Int
      let missing_codes: [String: [String]]
      let overall: ScaleDomain
      let domains: [ScaleDomain]
    }
    let crosstabs: [CrossTabCase]
    let scales: [ScaleCase]
  }

  static let reference: Reference = {
    let data = try! Data(contentsOf: folder.appendingPathComponent("reference.json"))
    return try! JSONDecoder().decode(Reference.self, from: data)
  }()

  static func dataPath(_ data: String) -> String { folder.appendingPathComponent(data).standardized.path }

  static func missingFlags(_ codes: [String: [String]]) -> [String] {
    codes.flatMap { ["--missing", "\($0)=\($1.joined(separator: ","))"] }
  }

  static func close(_ actual: Any?, _ expected: Double, _ tolerance: Double) -> Bool {
    guard let actual = actual as? Double else { return false }
    return abs(actual - expected) <= tolerance * max(abs(expected), 1e-300)
  }

  // MARK: crosstab

  static var crossTabCases: [String] { reference.crosstabs.map(\.name) }

  @Test(arguments: crossTabCases)
  func crossTabJSONMatchesR(caseName: String) throws {
    let testCase = Self.reference.crosstabs.first { $0.name == caseName }!
    var arguments = [Self.dataPath(testCase.data), "--row", testCase.row, "--col", testCase.column,
                     "--ci", testCase.method, "--level", String(testCase.level), "--format", "json"]
    arguments += testCase.design.flags + Self.missingFlags(testCase.missing_codes)
    arguments += testCase.by.flatMap { ["--by", $0] }
    if testCase.row == "westin_segment" { arguments += ["--derive", Self.westin] }
    let text = try CrossTabCommand.parse(arguments).output()
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    try compare(table: json, testCase.overall, caseName)
    let domains = try #require(json["domains"] as? [[String: Any]])
    #expect(domains.count == testCase.domains.count)
    for (domain, expected) in zip(domains, testCase.domains) {
      #expect(domain["domain"] as? [String: String] == expected.domain)
      try compare(table: domain, expected, "\(caseName) \(expected.domain)")
    }
  }

  private func compare(table: [String: Any], _ expected: Reference.Table, _ label: String) throws {
    let test = try #require(table["test"] as? [String: Any], "\(label) test")
    #expect(test["method"] as? String == "rao-scott-f")
    #expect(Self.close(test["statistic"], expected.test.statistic, 1e-9), "\(label) F")
    #expect(Self.close(test["numerator_df"], expected.test.numerator_df, 1e-9), "\(label) ndf")
    #expect(Self.close(test["denominator_df"], expected.test.denominator_df, 1e-9), "\(label) ddf")
    #expect(Self.close(test["p_value"], expected.test.p_value, 1e-7), "\(label) p")
    let pearson = try #require(table["pearson"] as? [String: Any])
    #expect(Self.close(pearson["statistic"], expected.pearson.statistic, 1e-9), "\(label) X2")
    #expect(pearson["df"] as? Int == expected.pearson.df)
    #expect(Self.close(pearson["p_value"], expected.pearson.p_value, 1e-7), "\(label) Pearson p")
    let cells = try #require(table["cells"] as? [[String: Any]])
    #expect(cells.count == expected.cells.count)
    for expectedCell in expected.cells {
      let cell = try #require(cells.first { $0["row"] as? String == expectedCell.row && $0["column"] as? String == expectedCell.column })
      #expect(cell["respondents"] as? Int == expectedCell.respondents)
      for (key, share) in [("of_total", expectedCell.of_total), ("of_row", expectedCell.of_row), ("of_column", expectedCell.of_column)] {
        let actual = try #require(cell[key] as? [String: Any])
        #expect(Self.close(actual["estimate"], share.estimate, 1e-9), "\(label) \(key)")
        #expect(Self.close(actual["standard_error"], share.standard_error, 1e-9), "\(label) \(key) SE")
        if let bounds = share.referenceBounds {
          #expect(Self.close(actual["ci_lower"], bounds[0], 1e-7), "\(label) \(key) lower")
          #expect(Self.close(actual["ci_upper"], bounds[1], 1e-7), "\(label) \(key) upper")
        }
      }
    }
  }

  @Test func crossTabJSONKeysFollowTheContract() throws {
    let text = try CrossTabCommand.parse([Self.privacy, "--row", "protect", "--col", "sex", "--weight", "w", "--format", "json"]).output()
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(Set(json.keys) == [
      "design", "row_variable", "column_variable", "by", "ci_method", "confidence_level", "domain", "respondents",
      "design_rows", "degrees_of_freedom", "row_categories", "column_categories", "cells", "test",
      "test_unavailable_reason", "pearson", "domains",
    ])
    let test = try #require(json["test"] as? [String: Any])
    #expect(Set(test.keys) == [
      "method", "statistic", "numerator_df", "denominator_df", "p_value", "design_degrees_of_freedom", "mean_design_effect",
    ])
    let cell = try #require((json["cells"] as? [[String: Any]])?.first)
    #expect(Set(cell.keys) == ["row", "column", "respondents", "weighted_count", "of_total", "of_row", "of_column"])
    let share = try #require(cell["of_row"] as? [String: Any])
    #expect(Set(share.keys) == [
      "estimate", "standard_error", "ci_lower", "ci_upper", "degrees_of_freedom", "design_effect", "base_respondents",
    ])
    #expect(json["domains"] as? [Any] != nil)
  }

  @Test func rakingIsSummarisedInEveryFormat() throws {
    let targets = Self.folder.appendingPathComponent("privacy-targets.csv").path
    let base = [Self.privacy, "--row", "protect", "--col", "sex", "--weight", "w", "--strata", "stratum", "--psu", "psu",
                "--rake-to", targets]
    let json = try #require(try JSONSerialization.jsonObject(
      with: Data(try CrossTabCommand.parse(base + ["--format", "json"]).output().utf8)) as? [String: Any])
    let raking = try #require(json["raking"] as? [String: Any])
    #expect(raking["converged"] as? Bool == true)
    let text = try CrossTabCommand.parse(base).output()
    #expect(text.split(separator: "\n")[1].hasPrefix("Weights raked to 2 margins (sex, age_band): converged in"))
    let scale = try ScaleCommand.parse(
      [Self.privacy, "--items", "trust1,trust2", "--range", "1,5", "--weight", "w", "--rake-to", targets, "--format", "json"])
      .output()
    let scaleJSON = try #require(try JSONSerialization.jsonObject(with: Data(scale.utf8)) as? [String: Any])
    #expect((scaleJSON["raking"] as? [String: Any])?["converged"] as? Bool == true)
  }

  @Test func derivedVariablesComeFromTheCodebook() throws {
    let codebook = try ScratchFolder.make("crosstab").appendingPathComponent("codebook.yaml")
    try """
      design:
        weight: w
        strata: stratum
        psu: psu
      variables:
        protect:
          label: Protège ses données
      derived:
        westin_segment:
          kind: westin
          label: Segment de Westin
          items: [westin_a, westin_b, westin_c]

      """.write(to: codebook, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: codebook) }
    let fromCodebook = try CrossTabCommand.parse(
      [Self.privacy, "--codebook", codebook.path, "--row", "westin_segment", "--col", "protect"]).output()
    #expect(fromCodebook.contains("westin_segment (Segment de Westin) by protect (Protège ses données)"))
    #expect(fromCodebook.contains("Rao–Scott F = 21.575 on 1.52 and 31.85 df, p < 0.0001"))
    let fromFlag = try CrossTabCommand.parse(
      [Self.privacy, "--row", "westin_segment", "--col", "protect", "--weight", "w", "--strata", "stratum",
       "--psu", "psu", "--derive", Self.westin]).output()
    #expect(fromFlag.contains("Rao–Scott F = 21.575 on 1.52 and 31.85 df, p < 0.0001"))
  }

  @Test func textMarkdownAndCSV() throws {
    let base = [Self.privacy, "--row", "protect", "--col", "sex", "--by", "age_band", "--weight", "w"]
    let text = try CrossTabCommand.parse(base).output()
    #expect(text.hasPrefix("Design: 900 respondents · 899 degrees of freedom"))
    #expect(text.contains("\nALL RESPONDENTS\n"))
    #expect(text.contains("\nAGE_BAND = 65+\n"))
    #expect(text.contains("Row percentages (each row sums to 100)"))
    let markdown = try CrossTabCommand.parse(base + ["--format", "markdown"]).output()
    #expect(markdown.hasPrefix("Design: 900 respondents"))
    #expect(markdown.contains("\n*18-24*\n"))
    #expect(markdown.contains("| Answer (column %) | F | M |\n| --- | ---: | ---: |\n"))
    let csv = try CrossTabCommand.parse(base + ["--format", "csv"]).output()
    let lines = csv.split(separator: "\n")
    #expect(lines[0].hasPrefix("age_band,row,column,respondents,weighted_count,of_total,"))
    #expect(lines.count == 1 + 4 * 6)  // a 2 × 2 table overall and in 5 age bands
  }

  @Test func errorsExitWithTheirStatus() throws {
    let sameVariable = try CommandLineRunner.run(["crosstab", Self.privacy, "--row", "sex", "--col", "sex"])
    #expect(sameVariable.status == 64)
    #expect(sameVariable.standardError.contains("--row and --col are both 'sex'"))
    let unknown = try CommandLineRunner.run(["crosstab", Self.privacy, "--row", "sexe", "--col", "protect"])
    #expect(unknown.status == 65)
    #expect(unknown.standardError.contains("Did you mean 'sex'?"))
    let byTwice = try CommandLineRunner.run(["crosstab", Self.privacy, "--row", "sex", "--col", "protect", "--by", "sex"])
    #expect(byTwice.status == 65)
    #expect(byTwice.standardError.contains("'sex' is given both as the row variable and as a by variable."))
  }

  @Test func helpTeachesByExample() throws {
    for command in ["crosstab", "scale"] {
      let result = try CommandLineRunner.run([command, "--help"])
      #expect(result.status == 0)
      #expect(result.standardOutput.contains("Examples:"))
      #expect(result.standardOutput.contains("--derive"))
    }
  }

  // MARK: scale

  static var scaleCases: [String] { reference.scales.map(\.name) }

  @Test(arguments: scaleCases)
  func scaleJSONMatchesR(caseName: String) throws {
    let testCase = Self.reference.scales.first { $0.name == caseName }!
    var arguments = [Self.dataPath(testCase.data), "--items", testCase.items.joined(separator: ","),
                     "--range", "\(Int(testCase.range[0])),\(Int(testCase.range[1]))", "--min-items", String(testCase.min_items),
                     "--box", String(testCase.box), "--ci", testCase.method, "--level", String(testCase.level),
                     "--format", "json"]
    if !testCase.reverse.isEmpty { arguments += ["--reverse", testCase.reverse.joined(separator: ",")] }
    arguments += testCase.design.flags + Self.missingFlags(testCase.missing_codes)
    arguments += testCase.by.flatMap { ["--by", $0] }
    let text = try ScaleCommand.parse(arguments).output()
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let domains = try #require(json["domains"] as? [[String: Any]])
    #expect(domains.count == testCase.domains.count)
    for (summary, expected) in zip([try #require(json["overall"] as? [String: Any])] + domains, [testCase.overall] + testCase.domains) {
      let label = "\(caseName) \(expected.domain)"
      #expect(summary["domain"] as? [String: String] == expected.domain)
      let score = try #require(summary["score"] as? [String: Any])
      #expect(Self.close(score["estimate"], expected.score.estimate, 1e-9), "\(label) score")
      #expect(Self.close(score["standard_error"], expected.score.standard_error, 1e-9), "\(label) SE")
      if let bounds = expected.score.ci {
        #expect(Self.close(score["ci_lower"], bounds[0], 1e-7), "\(label) lower")
        #expect(Self.close(score["ci_upper"], bounds[1], 1e-7), "\(label) upper")
      }
      if let alpha = expected.alpha, let weighted = expected.weighted_alpha {
        let reliability = try #require(summary["reliability"] as? [String: Any])
        #expect(Self.close(reliability["alpha"], alpha, 1e-9), "\(label) alpha")
        #expect(Self.close(reliability["weighted_alpha"], weighted, 1e-9), "\(label) weighted alpha")
      } else {
        #expect(summary["reliability"] is NSNull)
      }
    }
  }

  @Test func scaleErrorsAreExplained() throws {
    let refused = try CommandLineRunner.run(["scale", Self.privacy, "--items", "concern", "--range", "1,5", "--weight", "w"])
    #expect(refused.status == 65)
    #expect(refused.standardError.contains("the answer 9 is outside the scale's range 1–5"))
    #expect(refused.standardError.contains("--missing concern=9"))
    let noItems = try CommandLineRunner.run(["scale", Self.privacy])
    #expect(noItems.status == 64)
    let badRange = try CommandLineRunner.run(["scale", Self.privacy, "--items", "trust1", "--range", "5"])
    #expect(badRange.status == 64)
    #expect(badRange.standardError.contains("'--range 5' is not understood"))
  }

  @Test func scaleTextShowsTheRuleAndBothTables() throws {
    let text = try ScaleCommand.parse(
      [Self.privacy, "--items", "trust1,trust2,trust3,trust4", "--reverse", "trust3", "--range", "1,5", "--weight", "w"]).output()
    #expect(text.contains("The score is the mean of the items; reverse-keyed items score 6 − answer; "
      + "a respondent gets a score when they answered every item."))
    #expect(text.contains("\nScores\n"))
    #expect(text.contains("trust3 (reversed)"))
    let csv = try ScaleCommand.parse(
      [Self.privacy, "--items", "trust1,trust2", "--range", "1,5", "--by", "sex", "--format", "csv"]).output()
    #expect(csv.split(separator: "\n").count == 1 + 3 * 3)  // score + 2 items, overall and 2 sexes
  }
}
