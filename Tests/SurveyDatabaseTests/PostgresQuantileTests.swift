import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Quantiles made by PostgreSQL (each domain's distribution by `GROUP BY domain, value`, then the
/// group sums of the rows' bands for the variance of F̂(q̂)) equal the file path's, every JSON
/// field (numbers to 1e-9 relative, the rest exactly), on R's `svyquantile` cases of the numeric
/// fixtures, raked designs included (`.ci/postgres-fixtures.py` loads their data as `numeric_apistrat`…);
/// and match R survey 4.1's numbers as the file path does (estimates and SEs to 1e-9, bounds to
/// 1e-7). Designs without PSUs are read both with the row number as PSU and without a PSU column.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresQuantileTests {
  /// The numeric fixtures' reference (its quantile cases have probabilities).
  static var reference: PostgresNumericTests.Reference { PostgresNumericTests.reference }

  /// The quantile cases, raked designs (dclus1rake, dstratrake) included.
  static var cases: [String] { reference.cases.filter { $0.statistic == "quantile" }.map(\.name) }

  /// The cases whose design has no PSU column (raked or not), read without a PSU column (R's `ids = ~1`).
  static var casesWithoutPSU: [String] {
    cases.filter { name in
      PostgresNumericTests.reference.designs[reference.cases.first { $0.name == name }!.design]!.clusters == nil
    }
  }

  /// An engine's quantiles of one variable of a table, raked to `margins` if any.
  typealias Engine = @Sendable (
    _ table: String, _ variable: String, _ probabilities: [Double], _ by: [String], _ declaration: DesignDeclaration,
    _ level: Double, _ margins: PopulationMargins?
  ) async throws -> NumericEstimates<QuantileEstimate>

  /// PostgreSQL's quantiles; raked through ``DatabaseTable/raked(to:options:)``.
  static let postgreSQL: Engine = { table, variable, probabilities, by, declaration, level, margins in
    let table = PostgresTable(location: try PostgresLocation(url: testServer!), table: table)
    guard let margins else {
      return try await table.quantiles(of: [variable], probabilities: probabilities, by: by, declaration: declaration, level: level)
    }
    let raked = DatabaseTable.postgreSQL(table).raked(to: margins, options: PostgresRatioTests.rakingControl)
    return try await onOwnThread {
      try raked.quantilesWaiting(of: [variable], probabilities: probabilities, by: by, declaration: declaration, level: level)
    }
  }

  @Test(arguments: cases)
  func theRFixturesGiveTheFileQuantiles(caseName: String) async throws {
    let largest = try await Self.expectFileAndR(caseName: caseName, engine: Self.postgreSQL)
    print("PostgreSQL, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: casesWithoutPSU)
  func theRFixturesWithoutPSUGiveTheFileQuantiles(caseName: String) async throws {
    let largest = try await Self.expectFileAndR(caseName: caseName, engine: Self.postgreSQL, withoutPSU: true)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  /// The engine's quantiles of a case equal the file path's, every JSON field, and R's numbers.
  /// Returns the largest relative difference to R of an estimate or a standard error.
  @discardableResult
  static func expectFileAndR(caseName: String, engine: Engine, withoutPSU: Bool = false) async throws -> Double {
    let testCase = reference.cases.first { $0.name == caseName }!
    let design = PostgresNumericTests.reference.designs[testCase.design]!
    let declaration = DesignDeclaration(
      weights: design.weights, strata: design.strata, clusters: design.clusters ?? (withoutPSU ? nil : "row_id"),
      fpc: design.fpc, lonelyPSU: LonelyPSUPolicy(rawValue: design.lonely_psu)!)
    let probabilities = testCase.probabilities!
    let margins = PostgresRatioTests.margins(design)
    let database = try await engine(
      "numeric_" + design.dataset, testCase.variable!, probabilities, testCase.by, declaration, testCase.level, margins)
    var fileDesign = try PostgresNumericTests.fileDesign(design)
    if let margins { fileDesign = try fileDesign.raked(to: margins, options: PostgresRatioTests.rakingControl) }
    let file = try fileDesign.quantiles(
      of: [testCase.variable!], probabilities: probabilities, by: testCase.by, level: testCase.level)
    if design.clusters == nil, !withoutPSU {
      expectSame(estimatesOf(database.json), estimatesOf(file.json), caseName)
    } else {
      expectSame(database.json, file.json, caseName)
    }
    return expectR(database, testCase)
  }

  /// The estimates of a case match R survey 4.1's: quantiles and standard errors to 1e-9
  /// relative, interval bounds to 1e-7 (NaN where R's are NA), degrees of freedom and respondents
  /// exactly. Returns the largest relative difference of a quantile or a standard error.
  static func expectR(_ database: NumericEstimates<QuantileEstimate>, _ testCase: PostgresNumericTests.Reference.Case) -> Double {
    let caseName = testCase.name + " (" + testCase.design + ")"
    var largest = 0.0
    #expect(database.count == testCase.estimates.count, "\(caseName): estimates")
    for estimate in database {
      let domain = Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) })
      guard let expected = testCase.estimates.first(where: {
        $0.domain == domain && $0.probability == estimate.probability
      }) else {
        Issue.record("\(caseName): no R estimate for \(domain) p = \(estimate.probability)")
        continue
      }
      let label = "\(caseName) \(domain) p = \(estimate.probability)"
      func close(_ ours: Double, _ theirs: Double?, _ bound: Double) -> Bool {
        guard let theirs else { return ours.isNaN }
        return relative(ours, theirs) < bound
      }
      if let theirs = expected.estimate { largest = max(largest, relative(estimate.quantile, theirs)) }
      if let theirs = expected.standard_error, estimate.standardError.isFinite {
        largest = max(largest, relative(estimate.standardError, theirs))
      }
      #expect(close(estimate.quantile, expected.estimate, 1e-9), "\(label) estimate")
      #expect(close(estimate.standardError, expected.standard_error, 1e-9), "\(label) SE")
      #expect(close(estimate.confidenceInterval.lower, expected.ci_lower, 1e-7), "\(label) lower")
      #expect(close(estimate.confidenceInterval.upper, expected.ci_upper, 1e-7), "\(label) upper")
      #expect(estimate.degreesOfFreedom == expected.degrees_of_freedom, "\(label) df")
      #expect(estimate.respondents == expected.respondents, "\(label) respondents")
    }
    return largest
  }

  /// The replicate designs of the fixtures: created from the strata and PSUs (R's
  /// `as.svrepdesign()`), or replicate-weight columns (`sup-…`, R's `svrepdesign()`).
  static var replicateDesigns: [String] { ReplicateCases.replicateDesigns.designs.keys.sorted() }

  /// Replicate designs: the variance of F̂(q̂) is the replicate variance of the indicator's mean,
  /// its degrees of freedom the rank of the replicate weights of the respondents with a value,
  /// minus one. The file's JSON (on its rows sorted by stratum and PSU for created BRR and Fay,
  /// whose replicates follow that order), and R's numbers for the jackknives and the
  /// replicate-weight columns, which do not depend on the order.
  static func expectReplicates(design: String, engine: Engine) async throws -> Double {
    let supplied = design.hasPrefix("sup-")
    let sorted = !supplied && !design.contains("jk") && design != "rclus1"
    let file = try ReplicateCases.fileDesign(design, sorted: sorted)
    let declaration = ReplicateCases.declaration(design, table: true)
    var largest = 0.0
    let cases = ReplicateCases.reference.cases.filter {
      $0.design == design && $0.statistic == "quantile" && !$0.name.contains("replicates")
    }
    #expect(!cases.isEmpty)
    for testCase in cases {
      let database = try await engine(
        ReplicateCases.table(design), testCase.variable!, testCase.probabilities!, testCase.by, declaration,
        testCase.level, nil)
      let fromFile = try file.quantiles(
        of: [testCase.variable!], probabilities: testCase.probabilities!, by: testCase.by, level: testCase.level)
      if declaration.clusters == "row_id" {
        expectSame(estimatesOf(database.json), estimatesOf(fromFile.json), design + " " + testCase.name)
      } else {
        expectSame(database.json, fromFile.json, design + " " + testCase.name)
      }
      if !sorted || supplied { largest = max(largest, expectR(database, testCase)) }
    }
    return largest
  }

  @Test(arguments: replicateDesigns)
  func replicateDesignsGiveTheFileAndR(design: String) async throws {
    let largest = try await Self.expectReplicates(design: design, engine: Self.postgreSQL)
    print("PostgreSQL, \(design) quantiles: largest relative difference to R \(largest)")
  }

  /// The same quantiles with and without parallel workers: the sums are exact, so the JSON is the same.
  @Test func parallelWorkersChangeNothing() async throws {
    var results: [JSONValue] = []
    for workers in [0, 4] {
      let table = PostgresTable(
        location: try PostgresLocation(url: testServer!), table: "numeric_apistrat",
        settings: .init(parallelWorkersPerGather: workers))
      results.append(try await table.quantiles(
        of: ["api00", "api99"], probabilities: [0.25, 0.5, 0.75], by: ["stype"],
        declaration: DesignDeclaration(weights: "pw", strata: "stype", clusters: "dnum", fpc: "districts")).json)
    }
    expectSame(results[1], results[0], "quartiles of api00 and api99 by stype, 4 workers vs 0")
  }

  /// Two variables at once: the first's estimates, then the second's, as a file gives them.
  @Test func twoVariablesGiveTheFileJSON() async throws {
    let design = PostgresNumericTests.reference.designs["dclus1"]!
    let declaration = DesignDeclaration(weights: "pw", clusters: "dnum", fpc: "fpc")
    let database = try await PostgresTable(location: try PostgresLocation(url: testServer!), table: "numeric_apiclus1")
      .quantiles(of: ["api00", "avg.ed"], probabilities: [0.5, 0.9], by: ["stype", "sch.wide"], declaration: declaration)
    let file = try PostgresNumericTests.fileDesign(design).quantiles(
      of: ["api00", "avg.ed"], probabilities: [0.5, 0.9], by: ["stype", "sch.wide"])
    expectSame(database.json, file.json, "api00 and avg.ed by stype × sch.wide")
  }

  /// Bad input, refused as a file refuses it: a text column of categories (read as numbers, its
  /// values that are not numbers counted), a probability not strictly between 0 and 1 (before any
  /// query); raking a replicate design is refused (not yet).
  @Test func badInputIsRefused() async throws {
    let table = PostgresTable(location: try PostgresLocation(url: testServer!), table: "numeric_apistrat")
    let declaration = DesignDeclaration(weights: "pw", strata: "stype", clusters: "row_id")
    await #expect(throws: DatabaseError.notNumbers(
      table: "numeric_apistrat", column: "stype", role: "analysed variable", count: 200, example: "E")) {
      try await table.quantiles(of: ["stype"], probabilities: [0.5], declaration: declaration)
    }
    for probability in [0, 1, 1.5, -0.1, Double.nan] {
      await #expect(throws: SurveyError.self) {
        try await PostgresTable(location: try PostgresLocation(url: "postgresql://nobody@127.0.0.1:1/none"), table: "t")
          .quantiles(of: ["api00"], probabilities: [0.5, probability], declaration: declaration)
      }
    }
    var replicated = declaration
    replicated.replicates = ReplicateDeclaration(source: .created(), method: .jackknife)
    let margins = PostgresRatioTests.margins(PostgresNumericTests.reference.designs["dstratrake"]!)!
    await #expect(throws: DatabaseError.self) {
      try await table.quantiles(of: ["api00"], probabilities: [0.5], declaration: replicated, raking: margins)
    }
  }
}
