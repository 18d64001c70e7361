import Foundation
import Testing

@testable import ConfianceCLI

/// `confiance model`: every R reference case of the library's model fixture, run through the
/// command line (CSV files written by `Fixtures/models/make-model-data.py` from the fixture's data,
/// the design from flags), must give R survey 4.1's numbers in the JSON contract: coefficients,
/// standard errors and intervals within 1e-7 relative, tests within 1e-6.
@Suite struct ModelCommandTests {
  static let fixture = CommandLineRunner.repository.appendingPathComponent(
    "Tests/SurveyStatisticsTests/Fixtures/models/models.json")
  static let folder = CommandLineRunner.repository.appendingPathComponent("Tests/ConfianceCLITests/Fixtures/models")
  static let coefficientTolerance = 1e-7
  static let testTolerance = 1e-6

  nonisolated(unsafe) static let cases: [[String: Any]] = {
    guard let data = try? Data(contentsOf: fixture),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [] }
    return root["cases"] as? [[String: Any]] ?? []
  }()

  static var caseNames: [String] { cases.compactMap { $0["name"] as? String } }

  /// The command line of a case: its data file, formula, family and design.
  static func arguments(_ entry: [String: Any]) -> [String] {
    let design = entry["design"] as? [String: Any] ?? [:]
    let family = ["gaussian": "linear", "quasibinomial": "logistic", "quasipoisson": "poisson"][
      entry["family"] as? String ?? ""] ?? ""
    var arguments = [
      folder.appendingPathComponent("\(design["dataset"] as? String ?? "").csv").path,
      "--formula", entry["formula"] as? String ?? "", "--family", family, "--format", "json",
    ]
    for (key, flag) in [("weights", "--weight"), ("strata", "--strata"), ("clusters", "--psu"), ("fpc", "--fpc"),
                        ("lonelyPSU", "--lonely-psu")] {
      if let value = design[key] as? String { arguments += [flag, value] }
    }
    if design["rake"] != nil { arguments += ["--rake-to", folder.appendingPathComponent("privacy-targets.csv").path] }
    if let domain = entry["domain"] as? [String: Any], let variable = domain["variable"] as? String {
      arguments += ["--by", variable]
    }
    return arguments
  }

  /// The model of a case in the command's JSON: the whole sample's, or its domain's.
  static func model(_ json: [String: Any], of entry: [String: Any]) -> [String: Any]? {
    guard let domain = entry["domain"] as? [String: Any], let variable = domain["variable"] as? String else { return json }
    return (json["domains"] as? [[String: Any]])?.first {
      ($0["domain"] as? [String: String])?[variable] == domain["value"] as? String
    }
  }

  static func run(_ arguments: [String]) throws -> [String: Any] {
    let text = try ModelCommand.parse(arguments).output()
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// |ours − R| / max(|R|, floor).
  static func error(_ ours: Any?, _ reference: Any?, floor: Double = 1e-12) -> Double {
    guard let ours = (ours as? NSNumber)?.doubleValue, let reference = (reference as? NSNumber)?.doubleValue else {
      return .infinity
    }
    return abs(ours - reference) / max(abs(reference), floor)
  }

  @Test func everyCaseOfTheFixtureIsRun() {
    #expect(Self.caseNames.count == 20)
  }

  @Test(arguments: caseNames)
  func jsonMatchesR(name: String) throws {
    let entry = try #require(Self.cases.first { $0["name"] as? String == name })
    let margins = (entry["margins"] as? [[String: Any]] ?? []).compactMap { $0["variable"] as? String }
    let json = try Self.run(Self.arguments(entry) + margins.flatMap { ["--margins", $0] })
    let result = try #require(Self.model(json, of: entry))
    let model = try #require(result["model"] as? [String: Any])
    #expect(model["respondents"] as? Int == (entry["respondents"] as? NSNumber)?.intValue)
    #expect(model["degrees_of_freedom"] as? Int == (entry["degreesOfFreedom"] as? NSNumber)?.intValue)
    #expect(model["iterations"] as? Int == (entry["iterations"] as? NSNumber)?.intValue)
    #expect(model["family"] as? String == entry["family"] as? String)

    var worst = (coefficient: 0.0, test: 0.0, margin: 0.0)
    let coefficients = try #require(result["coefficients"] as? [[String: Any]])
    let reference = entry["coefficients"] as? [[String: Any]] ?? []
    #expect(coefficients.map { $0["term"] as? String ?? "" } == reference.map { $0["term"] as? String ?? "" })
    for (ours, theirs) in zip(coefficients, reference) {
      worst.coefficient = max(
        worst.coefficient, Self.error(ours["estimate"], theirs["estimate"]),
        Self.error(ours["standard_error"], theirs["standardError"]), Self.error(ours["statistic"], theirs["statistic"]),
        Self.error(ours["ci_lower"], theirs["ciLower"]), Self.error(ours["ci_upper"], theirs["ciUpper"]))
      worst.test = max(worst.test, Self.error(ours["p_value"], theirs["pValue"], floor: 1e-300))
    }
    worst.coefficient = max(worst.coefficient, Self.error(model["dispersion"], entry["dispersion"]))

    let tests = try #require(result["tests"] as? [[String: Any]])
    let referenceTests = entry["tests"] as? [[String: Any]] ?? []
    #expect(tests.map { $0["term"] as? String ?? "" } == referenceTests.map { $0["term"] as? String ?? "" })
    for (ours, theirs) in zip(tests, referenceTests) {
      #expect(ours["numerator_df"] as? Int == (theirs["numeratorDF"] as? NSNumber)?.intValue)
      #expect(ours["denominator_df"] as? Int == (theirs["denominatorDF"] as? NSNumber)?.intValue)
      worst.test = max(
        worst.test, Self.error(ours["statistic"], theirs["statistic"]),
        Self.error(ours["p_value"], theirs["pValue"], floor: 1e-300))
    }
    if let joint = entry["joint"] as? [String: Any] {
      let terms = (joint["terms"] as? [String] ?? []).joined(separator: " + ")
      let jointJSON = try Self.run(Self.arguments(entry) + ["--test", terms])
      let test = try #require((Self.model(jointJSON, of: entry)?["tests"] as? [[String: Any]])?.first)
      #expect(test["term"] as? String == terms)
      #expect(test["numerator_df"] as? Int == (joint["numeratorDF"] as? NSNumber)?.intValue)
      worst.test = max(
        worst.test, Self.error(test["statistic"], joint["statistic"]),
        Self.error(test["p_value"], joint["pValue"], floor: 1e-300))
    }

    let scale = entry["family"] as? String == "quasibinomial" ? 100.0 : 1.0
    let rows = try #require(result["margins"] as? [[String: Any]])
    for margin in entry["margins"] as? [[String: Any]] ?? [] {
      let variable = margin["variable"] as? String ?? ""
      let ours = rows.filter { $0["variable"] as? String == variable }
      if margin["kind"] as? String == "slope" {
        #expect(ours.count == 1)
        worst.margin = max(
          worst.margin, Self.error((ours.first?["estimate"] as? Double).map { $0 / scale }, margin["margins"]),
          Self.error((ours.first?["standard_error"] as? Double).map { $0 / scale }, margin["standardErrors"]))
        continue
      }
      let levels = margin["levels"] as? [String] ?? []
      let predictive = ours.filter { $0["measure"] as? String == "predictive_margin" }
      let effects = ours.filter { $0["measure"] as? String == "marginal_effect" }
      #expect(predictive.map { $0["level"] as? String ?? "" } == levels)
      #expect(effects.map { $0["level"] as? String ?? "" } == Array(levels.dropFirst()))
      #expect(effects.allSatisfy { $0["reference"] as? String == levels.first })
      for (row, (estimate, standardError)) in zip(
        predictive, zip(margin["margins"] as? [Any] ?? [], margin["standardErrors"] as? [Any] ?? []))
      {
        worst.margin = max(
          worst.margin, Self.error(row["estimate"], estimate), Self.error(row["standard_error"], standardError))
      }
      let contrasts = (margin["contrasts"] as? [Any] ?? []).dropFirst()
      let contrastErrors = (margin["contrastStandardErrors"] as? [Any] ?? []).dropFirst()
      for (row, (estimate, standardError)) in zip(effects, zip(contrasts, contrastErrors)) {
        worst.margin = max(
          worst.margin, Self.error((row["estimate"] as? Double).map { $0 / scale }, estimate),
          Self.error((row["standard_error"] as? Double).map { $0 / scale }, standardError))
      }
    }
    #expect(worst.coefficient < Self.coefficientTolerance)
    #expect(worst.test < Self.testTolerance)
    #expect(worst.margin < Self.coefficientTolerance)
    print("\(name) through the CLI: coefficients, SEs, intervals \(worst.coefficient); tests \(worst.test); margins \(worst.margin)")
  }

  nonisolated(unsafe) static let ordinalCases: [[String: Any]] = {
    guard let data = try? Data(contentsOf: fixture),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [] }
    return root["ordinalCases"] as? [[String: Any]] ?? []
  }()

  static var ordinalCaseNames: [String] { ordinalCases.compactMap { $0["name"] as? String } }

  /// The proportional-odds cases (R's `svyolr`) through `--family ordinal`: coefficients then
  /// thresholds, named as R names them, with R's estimates and standard errors.
  @Test(arguments: ordinalCaseNames)
  func ordinalJSONMatchesR(name: String) throws {
    let entry = try #require(Self.ordinalCases.first { $0["name"] as? String == name })
    var arguments = Self.arguments(entry)
    arguments[arguments.firstIndex(of: "--family")! + 1] = "ordinal"
    let json = try Self.run(arguments)
    let result = try #require(Self.model(json, of: entry))
    let model = try #require(result["model"] as? [String: Any])
    #expect(model["family"] as? String == "ordinal")
    #expect(model["link"] as? String == "logit")
    #expect(model["respondents"] as? Int == (entry["respondents"] as? NSNumber)?.intValue)
    #expect(model["degrees_of_freedom"] as? Int == (entry["degreesOfFreedom"] as? NSNumber)?.intValue)
    #expect(model["outcome_levels"] as? [String] == entry["levels"] as? [String])
    #expect(model["threshold_count"] as? Int == (entry["thresholdCount"] as? NSNumber)?.intValue)
    #expect(model["dispersion"] is NSNull)
    var worst = (coefficient: 0.0, test: 0.0)
    let coefficients = try #require(result["coefficients"] as? [[String: Any]])
    let reference = entry["coefficients"] as? [[String: Any]] ?? []
    #expect(coefficients.map { $0["term"] as? String ?? "" } == reference.map { $0["term"] as? String ?? "" })
    for (ours, theirs) in zip(coefficients, reference) {
      worst.coefficient = max(
        worst.coefficient, Self.error(ours["estimate"], theirs["estimate"]),
        Self.error(ours["standard_error"], theirs["standardError"]), Self.error(ours["statistic"], theirs["statistic"]),
        Self.error(ours["ci_lower"], theirs["ciLower"]), Self.error(ours["ci_upper"], theirs["ciUpper"]))
      worst.test = max(worst.test, Self.error(ours["p_value"], theirs["pValue"], floor: 1e-300))
    }
    let tests = try #require(result["tests"] as? [[String: Any]])
    let referenceTests = entry["tests"] as? [[String: Any]] ?? []
    #expect(tests.map { $0["term"] as? String ?? "" } == referenceTests.map { $0["term"] as? String ?? "" })
    for (ours, theirs) in zip(tests, referenceTests) {
      #expect(ours["denominator_df"] as? Int == (theirs["denominatorDF"] as? NSNumber)?.intValue)
      worst.test = max(
        worst.test, Self.error(ours["statistic"], theirs["statistic"]),
        Self.error(ours["p_value"], theirs["pValue"], floor: 1e-300))
    }
    #expect(worst.coefficient < Self.coefficientTolerance)
    #expect(worst.test < Self.testTolerance)
    print("\(name) through the CLI: coefficients, SEs, intervals \(worst.coefficient); tests \(worst.test)")
  }

  /// Text output of an ordinal model: coefficients, then thresholds.
  @Test func ordinalText() throws {
    let text = try ModelCommand.parse([
      Self.folder.appendingPathComponent("apiclus1.csv").path, "--formula", "mealcat ~ avg.ed + mobility + stype",
      "--family", "ordinal", "--weight", "pw", "--psu", "dnum", "--fpc", "fpc",
    ]).output()
    #expect(text.contains("Proportional-odds regression (ordinal outcome, logit link): mealcat ~ avg.ed + mobility + stype\n"))
    #expect(text.contains("157 respondents; 10 residual degrees of freedom (14 design degrees of freedom − 4 coefficients).\n"))
    #expect(text.contains("\nThresholds\n"))
    #expect(text.contains("(0,25]|(25,50]"))
    let markdown = try ModelCommand.parse([
      Self.folder.appendingPathComponent("apiclus1.csv").path, "--formula", "mealcat ~ avg.ed + mobility + stype",
      "--family", "ordinal", "--weight", "pw", "--psu", "dnum", "--fpc", "fpc", "--format", "markdown",
    ]).output()
    #expect(markdown.contains("**Ordinal logistic regression (proportional odds)**"))
    #expect(markdown.contains("| **Thresholds** |"))
    #expect(markdown.contains("| (0,25] \\| (25,50] | −8.8579 | 3.6862 |"))
  }

  /// R's published example (`?svyglm`): svyglm(api00 ~ ell + meals + mobility,
  /// design = svydesign(id = ~dnum + snum, weights = ~pw, data = apiclus2)).
  @Test func publishedExample() throws {
    let json = try Self.run([
      Self.folder.appendingPathComponent("apiclus2.csv").path, "--formula", "api00 ~ ell + meals + mobility",
      "--family", "linear", "--weight", "pw", "--psu", "dnum", "--format", "json",
    ])
    let coefficients = try #require(json["coefficients"] as? [[String: Any]])
    let printed = coefficients.map { ((($0["estimate"] as? Double) ?? .nan) * 10_000).rounded() / 10_000 }
    let errors = coefficients.map { ((($0["standard_error"] as? Double) ?? .nan) * 10_000).rounded() / 10_000 }
    #expect(printed == [811.4907, -2.0592, -1.7772, 0.3253])
    #expect(errors == [30.8795, 1.4075, 1.1053, 0.5305])
  }

  @Test func jsonKeysFollowTheContract() throws {
    let json = try Self.run([
      Self.folder.appendingPathComponent("privacy.csv").path, "--formula", "concerned ~ age_band + trust_score",
      "--family", "logistic", "--weight", "w", "--strata", "stratum", "--psu", "psu", "--margins", "age_band",
      "--by", "sex", "--format", "json",
    ])
    #expect(Array(json.keys).sorted() == ["by", "coefficients", "design", "domains", "margins", "model", "tests"])
    let model = try #require(json["model"] as? [String: Any])
    #expect(Set(model.keys) == [
      "family", "formula", "respondents", "degrees_of_freedom", "dispersion", "link", "design_degrees_of_freedom",
      "confidence_level", "iterations",
    ])
    let coefficient = try #require((json["coefficients"] as? [[String: Any]])?.first)
    #expect(Set(coefficient.keys) == ["term", "estimate", "standard_error", "statistic", "p_value", "ci_lower", "ci_upper"])
    let test = try #require((json["tests"] as? [[String: Any]])?.first)
    #expect(Set(test.keys) == ["term", "statistic", "numerator_df", "denominator_df", "p_value"])
    let margins = try #require(json["margins"] as? [[String: Any]])
    #expect(Set(margins[0].keys) == [
      "variable", "level", "estimate", "standard_error", "ci_lower", "ci_upper", "measure", "reference", "unit",
      "degrees_of_freedom",
    ])
    #expect(margins.map { $0["measure"] as? String ?? "" } == Array(repeating: "predictive_margin", count: 5)
      + Array(repeating: "marginal_effect", count: 4))
    #expect(margins.map { $0["unit"] as? String ?? "" } == Array(repeating: "probability", count: 5)
      + Array(repeating: "percentage_points", count: 4))
    let domains = try #require(json["domains"] as? [[String: Any]])
    #expect(domains.map { ($0["domain"] as? [String: String])?["sex"] ?? "" } == ["F", "M"])
    #expect(Set(domains[0].keys) == ["domain", "model", "coefficients", "tests", "margins"])
    #expect(json["by"] as? [String] == ["sex"])
  }

  @Test func textCSVAndMarkdown() throws {
    let base = [
      Self.folder.appendingPathComponent("privacy.csv").path, "--formula", "concerned ~ age_band + sex + trust_score",
      "--family", "logistic", "--weight", "w", "--strata", "stratum", "--psu", "psu", "--fpc", "N_psu",
      "--margins", "sex", "--test", "age_band + sex",
    ]
    let text = try ModelCommand.parse(base).output()
    #expect(text.hasPrefix("Design: 900 respondents · 5 strata · 32 PSUs · 27 degrees of freedom"))
    #expect(text.contains("Logistic regression (quasibinomial family, logit link): concerned ~ age_band + sex + trust_score\n"))
    #expect(text.contains("856 respondents; 21 residual degrees of freedom (27 design degrees of freedom + 1 − 7 coefficients)"))
    #expect(text.contains("\n(Intercept)     7.78757  0.70065   11.115  <\u{00A0}0.001    6.33050 to 9.24465\n"))
    #expect(text.contains("\nage_band + sex  "))
    #expect(text.contains("sex       M      effect against F (points)"))
    let csv = try ModelCommand.parse(base + ["--format", "csv"]).output()
    let lines = csv.split(separator: "\n")
    #expect(lines[0] == "section,term,level,reference,estimate,standard_error,statistic,numerator_df,denominator_df,p_value,ci_lower,ci_upper,unit")
    #expect(lines.count == 1 + 7 + 1 + 2 + 1)
    #expect(lines.last?.hasPrefix("marginal_effect,sex,M,F,-4.695006217") == true)
    let markdown = try ModelCommand.parse(base + ["--format", "markdown"]).output()
    #expect(markdown.contains("**Logistic regression** of “concerned” (`concerned ~ age_band + sex + trust_score`): 856 respondents"))
    #expect(markdown.contains("| **age_band** (against 18-24) |  |  |  |  |\n| 25-34 | 0.0109 | 0.3314 | −0.6783 to 0.7000 | 0.974 |"))
    #expect(markdown.contains("| age_band + sex | "))
    #expect(markdown.contains("| M | 50.3 | 43.8–56.8 | −4.7 | −9.5 to 0.1 |"))
  }

  @Test func errorsSayWhatToDo() throws {
    let privacy = Self.folder.appendingPathComponent("privacy.csv").path
    let design = ["--weight", "w", "--strata", "stratum", "--psu", "psu"]
    let twoLevels = try CommandLineRunner.run(
      ["model", privacy, "--formula", "concerned ~ sex", "--family", "ordinal"] + design)
    #expect(twoLevels.status == 65)
    #expect(twoLevels.standardError.contains(
      "a proportional-odds model needs an ordinal outcome with at least 3 levels, but 'concerned' has only '0' and '1'"))
    let ordinalMargins = try CommandLineRunner.run(
      ["model", privacy, "--formula", "concern_data_use ~ sex", "--family", "ordinal", "--margins", "sex"] + design)
    #expect(ordinalMargins.status == 64)
    #expect(ordinalMargins.standardError.contains("--margins is available for logistic, linear and poisson models"))
    let syntax = try CommandLineRunner.run(["model", privacy, "--formula", "concerned ~ ", "--family", "logistic"] + design)
    #expect(syntax.status == 64)
    #expect(syntax.standardError.hasPrefix("confiance: error: the formula 'concerned ~ ' cannot be read at character"))
    let unknownTerm = try CommandLineRunner.run(
      ["model", privacy, "--formula", "concerned ~ sex", "--family", "logistic", "--test", "age"] + design)
    #expect(unknownTerm.status == 64)
    #expect(unknownTerm.standardError == "confiance: error: the model has no term 'age'. Its terms are: sex.\n")
    let typo = try CommandLineRunner.run(["model", privacy, "--formula", "concerned ~ sexe", "--family", "logistic"] + design)
    #expect(typo.status == 65)
    #expect(typo.standardError.contains("there is no column named 'sexe' in the header. Did you mean 'sex'?"))
    let domain = try CommandLineRunner.run(
      ["model", privacy, "--formula", "concerned ~ sex", "--family", "logistic", "--by", "sex"] + design)
    #expect(domain.status == 65)
    #expect(domain.standardError.hasPrefix(
      "confiance: error: \(privacy): in the domain sex = F, the categorical predictor 'sex' has only one observed category ('F')"))
  }

  @Test func helpTeachesByExample() throws {
    let result = try CommandLineRunner.run(["model", "--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Examples:"))
    #expect(result.standardOutput.contains("--margins concern_data_use"))
    #expect(result.standardOutput.contains("svyolr"))
  }
}
