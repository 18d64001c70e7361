import Confiance
import Foundation
import Testing

/// The replicate fixtures of `Tests/SurveyStatisticsTests/Fixtures/replicates` (R survey 4.1's
/// `as.svrepdesign()` on `data(api)`), as the database tests use them: the data sets, which
/// `.ci/postgres-fixtures.py` loads as `replicates_apiclus1`… and `.ci/spark-fixtures.py` writes
/// as parquet (with a `row_id` for the designs without PSUs), the created designs, and R's means
/// and totals.
enum ReplicateCases {
  struct Designs: Decodable {
    struct Design: Decodable {
      struct Replicates: Decodable {
        let source: String
        let method: String
        let fay_rho: Double?
        let mse: Bool
        let pattern: String?
        let scale: Double?
        let rscales: [Double]?
      }

      let replicates: Replicates
    }

    let designs: [String: Design]
  }

  static let path = "Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json"
  /// The data sets, designs and cases (decoded as the numeric fixtures, whose shape they share).
  static let reference: PostgresNumericTests.Reference = decode()
  /// The replicate declarations of the designs.
  static let replicateDesigns: Designs = decode()

  private static func decode<Value: Decodable>() -> Value {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(path)))
    return try! JSONDecoder().decode(Value.self, from: data)
  }

  /// The declaration of a created design; `bootstrap` is 50 bootstrap replicates (seed 7) of the
  /// stratified cluster design of `apistrat` (`dnum` in `stype`, FPC `districts`). For a table, a
  /// created design without PSUs takes `row_id` as its PSU; a supplied one (`sup-…`: the
  /// replicate-weight columns its pattern matches, R's `svrepdesign()`) needs none.
  static func declaration(_ name: String, table: Bool) -> DesignDeclaration {
    let base = reference.designs[name == "bootstrap" ? "rstratclus-jkn" : name]!
    var replicates = ReplicateDeclaration(source: .created(count: 50, seed: 7), method: .bootstrap)
    var supplied = false
    if name != "bootstrap" {
      let spec = replicateDesigns.designs[name]!.replicates
      supplied = spec.source == "supplied"
      replicates = ReplicateDeclaration(
        source: supplied ? .columns(matching: spec.pattern!) : .created(), method: ReplicateMethod(rawValue: spec.method)!,
        fayRho: spec.fay_rho, scale: spec.scale, replicateScales: spec.rscales, meanSquaredError: spec.mse)
    }
    return DesignDeclaration(
      weights: base.weights, strata: base.strata, clusters: base.clusters ?? (table && !supplied ? "row_id" : nil),
      fpc: base.fpc,
      lonelyPSU: LonelyPSUPolicy(rawValue: base.lonely_psu)!, replicates: replicates)
  }

  /// The table of a design's data set.
  static func table(_ name: String) -> String {
    "replicates_" + reference.designs[name == "bootstrap" ? "rstratclus-jkn" : name]!.dataset
  }

  /// The design as the file path reads it. With `sorted`, the rows are sorted by stratum, then
  /// PSU (numerically when every value is a number): the order in which a table's group sums
  /// create replicates, which BRR, Fay and the bootstrap depend on.
  static func fileDesign(_ name: String, sorted: Bool = false) throws -> SurveyDesign {
    try fileDesign(
      dataset: reference.designs[name == "bootstrap" ? "rstratclus-jkn" : name]!.dataset,
      declaration: declaration(name, table: false), sorted: sorted)
  }

  /// The data set `name` read as a file with `declaration`, its rows sorted by stratum, then PSU
  /// with `sorted` (``fileDesign(_:sorted:)``).
  static func fileDesign(dataset name: String, declaration: DesignDeclaration, sorted: Bool) throws -> SurveyDesign {
    let dataset = reference.datasets[name]!
    func text(_ column: String, _ row: Int) -> String? {
      switch dataset.columns[column]!.values[row] {
      case .text(let text): return text
      case .number(let number): return "\(number)"
      case nil: return nil
      }
    }
    func precedes(_ a: String?, _ b: String?) -> Bool {
      if let x = a.flatMap(Double.init), let y = b.flatMap(Double.init) { return x < y }
      return (a ?? "").utf8.lexicographicallyPrecedes((b ?? "").utf8)
    }
    var order = Array(0..<dataset.rows)
    if sorted, let psu = declaration.clusters {
      order.sort { left, right in
        if let strata = declaration.strata, text(strata, left) != text(strata, right) {
          return precedes(text(strata, left), text(strata, right))
        }
        if text(psu, left) != text(psu, right) { return precedes(text(psu, left), text(psu, right)) }
        return left < right
      }
    }
    let survey = try Survey(variables: dataset.column_order.map { name in
      let column = dataset.columns[name]!
      if column.type == "categorical" {
        return Variable(name: name, categories: order.map { row in
          guard case .text(let text) = column.values[row] else { return nil }
          return text
        })
      }
      return Variable(name: name, numbers: order.map { row in
        guard case .number(let number) = column.values[row] else { return nil }
        return number
      })
    })
    return try SurveyDesign(survey, declaration: declaration)
  }

  /// R's estimates of a mean or total case.
  static func cases(of design: String) -> [PostgresNumericTests.Reference.Case] {
    reference.cases.filter { $0.design == design && ["mean", "total"].contains($0.statistic) }
  }

  /// The engine's mean or total of a case equals the file path's, every JSON field but the
  /// design's declaration when the table's PSU is `row_id`, and R's numbers. Returns the largest
  /// relative difference to R of an estimate or a standard error.
  @discardableResult
  static func expectFileAndR(
    _ testCase: PostgresNumericTests.Reference.Case, engine: PostgresNumericTests.Engine
  ) async throws -> Double {
    let design = testCase.design
    let declaration = declaration(design, table: true)
    let file = try fileDesign(design)
    let variable = testCase.variable!
    let database: [any SurveyEstimate]
    let fromDatabase: JSONValue, fromFile: JSONValue
    if testCase.statistic == "mean" {
      let means = try await engine.means(table(design), variable, testCase.by, declaration, testCase.level)
      (database, fromDatabase) = (Array(means), means.json)
      fromFile = try file.means(of: [variable], by: testCase.by, level: testCase.level).json
    } else {
      let totals = try await engine.totals(table(design), variable, testCase.by, declaration, testCase.level)
      (database, fromDatabase) = (Array(totals), totals.json)
      fromFile = try file.totals(of: [variable], by: testCase.by, level: testCase.level).json
    }
    let label = "\(design) \(testCase.name)"
    if file.summary.declaration.clusters == nil, declaration.clusters != nil {
      expectSame(estimatesOf(fromDatabase), estimatesOf(fromFile), label)
    } else {
      expectSame(fromDatabase, fromFile, label)
    }
    var largest = 0.0
    #expect(database.count == testCase.estimates.count, "\(label): estimates")
    for estimate in database {
      let domain = Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) })
      guard let expected = testCase.estimates.first(where: { $0.domain == domain }) else {
        Issue.record("\(label): no R estimate for \(domain)")
        continue
      }
      largest = max(largest, relative(estimate.estimate, expected.estimate!),
                    relative(estimate.standardError, expected.standard_error!))
      #expect(relative(estimate.estimate, expected.estimate!) < 1e-9, "\(label) \(domain) estimate")
      #expect(relative(estimate.standardError, expected.standard_error!) < 1e-9, "\(label) \(domain) SE")
      #expect(relative(estimate.confidenceInterval.lower, expected.ci_lower!) < 1e-7, "\(label) \(domain) lower")
      #expect(relative(estimate.confidenceInterval.upper, expected.ci_upper!) < 1e-7, "\(label) \(domain) upper")
      #expect(estimate.degreesOfFreedom == expected.degrees_of_freedom, "\(label) \(domain) df")
      #expect(estimate.respondents == expected.respondents, "\(label) \(domain) respondents")
    }
    return largest
  }
}
