import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Ratios made by PostgreSQL's group sums (Σw, Σw·y, Σw·y², Σw·x, Σw·x², Σw·x·y over the rows with
/// both values, exact integer sums of the file path's `float8` products) equal the file path's,
/// every JSON field (numbers to 1e-9 relative, the rest exactly), on the ratio cases of R's
/// `data(api)` designs in the numeric fixtures (strata with an FPC, clusters, domains, lonely
/// PSUs under every policy), and match R survey 4.1's numbers as the file path does; a domain
/// whose denominator sums to 0 and rows missing one value are the file's too.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresRatioTests {
  /// An engine's ratios of a table, raked to `margins` unless `nil`.
  typealias Ratios = @Sendable (
    _ table: String, _ numerator: String, _ denominator: String, _ by: [String], _ declaration: DesignDeclaration,
    _ margins: PopulationMargins?, _ level: Double
  ) async throws -> NumericEstimates<RatioEstimate>

  /// The ratio cases, raked designs (dclus1rake, dstratrake) included.
  static var cases: [String] {
    PostgresNumericTests.reference.cases.filter { $0.statistic == "ratio" }.map(\.name)
  }

  /// The fixture's raking: R's `rake(…, control = list(maxit = 100, epsilon = 1e-10))`.
  static let rakingControl = RakingControl(maxIterations: 100, tolerance: .relativeToWeightTotal(1e-10))

  /// The population margins of a raked fixture design; `nil` for the others.
  static func margins(_ design: PostgresNumericTests.Reference.Design) -> PopulationMargins? {
    design.rake.map { rake in
      PopulationMargins(rake.map { margin in
        Margin(variable: margin.variable, targets: zip(margin.categories, margin.targets).map { (category: $0, target: $1) })
      })
    }
  }

  /// The ratios of `table`, raked to `margins` by ``DatabaseTable/raked(to:options:)``.
  static func ratios(
    _ table: DatabaseTable, _ numerator: String, _ denominator: String, _ by: [String], _ declaration: DesignDeclaration,
    _ margins: PopulationMargins, _ level: Double
  ) async throws -> NumericEstimates<RatioEstimate> {
    let raked = table.raked(to: margins, options: rakingControl)
    return try await onOwnThread {
      try raked.ratiosWaiting(numerator: numerator, denominator: denominator, by: by, declaration: declaration, level: level)
    }
  }

  static func table(_ name: String, _ settings: PostgresTable.Settings = .init()) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name, settings: settings)
  }

  static let ratios: Ratios = { table, numerator, denominator, by, declaration, margins, level in
    if let margins {
      return try await Self.ratios(.postgreSQL(Self.table(table)), numerator, denominator, by, declaration, margins, level)
    }
    return try await Self.table(table).ratios(
      numerator: numerator, denominator: denominator, by: by, declaration: declaration, level: level)
  }

  @Test(arguments: cases)
  func theRFixturesGiveTheFileRatios(caseName: String) async throws {
    let largest = try await Self.expectFileAndR(caseName: caseName, ratios: Self.ratios)
    print("\(caseName): largest relative difference to R \(largest)")
  }

  /// The declaration of a fixture design in the database: designs without PSUs are read with the
  /// row number as PSU (each respondent its own PSU), or `withoutPSU` without one, as R's `ids = ~1`.
  static func declaration(_ design: PostgresNumericTests.Reference.Design, withoutPSU: Bool = false) -> DesignDeclaration {
    DesignDeclaration(
      weights: design.weights, strata: design.strata, clusters: design.clusters ?? (withoutPSU ? nil : "row_id"),
      fpc: design.fpc, lonelyPSU: LonelyPSUPolicy(rawValue: design.lonely_psu)!)
  }

  /// The engine's ratios of a case equal the file path's, every JSON field, and R's numbers.
  /// Returns the largest relative difference to R of an estimate or a standard error.
  ///
  /// - Parameter withoutPSU: whether a design without PSUs is declared without them, as R's
  ///   `ids = ~1` (groups without PSUs, ``PostgresNoPSUTests``), rather than with the row number.
  static func expectFileAndR(caseName: String, ratios: Ratios, withoutPSU: Bool = false) async throws -> Double {
    let reference = PostgresNumericTests.reference
    let testCase = reference.cases.first { $0.name == caseName }!
    let design = reference.designs[testCase.design]!
    let numerator = testCase.numerator!, denominator = testCase.denominator!
    let margins = margins(design)
    let database = try await ratios(
      "numeric_" + design.dataset, numerator, denominator, testCase.by, declaration(design, withoutPSU: withoutPSU),
      margins, testCase.level)
    var fileDesign = try PostgresNumericTests.fileDesign(design)
    if let margins { fileDesign = try fileDesign.raked(to: margins, options: rakingControl) }
    let file = try fileDesign.ratios(
      numerator: numerator, denominator: denominator, by: testCase.by, level: testCase.level)
    if design.clusters == nil, !withoutPSU {
      // The declarations differ (row_id as PSU): every estimate's field must still agree.
      expectSame(estimatesOf(database.json), estimatesOf(file.json), caseName)
    } else {
      expectSame(database.json, file.json, caseName)
    }
    return PostgresNumericTests.expectR(database.map {
      ($0.domain, $0.ratio, $0.standardError, $0.confidenceInterval.lower, $0.confidenceInterval.upper,
       $0.degreesOfFreedom, $0.respondents, $0.designEffect)
    }, testCase, caseName)
  }

  /// apistrat with the columns `.ci/postgres-fixtures.py` adds to `ratio_apistrat_zero`: enroll
  /// set to 0 in every high school (`enroll_h0`), and 0 everywhere (`zero`).
  static func zeroDenominatorFile() throws -> SurveyDesign {
    let design = PostgresNumericTests.reference.designs["dstrat"]!
    let file = try PostgresNumericTests.fileDesign(design)
    let columns = PostgresNumericTests.reference.datasets[design.dataset]!.columns
    let enroll = columns["enroll"]!.values.map { value -> Double? in
      guard case .number(let number)? = value else { return nil }
      return number
    }
    let highSchool = columns["stype"]!.values.map { value -> Bool in
      guard case .text("H")? = value else { return false }
      return true
    }
    return try SurveyDesign(
      Survey(variables: file.survey.variables + [
        Variable(name: "enroll_h0", numbers: zip(enroll, highSchool).map { $1 ? 0 : $0 }),
        Variable(name: "zero", numbers: enroll.map { _ in 0 }),
      ]),
      declaration: DesignDeclaration(
        weights: design.weights, strata: design.strata, clusters: design.clusters, fpc: design.fpc,
        lonelyPSU: LonelyPSUPolicy(rawValue: design.lonely_psu)!))
  }

  /// The cases on `ratio_apistrat_zero` (dstrat with row_id as PSU): a denominator that sums to 0
  /// in one domain (a non-finite ratio, null in JSON), and a numerator missing in whole domains
  /// (acs.k3: rows with both values only).
  static let zeroDenominatorCases: [(numerator: String, denominator: String, by: [String])] = [
    ("api.stu", "enroll_h0", ["stype"]), ("api.stu", "enroll_h0", []), ("acs.k3", "enroll_h0", ["stype"]),
    ("acs.k3", "enroll", ["stype", "sch.wide"]),
  ]

  /// The engine's ratios of ``zeroDenominatorCases`` equal the file's, and a denominator that is
  /// 0 everywhere is the file's error.
  static func expectZeroDenominatorsAsFile(ratios: Ratios) async throws {
    let declaration = Self.declaration(PostgresNumericTests.reference.designs["dstrat"]!)
    let file = try zeroDenominatorFile()
    for (numerator, denominator, by) in zeroDenominatorCases {
      let database = try await ratios("ratio_apistrat_zero", numerator, denominator, by, declaration, nil, 0.95)
      let fromFile = try file.ratios(numerator: numerator, denominator: denominator, by: by)
      // The declarations differ (row_id as PSU): every estimate's field must still agree.
      expectSame(estimatesOf(database.json), estimatesOf(fromFile.json), "\(numerator)/\(denominator) by \(by)")
    }
    var fileError: SurveyError?
    do { _ = try file.ratios(numerator: "api.stu", denominator: "zero") } catch let error as SurveyError { fileError = error }
    #expect(fileError != nil)
    await #expect(throws: fileError!) {
      try await ratios("ratio_apistrat_zero", "api.stu", "zero", [], declaration, nil, 0.95)
    }
  }

  @Test func zeroDenominatorsAndMissingValuesAreTheFiles() async throws {
    try await Self.expectZeroDenominatorsAsFile(ratios: Self.ratios)
  }

  /// The same JSON with 0 and 4 parallel workers (exact sums make the order irrelevant).
  @Test func parallelWorkersChangeNothing() async throws {
    let declaration = DesignDeclaration(weights: "pw", clusters: "dnum")
    func ratios(_ workers: Int) async throws -> JSONValue {
      try await Self.table("numeric_apiclus2", .init(parallelWorkersPerGather: workers)).ratios(
        numerator: "api.stu", denominator: "enroll", by: ["stype"], declaration: declaration
      ).json
    }
    expectSame(try await ratios(4), try await ratios(0), "parallel workers")
  }

  /// Replicates created from the strata and PSUs give the file's JSON (the replicate ratios'
  /// variance, R's degrees of freedom), raked or not.
  static func expectCreatedReplicatesAsFile(method: ReplicateMethod, ratios: Ratios) async throws {
    let design = PostgresNumericTests.reference.designs["dclus1"]!
    var declaration = Self.declaration(design)
    declaration.replicates = ReplicateDeclaration(source: .created(count: 20, seed: 3), method: method)
    let database = try await ratios("numeric_apiclus1", "api00", "api99", ["stype"], declaration, nil, 0.95)
    let file = try PostgresNumericTests.fileDesign(design).replicated(method, count: 20, seed: 3)
      .ratios(numerator: "api00", denominator: "api99", by: ["stype"])
    expectSame(database.json, file.json, "\(method)")
    #expect(database.design.replicates?.method == method)
    // Raked (R's rake() of the replicate design): the replicates raked too, as for means.
    let margins = Self.margins(PostgresNumericTests.reference.designs["dclus1rake"]!)!
    let raked = try await ratios("numeric_apiclus1", "api00", "api99", ["stype"], declaration, margins, 0.95)
    let rakedFile = try PostgresNumericTests.fileDesign(design).replicated(method, count: 20, seed: 3)
      .raked(to: margins, options: rakingControl).ratios(numerator: "api00", denominator: "api99", by: ["stype"])
    expectSame(raked.json, rakedFile.json, "raked \(method)")
  }

  @Test(arguments: [ReplicateMethod.jackknife, .bootstrap])
  func createdReplicatesGiveTheFileRatios(method: ReplicateMethod) async throws {
    try await Self.expectCreatedReplicatesAsFile(method: method, ratios: Self.ratios)
  }

  /// The engine's ratios of R's replicate `cases` on `design`'s table (raked to `margins` unless
  /// `nil`) give every JSON field of `file` (design effect included) and R survey 4.1's estimates,
  /// standard errors, intervals, degrees of freedom (the rank of each domain's replicate weights)
  /// and respondents. Returns the largest relative difference to R.
  static func expectReplicateCases(
    _ cases: [PostgresNumericTests.Reference.Case], design: String, file: SurveyDesign, margins: PopulationMargins?,
    ratios: Ratios
  ) async throws -> Double {
    #expect(cases.count == 2, "\(design): ratio cases")
    let declaration = ReplicateCases.declaration(design, table: true)
    var largest = 0.0
    for testCase in cases {
      let label = "\(design) \(testCase.name)"
      let (numerator, denominator) = (testCase.numerator!, testCase.denominator!)
      let database = try await ratios(
        ReplicateCases.table(design), numerator, denominator, testCase.by, declaration, margins, testCase.level)
      let fromFile = try file.ratios(numerator: numerator, denominator: denominator, by: testCase.by, level: testCase.level)
      expectSame(database.json, fromFile.json, label)
      #expect(database.allSatisfy { $0.designEffect != nil }, "\(label): design effect")
      largest = max(largest, PostgresNumericTests.expectR(database.map {
        ($0.domain, $0.ratio, $0.standardError, $0.confidenceInterval.lower, $0.confidenceInterval.upper,
         $0.degreesOfFreedom, $0.respondents, $0.designEffect)
      }, testCase, label))
    }
    return largest
  }

  /// Replicate-weight columns (R's `svrepdesign()`, then `svyratio`): the replicate ratios
  /// Σa_r·y/Σa_r·x from each replicate's exact sums, for the whole sample and by stype, against
  /// the file path and R (`Fixtures/replicates`, ``expectReplicateCases(_:design:file:margins:ratios:)``).
  static func expectSuppliedReplicatesAsFileAndR(design: String, ratios: Ratios) async throws -> Double {
    try await expectReplicateCases(
      ReplicateCases.reference.cases.filter { $0.design == design && $0.statistic == "ratio" }, design: design,
      file: try ReplicateCases.fileDesign(design), margins: nil, ratios: ratios)
  }

  /// R survey 4.1's ratios api00/api99 on the raked replicate designs, whole sample and by stype
  /// (`Fixtures/replicate-raking/raked-ratios.json`, written by `make-replicate-raking.R`, its
  /// cases shaped as the numeric fixtures').
  struct RakedRatios: Decodable {
    let cases: [PostgresNumericTests.Reference.Case]

    static let reference: RakedRatios = try! JSONDecoder().decode(RakedRatios.self, from: Data(contentsOf: URL(
      fileURLWithPath: repositoryPath("Tests/SurveyStatisticsTests/Fixtures/replicate-raking/raked-ratios.json"))))
  }

  /// Replicate-weight columns raked to the replicate-raking fixture's margins (R's `rake()` of a
  /// `svrepdesign()`: every replicate raked, its Σa_r·y and Σa_r·x times its own factors), against
  /// the raked file and R (``RakedRatios``).
  static func expectRakedSuppliedReplicatesAsFileAndR(design: String, ratios: Ratios) async throws -> Double {
    let margins = ReplicateRakingCases.margins(design)
    return try await expectReplicateCases(
      RakedRatios.reference.cases.filter { $0.design == design }, design: design,
      file: try ReplicateCases.fileDesign(design).raked(to: margins, options: rakingControl), margins: margins,
      ratios: ratios)
  }

  @Test(arguments: PostgresReplicateTests.suppliedDesigns)
  func suppliedReplicatesGiveTheFileAndR(design: String) async throws {
    let largest = try await Self.expectSuppliedReplicatesAsFileAndR(design: design, ratios: Self.ratios)
    print("\(design): ratios in PostgreSQL, largest relative difference to R \(largest)")
  }

  @Test(arguments: ReplicateRakingCases.suppliedNames)
  func rakedSuppliedReplicatesGiveTheFileAndR(design: String) async throws {
    let largest = try await Self.expectRakedSuppliedReplicatesAsFileAndR(design: design, ratios: Self.ratios)
    print("\(design): raked ratios in PostgreSQL, largest relative difference to R \(largest)")
  }

  /// A text denominator whose values are not numbers is named, with their count and the smallest.
  @Test func aTextDenominatorThatIsNotNumbersIsNamed() async throws {
    await #expect(throws: DatabaseError.notNumbers(
      table: "numeric_apistrat", column: "stype", role: "denominator", count: 200, example: "E")) {
      try await Self.table("numeric_apistrat").ratios(
        numerator: "api.stu", denominator: "stype", declaration: DesignDeclaration(weights: "pw", clusters: "row_id"))
    }
  }
}
