import Foundation
import Testing

@testable import ConfianceCLI

/// `confiance gap` end to end: R survey 4.1's numbers through the JSON contract, every output
/// format, and the messages for mistakes.
@Suite struct GapCommandTests {
  static let folder = CommandLineRunner.repository.appendingPathComponent("Tests/SurveyStatisticsTests/Fixtures/paradox")
  let example = "surveys/example-privacy.csv"

  nonisolated(unsafe) static let reference: [[String: Any]] = {  // read-only after initialization
    let data = try! Data(contentsOf: folder.appendingPathComponent("reference.json"))
    let json = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    return json["cases"] as! [[String: Any]]
  }()

  static var caseNames: [String] { reference.map { $0["name"] as! String } }

  func output(_ arguments: [String]) throws -> String {
    let command = try Gap.parse(arguments.map {
      $0 == "EXAMPLE" ? CommandLineRunner.repository.appendingPathComponent(example).path : $0
    })
    return try command.output()
  }

  /// The command line of a reference case: file, design flags, items, missing codes, domains.
  static func arguments(for testCase: [String: Any]) -> [String] {
    var arguments = [folder.appendingPathComponent(testCase["data"] as! String).path, "--format", "json"]
    let design = testCase["design"] as! [String: Any]
    for (flag, key) in [("--weight", "weight"), ("--strata", "strata"), ("--psu", "psu"), ("--fpc", "fpc"),
                        ("--lonely-psu", "lonely_psu")] {
      if let value = design[key] as? String { arguments += [flag, value] }
    }
    if let targets = design["targets_file"] as? String {
      arguments += ["--rake-to", folder.appendingPathComponent(targets).path]
    }
    func item(_ object: Any) -> String {
      let item = object as! [String: Any]
      return "\(item["variable"] as! String)=\((item["values"] as! [String]).joined(separator: ","))"
    }
    arguments += ["--concern", item(testCase["concern"]!)]
    for action in testCase["actions"] as! [Any] { arguments += ["--action", item(action)] }
    arguments += ["--min-actions", String(testCase["minimum_actions"] as! Int)]
    for variable in testCase["by"] as! [String] { arguments += ["--by", variable] }
    for (variable, codes) in testCase["missing_codes"] as! [String: [String]] {
      arguments += ["--missing", "\(variable)=\(codes.joined(separator: ","))"]
    }
    return arguments
  }

  /// Every number of the JSON contract against R, logit intervals at 95%: estimates and SEs to
  /// 1e-9 relative, bounds and p-values to 1e-7.
  @Test(arguments: caseNames)
  func jsonMatchesR(caseName: String) throws {
    let testCase = Self.reference.first { $0["name"] as? String == caseName }!
    let text = try Gap.parse(Self.arguments(for: testCase)).output()
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    compare(json["overall"] as! [String: Any], testCase["overall"] as! [String: Any], label: "\(caseName) overall")
    let domains = json["domains"] as! [[String: Any]]
    let expectedDomains = testCase["domains"] as! [[String: Any]]
    #expect(domains.count == expectedDomains.count)
    for expected in expectedDomains {
      let key = expected["domain"] as! [String: String]
      guard let actual = domains.first(where: { $0["domain"] as? [String: String] == key }) else {
        Issue.record("\(caseName): domain \(key) missing"); continue
      }
      compare(actual, expected, label: "\(caseName) \(key)")
    }
    let comparisons = json["comparisons"] as! [[String: Any]]
    let expectedComparisons = testCase["comparisons"] as! [[String: Any]]
    #expect(comparisons.count == expectedComparisons.count)
    for expected in expectedComparisons {
      guard let actual = comparisons.first(where: {
        $0["measure"] as? String == expected["measure"] as? String
          && $0["first"] as? [String: String] == expected["first"] as? [String: String]
          && $0["second"] as? [String: String] == expected["second"] as? [String: String]
      }) else { Issue.record("\(caseName): comparison missing"); continue }
      let label = "\(caseName) \(expected["measure"]!) \(expected["first"]!) vs \(expected["second"]!)"
      check(actual["difference"], expected["difference"], 1e-9, label + " difference")
      check(actual["standard_error"], expected["standard_error"], 1e-9, label + " SE")
      check(actual["p_value"], expected["p_value"], 1e-7, label + " p")
      check(actual["p_value_holm"], expected["p_value_holm"], 1e-7, label + " Holm")
      let bounds = (expected["intervals"] as! [String: [Any]])["0.95"]!
      check(actual["ci_lower"], bounds[0], 1e-7, label + " lower")
      check(actual["ci_upper"], bounds[1], 1e-7, label + " upper")
    }
  }

  private func compare(_ actual: [String: Any], _ expected: [String: Any], label: String) {
    #expect(actual["respondents"] as? Int == expected["respondents"] as? Int, "\(label) respondents")
    for measure in ["concerned", "acting", "paradox_share", "inaction_given_concern"] {
      let a = actual[measure] as! [String: Any], e = expected[measure] as! [String: Any]
      check(a["estimate"], e["estimate"], 1e-9, "\(label) \(measure)")
      check(a["standard_error"], e["standard_error"], 1e-9, "\(label) \(measure) SE")
      #expect(a["degrees_of_freedom"] as? Int == e["degrees_of_freedom"] as? Int, "\(label) \(measure) df")
      let logit = ((e["intervals"] as! [String: Any])["0.95"] as! [String: Any])["logit"] as? [Any]
      if let logit {
        check(a["ci_lower"], logit[0], 1e-7, "\(label) \(measure) lower")
        check(a["ci_upper"], logit[1], 1e-7, "\(label) \(measure) upper")
      }
    }
    for measure in ["phi", "gap", "odds_ratio"] {
      let a = actual[measure] as! [String: Any], e = expected[measure] as! [String: Any]
      check(a["estimate"], e["estimate"], 1e-9, "\(label) \(measure)")
      check(a["standard_error"], e["standard_error"], 1e-9, "\(label) \(measure) SE")
      #expect(a["degrees_of_freedom"] as? Int == e["degrees_of_freedom"] as? Int, "\(label) \(measure) df")
      let bounds = (e["intervals"] as! [String: [Any]])["0.95"]!
      check(a["ci_lower"], bounds[0], 1e-7, "\(label) \(measure) lower")
      check(a["ci_upper"], bounds[1], 1e-7, "\(label) \(measure) upper")
    }
    let gap = actual["gap"] as! [String: Any]
    check(gap["p_value"], (expected["gap"] as! [String: Any])["p_value"], 1e-7, "\(label) gap p")
    #expect(actual["mcnemar_counts"] as? [String: Int] == expected["mcnemar_counts"] as? [String: Int], "\(label) McNemar")
  }

  /// Both null (R could not compute it either), or both numbers within `tolerance` relative.
  private func check(_ actual: Any?, _ expected: Any?, _ tolerance: Double, _ label: String) {
    guard let reference = expected as? Double else {
      #expect(actual is NSNull, "\(label): \(String(describing: actual)), R gives null")
      return
    }
    guard let value = actual as? Double else {
      Issue.record("\(label): \(String(describing: actual)), R gives \(reference)")
      return
    }
    #expect(abs(value - reference) <= tolerance * abs(reference), "\(label): \(value) vs R \(reference)")
  }

  @Test func jsonFollowsTheDocumentedContract() throws {
    let text = try output([
      "EXAMPLE", "--concern", "concern_data_use=4,5", "--action", "protect_settings=1", "--action",
      "protect_cookies=1", "--by", "sex", "--format", "json",
    ])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(Set(json.keys) == ["design", "definition", "ci_method", "confidence_level", "overall", "domains", "comparisons"])
    #expect(json["definition"] as? [String: String] == [
      "concerned": "concern_data_use in {4,5}", "acting": "protect_settings in {1} or protect_cookies in {1}",
    ])
    let design = try #require(json["design"] as? [String: Any])
    #expect(design["respondents"] as? Int == 2145 && design["degrees_of_freedom"] as? Int == 65)
    let overall = try #require(json["overall"] as? [String: Any])
    #expect(Set(overall.keys) == [
      "respondents", "concerned", "acting", "paradox_share", "inaction_given_concern", "phi", "odds_ratio", "gap",
      "mcnemar_counts",
    ])
    for measure in ["concerned", "acting", "paradox_share", "inaction_given_concern", "phi"] {
      let object = try #require(overall[measure] as? [String: Any])
      #expect(Set(object.keys) == ["estimate", "standard_error", "ci_lower", "ci_upper", "degrees_of_freedom"])
    }
    let gap = try #require(overall["gap"] as? [String: Any])
    #expect(Set(gap.keys) == [
      "estimate", "standard_error", "ci_lower", "ci_upper", "degrees_of_freedom", "p_value", "t_statistic",
    ])
    #expect(gap["degrees_of_freedom"] as? Int == 65)
    #expect(Set((overall["mcnemar_counts"] as! [String: Int]).keys) == ["concerned_not_acting", "acting_not_concerned"])
    let domains = try #require(json["domains"] as? [[String: Any]])
    #expect(domains.map { $0["domain"] as? [String: String] } == [["sex": "F"], ["sex": "M"]])
    #expect(Set(domains[0].keys) == Set(overall.keys).union(["domain"]))
    let comparisons = try #require(json["comparisons"] as? [[String: Any]])
    #expect(comparisons.map { $0["measure"] as? String } == ["gap", "paradox_share"])
    #expect(Set(comparisons[0].keys) == [
      "measure", "first", "second", "difference", "standard_error", "p_value", "p_value_holm", "ci_lower", "ci_upper",
      "degrees_of_freedom", "t_statistic",
    ])
    // Keys appear in the documented order.
    let order = ["\"design\"", "\"definition\"", "\"ci_method\"", "\"confidence_level\"", "\"overall\"", "\"domains\"",
                 "\"comparisons\""]
    let positions = order.map { text.range(of: $0)!.lowerBound }
    #expect(positions == positions.sorted())
    let measures = ["\"respondents\"", "\"concerned\"", "\"acting\"", "\"paradox_share\"", "\"inaction_given_concern\"",
                    "\"phi\"", "\"odds_ratio\"", "\"gap\"", "\"mcnemar_counts\""]
    let overallText = text[text.range(of: "\"overall\"")!.upperBound...]
    let measurePositions = measures.map { overallText.range(of: $0)!.lowerBound }
    #expect(measurePositions == measurePositions.sorted())
  }

  /// `--rake-to`: R's numbers on the raked design (``jsonMatchesR(caseName:)`` covers them), the
  /// raking summarised after the documented members in JSON and under the design line in text and
  /// Markdown, and Korn–Graubard intervals taking R's `nrow()` of a raked domain (the whole file).
  @Test func rakingIsSummarisedAndUsedByEveryInterval() throws {
    let testCase = Self.reference.first { $0["name"] as? String == "raked-any-of-two-by-age" }!
    let arguments = Self.arguments(for: testCase).filter { $0 != "--format" && $0 != "json" }
    #expect(arguments.contains("--rake-to"))
    let text = try Gap.parse(arguments + ["--format", "json", "--ci", "beta"]).output()
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let raking = try #require(json["raking"] as? [String: Any])
    #expect(raking["converged"] as? Bool == true)
    check(raking["weight_total"], 260000.0, 1e-12, "raked weight total")
    #expect((raking["margins"] as? [Any])?.count == 7)
    let order = ["\"design\"", "\"definition\"", "\"overall\"", "\"domains\"", "\"comparisons\"", "\"raking\""]
    let positions = order.map { text.range(of: $0)!.lowerBound }
    #expect(positions == positions.sorted())
    let design = try #require(json["design"] as? [String: Any])
    check(design["weight_total"], 260000.0, 1e-12, "design weight total")
    for (actual, expected) in zip(json["domains"] as! [[String: Any]], testCase["domains"] as! [[String: Any]]) {
      for measure in ["concerned", "acting", "paradox_share", "inaction_given_concern"] {
        let bounds = (((expected[measure] as! [String: Any])["intervals"] as! [String: Any])["0.95"]
          as! [String: Any])["beta"] as! [Double]
        let estimate = actual[measure] as! [String: Any]
        check(estimate["ci_lower"], bounds[0], 1e-7, "\(measure) beta lower")
        check(estimate["ci_upper"], bounds[1], 1e-7, "\(measure) beta upper")
      }
    }
    for format in ["text", "markdown"] {
      let lines = try Gap.parse(arguments + ["--format", format]).output().split(separator: "\n")
      #expect(lines[0].hasPrefix("Design: 1200 respondents"), "\(format)")
      #expect(lines[1].hasPrefix("Weights raked to 2 margins (sex, age_band): converged in"), "\(format)")
    }
    let csv = try Gap.parse(arguments + ["--format", "csv"]).output()
    #expect(csv.hasPrefix("scope,age_band,measure,"))
  }

  @Test func rakingOptionsNeedATargetsFile() throws {
    let result = try CommandLineRunner.run([
      "gap", example, "--concern", "concern_data_use=4,5", "--action", "protect_cookies=1", "--population", "1000",
    ])
    #expect(result.status == 64)
    #expect(result.standardError.contains("--population and --allow-nonconvergence apply to raking: add --rake-to targets.csv."))
  }

  @Test func withoutDomainsThereAreNoComparisons() throws {
    let text = try output(["EXAMPLE", "--concern", "concern_data_use=5", "--action", "gdpr_aware=yes", "--format", "json"])
    #expect(text.contains("\"domains\": []"))
    #expect(text.contains("\"comparisons\": []"))
  }

  @Test func textShowsEveryMeasureAndTheComparisons() throws {
    let text = try output([
      "EXAMPLE", "--concern", "concern_data_use=4,5", "--action", "protect_cookies=1", "--by", "age_band",
    ])
    #expect(text.hasPrefix("Design: 2145 respondents · 13 strata · 78 PSUs · 65 degrees of freedom"))
    for line in ["Concerned: concern_data_use in {4,5}", "Acting:    protect_cookies in {1}", "gap (concerned − acting)",
                 "paradox share (concerned, not acting)", "inaction among the concerned", "odds ratio",
                 "McNemar counts (unweighted):", "By age_band", "p-values Holm-adjusted across all 20"] {
      #expect(text.contains(line), "\(line)")
    }
  }

  @Test func csvHasNineRowsPerResultAndOnePerComparison() throws {
    let text = try output([
      "EXAMPLE", "--concern", "concern_data_use=4,5", "--action", "protect_cookies=1", "--by", "sex", "--format", "csv",
    ])
    let lines = text.split(separator: "\n")
    #expect(lines[0] == "scope,sex,measure,estimate,standard_error,ci_lower,ci_upper,degrees_of_freedom,t_statistic,p_value,p_value_holm,respondents,versus_sex")
    #expect(lines.count == 1 + 3 * 9 + 2)
    #expect(lines.last!.hasPrefix("comparison,F,paradox_share_difference,"))
    #expect(lines.last!.hasSuffix(",M"))
  }

  @Test func markdownHasTables() throws {
    let text = try output([
      "EXAMPLE", "--concern", "concern_data_use=4,5", "--action", "protect_cookies=1", "--by", "sex",
      "--format", "markdown",
    ])
    #expect(text.hasPrefix("Design: 2145 respondents"))
    #expect(text.contains("| Measure | Estimate | 95% CI |"))
    #expect(text.contains("| Variable | Group | n | Concerned % | Acting % | Gap, pts (95% CI) |"))
  }

  @Test func atLeastKOfTheActionsIsDescribed() throws {
    let text = try output([
      "EXAMPLE", "--concern", "concern_data_use=4,5", "--action", "protect_settings=1", "--action", "protect_cookies=1",
      "--action", "gdpr_aware=yes", "--min-actions", "2", "--format", "json",
    ])
    #expect(text.contains("\"acting\": \"at least 2 of: protect_settings in {1}, protect_cookies in {1}, gdpr_aware in {yes}\""))
  }

  @Test func usageMistakesExitWith64AndSayWhatToWrite() throws {
    let noConcern = try CommandLineRunner.run(["gap", example, "--action", "protect_cookies=1"])
    #expect(noConcern.status == 64)
    #expect(noConcern.standardError.contains("say who is concerned, e.g. --concern concern_data_use=4,5."))
    let noValues = try CommandLineRunner.run(["gap", example, "--concern", "concern_data_use", "--action", "protect_cookies=1"])
    #expect(noValues.status == 64)
    #expect(noValues.standardError.contains(
      "'--concern concern_data_use' needs the values that count: write --concern concern_data_use=VALUE[,VALUE]"))
    let noAction = try CommandLineRunner.run(["gap", example, "--concern", "concern_data_use=5"])
    #expect(noAction.status == 64)
    #expect(noAction.standardError.contains("name at least one protective behaviour, e.g. --action protect_cookies=1."))
    let tooMany = try CommandLineRunner.run([
      "gap", example, "--concern", "concern_data_use=5", "--action", "protect_cookies=1", "--min-actions", "2",
    ])
    #expect(tooMany.status == 64)
    #expect(tooMany.standardError.contains("--min-actions 2 is not between 1 (any action) and 1 (all 1 --action items)."))
  }

  @Test func aValueNobodyHasExitsWith65AndListsTheValues() throws {
    let result = try CommandLineRunner.run(["gap", example, "--concern", "concern_data_use=4,5", "--action", "protect_cookies=yes"])
    #expect(result.status == 65)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "confiance: error: no respondent has protect_cookies in {yes} (the action item), "
      + "so that indicator is 0 for everybody. The values present in 'protect_cookies' are: 0, 1. "
      + "Write the values as they appear in the file, e.g. protect_cookies=0.\n")
  }

  @Test func anUnknownItemSuggestsTheClosestColumn() throws {
    let result = try CommandLineRunner.run(["gap", example, "--concern", "concern_data_usee=4,5", "--action", "protect_cookies=1"])
    #expect(result.status == 65)
    #expect(result.standardError.contains("Did you mean 'concern_data_use'?"))
  }

  @Test func helpTeachesByExample() throws {
    let result = try CommandLineRunner.run(["gap", "--help"])
    #expect(result.status == 0)
    for text in ["Examples:", "--concern concern_data_use=4,5 --action protect_cookies=1", "--min-actions 2 --format json",
                 "--lonely-psu", "Holm"] {
      #expect(result.standardOutput.contains(text), "\(text)")
    }
  }
}
