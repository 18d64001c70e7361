import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Raked proportions from PostgreSQL's group sums by stratum × PSU × domain × category × raking
/// cell equal the file path's raked estimates, every JSON field (the raking summary included), and
/// R survey 4.1's `rake()` then `svymean`/`svyciprop`; parallel aggregation and the rows' order
/// change nothing.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresRakingTests {
  func table(_ name: String, _ settings: PostgresTable.Settings = .init()) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name, settings: settings)
  }

  @Test(arguments: RakingCase.names)
  func theRFixturesGiveTheFileEstimates(caseName: String) async throws {
    let testCase = RakingCase.named(caseName)
    let fileDesign = try testCase.fileDesign()
    let margins = try testCase.margins
    #expect(!testCase.analyses.isEmpty)
    for (variable, by) in testCase.analyses {
      for method in [IntervalMethod.logit, .beta, .likelihood, .wilson] {
        let label = "\(caseName) \(variable) by \(by) \(method)"
        let fromDatabase = try await table(testCase.table).proportions(
          of: [variable], by: by, declaration: testCase.declaration, raking: margins, options: testCase.options,
          method: method)
        let fromFile = try fileDesign.proportions(of: [variable], by: by, method: method)
        expectSame(testCase.comparable(fromDatabase.json), testCase.comparable(fromFile.json), label)
        testCase.expectMatchesR(fromDatabase, variable: variable, by: by, method: method, label)
      }
    }
  }

  /// Raked means and totals: the file path's JSON and R's numbers.
  @Test(arguments: RakingCase.names)
  func rakedMeansAndTotalsGiveTheFileEstimates(caseName: String) async throws {
    let testCase = RakingCase.named(caseName)
    let fileDesign = try testCase.fileDesign()
    let margins = try testCase.margins
    let database = try table(testCase.table)
    for (variable, by, isTotal) in testCase.numericAnalyses {
      let label = "\(caseName) \(isTotal ? "total" : "mean") \(variable) by \(by)"
      let fromDatabase: JSONValue, fromFile: JSONValue
      var numbers: [(Domain, Double, Double)]
      if isTotal {
        let result = try await database.totals(
          of: [variable], by: by, declaration: testCase.declaration, raking: margins, options: testCase.options)
        (fromDatabase, fromFile) = (result.json, try fileDesign.totals(of: [variable], by: by).json)
        numbers = result.estimates.map { ($0.domain, $0.total, $0.standardError) }
      } else {
        let result = try await database.means(
          of: [variable], by: by, declaration: testCase.declaration, raking: margins, options: testCase.options)
        (fromDatabase, fromFile) = (result.json, try fileDesign.means(of: [variable], by: by).json)
        numbers = result.estimates.map { ($0.domain, $0.mean, $0.standardError) }
      }
      expectSame(testCase.comparable(fromDatabase), testCase.comparable(fromFile), label)
      var checked = 0
      for (domain, estimate, standardError) in numbers {
        let levels = Dictionary(uniqueKeysWithValues: domain.levels.map { ($0.variable, $0.value) })
        guard let (expected, expectedError) = testCase.expected(variable, domain: levels, isTotal: isTotal) else { continue }
        #expect(relative(estimate, expected) < 1e-9, "\(label) R estimate")
        #expect(relative(standardError, expectedError) < 1e-9, "\(label) R SE")
        checked += 1
      }
      #expect(checked > 0, "\(label): R's estimate")
    }
  }

  /// The same JSON with and without parallel workers, and from the same rows shuffled.
  @Test func parallelAggregationAndRowOrderChangeNothing() async throws {
    let testCase = RakingCase.named("clustered-raked")
    let margins = try testCase.margins
    func estimate(_ table: String, workers: Int) async throws -> JSONValue {
      try await self.table(table, .init(parallelWorkersPerGather: workers)).proportions(
        of: ["opinion"], by: ["region"], declaration: testCase.declaration, raking: margins, options: testCase.options
      ).json
    }
    let serial = try await estimate(testCase.table, workers: 0)
    expectSame(try await estimate(testCase.table, workers: 4), serial, "parallel workers")
    expectSame(try await estimate("raking_shuffled", workers: 0), serial, "shuffled rows")
  }

  /// Raked cross-tabs: R's `rake()` then `svytable`, `svymean`, `svyciprop` and `svychisq` (the
  /// Rao–Scott test) as the fixture has them, and the file path's JSON, also for the tables of one
  /// more domain variable with the logit interval.
  @Test(arguments: CrossTabCases.rakedNames)
  func rakedCrossTabsGiveTheFileTable(caseName: String) async throws {
    let testCase = CrossTabCases.rakedCase(caseName)
    let (margins, options) = try CrossTabCases.raking(testCase)
    let fileDesign = try CrossTabCases.fileDesign(testCase).raked(to: margins, options: options)
    let database = try table(CrossTabCases.table(testCase))
    let method = try #require(IntervalMethod(name: testCase.method))
    for (by, method) in [(testCase.by, method), (CrossTabCases.moreDomains(testCase), IntervalMethod.logit)] {
      let fromDatabase = try await database.crossTab(
        row: testCase.row, column: testCase.column, by: by, declaration: testCase.design.databaseDeclaration,
        raking: margins, options: options, method: method, level: testCase.level)
      let fromFile = try fileDesign.crossTab(
        row: testCase.row, column: testCase.column, by: by, method: method, level: testCase.level)
      let toFile = CrossTabCases.expectSameAsFile(fromDatabase, fromFile, testCase, "\(caseName) by \(by) \(method)")
      guard by == testCase.by else { continue }
      let toR = CrossTabCases.expectMatchesR(fromDatabase, testCase)
      print("\(caseName): largest relative difference to the file \(toFile); to R \(toR.estimates) (estimates, SEs, F), \(toR.bounds) (bounds, p)")
    }
  }

  /// A raked cross-tab: the same JSON with 0 and 4 parallel workers, and from the rows shuffled.
  @Test func rakedCrossTabsIgnoreParallelWorkersAndRowOrder() async throws {
    let testCase = CrossTabCases.rakedCase("raked-concern-protect-by-sex")
    let (margins, options) = try CrossTabCases.raking(testCase)
    func crossTab(_ name: String, workers: Int) async throws -> JSONValue {
      try await table(name, .init(parallelWorkersPerGather: workers)).crossTab(
        row: testCase.row, column: testCase.column, by: testCase.by, declaration: testCase.design.databaseDeclaration,
        raking: margins, options: options
      ).json
    }
    let serial = try await crossTab(CrossTabCases.table(testCase), workers: 0)
    expectSame(try await crossTab(CrossTabCases.table(testCase), workers: 4), serial, "parallel workers")
    expectSame(try await crossTab("crosstab_raked_shuffled", workers: 0), serial, "shuffled rows")
  }

  /// The raked privacy paradox: R's `rake()` then the paradox's measures and comparisons as the
  /// fixture has them, and the file path's JSON, with every interval method.
  @Test(arguments: ParadoxCases.rakedNames)
  func rakedParadoxGivesTheFileAnalysis(caseName: String) async throws {
    let testCase = ParadoxCases.rakedCase(caseName)
    let (margins, options) = try ParadoxCases.raking(testCase)
    let definition = ParadoxCases.definition(testCase)
    let fileDesign = try ParadoxCases.fileDesign(testCase).raked(to: margins, options: options)
    let database = try table(ParadoxCases.table(testCase))
    var largest = 0.0
    for method in IntervalMethod.allCases {
      let fromDatabase = try await database.paradox(
        definition, by: testCase.by, declaration: ParadoxCases.declaration(testCase), raking: margins,
        options: options, method: method)
      let fromFile = try fileDesign.paradox(definition, by: testCase.by, method: method)
      largest = max(largest, ParadoxCases.expectMatches(fromDatabase, file: fromFile, testCase, "\(caseName) \(method)"))
    }
    print("\(caseName): largest relative difference to R \(largest)")
  }

  /// The raked paradox: the same JSON with 0 and 4 parallel workers, and from the rows shuffled.
  @Test func rakedParadoxIgnoresParallelWorkersAndRowOrder() async throws {
    let testCase = ParadoxCases.rakedCase("raked-any-of-two-by-age")
    let (margins, options) = try ParadoxCases.raking(testCase)
    func analysis(_ name: String, workers: Int) async throws -> JSONValue {
      try await table(name, .init(parallelWorkersPerGather: workers)).paradox(
        ParadoxCases.definition(testCase), by: testCase.by, declaration: ParadoxCases.declaration(testCase),
        raking: margins, options: options
      ).json
    }
    let serial = try await analysis(ParadoxCases.table(testCase), workers: 0)
    expectSame(try await analysis(ParadoxCases.table(testCase), workers: 4), serial, "parallel workers")
    expectSame(try await analysis("paradox_raked_shuffled", workers: 0), serial, "shuffled rows")
  }

  /// Raked scales: R's `rake()` then the scores', items' and boxes' `svymean`/`svyciprop` and the
  /// reliability as the fixture has them, and the file path's JSON, with every interval method.
  @Test(arguments: ScaleCases.rakedNames)
  func rakedScalesGiveTheFileAnalysis(caseName: String) async throws {
    let testCase = ScaleCases.rakedCase(caseName)
    let (margins, options) = try ScaleCases.raking(testCase)
    let fileDesign = try ScaleCases.fileDesign(testCase).raked(to: margins, options: options)
    let database = try table(ScaleCases.table(testCase))
    let scale = ScaleCases.scale(testCase)
    let caseMethod = try #require(IntervalMethod(name: testCase.method))
    var toFile = 0.0
    for method in IntervalMethod.allCases {
      let fromDatabase = try await database.scaleAnalysis(
        scale, by: testCase.by, declaration: testCase.design.databaseDeclaration, boxSize: testCase.box,
        raking: margins, options: options, method: method, level: testCase.level)
      let fromFile = try fileDesign.scaleAnalysis(
        scale, by: testCase.by, boxSize: testCase.box, method: method, level: testCase.level)
      toFile = max(toFile, ScaleCases.expectSameAsFile(
        fromDatabase, fromFile, psu: testCase.design.psu, "\(caseName) \(method)"))
      guard method == caseMethod else { continue }
      let toR = ScaleCases.expectMatchesR(fromDatabase, testCase)
      print("\(caseName): to R \(toR.estimates) (estimates, SEs, α, r), \(toR.bounds) (bounds)")
    }
    print("\(caseName): largest relative difference to the file \(toFile)")
  }

  /// A raked scale: the same JSON with 0 and 4 parallel workers, and from the rows shuffled.
  @Test func rakedScalesIgnoreParallelWorkersAndRowOrder() async throws {
    let testCase = ScaleCases.rakedCase("trust-raked-by-age")
    let (margins, options) = try ScaleCases.raking(testCase)
    func analysis(_ name: String, workers: Int) async throws -> JSONValue {
      try await table(name, .init(parallelWorkersPerGather: workers)).scaleAnalysis(
        ScaleCases.scale(testCase), by: testCase.by, declaration: testCase.design.databaseDeclaration,
        boxSize: testCase.box, raking: margins, options: options
      ).json
    }
    let serial = try await analysis(ScaleCases.table(testCase), workers: 0)
    expectSame(try await analysis(ScaleCases.table(testCase), workers: 4), serial, "parallel workers")
    expectSame(try await analysis("scale_raked_shuffled", workers: 0), serial, "shuffled rows")
  }

  /// The command line's path: a `DatabaseTable` raked to the margins sends cross-tabs, the paradox
  /// and scales to the raked estimators (the same JSON as the direct calls).
  @Test func aRakedDatabaseTableRakesCrossTabsParadoxAndScales() async throws {
    let crossTab = CrossTabCases.rakedCase("raked-concern-protect-by-sex")
    let (margins, options) = try CrossTabCases.raking(crossTab)
    func raked(_ name: String) throws -> DatabaseTable {
      try DatabaseTable(location: testServer!, table: name).raked(to: margins, options: options)
    }
    let crossTabTable = try raked(CrossTabCases.table(crossTab))
    let viaTable = try await onOwnThread {
      try crossTabTable.crossTabWaiting(
        row: crossTab.row, column: crossTab.column, by: crossTab.by, declaration: crossTab.design.databaseDeclaration)
    }
    let direct = try await table(CrossTabCases.table(crossTab)).crossTab(
      row: crossTab.row, column: crossTab.column, by: crossTab.by, declaration: crossTab.design.databaseDeclaration,
      raking: margins, options: options)
    expectSame(viaTable.json, direct.json, "cross-tab")

    let scale = ScaleCases.rakedCase("trust-raked-by-age")
    let scaleTable = try raked(ScaleCases.table(scale))
    let scaleViaTable = try await onOwnThread {
      try scaleTable.scaleAnalysisWaiting(
        ScaleCases.scale(scale), by: scale.by, declaration: scale.design.databaseDeclaration, boxSize: scale.box)
    }
    let scaleDirect = try await table(ScaleCases.table(scale)).scaleAnalysis(
      ScaleCases.scale(scale), by: scale.by, declaration: scale.design.databaseDeclaration, boxSize: scale.box,
      raking: margins, options: options)
    expectSame(scaleViaTable.json, scaleDirect.json, "scale")

    let paradox = ParadoxCases.rakedCase("raked-any-of-two-by-age")
    let (paradoxMargins, paradoxOptions) = try ParadoxCases.raking(paradox)
    let paradoxTable = try DatabaseTable(location: testServer!, table: ParadoxCases.table(paradox))
      .raked(to: paradoxMargins, options: paradoxOptions)
    let paradoxViaTable = try await onOwnThread {
      try paradoxTable.paradoxWaiting(
        ParadoxCases.definition(paradox), by: paradox.by, declaration: ParadoxCases.declaration(paradox))
    }
    let paradoxDirect = try await table(ParadoxCases.table(paradox)).paradox(
      ParadoxCases.definition(paradox), by: paradox.by, declaration: ParadoxCases.declaration(paradox),
      raking: paradoxMargins, options: paradoxOptions)
    expectSame(paradoxViaTable.json, paradoxDirect.json, "paradox")
  }

  /// A raking variable with NULLs is refused with the file path's error, the rows counted.
  @Test func missingRakingValuesAreRefused() async throws {
    let testCase = RakingCase.named("clustered-raked")
    let margins = PopulationMargins([
      Margin(variable: "opinion", targets: [("agree", 0.3), ("disagree", 0.3), ("neutral", 0.4)], scale: .proportions)
    ])
    let database = try table(testCase.table)
    await #expect(throws: WeightingError.missingValues(variable: "opinion", count: 12, locations: [], respondents: 700)) {
      try await database.proportions(
        of: ["sex"], declaration: testCase.declaration, raking: margins, options: RakingControl())
    }
  }
}
