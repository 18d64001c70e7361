import Foundation
import ScratchFolders
import Testing

/// Raking a replicate-weight design from the command line, against R survey 4.1's `rake()` of a
/// `svyrep.design` (`Tests/SurveyStatisticsTests/Fixtures/replicate-raking/reference.json`,
/// `make-replicate-raking.R`): `confiance rake` writes R's raked weights and replicate weights, and
/// `mean --rake-to` on the replicate design gives R's estimate, standard error and interval.
@Suite struct ReplicateRakeCommandTests {
  nonisolated(unsafe) static let reference: [String: Any] = {
    let url = CommandLineRunner.repository.appendingPathComponent(
      "Tests/SurveyStatisticsTests/Fixtures/replicate-raking/reference.json")
    let data = try! Data(contentsOf: url)
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }()
  static let data = CommandLineRunner.repository.appendingPathComponent("Tests/ConfianceCLITests/Fixtures/replicates")

  static func referenceCase(_ name: String) -> [String: Any] {
    (reference["cases"] as! [[String: Any]]).first { $0["name"] as? String == name }!
  }

  /// A scratch folder with the case's data file and its targets as a targets file (totals).
  func scratch(for testCase: [String: Any]) throws -> (folder: URL, data: String) {
    let folder = try ScratchFolder.make("ReplicateRake")
    let file = "\(testCase["dataset"] as! String).csv"
    try FileManager.default.copyItem(at: Self.data.appendingPathComponent(file), to: folder.appendingPathComponent(file))
    #expect(testCase["scale"] as? String == "totals")
    var lines = ["variable,category,target"]
    for margin in testCase["margins"] as! [[String: Any]] {
      for (category, target) in zip(margin["categories"] as! [String], margin["targets"] as! [Double]) {
        lines.append("\(margin["variable"] as! String),\(category),\(target)")
      }
    }
    try (lines.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("targets.csv"), atomically: true, encoding: .utf8)
    return (folder, file)
  }

  func relative(_ a: Double, _ b: Double) -> Double { a == b ? 0 : abs(a - b) / abs(b) }

  func json(_ arguments: [String], in folder: URL) throws -> [String: Any] {
    let result = try CommandLineRunner.run(arguments + ["--format", "json"], in: folder)
    #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
  }

  /// `confiance rake` on supplied JK1 replicates: R's raked weights, the raked replicate weights
  /// in `raked_weight_rep1…15`, and the JSON's `replicates` and `output.replicate_columns`; the
  /// written columns read back as a replicate design give the estimate of `--rake-to`.
  @Test func rakeWritesRakedReplicateWeights() throws {
    let testCase = Self.referenceCase("sup-jk1")
    let (folder, file) = try scratch(for: testCase)
    let design = ["--weight", "pw", "--replicate-weights", "^jk1_", "--replicate-type", "jk1"]
    let report = try json(["rake", file, "--targets", "targets.csv", "--out", "raked.csv"] + design, in: folder)
    let replicates = try #require(report["replicates"] as? [String: Any])
    #expect(replicates["count"] as? Int == 15)
    #expect(replicates["type"] as? String == "jk1")
    let output = try #require(report["output"] as? [String: Any])
    #expect(output["replicate_columns"] as? [String] == (1...15).map { "raked_weight_rep\($0)" })

    let written = try String(contentsOf: folder.appendingPathComponent("raked.csv"), encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = written[0]
    let weightColumn = try #require(header.firstIndex(of: "raked_weight"))
    let rWeights = testCase["weights"] as! [Double]
    #expect(written.count - 1 == rWeights.count)
    for (row, expected) in rWeights.enumerated() {
      #expect(relative(Double(written[row + 1][weightColumn])!, expected) <= 1e-9, "row \(row + 1)")
    }
    for check in testCase["replicate_weights"] as! [[String: Any]] {
      let row = check["row"] as! Int, replicate = check["replicate"] as! Int
      let column = try #require(header.firstIndex(of: "raked_weight_rep\(replicate)"))
      #expect(relative(Double(written[row][column])!, check["weight"] as! Double) <= 1e-9, "row \(row), replicate \(replicate)")
    }

    // The raked replicate design, read back, and --rake-to give R's mean and SE.
    let expected = testCase["mean"] as! [String: Any]
    let rakedBack = try json(
      ["mean", "raked.csv", "--var", "api00", "--weight", "raked_weight", "--replicate-weights", "raked_weight_rep[0-9]+",
       "--replicate-type", "jk1"], in: folder)
    let rakeTo = try json(["mean", file, "--var", "api00", "--rake-to", "targets.csv"] + design, in: folder)
    for result in [rakedBack, rakeTo] {
      let estimate = try #require((result["estimates"] as? [[String: Any]])?.first)
      #expect(relative(estimate["estimate"] as! Double, expected["estimate"] as! Double) <= 1e-9)
      #expect(relative(estimate["standard_error"] as! Double, expected["standard_error"] as! Double) <= 1e-9)
      #expect(relative(estimate["ci_lower"] as! Double, expected["ci_lower"] as! Double) <= 1e-7)
      #expect(relative(estimate["ci_upper"] as! Double, expected["ci_upper"] as! Double) <= 1e-7)
      #expect(estimate["degrees_of_freedom"] as? Int == expected["degrees_of_freedom"] as? Int)
    }
    let designBlock = try #require(rakeTo["design"] as? [String: Any])
    #expect((designBlock["replicates"] as? [String: Any])?["count"] as? Int == 15)
    #expect((rakeTo["raking"] as? [String: Any])?["converged"] as? Bool == true)
  }

  /// `estimate --rake-to` on created JKn replicates: R's shares and standard errors.
  @Test func estimateRakedOnCreatedReplicates() throws {
    let testCase = Self.referenceCase("rpairs-jkn")
    let (folder, file) = try scratch(for: testCase)
    let shares = testCase["shares"] as! [String: Any]
    let result = try json(
      ["estimate", file, "--var", shares["variable"] as! String, "--weight", "pw", "--strata", "pair", "--psu", "psu",
       "--replicates", "jkn", "--rake-to", "targets.csv", "--ci", "beta"], in: folder)
    let estimates = try #require(result["estimates"] as? [[String: Any]])
    for expected in shares["estimates"] as! [[String: Any]] {
      let ours = try #require(estimates.first { $0["category"] as? String == expected["category"] as? String })
      #expect(relative(ours["proportion"] as! Double, expected["proportion"] as! Double) <= 1e-9)
      #expect(relative(ours["standard_error"] as! Double, expected["standard_error"] as! Double) <= 1e-9)
      let bounds = (expected["intervals"] as! [String: [Double]])["beta"]!
      #expect(relative(ours["ci_lower"] as! Double, bounds[0]) <= 1e-7)
      #expect(relative(ours["ci_upper"] as! Double, bounds[1]) <= 1e-7)
    }
  }
}

extension ReplicateRakeCommandTests {
  /// `confiance rake` of a PostgreSQL table with JK1 replicate-weight columns (the fixture's
  /// `replicates_apiclus1`, the same rows as `apiclus1.csv`): the factors file's `factor_rep<r>`,
  /// joined on the raking variables, turns each row's `jk1_<r>` into the file's `raked_weight_rep<r>`
  /// (and `factor` its weight into `raked_weight`), and the JSON names the columns.
  @Test(.enabled(if: DatabaseCommandTests.server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func aTablesRakeWritesTheReplicateFactors() throws {
    let (folder, file) = try scratch(for: Self.referenceCase("sup-jk1"))
    let design = ["--weight", "pw", "--replicate-weights", "^jk1_", "--replicate-type", "jk1"]
    _ = try json(["rake", file, "--targets", "targets.csv", "--out", "raked.csv"] + design, in: folder)
    let report = try json(
      ["rake", DatabaseCommandTests.server!, "--table", "replicates_apiclus1", "--targets", "targets.csv", "--out",
       "factors.csv"] + design, in: folder)
    let columns = (1...15).map { "factor_rep\($0)" }
    #expect((report["output"] as? [String: Any])?["replicate_factor_columns"] as? [String] == columns)
    func table(_ name: String) throws -> [[String: String]] {
      let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
        .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
      return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }
    let factors = try table("factors.csv")
    let rows = try table("raked.csv")
    var largest = 0.0
    for row in rows {
      let cell = try #require(factors.first { $0["stype"] == row["stype"] && $0["sch.wide"] == row["sch.wide"] })
      let pairs = [("pw", "factor", "raked_weight")] + (1...15).map { ("jk1_\($0)", "factor_rep\($0)", "raked_weight_rep\($0)") }
      for (weight, factor, raked) in pairs {
        let expected = Double(row[raked]!)!, ours = Double(row[weight]!)! * Double(cell[factor]!)!
        largest = max(largest, relative(ours, expected))
      }
    }
    #expect(rows.count == 183 && largest <= 1e-9, "largest relative difference \(largest)")
  }
}
