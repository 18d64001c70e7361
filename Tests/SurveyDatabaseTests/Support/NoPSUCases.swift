import Confiance
import SurveyDatabase
import Testing

/// Designs without a PSU column (every respondent its own PSU, R's `svydesign(ids = ~1, …)`)
/// estimated in a database from groups without PSUs (`GroupSums.rowsArePSUs`), on the fixture
/// tables of `.ci/postgres-fixtures.py` and `.ci/spark-fixtures.py` declared without their PSU:
/// the R golden cases whose design has none (weights only, strata, domains), and designs whose
/// reference is the file path: strata with a sampling fraction as FPC, and `apiclus1` stratified
/// by district (`dnum`: district 413 has one school, a lonely stratum of one row) under every
/// lonely-PSU policy, with and without an FPC of population counts, by school type.
enum NoPSUCases {
  /// One design on one table.
  struct Case: Sendable {
    var name: String
    var table: String
    var declaration: DesignDeclaration
    var variable: String
    var by: [String]
  }

  /// The R golden cases (`Fixtures/proportions`) whose design has no PSU.
  static var referenceCases: [String] {
    ProportionReference.databaseCases.filter { name in
      ProportionReference.shared.cases.first { $0.name == name }!.design.psu == nil
    }
  }

  /// The mean and total cases of the numeric R fixtures whose design has no PSU (`dstrat`:
  /// `apistrat` by school type with an FPC; `lonely-school-…`: `apiclus1` by district under every
  /// lonely-PSU policy).
  static var numericCases: [String] {
    PostgresNumericTests.cases.filter { name in
      let testCase = PostgresNumericTests.reference.cases.first { $0.name == name }!
      return PostgresNumericTests.reference.designs[testCase.design]!.clusters == nil
    }
  }

  /// The ratio cases of the numeric R fixtures whose design has no PSU (`dstrat`, raked as
  /// `dstratrake`, and `lonely-school-…` under every lonely-PSU policy).
  static var ratioCases: [String] {
    PostgresRatioTests.cases.filter { name in
      let testCase = PostgresNumericTests.reference.cases.first { $0.name == name }!
      return PostgresNumericTests.reference.designs[testCase.design]!.clusters == nil
    }
  }

  /// The mean and total cases of the numeric R fixtures raked without PSU (`dstratrake`: apistrat
  /// by school type with its FPC, raked to `sch.wide` and `comp.imp`).
  static var rakedNumericCases: [String] {
    PostgresNumericTests.reference.cases.filter { testCase in
      let design = PostgresNumericTests.reference.designs[testCase.design]!
      return ["mean", "total"].contains(testCase.statistic) && design.clusters == nil && design.rake != nil
    }.map(\.name)
  }

  /// The raked mean or total of a numeric case without PSU, from `table` (the engine's table of a
  /// name) raked with R's control, equals the file path's JSON, every field, and R's numbers.
  /// Returns the largest relative difference to R.
  @discardableResult
  static func expectRakedNumericFileAndR(
    _ caseName: String, _ table: @escaping @Sendable (String) throws -> DatabaseTable
  ) async throws -> Double {
    let reference = PostgresNumericTests.reference
    let testCase = reference.cases.first { $0.name == caseName }!
    let design = reference.designs[testCase.design]!
    let margins = PostgresRatioTests.margins(design)!
    let declaration = PostgresRatioTests.declaration(design, withoutPSU: true)
    let raked = try table("numeric_" + design.dataset).raked(to: margins, options: PostgresRatioTests.rakingControl)
    let file = try PostgresNumericTests.fileDesign(design).raked(to: margins, options: PostgresRatioTests.rakingControl)
    let (variable, by, level) = (testCase.variable!, testCase.by, testCase.level)
    let estimates: [PostgresNumericTests.Estimated]
    if testCase.statistic == "mean" {
      let database = try await onOwnThread {
        try raked.meansWaiting(of: [variable], by: by, declaration: declaration, level: level)
      }
      expectSame(database.json, try file.means(of: [variable], by: by, level: level).json, caseName)
      estimates = database.map {
        ($0.domain, $0.mean, $0.standardError, $0.confidenceInterval.lower, $0.confidenceInterval.upper,
         $0.degreesOfFreedom, $0.respondents, $0.designEffect)
      }
    } else {
      let database = try await onOwnThread {
        try raked.totalsWaiting(of: [variable], by: by, declaration: declaration, level: level)
      }
      expectSame(database.json, try file.totals(of: [variable], by: by, level: level).json, caseName)
      estimates = database.map {
        ($0.domain, $0.total, $0.standardError, $0.confidenceInterval.lower, $0.confidenceInterval.upper,
         $0.degreesOfFreedom, $0.respondents, $0.designEffect)
      }
    }
    return PostgresNumericTests.expectR(estimates, testCase, caseName)
  }

  /// The raking R golden cases whose design has no PSU (`weights-only-raked`, `kalton-table-b`).
  static var rakingCases: [String] { RakingCase.names.filter { RakingCase.named($0).design.psu == nil } }

  /// The engine's raked proportions of a raking case without PSU, declared without one, equal the
  /// file path's JSON, every field, for `methods`, and R's numbers; so do its raked means and
  /// totals where R has them.
  static func expectRakedProportionsFileAndR(
    _ caseName: String, methods: [IntervalMethod], _ table: @escaping @Sendable (String) throws -> DatabaseTable
  ) async throws {
    let testCase = RakingCase.named(caseName)
    let file = try testCase.fileDesign()
    let raked = try table(testCase.table).raked(to: try testCase.margins, options: testCase.options)
    let declaration = DesignDeclaration(
      weights: testCase.design.weight, strata: testCase.design.strata, fpc: testCase.design.fpc)
    for (variable, by) in testCase.analyses {
      for method in methods {
        let label = "\(caseName) \(variable) by \(by) \(method)"
        let fromTable = try await onOwnThread {
          try raked.proportionsWaiting(of: [variable], by: by, declaration: declaration, method: method)
        }
        expectSame(fromTable.json, try file.proportions(of: [variable], by: by, method: method).json, label)
        testCase.expectMatchesR(fromTable, variable: variable, by: by, method: method, label)
      }
    }
    for (variable, by, isTotal) in testCase.numericAnalyses {
      let label = "\(caseName) \(isTotal ? "total" : "mean") \(variable) by \(by)"
      let numbers: [(Domain, Double, Double)]
      if isTotal {
        let result = try await onOwnThread { try raked.totalsWaiting(of: [variable], by: by, declaration: declaration) }
        expectSame(result.json, try file.totals(of: [variable], by: by).json, label)
        numbers = result.estimates.map { ($0.domain, $0.total, $0.standardError) }
      } else {
        let result = try await onOwnThread { try raked.meansWaiting(of: [variable], by: by, declaration: declaration) }
        expectSame(result.json, try file.means(of: [variable], by: by).json, label)
        numbers = result.estimates.map { ($0.domain, $0.mean, $0.standardError) }
      }
      for (domain, estimate, standardError) in numbers {
        let levels = Dictionary(uniqueKeysWithValues: domain.levels.map { ($0.variable, $0.value) })
        guard let (expected, expectedError) = testCase.expected(variable, domain: levels, isTotal: isTotal) else { continue }
        #expect(relative(estimate, expected) < 1e-9, "\(label) R estimate")
        #expect(relative(standardError, expectedError) < 1e-9, "\(label) R SE")
      }
    }
  }

  /// The scale R golden cases whose design has no PSU (`single-item-concern`: weights only;
  /// `trust-strata-without-psu`: strata, four items, one reverse-keyed).
  static var scaleCases: [String] { ScaleCases.names.filter { ScaleCases.testCase($0).design.psu == nil } }

  /// An engine's scale analysis of a table.
  typealias Scales = @Sendable (
    _ table: String, _ scale: ScaleDefinition, _ by: [String], _ declaration: DesignDeclaration, _ boxSize: Int,
    _ method: IntervalMethod, _ level: Double
  ) async throws -> ScaleAnalysis

  /// The engine's scale analysis of an R golden case without PSU, declared without one, equals
  /// the file path's JSON, every field (the declarations are the same), and R's numbers; `methods`
  /// at 95 % and 90 % equal the file's too. Returns the largest relative difference to R of an
  /// estimate, a standard error or a reliability coefficient.
  @discardableResult
  static func expectScaleFileAndR(_ caseName: String, methods: [IntervalMethod], _ engine: Scales) async throws -> Double {
    let testCase = ScaleCases.testCase(caseName)
    let file = try ScaleCases.fileDesign(testCase), scale = ScaleCases.scale(testCase)
    let table = ScaleCases.table(testCase), declaration = declaration(testCase.design)
    let method = try #require(IntervalMethod(name: testCase.method))
    let asR = try await engine(table, scale, testCase.by, declaration, testCase.box, method, testCase.level)
    let fileAsR = try file.scaleAnalysis(scale, by: testCase.by, boxSize: testCase.box, method: method, level: testCase.level)
    // The declarations are the same (no PSU on either side): the whole JSON, design included.
    ScaleCases.expectSameAsFile(asR, fileAsR, psu: "", "\(caseName) as R")
    let largest = ScaleCases.expectMatchesR(asR, testCase).estimates
    for method in methods {
      for level in [0.95, 0.9] {
        let fromTable = try await engine(table, scale, testCase.by, declaration, testCase.box, method, level)
        let fromFile = try file.scaleAnalysis(scale, by: testCase.by, boxSize: testCase.box, method: method, level: level)
        ScaleCases.expectSameAsFile(fromTable, fromFile, psu: "", "\(caseName) \(method) \(level)")
      }
    }
    return largest
  }

  /// The raked R golden cases whose design has no PSU: a cross-tab, a scale and a paradox, each
  /// stratified and raked to sex and age-band totals.
  static var rakedCrossTabCases: [String] { CrossTabCases.rakedNames.filter { CrossTabCases.rakedCase($0).design.psu == nil } }
  static var rakedScaleCases: [String] { ScaleCases.rakedNames.filter { ScaleCases.rakedCase($0).design.psu == nil } }
  static var rakedParadoxCases: [String] { ParadoxCases.rakedNames.filter { ParadoxCases.rakedCase($0).design.psu == nil } }

  /// The engine's raked cross-tab of a raked R case without PSU, declared without one, equals the
  /// file path's JSON, every field, and R's numbers; `methods` equal the file's too. Returns the
  /// largest relative difference to R of the estimates and standard errors.
  @discardableResult
  static func expectRakedCrossTabFileAndR(
    _ caseName: String, methods: [IntervalMethod], _ table: @escaping @Sendable (String) throws -> DatabaseTable
  ) async throws -> Double {
    let testCase = CrossTabCases.rakedCase(caseName)
    let (margins, options) = try CrossTabCases.raking(testCase)
    let file = try CrossTabCases.fileDesign(testCase).raked(to: margins, options: options)
    let raked = try table(CrossTabCases.table(testCase)).raked(to: margins, options: options)
    let (row, column, by, level, declaration) = (
      testCase.row, testCase.column, testCase.by, testCase.level, declaration(testCase.design))
    return try await expectRakedAnalyses(
      caseName, caseMethod: try #require(IntervalMethod(name: testCase.method)), methods: methods
    ) { method in
      let fromTable = try await onOwnThread {
        try raked.crossTabWaiting(row: row, column: column, by: by, declaration: declaration, method: method, level: level)
      }
      return (fromTable, try file.crossTab(row: row, column: column, by: by, method: method, level: level))
    } expectSameAsFile: { fromTable, fromFile, label in
      expectSame(fromTable.json, fromFile.json, label)
    } matchR: { CrossTabCases.expectMatchesR($0, testCase).estimates }
  }

  /// The engine's raked scale analysis of a raked R case without PSU, as
  /// ``expectRakedCrossTabFileAndR(_:methods:_:)``.
  @discardableResult
  static func expectRakedScaleFileAndR(
    _ caseName: String, methods: [IntervalMethod], _ table: @escaping @Sendable (String) throws -> DatabaseTable
  ) async throws -> Double {
    let testCase = ScaleCases.rakedCase(caseName)
    let (margins, options) = try ScaleCases.raking(testCase)
    let file = try ScaleCases.fileDesign(testCase).raked(to: margins, options: options)
    let raked = try table(ScaleCases.table(testCase)).raked(to: margins, options: options)
    let (scale, by, box, level) = (ScaleCases.scale(testCase), testCase.by, testCase.box, testCase.level)
    let declaration = declaration(testCase.design)
    return try await expectRakedAnalyses(
      caseName, caseMethod: try #require(IntervalMethod(name: testCase.method)), methods: methods
    ) { method in
      let fromTable = try await onOwnThread {
        try raked.scaleAnalysisWaiting(scale, by: by, declaration: declaration, boxSize: box, method: method, level: level)
      }
      return (fromTable, try file.scaleAnalysis(scale, by: by, boxSize: box, method: method, level: level))
    } expectSameAsFile: { fromTable, fromFile, label in
      // The declarations are the same (no PSU on either side): the whole JSON, design included.
      ScaleCases.expectSameAsFile(fromTable, fromFile, psu: "", label)
    } matchR: { ScaleCases.expectMatchesR($0, testCase).estimates }
  }

  /// The engine's raked paradox analysis of a raked R case without PSU, as
  /// ``expectRakedCrossTabFileAndR(_:methods:_:)``, R's numbers with every method.
  @discardableResult
  static func expectRakedParadoxFileAndR(
    _ caseName: String, methods: [IntervalMethod], _ table: @escaping @Sendable (String) throws -> DatabaseTable
  ) async throws -> Double {
    let testCase = ParadoxCases.rakedCase(caseName)
    let (margins, options) = try ParadoxCases.raking(testCase)
    let file = try ParadoxCases.fileDesign(testCase).raked(to: margins, options: options)
    let raked = try table(ParadoxCases.table(testCase)).raked(to: margins, options: options)
    let (definition, by, declaration) = (ParadoxCases.definition(testCase), testCase.by, declaration(testCase.design))
    var largest = 0.0
    for method in methods {
      let fromTable = try await onOwnThread {
        try raked.paradoxWaiting(definition, by: by, declaration: declaration, method: method)
      }
      let fromFile = try file.paradox(definition, by: by, method: method)
      largest = max(
        largest, ParadoxCases.expectMatches(fromTable, file: fromFile, testCase, "\(caseName) \(method)", withoutPSU: true))
    }
    return largest
  }

  /// Runs `analyse` (the engine's analysis and the file's) with `caseMethod`, then each of
  /// `methods`: every pair goes to `expectSameAsFile`, the case method's analysis to `matchR`, whose
  /// result (the largest relative difference to R) is returned.
  private static func expectRakedAnalyses<Analysis>(
    _ caseName: String, caseMethod: IntervalMethod, methods: [IntervalMethod],
    analyse: (IntervalMethod) async throws -> (fromTable: Analysis, fromFile: Analysis),
    expectSameAsFile: (Analysis, Analysis, String) -> Void, matchR: (Analysis) -> Double
  ) async throws -> Double {
    var largest = 0.0
    for method in [caseMethod] + methods {
      let (fromTable, fromFile) = try await analyse(method)
      expectSameAsFile(fromTable, fromFile, "\(caseName) \(method)")
      if method == caseMethod { largest = matchR(fromTable) }
    }
    return largest
  }

  /// The designs whose reference is the file path.
  static let fileCases: [Case] = {
    var cases = [Case(
      name: "fpc-fraction-by-region", table: "fpc_sampling_fraction",
      declaration: DesignDeclaration(weights: "w", strata: "stratum", fpc: "f_psu", lonelyPSU: .fail),
      variable: "opinion", by: ["region"])]
    for policy in [LonelyPSUPolicy.remove, .certainty, .adjust, .average] {
      for fpc in [nil, "fpc"] as [String?] {
        cases.append(Case(
          name: "lonely-row-\(policy.rawValue)" + (fpc == nil ? "" : "-fpc"), table: "numeric_apiclus1",
          declaration: DesignDeclaration(weights: "pw", strata: "dnum", fpc: fpc, lonelyPSU: policy),
          variable: "sch.wide", by: ["stype"]))
      }
    }
    return cases
  }()

  /// The names of ``fileCases``, as test arguments.
  static var fileCaseNames: [String] { fileCases.map(\.name) }

  /// The declaration of an R golden case without PSU, as a database declares it (no `row_id`).
  static func declaration(_ testCase: ProportionReference.Case) -> DesignDeclaration { declaration(testCase.design) }

  /// A fixture design without PSU, as a database declares it (no `row_id`).
  static func declaration(_ design: FixtureDesign) -> DesignDeclaration {
    DesignDeclaration(
      weights: design.weight, strata: design.strata, fpc: design.fpc, lonelyPSU: LonelyPSUPolicy(rawValue: design.lonely_psu)!)
  }

  /// The cross-tab R golden cases whose design has no PSU.
  static var crossTabCases: [String] {
    CrossTabCases.names.filter { CrossTabCases.testCase($0).design.psu == nil }
  }

  /// An engine's cross-tab of a table.
  typealias CrossTabs = @Sendable (
    _ table: String, _ row: String, _ column: String, _ by: [String], _ declaration: DesignDeclaration,
    _ method: IntervalMethod, _ level: Double
  ) async throws -> CrossTab

  /// The engine's cross-tab of an R golden case without PSU equals the file path's JSON, every
  /// field, and R's numbers; `methods` at 95 % and 90 % equal the file's too. Returns the largest
  /// relative difference to the file.
  @discardableResult
  static func expectCrossTabFileAndR(_ caseName: String, methods: [IntervalMethod], _ engine: CrossTabs)
    async throws -> Double
  {
    let testCase = CrossTabCases.testCase(caseName)
    let file = try CrossTabCases.fileDesign(testCase)
    let table = CrossTabCases.table(testCase), declaration = declaration(testCase.design)
    let method = IntervalMethod(name: testCase.method)!
    let asR = try await engine(table, testCase.row, testCase.column, testCase.by, declaration, method, testCase.level)
    let fileAsR = try file.crossTab(row: testCase.row, column: testCase.column, by: testCase.by, method: method, level: testCase.level)
    expectSame(asR.json, fileAsR.json, "\(caseName) as R")
    var largest = largestDifference(asR.json, fileAsR.json)
    CrossTabCases.expectMatchesR(asR, testCase)
    for method in methods {
      for level in [0.95, 0.9] {
        let fromTable = try await engine(table, testCase.row, testCase.column, testCase.by, declaration, method, level)
        let fromFile = try file.crossTab(row: testCase.row, column: testCase.column, by: testCase.by, method: method, level: level)
        expectSame(fromTable.json, fromFile.json, "\(caseName) \(method) \(level)")
        largest = max(largest, largestDifference(fromTable.json, fromFile.json))
      }
    }
    return largest
  }

  /// The engine's cross-tab of `sch.wide` by `comp.imp` by school type on a file case's design
  /// (``fileCases``) equals the file path's JSON, every field, for `methods`.
  @discardableResult
  static func expectCrossTabFileEstimates(_ name: String, methods: [IntervalMethod], _ engine: CrossTabs)
    async throws -> Double
  {
    let testCase = fileCases.first { $0.name == name }!
    let file = try fileDesign(testCase)
    var largest = 0.0
    for method in methods {
      let fromTable = try await engine(testCase.table, "sch.wide", "comp.imp", testCase.by, testCase.declaration, method, 0.95)
      let fromFile = try file.crossTab(row: "sch.wide", column: "comp.imp", by: testCase.by, method: method, level: 0.95)
      expectSame(fromTable.json, fromFile.json, "\(name) \(method)")
      largest = max(largest, largestDifference(fromTable.json, fromFile.json))
    }
    return largest
  }

  /// The paradox R golden cases whose design has no PSU.
  static var paradoxCases: [String] { ParadoxCases.names.filter { ParadoxCases.testCase($0).design.psu == nil } }

  /// An engine's privacy-paradox analysis of a table.
  typealias Paradoxes = @Sendable (
    _ table: String, _ definition: ParadoxDefinition, _ by: [String], _ declaration: DesignDeclaration,
    _ method: IntervalMethod, _ level: Double
  ) async throws -> ParadoxAnalysis

  /// The engine's paradox analysis of an R golden case without PSU equals the file path's JSON,
  /// every field, and R's numbers, for `methods` at 95 % and 90 %. Returns the largest relative
  /// difference to R.
  @discardableResult
  static func expectParadoxFileAndR(_ caseName: String, methods: [IntervalMethod], _ engine: Paradoxes)
    async throws -> Double
  {
    let testCase = ParadoxCases.testCase(caseName)
    let definition = ParadoxCases.definition(testCase), file = try ParadoxCases.fileDesign(testCase)
    var largest = 0.0
    for method in methods {
      for level in [0.95, 0.9] {
        let fromTable = try await engine(
          ParadoxCases.table(testCase), definition, testCase.by, declaration(testCase.design), method, level)
        let fromFile = try file.paradox(definition, by: testCase.by, method: method, level: level)
        largest = max(largest, ParadoxCases.expectMatches(
          fromTable, file: fromFile, testCase, "\(caseName) \(method) \(level)", withoutPSU: true))
      }
    }
    return largest
  }

  /// The paradox of the ``fileCases`` on `apiclus1`: concern `sch.wide` = Yes, action `comp.imp` = Yes.
  static let apiParadox = ParadoxDefinition(
    concern: Indicator(variable: "sch.wide", values: ["Yes"]), actions: [Indicator(variable: "comp.imp", values: ["Yes"])])

  /// The engine's paradox analysis (``apiParadox``) by school type on a file case's design equals
  /// the file path's JSON, every field, for `methods`.
  @discardableResult
  static func expectParadoxFileEstimates(_ name: String, methods: [IntervalMethod], _ engine: Paradoxes)
    async throws -> Double
  {
    let testCase = fileCases.first { $0.name == name }!
    let file = try fileDesign(testCase)
    var largest = 0.0
    for method in methods {
      let fromTable = try await engine(testCase.table, apiParadox, testCase.by, testCase.declaration, method, 0.95)
      let fromFile = try file.paradox(apiParadox, by: testCase.by, method: method, level: 0.95)
      expectSame(fromTable.json, fromFile.json, "\(name) \(method)")
      largest = max(largest, largestDifference(fromTable.json, fromFile.json))
    }
    return largest
  }

  /// The names of the ``fileCases`` on `apiclus1`, whose cross-tab is `sch.wide` by `comp.imp`.
  static var crossTabFileCaseNames: [String] { fileCases.filter { $0.table == "numeric_apiclus1" }.map(\.name) }

  /// The file design of a case: its table's file read with its declaration.
  static func fileDesign(_ testCase: Case) throws -> SurveyDesign {
    if testCase.table == "numeric_apiclus1" {
      let declaration = testCase.declaration
      return try PostgresNumericTests.fileDesign(PostgresNumericTests.Reference.Design(
        dataset: "apiclus1", weights: declaration.weights, strata: declaration.strata, clusters: nil,
        fpc: declaration.fpc, lonely_psu: declaration.lonelyPSU.rawValue, rake: nil))
    }
    let reference = ProportionReference.shared.cases.first { $0.name == "fpc-sampling-fraction" }!
    let design = testCase.declaration
    return try FixtureDesign(
      weight: design.weights, strata: design.strata, psu: nil, fpc: design.fpc, lonely_psu: design.lonelyPSU.rawValue,
      targets_file: nil
    ).fileDesign(path: "Tests/SurveyStatisticsTests/Fixtures/proportions/" + reference.data, missingCodes: reference.missing_codes)
  }

  /// An engine's proportions of a table.
  typealias Proportions = @Sendable (
    _ table: String, _ variable: String, _ by: [String], _ declaration: DesignDeclaration, _ method: IntervalMethod,
    _ level: Double
  ) async throws -> ProportionEstimates

  /// The engine's proportions of a file case equal the file path's JSON, every field, for every
  /// interval method at 95 % and 90 %. Returns the largest relative difference of a number.
  @discardableResult
  static func expectFileEstimates(_ name: String, methods: [IntervalMethod] = IntervalMethod.allCases, _ engine: Proportions)
    async throws -> Double
  {
    let testCase = fileCases.first { $0.name == name }!
    let file = try fileDesign(testCase)
    var largest = 0.0
    for method in methods {
      for level in [0.95, 0.9] {
        let fromTable = try await engine(
          testCase.table, testCase.variable, testCase.by, testCase.declaration, method, level)
        let fromFile = try file.proportions(of: [testCase.variable], by: testCase.by, method: method, level: level)
        expectSame(fromTable.json, fromFile.json, "\(name) \(method) \(level)")
        largest = max(largest, largestDifference(fromTable.json, fromFile.json))
      }
    }
    return largest
  }

  /// The engine's proportions of an R golden case without PSU equal the file path's JSON (the
  /// declarations are the same now) and R survey 4.1's estimates, standard errors (1e-9) and
  /// interval bounds (1e-7). Returns the largest relative difference to R of an estimate or a
  /// standard error.
  @discardableResult
  static func expectFileAndR(_ caseName: String, methods: [IntervalMethod] = IntervalMethod.allCases, _ engine: Proportions)
    async throws -> Double
  {
    let testCase = ProportionReference.shared.cases.first { $0.name == caseName }!
    let fileDesign = try ProportionReference.fileDesign(testCase)
    var largest = 0.0
    for method in methods {
      for level in [0.95, 0.9] {
        let fromTable = try await engine(
          caseName.replacingOccurrences(of: "-", with: "_"), testCase.variable, testCase.by, declaration(testCase),
          method, level)
        let fromFile = try fileDesign.proportions(of: [testCase.variable], by: testCase.by, method: method, level: level)
        expectSame(fromTable.json, fromFile.json, "\(caseName) \(method) \(level)")
        largest = max(largest, ProportionReference.expectMatchesR(fromTable, testCase, method: method, level: level))
      }
    }
    return largest
  }
}
