import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Means and totals made by PostgreSQL's group sums (Σw, Σw·y, Σw·y² as exact integer sums of the
/// file path's `float8` values) equal the file path's, every JSON field (numbers to 1e-9 relative,
/// the rest exactly), on R's `data(api)` designs of the numeric fixtures
/// (`.ci/postgres-fixtures.py` loads them as `numeric_apistrat`…); and they match R survey 4.1's
/// numbers as the file path does.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresNumericTests {
  /// `reference.json` of the numeric fixtures, the fields these tests read.
  struct Reference: Decodable {
    struct Dataset: Decodable {
      let rows: Int
      let column_order: [String]
      let columns: [String: Column]
    }

    struct Column: Decodable {
      let type: String
      let values: [Value?]
    }

    /// A categorical value (text) or a number.
    enum Value: Decodable {
      case text(String)
      case number(Double)

      init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) { self = .number(number) } else {
          self = .text(try container.decode(String.self))
        }
      }
    }

    struct Design: Decodable {
      let dataset: String
      let weights: String?
      let strata: String?
      let clusters: String?
      let fpc: String?
      let lonely_psu: String
      let rake: [RakeMargin]?
    }

    struct RakeMargin: Decodable {
      let variable: String
      let categories: [String]
      let targets: [Double]
    }

    struct Case: Decodable {
      let name: String
      let design: String
      let statistic: String
      let variable: String?
      let numerator: String?
      let denominator: String?
      let by: [String]
      /// A quantile case's probabilities (``PostgresQuantileTests``).
      let probabilities: [Double]?
      let level: Double
      let estimates: [Estimate]
    }

    struct Estimate: Decodable {
      let domain: [String: String]
      /// A quantile's probability.
      let probability: Double?
      let estimate: Double?
      let standard_error: Double?
      let ci_lower: Double?
      let ci_upper: Double?
      let degrees_of_freedom: Int
      let respondents: Int
      let design_effect: Double?
    }

    let datasets: [String: Dataset]
    let designs: [String: Design]
    let cases: [Case]
  }

  static let reference: Reference = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(
      "Tests/SurveyStatisticsTests/Fixtures/numeric/reference.json")))
    return try! JSONDecoder().decode(Reference.self, from: data)
  }()

  /// The means and totals of the designs without raking (group sums carry no calibration).
  static var cases: [String] {
    reference.cases.filter { ["mean", "total"].contains($0.statistic) && reference.designs[$0.design]!.rake == nil }
      .map(\.name)
  }

  /// The data set as the file path reads it, from the fixture's columns.
  static func fileDesign(_ design: Reference.Design) throws -> SurveyDesign {
    let dataset = Self.reference.datasets[design.dataset]!
    let survey = try Survey(variables: dataset.column_order.map { name in
      let column = dataset.columns[name]!
      if column.type == "categorical" {
        return Variable(name: name, categories: column.values.map { value in
          guard case .text(let text) = value else { return nil }
          return text
        })
      }
      return Variable(name: name, numbers: column.values.map { value in
        guard case .number(let number) = value else { return nil }
        return number
      })
    })
    return try SurveyDesign(survey, declaration: DesignDeclaration(
      weights: design.weights, strata: design.strata, clusters: design.clusters, fpc: design.fpc,
      lonelyPSU: LonelyPSUPolicy(rawValue: design.lonely_psu)!))
  }

  /// The means and totals of an engine.
  struct Engine {
    var means: (_ table: String, _ variable: String, _ by: [String], _ declaration: DesignDeclaration, _ level: Double)
      async throws -> NumericEstimates<MeanEstimate>
    var totals: (_ table: String, _ variable: String, _ by: [String], _ declaration: DesignDeclaration, _ level: Double)
      async throws -> NumericEstimates<TotalEstimate>
  }

  /// PostgreSQL's means and totals on the test server.
  static func engine() throws -> Engine {
    let location = try PostgresLocation(url: testServer!)
    return Engine(
      means: { table, variable, by, declaration, level in
        try await PostgresTable(location: location, table: table)
          .means(of: [variable], by: by, declaration: declaration, level: level)
      },
      totals: { table, variable, by, declaration, level in
        try await PostgresTable(location: location, table: table)
          .totals(of: [variable], by: by, declaration: declaration, level: level)
      })
  }

  @Test(arguments: cases)
  func theRFixturesGiveTheFileEstimates(caseName: String) async throws {
    try await Self.expectFileAndR(caseName: caseName, engine: Self.engine())
  }

  /// The engine's estimates of a case equal the file path's, every JSON field, and R's numbers.
  /// Returns the largest relative difference to R of an estimate or a standard error.
  ///
  /// - Parameter withoutPSU: whether a design without PSUs is declared without them, as R's
  ///   `ids = ~1` (groups without PSUs, ``PostgresNoPSUTests``), rather than with the row number
  ///   as PSU.
  @discardableResult
  static func expectFileAndR(caseName: String, engine: Engine, withoutPSU: Bool = false) async throws -> Double {
    let testCase = Self.reference.cases.first { $0.name == caseName }!
    let design = Self.reference.designs[testCase.design]!
    // Designs without PSUs are read with the row number as PSU (each respondent its own PSU),
    // or without PSU.
    let declaration = DesignDeclaration(
      weights: design.weights, strata: design.strata, clusters: design.clusters ?? (withoutPSU ? nil : "row_id"),
      fpc: design.fpc, lonelyPSU: LonelyPSUPolicy(rawValue: design.lonely_psu)!)
    let table = "numeric_" + design.dataset
    let fileDesign = try fileDesign(design)
    let variable = testCase.variable!
    let fromDatabase: JSONValue, fromFile: JSONValue
    let estimates: [Estimated]
    if testCase.statistic == "mean" {
      let database = try await engine.means(table, variable, testCase.by, declaration, testCase.level)
      fromDatabase = database.json
      fromFile = try fileDesign.means(of: [variable], by: testCase.by, level: testCase.level).json
      estimates = database.map {
        ($0.domain, $0.mean, $0.standardError, $0.confidenceInterval.lower, $0.confidenceInterval.upper,
         $0.degreesOfFreedom, $0.respondents, $0.designEffect)
      }
    } else {
      let database = try await engine.totals(table, variable, testCase.by, declaration, testCase.level)
      fromDatabase = database.json
      fromFile = try fileDesign.totals(of: [variable], by: testCase.by, level: testCase.level).json
      estimates = database.map {
        ($0.domain, $0.total, $0.standardError, $0.confidenceInterval.lower, $0.confidenceInterval.upper,
         $0.degreesOfFreedom, $0.respondents, $0.designEffect)
      }
    }
    if design.clusters == nil, !withoutPSU {
      // The declarations differ (row_id as PSU): every estimate's field must still agree.
      expectSame(estimatesOf(fromDatabase), estimatesOf(fromFile), caseName)
    } else {
      expectSame(fromDatabase, fromFile, caseName)
    }
    // R's numbers, as the file path matches them.
    return expectR(estimates, testCase, caseName)
  }

  /// An estimate's fields that R's fixture gives.
  typealias Estimated = (
    domain: Domain, estimate: Double, standardError: Double, lower: Double, upper: Double, degreesOfFreedom: Int,
    respondents: Int, designEffect: Double?
  )

  /// The estimates of a case match R survey 4.1's: estimates, standard errors and design effects
  /// to 1e-9 relative, interval bounds to 1e-7, degrees of freedom and respondents exactly.
  /// Returns the largest relative difference of an estimate or a standard error.
  static func expectR(_ estimates: [Estimated], _ testCase: Reference.Case, _ caseName: String) -> Double {
    var largest = 0.0
    #expect(estimates.count == testCase.estimates.count, "\(caseName): estimates")
    for estimate in estimates {
      let domain = Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) })
      guard let expected = testCase.estimates.first(where: { $0.domain == domain }) else {
        Issue.record("\(caseName): no R estimate for \(domain)")
        continue
      }
      largest = max(largest, relative(estimate.estimate, expected.estimate!),
                    relative(estimate.standardError, expected.standard_error!))
      #expect(relative(estimate.estimate, expected.estimate!) < 1e-9, "\(caseName) \(domain) estimate")
      #expect(relative(estimate.standardError, expected.standard_error!) < 1e-9, "\(caseName) \(domain) SE")
      #expect(relative(estimate.lower, expected.ci_lower!) < 1e-7, "\(caseName) \(domain) lower")
      #expect(relative(estimate.upper, expected.ci_upper!) < 1e-7, "\(caseName) \(domain) upper")
      #expect(estimate.degreesOfFreedom == expected.degrees_of_freedom, "\(caseName) \(domain) df")
      #expect(estimate.respondents == expected.respondents, "\(caseName) \(domain) respondents")
      if let deff = expected.design_effect, let ours = estimate.designEffect {
        #expect(relative(ours, deff) < 1e-9, "\(caseName) \(domain) deff")
      }
    }
    return largest
  }

  /// A text column is read as numbers; one whose values are not numbers is named, with their count
  /// and the smallest of them.
  @Test func aTextVariableThatIsNotNumbersIsNamed() async throws {
    let table = PostgresTable(location: try PostgresLocation(url: testServer!), table: "numeric_apistrat")
    await #expect(throws: DatabaseError.notNumbers(
      table: "numeric_apistrat", column: "stype", role: "analysed variable", count: 200, example: "E")) {
      try await table.means(of: ["stype"], declaration: DesignDeclaration(weights: "pw", strata: "stype", clusters: "row_id"))
    }
  }
}
