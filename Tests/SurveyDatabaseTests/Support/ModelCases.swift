import Confiance
import Foundation
import Testing

/// The model fixtures of Tests/SurveyStatisticsTests/Fixtures/models (`models.json`, R survey 4.1's
/// `svyglm`), as a database fits them: `.ci/postgres-fixtures.py` and `.ci/spark-fixtures.py` load
/// each data set as `models_<dataset>`; the file path fits the same columns in memory.
enum ModelCases {
  /// An engine's model analysis of a table, raked to `raking` when it is not `nil`.
  typealias Fit = @Sendable (
    _ table: String, _ formula: Formula, _ family: ModelFamily, _ by: [String], _ declaration: DesignDeclaration,
    _ margins: [String], _ raking: PopulationMargins?
  ) async throws -> ModelAnalysis

  nonisolated(unsafe) static let root: [String: Any] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/models/models.json")))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }()

  static var cases: [[String: Any]] { root["cases"] as! [[String: Any]] }

  /// The cases a database fits: every `svyglm` case.
  static var databaseCases: [String] { cases.map { $0["name"] as! String } }

  /// The population margins a case's design is raked to (R's `rake()`), or `nil`.
  static func raking(_ testCase: [String: Any]) -> PopulationMargins? {
    guard let rake = (testCase["design"] as! [String: Any])["rake"] as? [[String: Any]] else { return nil }
    return PopulationMargins(rake.map { margin in
      Margin(
        variable: margin["variable"] as! String,
        targets: zip(margin["categories"] as! [String], (margin["targets"] as! [NSNumber]).map(\.doubleValue))
          .map { (category: $0, target: $1) })
    })
  }

  /// A survey from the JSON columns of a data set: numbers (or null) make a numeric variable,
  /// anything else text.
  static func survey(_ dataset: String) throws -> Survey {
    let columns = (root["datasets"] as! [String: Any])[dataset] as! [String: Any]
    return try Survey(variables: columns.keys.sorted().map { name in
      let values = columns[name] as! [Any]
      if values.allSatisfy({ $0 is NSNull || $0 is NSNumber }) {
        return Variable(name: name, numbers: values.map { ($0 as? NSNumber)?.doubleValue })
      }
      return Variable(name: name, categories: values.map { $0 as? String })
    })
  }

  static func declaration(_ testCase: [String: Any]) -> DesignDeclaration {
    let design = testCase["design"] as! [String: Any]
    return DesignDeclaration(
      weights: design["weights"] as? String, strata: design["strata"] as? String,
      clusters: design["clusters"] as? String, fpc: design["fpc"] as? String,
      lonelyPSU: LonelyPSUPolicy(rawValue: design["lonelyPSU"] as? String ?? "fail")!)
  }

  static func family(_ testCase: [String: Any]) -> ModelFamily {
    switch testCase["family"] as! String {
    case "quasibinomial": return .quasibinomial
    case "quasipoisson": return .quasipoisson
    default: return .gaussian
    }
  }

  /// A logistic model of categorical predictors only, by region with margins, on the privacy data
  /// set (900 rows, weights that differ within every PSU): its collapsed rows hold respondents of
  /// different weights, whose own weights start R's fit (``LogisticFirstSteps``). The engine's
  /// JSON is the file's; returns how many rows `rows` says the engine sent back, and the largest
  /// relative difference.
  static func expectCategoricalLogisticAsFile(fit: Fit, rows: @Sendable () async throws -> Int) async throws -> (Int, Double) {
    let formula = try Formula("concerned ~ age_band + sex")
    let declaration = DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu", fpc: "N_psu")
    let database = try await fit("models_privacy", formula, .quasibinomial, ["region"], declaration, ["age_band"], nil)
    let file = try SurveyDesign(survey("privacy"), declaration: declaration)
      .modelAnalysis(formula, family: .quasibinomial, by: ["region"], margins: ["age_band"])
    expectSame(database.json, file.json, "categorical logistic")
    return (try await rows(), largestDifference(database.json, file.json))
  }

  /// Models of categorical predictors only, by region with margins, on the privacy data set raked
  /// to the sex and region margins of R's raked fixtures — a Poisson one, whose collapsed rows
  /// hold many respondents each, whom the raking's variance projection counts (its cell means are
  /// over respondents), and a logistic one, whose first step takes each respondent's raked prior
  /// weight in the whole sample and in each region. The engine's JSON is the file's; returns how
  /// many rows `rows` says the engine sent back for the Poisson model, and the largest relative
  /// difference.
  static func expectRakedModelsOfCategoriesAsFile(
    fit: Fit, rows: @Sendable (Formula, PopulationMargins) async throws -> Int
  ) async throws -> (Int, Double) {
    let declaration = DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu", fpc: "N_psu")
    let raking = try #require(ModelCases.raking(cases.first { $0["name"] as! String == "raked-gaussian" }!))
    let file = try SurveyDesign(survey("privacy"), declaration: declaration).raked(to: raking)
    var largest = 0.0
    for (formula, family, margins) in [
      (try Formula("actions_level ~ sex"), ModelFamily.quasipoisson, ["sex"]),
      (try Formula("concerned ~ age_band + sex"), ModelFamily.quasibinomial, ["age_band"]),
    ] {
      let database = try await fit("models_privacy", formula, family, ["region"], declaration, margins, raking)
      let expected = try file.modelAnalysis(formula, family: family, by: ["region"], margins: margins)
      expectSame(database.json, expected.json, "raked \(formula)")
      largest = max(largest, largestDifference(database.json, expected.json))
    }
    return (try await rows(Formula("actions_level ~ sex"), raking), largest)
  }

  /// The engine's analysis of a case — by the domain's variable when the case has one, with the
  /// margins of every variable R's margins were computed for, raked as the case's design is —
  /// equals the file path's, every
  /// JSON field (numbers to 1e-9 relative), and its model of the case's domain equals R's
  /// (estimates, standard errors, dispersion to 1e-9, bounds to 1e-7, respondents, degrees of
  /// freedom and iterations exactly). Returns the largest relative difference to the file's JSON.
  @discardableResult
  static func expectFileAndR(_ name: String, fit: Fit) async throws -> Double {
    let testCase = cases.first { $0["name"] as! String == name }!
    let formula = try Formula(testCase["formula"] as! String)
    let family = family(testCase)
    let domain = testCase["domain"] as? [String: String]
    let by = domain.map { [$0["variable"]!] } ?? []
    let margins = (testCase["margins"] as? [[String: Any]] ?? []).map { $0["variable"] as! String }
    let declaration = declaration(testCase)
    // A design without PSUs (apistrat's, ids = ~1) names the school as the PSU in the database: one
    // row per school, so its collapsed rows are its rows, and the declarations differ.
    var databaseDeclaration = declaration
    databaseDeclaration.clusters = declaration.clusters ?? "snum"
    let raking = raking(testCase)
    let database = try await fit(
      "models_" + (testCase["dataset"] as! String), formula, family, by, databaseDeclaration, margins, raking)
    var fileDesign = try SurveyDesign(survey(testCase["dataset"] as! String), declaration: declaration)
    if let raking { fileDesign = try fileDesign.raked(to: raking) }
    let file = try fileDesign.modelAnalysis(formula, family: family, by: by, margins: margins)
    if declaration.clusters == nil {
      expectSame(estimatesOf(database.json), estimatesOf(file.json), name)
    } else {
      expectSame(database.json, file.json, name)
    }
    let model = domain.map { level in
      database.domains.first { $0.fit.domain.levels.map(\.value) == [level["value"]!] }!
    } ?? database.overall
    let fit = model.fit
    #expect(fit.respondents == testCase["respondents"] as! Int, "\(name): respondents")
    #expect(fit.degreesOfFreedom == testCase["degreesOfFreedom"] as! Int, "\(name): degrees of freedom")
    #expect(fit.iterations == testCase["iterations"] as! Int, "\(name): iterations")
    #expect(relative(fit.dispersion, testCase["dispersion"] as! Double) < 1e-9, "\(name): dispersion")
    for expected in testCase["coefficients"] as! [[String: Any]] {
      let term = expected["term"] as! String
      let coefficient = try #require(fit.coefficients.first { $0.term == term }, "\(name): \(term)")
      #expect(relative(coefficient.estimate, expected["estimate"] as! Double) < 1e-9, "\(name): \(term)")
      #expect(relative(coefficient.standardError, expected["standardError"] as! Double) < 1e-9, "\(name): \(term) SE")
      #expect(relative(coefficient.confidenceInterval.lower, expected["ciLower"] as! Double) < 1e-7, "\(name): \(term)")
      #expect(relative(coefficient.confidenceInterval.upper, expected["ciUpper"] as! Double) < 1e-7, "\(name): \(term)")
    }
    return largestDifference(database.json, file.json)
  }
}
