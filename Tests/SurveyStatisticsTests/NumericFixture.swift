import Foundation
import SurveyStatistics

/// `Fixtures/numeric/reference.json`, written by `Fixtures/numeric/make-numeric.R`: data sets from
/// R's `data(api)` (columns in the file, missing values as null), the designs R built on them, and
/// R survey 4.1's means, totals, ratios and quantiles for every case.
///
/// Read with `JSONDecoder`, which parses the 17-digit numbers to the exact doubles R wrote.
struct NumericFixture: Decodable, Sendable {
  let generatedBy: String
  let seed: Int
  let datasets: [String: Dataset]
  let designs: [String: Design]
  let cases: [Case]

  enum CodingKeys: String, CodingKey {
    case generatedBy = "generated_by", seed, datasets, designs, cases
  }

  /// One data set: its columns in file order.
  struct Dataset: Decodable, Sendable {
    let rows: Int
    let columnOrder: [String]
    let columns: [String: Column]

    enum CodingKeys: String, CodingKey { case rows, columnOrder = "column_order", columns }
  }

  /// A column: text categories or numbers, `nil` where R has NA.
  struct Column: Decodable, Sendable {
    let type: String
    let text: [String?]
    let numbers: [Double?]

    enum CodingKeys: String, CodingKey { case type, values }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      type = try container.decode(String.self, forKey: .type)
      if type == "categorical" {
        text = try container.decode([String?].self, forKey: .values)
        numbers = []
      } else {
        numbers = try container.decode([Double?].self, forKey: .values)
        text = []
      }
    }
  }

  /// A design: R's `svydesign()` arguments, the lonely-PSU option, and `rake()` margins if any.
  struct Design: Decodable, Sendable {
    let dataset: String
    let weights: String?
    let strata: String?
    let clusters: String?
    let fpc: String?
    let lonelyPSU: String
    let rake: [RakeMargin]?
    let rCall: String

    enum CodingKeys: String, CodingKey {
      case dataset, weights, strata, clusters, fpc, lonelyPSU = "lonely_psu", rake, rCall = "r_call"
    }
  }

  /// One raking margin: population totals of a variable's categories.
  struct RakeMargin: Decodable, Sendable {
    let variable: String
    let categories: [String]
    let targets: [Double]
  }

  /// One case: a statistic of one variable (or ratio) on one design, overall or by domain.
  struct Case: Decodable, Sendable {
    let name: String
    let design: String
    let statistic: String
    let variable: String?
    let numerator: String?
    let denominator: String?
    let by: [String]
    let probabilities: [Double]?
    let level: Double
    let estimates: [Estimate]

  }

  /// R's numbers for one domain (and probability); `nil` where R gives NA or NaN.
  struct Estimate: Decodable, Sendable {
    let domain: [String: String]
    let probability: Double?
    let estimate: Double?
    let standardError: Double?
    let ciLower: Double?
    let ciUpper: Double?
    let degreesOfFreedom: Int
    let respondents: Int
    let designEffect: Double?

    enum CodingKeys: String, CodingKey {
      case domain, probability, estimate, standardError = "standard_error", ciLower = "ci_lower",
        ciUpper = "ci_upper", degreesOfFreedom = "degrees_of_freedom", respondents,
        designEffect = "design_effect"
    }
  }

  static let shared: NumericFixture = {
    guard
      let url = Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures/numeric"),
      let data = try? Data(contentsOf: url)
    else { fatalError("Fixtures/numeric/reference.json is missing from the test bundle") }
    do {
      return try JSONDecoder().decode(NumericFixture.self, from: data)
    } catch {
      fatalError("Fixtures/numeric/reference.json is malformed: \(error)")
    }
  }()

  /// The data set as a `Survey`: categorical columns as categories, numeric ones as numbers.
  func survey(_ name: String) throws -> Survey {
    guard let dataset = datasets[name] else { throw FixtureError.unknown("data set \(name)") }
    return try Survey(variables: dataset.columnOrder.map { columnName in
      let column = dataset.columns[columnName]!
      return column.type == "categorical"
        ? Variable(name: columnName, categories: column.text)
        : Variable(name: columnName, numbers: column.numbers)
    })
  }

  /// The design as R built it: `svydesign()`, then `rake(…, control = list(maxit = 100,
  /// epsilon = 1e-10))` when it has margins (Confiance's default raking options are the same).
  func design(_ name: String) throws -> SurveyDesign {
    guard let spec = designs[name] else { throw FixtureError.unknown("design \(name)") }
    guard let policy = LonelyPSUPolicy(rawValue: spec.lonelyPSU) else {
      throw FixtureError.unknown("lonely-PSU policy \(spec.lonelyPSU)")
    }
    let design = try SurveyDesign(
      survey(spec.dataset), weights: spec.weights, strata: spec.strata, clusters: spec.clusters, fpc: spec.fpc,
      lonelyPSU: policy)
    guard let rake = spec.rake else { return design }
    let margins = PopulationMargins(rake.map { margin in
      Margin(
        variable: margin.variable,
        targets: zip(margin.categories, margin.targets).map { (category: $0, target: $1) }, scale: .totals)
    })
    return try design.raked(to: margins, options: RakingControl(maxIterations: 100, tolerance: .relativeToWeightTotal(1e-10)))
  }

  enum FixtureError: Error { case unknown(String) }
}

extension Domain {
  /// The domain as the fixture writes it: variable → level.
  var fixtureKey: [String: String] {
    Dictionary(uniqueKeysWithValues: levels.map { ($0.variable, $0.value) })
  }
}
