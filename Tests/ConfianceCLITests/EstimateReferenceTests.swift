import Foundation
import Testing

@testable import ConfianceCLI

/// `confiance estimate --format json` on every R reference case: the command line reads the file,
/// declares the design from flags, and must give R survey 4.1's numbers through the JSON contract.
@Suite struct EstimateReferenceTests {
  static let folder = CommandLineRunner.repository.appendingPathComponent("Tests/SurveyStatisticsTests/Fixtures/proportions")

  struct Reference: Decodable {
    struct Case: Decodable {
      let name: String
      let data: String
      let design: Design
      let variable: String
      let by: [String]
      let missing_codes: [String: [String]]
      let expect_error: String?
      let estimates: [Estimate]
    }
    struct Design: Decodable {
      let weight, strata, psu, fpc: String?
      let lonely_psu: String
    }
    struct Estimate: Decodable {
      let category: String
      let domain: [String: String]
      let proportion: Double
      let standard_error: Double
      let degrees_of_freedom: Int
      let intervals: [String: [String: [Double?]?]]
    }
    let cases: [Case]
  }

  static let reference: Reference = {
    let data = try! Data(contentsOf: folder.appendingPathComponent("reference.json"))
    return try! JSONDecoder().decode(Reference.self, from: data)
  }()

  static var caseNames: [String] { reference.cases.filter { $0.expect_error == nil }.map(\.name) }

  @Test(arguments: caseNames)
  func jsonMatchesR(caseName: String) throws {
    let testCase = Self.reference.cases.first { $0.name == caseName }!
    var arguments = [Self.folder.appendingPathComponent(testCase.data).path, "--var", testCase.variable, "--format", "json",
                     "--ci", "beta"]
    let design = testCase.design
    for (flag, value) in [("--weight", design.weight), ("--strata", design.strata), ("--psu", design.psu),
                          ("--fpc", design.fpc), ("--lonely-psu", design.lonely_psu)] {
      if let value { arguments += [flag, value] }
    }
    for variable in testCase.by { arguments += ["--by", variable] }
    for (variable, codes) in testCase.missing_codes { arguments += ["--missing", "\(variable)=\(codes.joined(separator: ","))"] }
    let text = try Estimate.parse(arguments).output()
    let json = try JSONDecoder().decode(Output.self, from: Data(text.utf8))
    #expect(json.estimates.count == testCase.estimates.count)
    for estimate in json.estimates {
      guard let expected = testCase.estimates.first(where: { $0.domain == estimate.domain && $0.category == estimate.category })
      else { Issue.record("unexpected estimate \(estimate.domain) \(estimate.category)"); continue }
      #expect(abs(estimate.proportion - expected.proportion) <= 1e-9 * max(expected.proportion, 1e-300))
      #expect(abs(estimate.standard_error - expected.standard_error) <= 1e-9 * max(expected.standard_error, 1e-300))
      #expect(estimate.degrees_of_freedom == expected.degrees_of_freedom)
      if let bounds = expected.intervals["0.95"]?["beta"] ?? nil, let lower = bounds[0], let upper = bounds[1] {
        #expect(abs((estimate.ci_lower ?? .nan) - lower) <= 1e-7 * max(abs(lower), 1e-300), "\(caseName) lower")
        #expect(abs((estimate.ci_upper ?? .nan) - upper) <= 1e-7 * max(abs(upper), 1e-300), "\(caseName) upper")
      }
    }
  }

  struct Output: Decodable {
    struct Estimate: Decodable {
      let category: String
      let domain: [String: String]
      let proportion: Double
      let standard_error: Double
      let ci_lower: Double?
      let ci_upper: Double?
      let degrees_of_freedom: Int
    }
    let estimates: [Estimate]
  }
}
