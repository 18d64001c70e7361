import Foundation
import ScratchFolders
import Testing

@testable import Confiance
@testable import ConfianceCLI

/// `confiance mean | total | ratio | quantile` on every case of the R fixture
/// (`Tests/SurveyStatisticsTests/Fixtures/numeric/reference.json`, R survey 4.1): the command line
/// reads the CSV copies of its data (`Fixtures/numeric/`, written by `make-numeric-csv.py`),
/// declares the design from flags (raked designs with `--rake-to`), and must give R's numbers
/// through the JSON contract.
///
/// Tolerances (house rules): estimates, standard errors and design effects 1e-9 relative, interval
/// bounds 1e-7; degrees of freedom and respondents exact; `null` where R gives NA or NaN.
@Suite struct NumericCommandTests {
  static let folder = CommandLineRunner.repository.appendingPathComponent("Tests/ConfianceCLITests/Fixtures/numeric")
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7

  // MARK: - The R fixture

  struct Reference: Decodable {
    struct Design: Decodable {
      let dataset: String
      let weights, strata, clusters, fpc: String?
      let lonely_psu: String
      let rake: [Margin]?
    }
    struct Margin: Decodable { let variable: String }
    struct Case: Decodable {
      let name, design, statistic: String
      let variable, numerator, denominator: String?
      let by: [String]
      let probabilities: [Double]?
      let level: Double
      let estimates: [Estimate]
    }
    struct Estimate: Decodable {
      let domain: [String: String]
      let probability, estimate, standard_error, ci_lower, ci_upper, design_effect: Double?
      let degrees_of_freedom, respondents: Int
    }
    let designs: [String: Design]
    let cases: [Case]
  }

  static let reference: Reference = {
    let file = CommandLineRunner.repository.appendingPathComponent(
      "Tests/SurveyStatisticsTests/Fixtures/numeric/reference.json")
    return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: file))
  }()

  /// The JSON the commands print.
  struct Output: Decodable {
    struct Row: Decodable {
      let variable, numerator, denominator: String?
      let statistic: String
      let quantile: Double?
      let domain: [String: String]
      let estimate, standard_error, ci_lower, ci_upper, design_effect: Double?
      let confidence_level: Double
      let degrees_of_freedom, respondents: Int
    }
    let estimates: [Row]
  }

  /// The command line of a case: the file, the statistic's options, the design flags, the domains
  /// and the level.
  static func arguments(for testCase: Reference.Case) -> [String] {
    let design = reference.designs[testCase.design]!
    var arguments = [folder.appendingPathComponent("\(design.dataset).csv").path]
    switch testCase.statistic {
    case "ratio": arguments += ["--numerator", testCase.numerator!, "--denominator", testCase.denominator!]
    case "quantile":
      arguments += ["--var", testCase.variable!, "--quantiles",
                    testCase.probabilities!.map { "\($0)" }.joined(separator: ",")]
    default: arguments += ["--var", testCase.variable!]
    }
    for (flag, value) in [("--weight", design.weights), ("--strata", design.strata), ("--psu", design.clusters),
                          ("--fpc", design.fpc), ("--lonely-psu", design.lonely_psu)] {
      if let value { arguments += [flag, value] }
    }
    if design.rake != nil {
      arguments += ["--rake-to", folder.appendingPathComponent("\(testCase.design)-targets.csv").path]
    }
    for variable in testCase.by { arguments += ["--by", variable] }
    return arguments + ["--level", "\(testCase.level)", "--format", "json"]
  }

  /// What the case's command prints, parsed in process.
  static func output(of statistic: String, _ arguments: [String]) throws -> String {
    switch statistic {
    case "mean": return try MeanCommand.parse(arguments).output()
    case "total": return try TotalCommand.parse(arguments).output()
    case "ratio": return try RatioCommand.parse(arguments).output()
    default: return try QuantileCommand.parse(arguments).output()
    }
  }

  // MARK: - Every case of the fixture

  /// The largest relative differences seen.
  struct Worst: CustomStringConvertible {
    var estimate = 0.0, standardError = 0.0, bound = 0.0, designEffect = 0.0
    var compared = 0, nulls = 0
    var description: String {
      "\(compared) estimates (\(nulls) nulls as R's NA/NaN); largest relative differences: estimate \(estimate), "
        + "standard error \(standardError), bounds \(bound), design effect \(designEffect)"
    }
  }

  func matchR(_ statistic: String) throws {
    let cases = Self.reference.cases.filter { $0.statistic == statistic }
    #expect(!cases.isEmpty)
    var worst = Worst()
    for testCase in cases {
      let text = try Self.output(of: statistic, Self.arguments(for: testCase))
      let rows = try JSONDecoder().decode(Output.self, from: Data(text.utf8)).estimates
      #expect(rows.count == testCase.estimates.count, "\(testCase.name): \(rows.count) rows, R has \(testCase.estimates.count)")
      for expected in testCase.estimates {
        guard let row = rows.first(where: { $0.domain == expected.domain && $0.quantile == expected.probability }) else {
          Issue.record("\(testCase.name): no row for \(expected.domain) \(expected.probability.map { "p = \($0)" } ?? "")")
          continue
        }
        let label = "\(testCase.name) \(expected.domain)\(expected.probability.map { " p = \($0)" } ?? "")"
        worst.compared += 1
        #expect(row.statistic == statistic)
        #expect(row.variable == testCase.variable && row.numerator == testCase.numerator
          && row.denominator == testCase.denominator, "\(label): variables")
        note(&worst.estimate, row.estimate, expected.estimate, Self.estimateTolerance, "\(label) estimate", &worst.nulls)
        note(&worst.standardError, row.standard_error, expected.standard_error, Self.estimateTolerance, "\(label) SE", &worst.nulls)
        note(&worst.bound, row.ci_lower, expected.ci_lower, Self.boundTolerance, "\(label) lower", &worst.nulls)
        note(&worst.bound, row.ci_upper, expected.ci_upper, Self.boundTolerance, "\(label) upper", &worst.nulls)
        note(&worst.designEffect, row.design_effect, expected.design_effect, Self.estimateTolerance, "\(label) deff", &worst.nulls)
        #expect(row.confidence_level == testCase.level)
        #expect(row.degrees_of_freedom == expected.degrees_of_freedom, "\(label): degrees of freedom")
        #expect(row.respondents == expected.respondents, "\(label): respondents")
      }
    }
    print("confiance \(statistic) against R: \(worst)")
  }

  /// Records |ours − R| / |R| (absolute when R is 0) in `worst`, or a null where R has one.
  func note(_ worst: inout Double, _ ours: Double?, _ reference: Double?, _ tolerance: Double, _ label: String, _ nulls: inout Int) {
    guard let reference else {
      #expect(ours == nil, "\(label): \(String(describing: ours)), R gives NA")
      nulls += 1
      return
    }
    guard let ours else { Issue.record("\(label): null, R gives \(reference)"); return }
    let difference = abs(ours - reference) / (reference == 0 ? 1 : abs(reference))
    #expect(difference <= tolerance, "\(label): \(ours), R gives \(reference)")
    worst = max(worst, difference)
  }

  @Test func meansMatchR() throws { try matchR("mean") }
  @Test func totalsMatchR() throws { try matchR("total") }
  @Test func ratiosMatchR() throws { try matchR("ratio") }
  @Test func quantilesMatchR() throws { try matchR("quantile") }

  // MARK: - Published values, with the built binary

  static let apiclus1 = folder.appendingPathComponent("apiclus1.csv").path
  static let apistrat = folder.appendingPathComponent("apistrat.csv").path
  static let clusterDesign = ["--weight", "pw", "--psu", "dnum", "--fpc", "fpc"]

  func run(_ arguments: [String]) throws -> [Output.Row] {
    let result = try CommandLineRunner.run(arguments + ["--format", "json"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.isEmpty)
    return try JSONDecoder().decode(Output.self, from: Data(result.standardOutput.utf8)).estimates
  }

  /// The survey vignette: `svyquantile(~api00, dclus1, c(.25, .5, .75), ci = TRUE)` → 552 (492–627),
  /// 652 (561–714), 719 (696–777), SE 31.47166, 35.66788, 18.88300.
  @Test func vignetteQuartiles() throws {
    let rows = try run(["quantile", Self.apiclus1, "--var", "api00", "--quantiles", "0.25,0.5,0.75"] + Self.clusterDesign)
    #expect(rows.map(\.estimate) == [552, 652, 719])
    #expect(rows.map(\.ci_lower) == [492, 561, 696])
    #expect(rows.map(\.ci_upper) == [627, 714, 777])
    for (row, published) in zip(rows, [31.47166, 35.66788, 18.88300]) {
      #expect(abs(row.standard_error! - published) <= 0.000005)
    }
    #expect(rows.map(\.quantile) == [0.25, 0.5, 0.75])
    #expect(rows.allSatisfy { $0.design_effect == nil && $0.degrees_of_freedom == 14 && $0.respondents == 183 })
  }

  /// The vignette: `svyratio(~api.stu, ~enroll, dclus1)` 0.8497087 (SE 0.008386297).
  @Test func vignetteRatio() throws {
    let rows = try run(["ratio", Self.apiclus1, "--numerator", "api.stu", "--denominator", "enroll"] + Self.clusterDesign)
    #expect(rows.count == 1)
    #expect(abs(rows[0].estimate! - 0.8497087) <= 0.00000005)
    #expect(abs(rows[0].standard_error! - 0.008386297) <= 0.0000000005)
    #expect(rows[0].numerator == "api.stu" && rows[0].denominator == "enroll" && rows[0].variable == nil)
  }

  /// survey's `tests/api.R`: dstrat `svytotal(~enroll)` 3687178 (114642), `svymean(~api00)` 662.29 (9.4089).
  @Test func stratifiedTotalAndMean() throws {
    let design = ["--weight", "pw", "--strata", "stype", "--fpc", "fpc"]
    let total = try run(["total", Self.apistrat, "--var", "enroll"] + design)
    #expect(abs(total[0].estimate! - 3_687_178) <= 0.5)
    #expect(abs(total[0].standard_error! - 114_642) <= 0.5)
    let mean = try run(["mean", Self.apistrat, "--var", "api00"] + design)
    #expect(abs(mean[0].estimate! - 662.29) <= 0.005)
    #expect(abs(mean[0].standard_error! - 9.4089) <= 0.00005)
  }

  // MARK: - The JSON contract and the other formats

  /// The members of each row, in the documented order.
  @Test func jsonMembersAreInTheDocumentedOrder() throws {
    func keys(_ text: String) -> [String] {
      // The members of the first row: the lines indented by six spaces, up to the row's closing brace.
      let lines = text[text.range(of: "\"estimates\": [\n")!.upperBound...].split(separator: "\n")
      return lines.prefix { !$0.hasPrefix("    }") }.compactMap { line in
        guard line.hasPrefix("      \"") else { return nil }
        return String(line.dropFirst(7).prefix { $0 != "\"" })
      }
    }
    let common = ["domain", "estimate", "standard_error", "ci_lower", "ci_upper", "confidence_level",
                  "degrees_of_freedom", "respondents", "design_effect"]
    let mean = try MeanCommand.parse([Self.apiclus1, "--var", "api00", "--format", "json"]).output()
    #expect(keys(mean) == ["variable", "statistic"] + common)
    #expect(mean.hasPrefix("{\n  \"design\": {\n    \"respondents\": 183,"))
    #expect(mean.contains("\"domain\": {},"))
    let ratio = try RatioCommand.parse([Self.apiclus1, "--numerator", "api.stu", "--denominator", "enroll", "--format", "json"]).output()
    #expect(keys(ratio) == ["numerator", "denominator", "statistic"] + common)
    let quantile = try QuantileCommand.parse([Self.apiclus1, "--var", "api00", "--by", "stype", "--format", "json"]).output()
    #expect(keys(quantile) == ["variable", "statistic", "quantile"] + common)
    #expect(quantile.contains("\"statistic\": \"quantile\",\n      \"quantile\": 0.5,\n      \"domain\": {\n        \"stype\": \"E\"\n      },"))
  }

  @Test func textTableShowsTheDesignAndOneRowPerDomain() throws {
    let text = try MeanCommand.parse([Self.apistrat, "--var", "api00", "--by", "stype", "--weight", "pw",
                                      "--strata", "stype", "--fpc", "fpc"]).output()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "Design: 200 respondents · 3 strata · 197 degrees of freedom · weights sum to 6194.0")
    #expect(lines[1] == "Intervals: estimate ± t × SE, t quantiles with the design degrees of freedom.")
    #expect(lines[3].split(separator: " ") == ["stype", "variable", "mean", "SE", "95%", "CI", "n", "df", "deff"])
    #expect(lines[5].hasPrefix("E      api00"))
    #expect(lines.count == 9 && lines[8].isEmpty)
    let ratio = try RatioCommand.parse([Self.apiclus1, "--numerator", "api.stu", "--denominator", "enroll"]
                                         + Self.clusterDesign).output()
    #expect(ratio.contains("numerator  denominator   ratio       SE         95% CI    n  df  deff\n"))
    #expect(ratio.contains("api.stu    enroll       0.8497  0.00839  0.8317–0.8677  183  14"))
    let quartiles = try QuantileCommand.parse([Self.apiclus1, "--var", "api00", "--quantiles", "0.25,0.5,0.75"]
                                                + Self.clusterDesign).output()
    #expect(quartiles.contains("api00     0.25       552  31.5  492–627  183  14\n"))
  }

  @Test func csvHasOneRowPerEstimateInFullPrecision() throws {
    let arguments = [Self.apiclus1, "--var", "api00", "--var", "api99", "--by", "stype"] + Self.clusterDesign
    let csv = try TotalCommand.parse(arguments + ["--format", "csv"]).output()
    let json = try JSONDecoder().decode(
      Output.self, from: Data(TotalCommand.parse(arguments + ["--format", "json"]).output().utf8))
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(lines[0] == ["stype", "variable", "statistic", "estimate", "standard_error", "ci_lower", "ci_upper",
                         "confidence_level", "degrees_of_freedom", "respondents", "design_effect"])
    #expect(lines.count == 1 + json.estimates.count && json.estimates.count == 6)
    for (fields, row) in zip(lines.dropFirst(), json.estimates) {
      #expect(fields[0] == row.domain["stype"] && fields[1] == row.variable && fields[2] == "total")
      #expect(Double(fields[3]) == row.estimate && Double(fields[4]) == row.standard_error)
      #expect(Double(fields[5]) == row.ci_lower && Double(fields[6]) == row.ci_upper)
      #expect(Int(fields[9]) == row.respondents && Double(fields[10]) == row.design_effect)
    }
    let quantiles = try QuantileCommand.parse([Self.apiclus1, "--var", "api00", "--format", "csv"]).output()
    #expect(quantiles.hasPrefix("variable,statistic,quantile,estimate,"))
    #expect(quantiles.contains("\napi00,quantile,0.5,652.0,"))
  }

  @Test func markdownIsATablePerVariable() throws {
    let markdown = try MeanCommand.parse([Self.apiclus1, "--var", "api00", "--var", "api99", "--by", "stype",
                                          "--format", "markdown"] + Self.clusterDesign).output()
    #expect(markdown.hasPrefix("Design: 183 respondents · 15 PSUs · 14 degrees of freedom · weights sum to 6194.0\n\n**api00**\n\n"))
    #expect(markdown.contains("| stype | Mean | 95% CI | n |\n| --- | ---: | ---: | ---: |\n| E | "))
    #expect(markdown.contains("**api99**"))
    #expect(!markdown.contains("‡"))  // 14 high schools, the smallest domain: above the threshold of 10
  }

  // MARK: - Reading numbers

  /// A column of numbers with few distinct values is read as numbers for the analysed variable,
  /// also with decimal commas in a semicolon file.
  @Test func anOrdinaryColumnOfNumbersIsAveraged() throws {
    let folder = try ScratchFolder.make("numeric")
    defer { try? FileManager.default.removeItem(at: folder) }
    let comma = folder.appendingPathComponent("hours.csv").path
    try "id,hours,w\n1,2.5,1\n2,3,2\n3,,5\n4,4,1\n5,10,2\n".write(toFile: comma, atomically: true, encoding: .utf8)
    let semicolon = folder.appendingPathComponent("heures.csv").path
    try "id;hours;w\n1;2,5;1\n2;3;2\n3;;5\n4;4;1\n5;10;2\n".write(toFile: semicolon, atomically: true, encoding: .utf8)
    for file in [comma, semicolon] {
      let rows = try run(["mean", file, "--var", "hours", "--weight", "w"])
      #expect(rows.count == 1)
      #expect(abs(rows[0].estimate! - 32.5 / 6) <= 1e-12, "\(file)")
      #expect(rows[0].respondents == 4)
    }
  }

  @Test func identifiersAndEmptyColumnsAreRefused() throws {
    let small = ReportCommandTests.fixture
    #expect(throws: SurveyLoadError.self) { try MeanCommand.parse([small, "--var", "resp_id"]).output() }
    #expect(throws: SurveyLoadError.self) {
      try TotalCommand.parse([small, "--var", "trust_bank", "--by", "resp_id"]).output()
    }
    let empty = CommandLineRunner.repository.appendingPathComponent("Tests/ConfianceCLITests/Fixtures/bad-inputs/all-missing.csv").path
    #expect(throws: SurveyLoadError.self) { try QuantileCommand.parse([empty, "--var", "q"]).output() }
  }

  @Test func optionsAreChecked() {
    #expect(throws: (any Error).self) { try MeanCommand.parse([Self.apiclus1]) }
    #expect(throws: (any Error).self) { try MeanCommand.parse([Self.apiclus1, "--var", "api00", "--ci", "beta"]) }
    #expect(throws: (any Error).self) { try RatioCommand.parse([Self.apiclus1, "--numerator", "api.stu"]) }
    for quantiles in ["0", "1", "0.5,1.5", "0,5", "half", "0.5,"] {
      #expect(throws: (any Error).self, "\(quantiles)") {
        try QuantileCommand.parse([Self.apiclus1, "--var", "api00", "--quantiles", quantiles])
      }
    }
    #expect(throws: Never.self) { try QuantileCommand.parse([Self.apiclus1, "--var", "api00", "--quantiles", "0.1, 0.9"]) }
  }

  // MARK: - Notebooks

  @Test func aMeanCellIsATableWithTheCodebookLabels() throws {
    let cell = "mean --var trust_bank --by sex"
    let notebook = "---\nsurvey: \(ReportCommandTests.fixture)\n---\n\n```confiance\n\(cell)\n```\n"
    let text = try NotebookRunner(file: "nb.md", text: notebook).render().render(figureFolder: "nb")
    #expect(text.contains("<!-- confiance: mean --var trust_bank --by sex -->\n\n**Confiance : banques**\n\n"
      + "| Sexe | Mean | 95% CI | n |\n| --- | ---: | ---: | ---: |\n| Femme | "))
    #expect(text.contains("| Homme | "))
    let french = "---\nsurvey: \(ReportCommandTests.fixture)\nlang: fr\nmin_cell: 1000\n---\n\n```confiance\n\(cell)\n```\n"
    let suppressed = try NotebookRunner(file: "nb.md", text: french).render().render(figureFolder: "nb")
    #expect(suppressed.contains("| Sexe | Moyenne | IC à 95\u{00A0}% | n |"))
    #expect(suppressed.contains("| Femme | ‡ |  |  |"))
    #expect(suppressed.contains("‡ Non publié\u{202F}: moins de 1000 répondants"))
  }
}
