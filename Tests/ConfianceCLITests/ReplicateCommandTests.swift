import Foundation
import ScratchFolders
import Testing

/// Replicate-weight designs from the command line, against R survey 4.1: the built `confiance`
/// runs on the CSV files of `Fixtures/replicates/` (R's data sets with their replicate columns,
/// written by `make-replicate-files.py`), with the design flags of each design of
/// `Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json`, and its JSON is compared with
/// R's numbers there (`make-replicates.R`): estimates and standard errors 1e-9 relative, interval
/// bounds 1e-7, degrees of freedom and counts exact.
@Suite struct ReplicateCommandTests {
  nonisolated(unsafe) static let reference: [String: Any] = {
    let url = CommandLineRunner.repository.appendingPathComponent(
      "Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json")
    guard let data = try? Data(contentsOf: url), let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return json
  }()
  static var designs: [String: [String: Any]] { reference["designs"] as? [String: [String: Any]] ?? [:] }
  static var designNames: [String] { designs.keys.sorted() }
  static let folder = CommandLineRunner.repository.appendingPathComponent("Tests/ConfianceCLITests/Fixtures/replicates")

  /// The file and design flags of a design of the fixture, as a user would write them.
  static func designArguments(_ name: String) -> [String] {
    let design = designs[name]!
    var arguments = ["\(design["dataset"] as! String).csv"]
    for (key, flag) in [("weights", "--weight"), ("strata", "--strata"), ("clusters", "--psu"), ("fpc", "--fpc")] {
      if let column = design[key] as? String { arguments += [flag, column] }
    }
    if let policy = design["lonely_psu"] as? String, policy != "fail" { arguments += ["--lonely-psu", policy] }
    let replicates = design["replicates"] as! [String: Any]
    let method = replicates["method"] as! String
    if replicates["source"] as? String == "created" {
      arguments += ["--replicates", method]
    } else {
      arguments += ["--replicate-weights", replicates["pattern"] as! String, "--replicate-type", method]
    }
    if let rho = replicates["fay_rho"] as? Double { arguments += ["--fay-rho", "\(rho)"] }
    if let scale = replicates["scale"] as? Double { arguments += ["--replicate-scale", "\(scale)"] }
    if let scales = replicates["rscales"] as? [Double] {
      arguments += ["--replicate-rscales", scales.map { "\($0)" }.joined(separator: ",")]
    }
    if replicates["mse"] as? Bool == true { arguments.append("--mse") }
    return arguments
  }

  /// The JSON `confiance` prints for `arguments`.
  static func json(_ arguments: [String]) throws -> [String: Any] {
    let result = try CommandLineRunner.run(arguments + ["--format", "json"], in: folder)
    #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.standardError)")
    let data = Data(result.standardOutput.utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Every design: the `design` block names its replicates as R's `svyrep.design` has them, and the
  /// overall mean of api00 and the total of api99 by `sch.wide` are R's.
  @Test(arguments: designNames)
  func meansAndTotalsMatchR(design name: String) throws {
    let r = Self.designs[name]!["r"] as! [String: Any]
    for testCase in cases(of: name, named: ["mean api00", "total api99 by sch.wide"]) {
      let json = try Self.json(command(for: testCase) + Self.designArguments(name))
      let design = try #require(json["design"] as? [String: Any])
      let replicates = try #require(design["replicates"] as? [String: Any])
      #expect(replicates["count"] as? Int == r["count"] as? Int)
      #expect(replicates["mse"] as? Bool == r["mse"] as? Bool)
      #expect(design["degrees_of_freedom"] as? Int == r["degf"] as? Int)
      let scale = try #require(replicates["scale"] as? Double)
      #expect(abs(scale - (r["scale"] as! Double)) <= 1e-15 * scale, "\(name): scale")
      compare(json, with: testCase, label: "\(name) \(testCase["name"]!)")
    }
  }

  /// Ratios, quantiles with both intervals and domains, and a 90 % level, on designs of every kind.
  @Test(arguments: ["rclus1-mse", "rstratclus-jkn", "rpairs-fay", "rquads-brr", "sup-jkn", "sup-boot", "sup-acs-mse", "sup-other"])
  func ratiosAndQuantilesMatchR(design name: String) throws {
    let names = [
      "mean api99 by stype", "ratio api00/api99 by stype", "quantile api99 by stype", "quantile api00 replicates",
      "quantile api99 replicates by sch.wide", "mean api00 level 0.9", "quantile api00 level 0.9",
    ]
    for testCase in cases(of: name, named: names) {
      compare(try Self.json(command(for: testCase) + Self.designArguments(name)), with: testCase, label: "\(name) \(testCase["name"]!)")
    }
  }

  /// `estimate` on replicate designs: R's `svymean(~factor(x))` and `svyciprop()` logit intervals.
  @Test(arguments: ["rclus1", "rstrat-jkn", "rpairs-brr", "rlonely-jkn-adjust", "sup-fay", "sup-sdr", "sup-boot-scale"])
  func proportionsMatchR(design name: String) throws {
    let cases = (Self.reference["proportions"] as! [[String: Any]]).filter { $0["design"] as? String == name }
    #expect(!cases.isEmpty)
    for testCase in cases {
      let by = (testCase["by"] as! [String]).flatMap { ["--by", $0] }
      let json = try Self.json(["estimate"] + Self.designArguments(name) + ["--var", testCase["variable"] as! String] + by)
      let estimates = try #require(json["estimates"] as? [[String: Any]])
      let expected = testCase["estimates"] as! [[String: Any]]
      #expect(estimates.count == expected.count, "\(name): \(estimates.count) estimates, R has \(expected.count)")
      for reference in expected {
        let label = "\(name) \(testCase["variable"]!) \(reference["domain"]!) \(reference["category"]!)"
        guard let ours = estimates.first(where: {
          $0["category"] as? String == reference["category"] as? String
            && ($0["domain"] as? [String: String]) == (reference["domain"] as? [String: String])
        }) else {
          Issue.record("\(label): missing")
          continue
        }
        check(ours["proportion"], reference["proportion"], 1e-9, "\(label) proportion")
        check(ours["standard_error"], reference["standard_error"], 1e-9, "\(label) SE")
        check(ours["design_effect"], reference["design_effect"], 1e-9, "\(label) design effect")
        #expect(ours["degrees_of_freedom"] as? Int == reference["degrees_of_freedom"] as? Int, "\(label) df")
        let logit = ((reference["intervals"] as! [String: Any])["0.95"] as! [String: Any])["logit"] as? [Any]
        check(ours["ci_lower"], logit?[0], 1e-7, "\(label) lower")
        check(ours["ci_upper"], logit?[1], 1e-7, "\(label) upper")
      }
    }
  }

  /// `crosstab` on replicate designs: R's `svychisq()` on a `svyrep.design` and the cell shares.
  @Test(arguments: [0, 3, 5])
  func crossTabsMatchR(index: Int) throws {
    let testCase = (Self.reference["crosstabs"] as! [[String: Any]])[index]
    let name = testCase["design"] as! String
    let by = (testCase["by"] as! [String]).flatMap { ["--by", $0] }
    let json = try Self.json(
      ["crosstab"] + Self.designArguments(name) + ["--row", testCase["row"] as! String, "--col", testCase["column"] as! String] + by)
    let tables = [json] + (json["domains"] as? [[String: Any]] ?? [])
    for expected in testCase["tables"] as! [[String: Any]] {
      let domain = expected["domain"] as! [String: String]
      guard let table = tables.first(where: { ($0["domain"] as? [String: String]) == domain }) else {
        Issue.record("\(name): no table for \(domain)")
        continue
      }
      let label = "\(name) \(domain)"
      #expect(table["degrees_of_freedom"] as? Int == expected["degrees_of_freedom"] as? Int, "\(label) df")
      if let test = expected["test"] as? [String: Any] {
        let ours = try #require(table["test"] as? [String: Any])
        check(ours["statistic"], test["statistic"], 1e-9, "\(label) F")
        check(ours["numerator_df"], test["ndf"], 1e-9, "\(label) ndf")
        check(ours["denominator_df"], test["ddf"], 1e-9, "\(label) ddf")
        check(ours["p_value"], test["p_value"], 1e-7, "\(label) p")
      }
      let cells = try #require(table["cells"] as? [[String: Any]])
      for share in expected["cells"] as! [[String: Any]] {
        guard let cell = cells.first(where: { $0["row"] as? String == share["row"] as? String && $0["column"] as? String == share["column"] as? String }),
          let ofTotal = cell["of_total"] as? [String: Any]
        else {
          Issue.record("\(label): no cell \(share["row"]!) \(share["column"]!)")
          continue
        }
        check(ofTotal["estimate"], share["share"], 1e-9, "\(label) cell share")
        check(ofTotal["standard_error"], share["standard_error"], 1e-9, "\(label) cell SE")
      }
    }
  }

  /// The text output says how variances are made.
  @Test func textNamesTheReplicates() throws {
    let result = try CommandLineRunner.run(
      ["mean"] + Self.designArguments("rclus1-mse") + ["--var", "api00"], in: Self.folder)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("· 15 JK1 replicates created from the PSUs, MSE variances · 14 degrees of freedom ·"))
    let supplied = try CommandLineRunner.run(["mean"] + Self.designArguments("sup-sdr") + ["--var", "api00"], in: Self.folder)
    #expect(supplied.standardOutput.contains("Design: 183 respondents · 16 successive-difference replicates · 14 degrees of freedom ·"))
  }

  /// Replicates declared in a codebook's `design:` block; a flag changes one setting of them.
  @Test func codebookDeclaresTheReplicates() throws {
    let folder = try ScratchFolder.make("replicate-codebook")
    defer { try? FileManager.default.removeItem(at: folder) }
    let codebook = folder.appendingPathComponent("pairs.codebook.yaml").path
    try "design:\n  weight: pw\n  replicate_weights: fay_[0-9]+\n  replicate_type: fay\n  fay_rho: 0.3\n  mse: true\n"
      .write(toFile: codebook, atomically: true, encoding: .utf8)
    for testCase in cases(of: "sup-fay", named: ["mean api00", "ratio api.stu/enroll"]) {
      let json = try Self.json(command(for: testCase) + ["pairs.csv", "--codebook", codebook, "--no-mse"])
      let replicates = try #require((json["design"] as? [String: Any])?["replicates"] as? [String: Any])
      #expect(replicates["type"] as? String == "fay")
      #expect(replicates["source"] as? String == "supplied")
      #expect(replicates["mse"] as? Bool == false)
      compare(json, with: testCase, label: "codebook sup-fay \(testCase["name"]!)")
    }
  }

  /// `report` on supplied replicates: the replicate columns are design columns, not questions;
  /// the methodology says how variances were made, and the command that makes the report again
  /// repeats the replicate flags.
  @Test func reportOnReplicateWeights() throws {
    let folder = try ScratchFolder.make("replicate-report")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("report.md").path
    let result = try CommandLineRunner.run(["report"] + Self.designArguments("sup-jk1") + ["--out", out], in: Self.folder)
    #expect(result.status == 0, "\(result.standardError)")
    let report = try String(contentsOfFile: out, encoding: .utf8)
    #expect(!report.contains("**jk1_1**"))
    #expect(report.contains("Variance: 15 JK1 replicate weights supplied with the data (R survey's `svrepdesign()`)"))
    #expect(report.contains("--replicate-weights '^jk1_' --replicate-type jk1"))
  }

  /// Settings that contradict each other are refused before the file is read (exit 64), naming the flag.
  @Test func contradictorySettingsNameTheFlag() throws {
    let result = try CommandLineRunner.run(
      ["mean", "apiclus1.csv", "--var", "api00", "--weight", "pw", "--psu", "dnum", "--replicates", "jk1", "--replicate-scale", "0.9"],
      in: Self.folder)
    #expect(result.status == 64)
    #expect(result.standardError == "confiance: error: the replicate scale applies to replicate weights that come with the data, "
      + "not to replicates created from the strata and PSUs, whose method fixes it (as R's as.svrepdesign()). "
      + "On the command line: check --replicate-scale.\n")
  }

  // MARK: - Cases

  private func cases(of design: String, named names: [String]) -> [[String: Any]] {
    (Self.reference["cases"] as! [[String: Any]]).filter {
      $0["design"] as? String == design && names.contains($0["name"] as! String)
    }
  }

  /// The command and flags of a mean, total, ratio or quantile case (the design flags follow).
  private func command(for testCase: [String: Any]) -> [String] {
    let statistic = testCase["statistic"] as! String
    var arguments = [statistic]
    if statistic == "ratio" {
      arguments += ["--numerator", testCase["numerator"] as! String, "--denominator", testCase["denominator"] as! String]
    } else {
      arguments += ["--var", testCase["variable"] as! String]
    }
    if let probabilities = testCase["probabilities"] as? [Double] {
      arguments += ["--quantiles", probabilities.map { "\($0)" }.joined(separator: ",")]
    }
    if testCase["interval"] as? String == "quantile" { arguments += ["--interval", "replicates"] }
    arguments += (testCase["by"] as! [String]).flatMap { ["--by", $0] }
    if let level = testCase["level"] as? Double, level != 0.95 { arguments += ["--level", "\(level)"] }
    return arguments
  }

  private func compare(_ json: [String: Any], with testCase: [String: Any], label: String) {
    let estimates = json["estimates"] as? [[String: Any]] ?? []
    let expected = testCase["estimates"] as! [[String: Any]]
    #expect(estimates.count == expected.count, "\(label): \(estimates.count) estimates, R has \(expected.count)")
    for reference in expected {
      let domain = reference["domain"] as! [String: String]
      let probability = reference["probability"] as? Double
      guard let ours = estimates.first(where: {
        ($0["domain"] as? [String: String]) == domain && ($0["quantile"] as? Double) == probability
      }) else {
        Issue.record("\(label) \(domain): missing")
        continue
      }
      let row = "\(label) \(domain)\(probability.map { " p = \($0)" } ?? "")"
      check(ours["estimate"], reference["estimate"], 1e-9, "\(row) estimate")
      check(ours["standard_error"], reference["standard_error"], 1e-9, "\(row) SE")
      check(ours["ci_lower"], reference["ci_lower"], 1e-7, "\(row) lower")
      check(ours["ci_upper"], reference["ci_upper"], 1e-7, "\(row) upper")
      #expect(ours["degrees_of_freedom"] as? Int == reference["degrees_of_freedom"] as? Int, "\(row) df")
      #expect(ours["respondents"] as? Int == reference["respondents"] as? Int, "\(row) respondents")
      if testCase["statistic"] as? String != "quantile" {
        check(ours["design_effect"], reference["design_effect"], 1e-9, "\(row) design effect")
      }
    }
  }

  /// Both null, or both numbers within `tolerance` relative.
  private func check(_ actual: Any?, _ expected: Any?, _ tolerance: Double, _ label: String) {
    guard let reference = expected as? Double else {
      #expect(actual == nil || actual is NSNull, "\(label): \(String(describing: actual)), R gives null")
      return
    }
    guard let value = actual as? Double else {
      Issue.record("\(label): \(String(describing: actual)), R gives \(reference)")
      return
    }
    #expect(abs(value - reference) <= tolerance * abs(reference), "\(label): \(value) vs R \(reference)")
  }
}
