import Foundation
import Testing

/// `confiance gap` on replicate-weight designs, against R survey 4.1 (section 5c of
/// `Tests/SurveyStatisticsTests/Fixtures/replicates/make-replicates.R`): the built binary runs on
/// the replicate CSV files with each design's flags (``ReplicateCommandTests/designArguments(_:)``)
/// and its JSON is compared with R's shares, gap, φ, odds ratio and between-domain comparisons:
/// estimates and standard errors 1e-9 relative, bounds, t and p-values 1e-7, degrees of freedom exact.
@Suite struct ReplicateGapCommandTests {
  static var paradoxCases: [[String: Any]] { ReplicateCommandTests.reference["paradox"] as? [[String: Any]] ?? [] }

  @Test(arguments: ["rclus1", "rpairs-fay", "sup-boot"])
  func gapMatchesR(design name: String) throws {
    let testCase = try #require(Self.paradoxCases.first { $0["design"] as? String == name })
    let concern = testCase["concern"] as! [String: Any]
    var arguments = ["gap", "--concern", Self.item(concern)]
    for action in testCase["actions"] as! [[String: Any]] { arguments += ["--action", Self.item(action)] }
    let by = testCase["by"] as! [String]
    if !by.isEmpty { arguments += ["--by", by.joined(separator: ",")] }
    let json = try ReplicateCommandTests.json(arguments + ReplicateCommandTests.designArguments(name))
    #expect((json["design"] as? [String: Any])?["replicates"] != nil, "\(name): the design names its replicates")

    compare(try #require(json["overall"] as? [String: Any]), with: testCase["overall"] as! [String: Any], label: name)
    let domains = json["domains"] as? [[String: Any]] ?? []
    let expectedDomains = testCase["domains"] as! [[String: Any]]
    #expect(domains.count == expectedDomains.count, "\(name): domains")
    for (ours, theirs) in zip(domains, expectedDomains) { compare(ours, with: theirs, label: "\(name) domain") }
    let comparisons = json["comparisons"] as? [[String: Any]] ?? []
    let expectedComparisons = testCase["comparisons"] as! [[String: Any]]
    #expect(comparisons.count == expectedComparisons.count, "\(name): comparisons")
    for (ours, theirs) in zip(comparisons, expectedComparisons) {
      let label = "\(name) \(theirs["measure"]!) \(theirs["first"]!)−\(theirs["second"]!)"
      #expect(ours["measure"] as? String == theirs["measure"] as? String, "\(label) measure")
      #expect(ours["degrees_of_freedom"] as? Int == theirs["degrees_of_freedom"] as? Int, "\(label) df")
      check(ours["difference"], theirs["estimate"], 1e-9, "\(label) difference")
      check(ours["standard_error"], theirs["standard_error"], 1e-9, "\(label) SE")
      check(ours["p_value_holm"], theirs["holm_adjusted_p_value"], 1e-7, "\(label) Holm p")
      let interval = theirs["interval"] as! [Any]
      check(ours["ci_lower"], interval[0], 1e-7, "\(label) lower")
      check(ours["ci_upper"], interval[1], 1e-7, "\(label) upper")
    }
  }

  /// `sch.wide=Yes`.
  static func item(_ item: [String: Any]) -> String {
    let values = item["values"] as? [String] ?? [item["values"] as! String]
    return "\(item["variable"] as! String)=\(values.joined(separator: ","))"
  }

  private func compare(_ ours: [String: Any], with theirs: [String: Any], label: String) {
    #expect(ours["respondents"] as? Int == theirs["respondents"] as? Int, "\(label) respondents")
    for key in ["concerned", "acting", "paradox_share", "inaction_given_concern"] {
      let measure = ours[key] as? [String: Any] ?? [:], expected = theirs[key] as! [String: Any]
      #expect(measure["degrees_of_freedom"] as? Int == expected["degrees_of_freedom"] as? Int, "\(label) \(key) df")
      check(measure["estimate"], expected["estimate"], 1e-9, "\(label) \(key)")
      check(measure["standard_error"], expected["standard_error"], 1e-9, "\(label) \(key) SE")
      let logit = (expected["intervals"] as! [String: Any])["logit"] as! [Any]
      check(measure["ci_lower"], logit[0], 1e-7, "\(label) \(key) lower")
      check(measure["ci_upper"], logit[1], 1e-7, "\(label) \(key) upper")
    }
    for key in ["gap", "phi"] {
      let measure = ours[key] as? [String: Any] ?? [:], expected = theirs[key] as! [String: Any]
      #expect(measure["degrees_of_freedom"] as? Int == expected["degrees_of_freedom"] as? Int, "\(label) \(key) df")
      check(measure["estimate"], expected["estimate"], 1e-9, "\(label) \(key)")
      check(measure["standard_error"], expected["standard_error"], 1e-9, "\(label) \(key) SE")
      let interval = expected["interval"] as! [Any]
      check(measure["ci_lower"], interval[0], 1e-7, "\(label) \(key) lower")
      check(measure["ci_upper"], interval[1], 1e-7, "\(label) \(key) upper")
    }
    let gap = ours["gap"] as? [String: Any] ?? [:], expectedGap = theirs["gap"] as! [String: Any]
    check(gap["p_value"], expectedGap["p_value"], 1e-7, "\(label) gap p")
    let odds = ours["odds_ratio"] as? [String: Any] ?? [:], expectedOdds = theirs["odds_ratio"] as! [String: Any]
    check(odds["estimate"], expectedOdds["estimate"], 1e-9, "\(label) odds ratio")
    check(odds["log_standard_error"], expectedOdds["log_standard_error"], 1e-9, "\(label) log odds ratio SE")
  }

  /// Expects a JSON number within `tolerance` (relative) of R's; where R has none (null: infinite
  /// or undefined), expects ours not to be a finite number.
  private func check(_ ours: Any?, _ theirs: Any?, _ tolerance: Double, _ label: String) {
    guard let expected = theirs as? Double else {
      #expect(!((ours as? Double)?.isFinite ?? false), "\(label): R has no value, ours \(String(describing: ours))")
      return
    }
    guard let actual = ours as? Double else {
      Issue.record("\(label): no number in our JSON (R \(expected))")
      return
    }
    let difference = expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    #expect(difference < tolerance, "\(label): \(actual) vs R \(expected)")
  }
}
