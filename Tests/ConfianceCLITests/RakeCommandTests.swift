import Foundation
import ScratchFolders
import Testing

@testable import ConfianceCLI

/// `confiance rake` and `estimate --rake-to` end to end, against the R reference values of
/// `Tests/SurveyStatisticsTests/Fixtures/raking` (make-raking.R, R survey 4.1).
@Suite struct RakeCommandTests {
  static let fixtures = CommandLineRunner.repository.appendingPathComponent("Tests/SurveyStatisticsTests/Fixtures/raking")

  struct Reference: Decodable {
    struct Case: Decodable {
      let name: String
      let iterations: Int?
      let weights: [Double]
      let weights_after: Diagnostics
      let estimates: Estimates
    }
    struct Diagnostics: Decodable {
      let total, min, max, mean, cv, kish_design_effect, effective_sample_size: Double
    }
    struct Estimates: Decodable {
      let proportions: [Proportion]?
    }
    struct Proportion: Decodable {
      let variable: String
      let domain: [String: String]
      let category: String
      let proportion: Double
      let standard_error: Double
      let degrees_of_freedom: Int
      let intervals: [String: [Double?]]
    }
    let cases: [Case]
  }

  static let reference: Reference = {
    let data = try! Data(contentsOf: fixtures.appendingPathComponent("reference.json"))
    return try! JSONDecoder().decode(Reference.self, from: data)
  }()

  static func referenceCase(_ name: String) -> Reference.Case { reference.cases.first { $0.name == name }! }

  /// A fresh folder holding copies of the fixture files.
  func scratch(_ files: [String]) throws -> URL {
    let folder = try ScratchFolder.make("RakeCommandTests")
    for file in files {
      try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(file), to: folder.appendingPathComponent(file))
    }
    return folder
  }

  func relative(_ a: Double, _ b: Double) -> Double { a == b ? 0 : abs(a - b) / abs(b) }

  @Test func writesRsRakedWeightsAndTheJSONContract() throws {
    let folder = try scratch(["clustered.csv", "clustered-targets.csv"])
    let data = folder.appendingPathComponent("clustered.csv").path
    let text = try Rake.parse([
      data, "--targets", folder.appendingPathComponent("clustered-targets.csv").path, "--weight", "w",
      "--population", "180000", "--format", "json",
    ]).output()
    let expected = Self.referenceCase("clustered-raked")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    // The issue's keys first, in its order; then the added ones.
    let order = ["converged", "iterations", "weight_total", "weights", "kish_design_effect", "effective_sample_size",
                 "margins", "weighting_efficiency", "respondents", "max_iterations", "tolerance", "last_change",
                 "largest_distances", "before", "trimming", "output"]
    #expect(Set(json.keys) == Set(order))
    let positions = order.map { text.range(of: "\n  \"\($0)\":")!.lowerBound }
    #expect(positions == positions.sorted())
    #expect(json["converged"] as? Bool == true)
    #expect(json["iterations"] as? Int == expected.iterations)
    #expect(relative(json["weight_total"] as! Double, expected.weights_after.total) < 1e-9)
    let weights = try #require(json["weights"] as? [String: Any])
    #expect(Set(weights.keys) == ["min", "max", "mean", "cv", "quantiles"])
    #expect(relative(weights["cv"] as! Double, expected.weights_after.cv) < 1e-9)
    #expect(relative(weights["max"] as! Double, expected.weights_after.max) < 1e-9)
    #expect(relative(json["kish_design_effect"] as! Double, expected.weights_after.kish_design_effect) < 1e-9)
    #expect(relative(json["effective_sample_size"] as! Double, expected.weights_after.effective_sample_size) < 1e-9)
    let margins = try #require(json["margins"] as? [[String: Any]])
    #expect(margins.count == 14)
    #expect(margins[0]["variable"] as? String == "sex*agegroup")
    #expect(margins[0]["category"] as? String == "F*18-34")
    #expect(Set(margins[0].keys) == ["variable", "category", "target", "achieved", "before"])
    #expect(margins[6]["variable"] as? String == "region")
    #expect(margins[6]["target"] as? Double == 0.26 * 180000)
    #expect(json["trimming"] is NSNull)
    let output = try #require(json["output"] as? [String: String])
    #expect(output["weight_column"] == "raked_weight")
    #expect(output["file"] == folder.appendingPathComponent("clustered-raked.csv").path)

    // The copy: every original line, plus the weights, which are R's to 1e-9.
    let original = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n")
    let copy = try String(contentsOfFile: output["file"]!, encoding: .utf8).split(separator: "\n")
    #expect(copy.count == original.count)
    #expect(copy[0] == original[0] + ",raked_weight")
    for (row, (line, source)) in zip(copy.dropFirst(), original.dropFirst()).enumerated() {
      #expect(line.hasPrefix(source + ","))
      let weight = Double(line.split(separator: ",").last!)!
      #expect(relative(weight, expected.weights[row]) < 1e-9, "row \(row + 1)")
    }
  }

  @Test func refusesToOverwriteWithoutForceAndNeverTheInput() throws {
    let folder = try scratch(["weights_only.csv", "weights-only-targets.csv"])
    let data = folder.appendingPathComponent("weights_only.csv").path
    let targets = folder.appendingPathComponent("weights-only-targets.csv").path
    let out = folder.appendingPathComponent("out.csv").path
    _ = try Rake.parse([data, "--targets", targets, "--weight", "w", "--out", out]).output()
    #expect(throws: (any Error).self) { _ = try Rake.parse([data, "--targets", targets, "--weight", "w", "--out", out]).output() }
    _ = try Rake.parse([data, "--targets", targets, "--weight", "w", "--out", out, "--force"]).output()
    #expect(throws: (any Error).self) {
      _ = try Rake.parse([data, "--targets", targets, "--weight", "w", "--out", data, "--force"]).output()
    }
    #expect(try String(contentsOfFile: data, encoding: .utf8).hasPrefix("\"id\",\"w\",\"sex\""))
    // An existing column name is refused.
    #expect(throws: (any Error).self) {
      _ = try Rake.parse([data, "--targets", targets, "--weight", "w", "--out", out, "--force", "--weight-name", "sex"]).output()
    }
  }

  @Test func trimmingAndRerakingAsR() throws {
    let folder = try scratch(["weights_only.csv", "weights-only-targets.csv"])
    let text = try Rake.parse([
      folder.appendingPathComponent("weights_only.csv").path,
      "--targets", folder.appendingPathComponent("weights-only-targets.csv").path, "--weight", "w",
      "--trim-upper", "2.2median", "--trim-lower", "0.4median", "--trim-and-rerake", "--format", "json",
    ]).output()
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let trimming = try #require(json["trimming"] as? [String: Any])
    #expect(trimming["upper"] as? String == "2.2median")
    #expect(trimming["rerake"] as? Bool == true)
    #expect(trimming["rounds"] as? Int == 16)  // as the R loop in make-raking.R
    #expect(trimming["bounds_hold"] as? Bool == true)
    let expected = Self.referenceCase("weights-only-trim-rerake")
    let output = try #require(json["output"] as? [String: String])
    let copy = try String(contentsOfFile: output["file"]!, encoding: .utf8).split(separator: "\n").dropFirst()
    for (row, line) in copy.enumerated() {
      #expect(relative(Double(line.split(separator: ",").last!)!, expected.weights[row]) < 1e-9, "row \(row + 1)")
    }
  }

  @Test func textReport() throws {
    let folder = try scratch(["apiclus1.csv", "api-targets.csv"])
    let text = try Rake.parse([
      folder.appendingPathComponent("apiclus1.csv").path, "--targets", folder.appendingPathComponent("api-targets.csv").path,
      "--weight", "pw",
    ]).output()
    #expect(text.contains("to 2 margins (stype, sch.wide): converged in 10 iterations."))
    #expect(text.contains("Wrote \(folder.appendingPathComponent("apiclus1-raked.csv").path) with the new weight column 'raked_weight'."))
    #expect(text.contains("Kish design effect (1 + CV²)"))
    #expect(text.contains("margin    category"))
  }

  @Test func estimateRakeToGivesRsStandardErrors() throws {
    let data = Self.fixtures.appendingPathComponent("clustered.csv").path
    let text = try Estimate.parse([
      data, "--var", "opinion", "--by", "region", "--weight", "w", "--strata", "stratum", "--psu", "psu", "--fpc", "N_psu",
      "--rake-to", Self.fixtures.appendingPathComponent("clustered-targets.csv").path, "--population", "180000",
      "--ci", "beta", "--format", "json",
    ]).output()
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let raking = try #require(json["raking"] as? [String: Any])
    #expect(raking["converged"] as? Bool == true)
    #expect(raking["iterations"] as? Int == 7)
    let estimates = try #require(json["estimates"] as? [[String: Any]])
    let expected = (Self.referenceCase("clustered-raked").estimates.proportions ?? [])
      .filter { $0.variable == "opinion" && $0.domain.keys.contains("region") }
    #expect(estimates.count == expected.count)
    for reference in expected {
      let estimate = try #require(estimates.first {
        $0["category"] as? String == reference.category && ($0["domain"] as? [String: String]) == reference.domain
      })
      #expect(relative(estimate["proportion"] as! Double, reference.proportion) < 1e-9)
      #expect(relative(estimate["standard_error"] as! Double, reference.standard_error) < 1e-9)
      #expect(estimate["degrees_of_freedom"] as? Int == reference.degrees_of_freedom)
      #expect(relative(estimate["ci_lower"] as! Double, reference.intervals["beta"]![0]!) < 1e-7)
      #expect(relative(estimate["ci_upper"] as! Double, reference.intervals["beta"]![1]!) < 1e-7)
    }
    let plain = try Estimate.parse([data, "--var", "opinion", "--weight", "w", "--format", "json"]).output()
    #expect(!plain.contains("\"raking\""))
  }

  @Test func exitStatuses() throws {
    let targets = Self.fixtures.appendingPathComponent("api-targets.csv").path
    let data = Self.fixtures.appendingPathComponent("clustered.csv").path
    // A targets variable the data does not have: bad input data.
    let unknown = try CommandLineRunner.run(["rake", data, "--targets", targets, "--weight", "w", "--out", "/tmp/never.csv"])
    #expect(unknown.status == 65)
    #expect(unknown.standardError.contains("api-targets.csv:2: the targets name the variable 'stype', but the data has no such column."))
    let bad = try CommandLineRunner.run(["rake", data, "--targets", targets, "--trim-strict"])
    #expect(bad.status == 64)
  }
}
