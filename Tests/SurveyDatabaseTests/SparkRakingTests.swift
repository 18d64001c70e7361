import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Raked proportions from Spark's group sums by stratum × PSU × domain × category × raking cell
/// equal the file path's raked estimates, every JSON field (the raking summary included), and R
/// survey 4.1's; the same rows in 1 and in 16 partitions give the same JSON.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkRakingTests {
  func table(_ name: String, partitions: Int = 1) throws -> SparkTable {
    let file = SparkEstimateTests.tables + "/" + name + (partitions == 16 ? "-16" : "") + ".parquet"
    return SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
  }

  @Test(arguments: RakingCase.names)
  func theRFixturesGiveTheFileEstimates(caseName: String) async throws {
    let testCase = RakingCase.named(caseName)
    let fileDesign = try testCase.fileDesign()
    let margins = try testCase.margins
    let (spark, declaration, options) = (try table(testCase.table), testCase.declaration, testCase.options)
    for (variable, by) in testCase.analyses {
      for method in [IntervalMethod.logit, .beta] {
        let label = "\(caseName) \(variable) by \(by) \(method)"
        let fromSpark = try await onOwnThread {
          try spark.proportions(
            of: [variable], by: by, declaration: declaration, raking: margins, options: options, method: method)
        }
        let fromFile = try fileDesign.proportions(of: [variable], by: by, method: method)
        expectSame(testCase.comparable(fromSpark.json), testCase.comparable(fromFile.json), label)
        testCase.expectMatchesR(fromSpark, variable: variable, by: by, method: method, label)
      }
    }
  }

  /// Raked means and totals: the file path's JSON and R's numbers.
  @Test(arguments: RakingCase.names)
  func rakedMeansAndTotalsGiveTheFileEstimates(caseName: String) async throws {
    let testCase = RakingCase.named(caseName)
    let fileDesign = try testCase.fileDesign()
    let margins = try testCase.margins
    let (spark, declaration, options) = (try table(testCase.table), testCase.declaration, testCase.options)
    for (variable, by, isTotal) in testCase.numericAnalyses {
      let label = "\(caseName) \(isTotal ? "total" : "mean") \(variable) by \(by)"
      if isTotal {
        let result = try await onOwnThread {
          try spark.totals(of: [variable], by: by, declaration: declaration, raking: margins, options: options)
        }
        expectSame(testCase.comparable(result.json), testCase.comparable(try fileDesign.totals(of: [variable], by: by).json), label)
      } else {
        let result = try await onOwnThread {
          try spark.means(of: [variable], by: by, declaration: declaration, raking: margins, options: options)
        }
        expectSame(testCase.comparable(result.json), testCase.comparable(try fileDesign.means(of: [variable], by: by).json), label)
      }
    }
  }

  /// The same JSON from 1 and from 16 partitions.
  @Test func partitioningChangesNothing() async throws {
    let testCase = RakingCase.named("clustered-raked")
    let (margins, declaration, options) = (try testCase.margins, testCase.declaration, testCase.options)
    var results: [JSONValue] = []
    for partitions in [1, 16] {
      let spark = try table(testCase.table, partitions: partitions)
      results.append(try await onOwnThread {
        try spark.proportions(of: ["opinion"], by: ["region"], declaration: declaration, raking: margins, options: options).json
      })
    }
    expectSame(results[1], results[0], "16 partitions")
  }

  /// Raked cross-tabs: R's `rake()` then `svytable`, `svymean`, `svyciprop` and `svychisq` (the
  /// Rao–Scott test) as the fixture has them, and the file path's JSON, also for the tables of one
  /// more domain variable with the logit interval.
  @Test(arguments: CrossTabCases.rakedNames)
  func rakedCrossTabsGiveTheFileTable(caseName: String) async throws {
    let testCase = CrossTabCases.rakedCase(caseName)
    let (margins, options) = try CrossTabCases.raking(testCase)
    let fileDesign = try CrossTabCases.fileDesign(testCase).raked(to: margins, options: options)
    let spark = try table(CrossTabCases.table(testCase))
    let method = try #require(IntervalMethod(name: testCase.method))
    for (by, method) in [(testCase.by, method), (CrossTabCases.moreDomains(testCase), IntervalMethod.logit)] {
      let fromSpark = try await onOwnThread {
        try spark.crossTab(
          row: testCase.row, column: testCase.column, by: by, declaration: testCase.design.databaseDeclaration,
          raking: margins, options: options, method: method, level: testCase.level)
      }
      let fromFile = try fileDesign.crossTab(
        row: testCase.row, column: testCase.column, by: by, method: method, level: testCase.level)
      CrossTabCases.expectSameAsFile(fromSpark, fromFile, testCase, "\(caseName) by \(by) \(method)")
      if by == testCase.by { CrossTabCases.expectMatchesR(fromSpark, testCase) }
    }
  }

  /// A raked cross-tab: the same JSON from 1 and from 16 partitions.
  @Test func rakedCrossTabsIgnorePartitioning() async throws {
    let testCase = CrossTabCases.rakedCase("raked-concern-protect-by-sex")
    let (margins, options) = try CrossTabCases.raking(testCase)
    var results: [JSONValue] = []
    for partitions in [1, 16] {
      let spark = try table(CrossTabCases.table(testCase), partitions: partitions)
      results.append(try await onOwnThread {
        try spark.crossTab(
          row: testCase.row, column: testCase.column, by: testCase.by, declaration: testCase.design.databaseDeclaration,
          raking: margins, options: options
        ).json
      })
    }
    expectSame(results[1], results[0], "16 partitions")
  }

  /// The raked privacy paradox: R's numbers and the file path's JSON, logit and beta intervals.
  @Test(arguments: ParadoxCases.rakedNames)
  func rakedParadoxGivesTheFileAnalysis(caseName: String) async throws {
    let testCase = ParadoxCases.rakedCase(caseName)
    let (margins, options) = try ParadoxCases.raking(testCase)
    let definition = ParadoxCases.definition(testCase)
    let fileDesign = try ParadoxCases.fileDesign(testCase).raked(to: margins, options: options)
    let spark = try table(ParadoxCases.table(testCase))
    for method in [IntervalMethod.logit, .beta] {
      let fromSpark = try await onOwnThread {
        try spark.paradox(
          definition, by: testCase.by, declaration: ParadoxCases.declaration(testCase), raking: margins,
          options: options, method: method)
      }
      let fromFile = try fileDesign.paradox(definition, by: testCase.by, method: method)
      ParadoxCases.expectMatches(fromSpark, file: fromFile, testCase, "\(caseName) \(method)")
    }
  }

  /// The raked paradox: the same JSON from 1 and from 16 partitions.
  @Test func rakedParadoxIgnoresPartitioning() async throws {
    let testCase = ParadoxCases.rakedCase("raked-any-of-two-by-age")
    let (margins, options) = try ParadoxCases.raking(testCase)
    var results: [JSONValue] = []
    for partitions in [1, 16] {
      let spark = try table(ParadoxCases.table(testCase), partitions: partitions)
      results.append(try await onOwnThread {
        try spark.paradox(
          ParadoxCases.definition(testCase), by: testCase.by, declaration: ParadoxCases.declaration(testCase),
          raking: margins, options: options
        ).json
      })
    }
    expectSame(results[1], results[0], "16 partitions")
  }

  /// Raked scales: R's numbers and the file path's JSON, logit and beta intervals.
  @Test(arguments: ScaleCases.rakedNames)
  func rakedScalesGiveTheFileAnalysis(caseName: String) async throws {
    let testCase = ScaleCases.rakedCase(caseName)
    let (margins, options) = try ScaleCases.raking(testCase)
    let fileDesign = try ScaleCases.fileDesign(testCase).raked(to: margins, options: options)
    let spark = try table(ScaleCases.table(testCase))
    let scale = ScaleCases.scale(testCase)
    let caseMethod = try #require(IntervalMethod(name: testCase.method))
    for method in Set([caseMethod, .logit]) {
      let fromSpark = try await onOwnThread {
        try spark.scaleAnalysis(
          scale, by: testCase.by, declaration: testCase.design.databaseDeclaration, boxSize: testCase.box,
          raking: margins, options: options, method: method, level: testCase.level)
      }
      let fromFile = try fileDesign.scaleAnalysis(
        scale, by: testCase.by, boxSize: testCase.box, method: method, level: testCase.level)
      ScaleCases.expectSameAsFile(fromSpark, fromFile, psu: testCase.design.psu, "\(caseName) \(method)")
      if method == caseMethod { ScaleCases.expectMatchesR(fromSpark, testCase) }
    }
  }

  /// A raked scale: the same JSON from 1 and from 16 partitions.
  @Test func rakedScalesIgnorePartitioning() async throws {
    let testCase = ScaleCases.rakedCase("trust-raked-by-age")
    let (margins, options) = try ScaleCases.raking(testCase)
    var results: [JSONValue] = []
    for partitions in [1, 16] {
      let spark = try table(ScaleCases.table(testCase), partitions: partitions)
      results.append(try await onOwnThread {
        try spark.scaleAnalysis(
          ScaleCases.scale(testCase), by: testCase.by, declaration: testCase.design.databaseDeclaration,
          boxSize: testCase.box, raking: margins, options: options
        ).json
      })
    }
    expectSame(results[1], results[0], "16 partitions")
  }

  /// A raking variable with NULLs is refused with the file path's error, the rows counted.
  @Test func missingRakingValuesAreRefused() async throws {
    let testCase = RakingCase.named("clustered-raked")
    let margins = PopulationMargins([
      Margin(variable: "opinion", targets: [("agree", 0.3), ("disagree", 0.3), ("neutral", 0.4)], scale: .proportions)
    ])
    let (spark, declaration) = (try table(testCase.table), testCase.declaration)
    await #expect(throws: WeightingError.missingValues(variable: "opinion", count: 12, locations: [], respondents: 700)) {
      try await onOwnThread {
        try spark.proportions(of: ["sex"], declaration: declaration, raking: margins, options: RakingControl())
      }
    }
  }
}
