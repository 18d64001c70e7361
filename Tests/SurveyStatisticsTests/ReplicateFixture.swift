import Foundation
import SurveyStatistics

/// `Fixtures/replicates/reference.json`, written by `Fixtures/replicates/make-replicates.R`: data
/// sets from R's `data(api)` with supplied replicate-weight columns, the replicate designs R built
/// (created by `as.svrepdesign()` or supplied to `svrepdesign()`), R's Hadamard matrices, and R
/// survey 4.1's means, totals, ratios, quantiles and `svyciprop()` intervals on every design.
struct ReplicateFixture: Decodable, Sendable {
  let generatedBy: String
  let seed: Int
  let datasets: [String: NumericFixture.Dataset]
  let designs: [String: Design]
  let hadamard: [Hadamard]
  let cases: [Case]
  let proportions: [ProportionCase]
  let crosstabs: [CrossTabCase]
  let paradox: [ReplicateParadoxCase]

  enum CodingKeys: String, CodingKey {
    case generatedBy = "generated_by", seed, datasets, designs, hadamard, cases, proportions, crosstabs, paradox
  }

  /// A design: the strata/PSU declaration (for created replicates), how the replicates come, and
  /// what R made of them.
  struct Design: Decodable, Sendable {
    let dataset: String
    let weights: String?
    let strata: String?
    let clusters: String?
    let fpc: String?
    let lonelyPSU: String
    let replicates: Replicates
    let r: RDesign

    enum CodingKeys: String, CodingKey {
      case dataset, weights, strata, clusters, fpc, lonelyPSU = "lonely_psu", replicates, r
    }
  }

  /// The replicate declaration.
  struct Replicates: Decodable, Sendable {
    let source: String
    let method: String
    let pattern: String?
    let fayRho: Double?
    let scale: Double?
    let rscales: [Double]?
    let mse: Bool

    enum CodingKeys: String, CodingKey { case source, method, pattern, fayRho = "fay_rho", scale, rscales, mse }
  }

  /// R's `svyrep.design`: type, replicates, scales, `degf()`, and per replicate the sum of its
  /// analysis weights and their sum weighted by the row number (1-based).
  struct RDesign: Decodable, Sendable {
    let type: String
    let count: Int
    let scale: Double
    let rscales: [Double]
    let mse: Bool
    let degf: Int
    let columnSums: [Double]
    let rowWeightedSums: [Double]

    enum CodingKeys: String, CodingKey {
      case type, count, scale, rscales, mse, degf, columnSums = "column_sums", rowWeightedSums = "row_weighted_sums"
    }
  }

  /// `survey:::hadamard(strata)`, one string of 0s and 1s per row.
  struct Hadamard: Decodable, Sendable {
    let strata: Int
    let rows: [String]
  }

  /// A mean, total, ratio or quantile case on one design.
  struct Case: Decodable, Sendable {
    let name: String
    let design: String
    let statistic: String
    let variable: String?
    let numerator: String?
    let denominator: String?
    let by: [String]
    let probabilities: [Double]?
    let interval: String?
    let level: Double
    let estimates: [NumericFixture.Estimate]
  }

  /// The proportions of one variable on one design, overall or by domain.
  struct ProportionCase: Decodable, Sendable {
    let design: String
    let variable: String
    let by: [String]
    let levels: [Double]
    let estimates: [ProportionEstimate]
  }

  /// R's numbers for one category in one domain: `svymean(~factor(x), d, na.rm = TRUE, deff = TRUE)`
  /// and `svyciprop()` bounds per level and method (`nil` where R gives none; `likelihood` is the
  /// exact profile root, `wilson` R 4.5's formula).
  struct ProportionEstimate: Decodable, Sendable {
    let category: String
    let domain: [String: String]
    let proportion: Double
    let standardError: Double
    let designEffect: Double?
    let degreesOfFreedom: Int
    let respondents: Int
    let domainRespondents: Int
    let designRows: Int
    let intervals: [String: [String: [Double?]?]]

    enum CodingKeys: String, CodingKey {
      case category, domain, proportion, standardError = "standard_error", designEffect = "design_effect"
      case degreesOfFreedom = "degrees_of_freedom", respondents, domainRespondents = "domain_respondents"
      case designRows = "design_rows", intervals
    }
  }

  /// `svychisq(~row + column, d)` and the cell and row shares on one design, overall or in each
  /// domain of `by`.
  struct CrossTabCase: Decodable, Sendable {
    let design: String
    let row: String
    let column: String
    let by: [String]
    let tables: [CrossTabTable]
  }

  /// One table: its domain, `degf()`, the test (`nil` where R's `svychisq` fails) and the shares
  /// (`svymean(~interaction(row, column))`, `svymean(~factor(column))` within each row category).
  struct CrossTabTable: Decodable, Sendable {
    let domain: [String: String]
    let degreesOfFreedom: Int
    let test: Test?
    let cells: [Share]
    let rowShares: [Share]

    enum CodingKeys: String, CodingKey {
      case domain, degreesOfFreedom = "degrees_of_freedom", test, cells, rowShares = "row_shares"
    }
  }

  /// R's Rao–Scott F test.
  struct Test: Decodable, Sendable {
    let statistic: Double
    let ndf: Double
    let ddf: Double
    let pValue: Double

    enum CodingKeys: String, CodingKey { case statistic, ndf, ddf, pValue = "p_value" }
  }

  /// A share and its standard error.
  struct Share: Decodable, Sendable {
    let row: String
    let column: String
    let share: Double
    let standardError: Double

    enum CodingKeys: String, CodingKey { case row, column, share, standardError = "standard_error" }
  }

  static let shared: ReplicateFixture = {
    do {
      let data = try Data(contentsOf: fixtureURL("replicates/reference.json"))
      return try JSONDecoder().decode(ReplicateFixture.self, from: data)
    } catch {
      fatalError("Fixtures/replicates/reference.json is missing or malformed: \(error)")
    }
  }()

  /// The data set as a `Survey`, its origin naming a file (`<name>.csv`, rows from line 2).
  func survey(_ name: String, rowOrder: [Int]? = nil) throws -> Survey {
    guard let dataset = datasets[name] else { throw FixtureError.unknown("data set \(name)") }
    func ordered<Value>(_ values: [Value]) -> [Value] { rowOrder.map { $0.map { values[$0] } } ?? values }
    return try Survey(
      variables: dataset.columnOrder.map { columnName in
        let column = dataset.columns[columnName]!
        return column.type == "categorical"
          ? Variable(name: columnName, categories: ordered(column.text))
          : Variable(name: columnName, numbers: ordered(column.numbers))
      },
      origin: DataOrigin(file: "\(name).csv"))
  }

  /// The declaration of a design, replicates included.
  func declaration(_ name: String) throws -> DesignDeclaration {
    guard let spec = designs[name] else { throw FixtureError.unknown("design \(name)") }
    guard let policy = LonelyPSUPolicy(rawValue: spec.lonelyPSU), let method = ReplicateMethod(rawValue: spec.replicates.method)
    else { throw FixtureError.unknown("policy or method of \(name)") }
    let replicates = spec.replicates
    let source: ReplicateDeclaration.Source =
      replicates.source == "created" ? .created() : .columns(matching: replicates.pattern ?? "")
    return DesignDeclaration(
      weights: spec.weights, strata: spec.strata, clusters: spec.clusters, fpc: spec.fpc, lonelyPSU: policy,
      replicates: ReplicateDeclaration(
        source: source, method: method, fayRho: replicates.fayRho, scale: replicates.scale,
        replicateScales: replicates.rscales, meanSquaredError: replicates.mse))
  }

  /// The design as R built it.
  func design(_ name: String) throws -> SurveyDesign {
    guard let spec = designs[name] else { throw FixtureError.unknown("design \(name)") }
    return try SurveyDesign(survey(spec.dataset), declaration: declaration(name))
  }

  enum FixtureError: Error { case unknown(String) }
}
