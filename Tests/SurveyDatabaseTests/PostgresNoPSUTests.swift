import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Designs without a PSU column in PostgreSQL (``NoPSUCases``): the group sums keyed by stratum ×
/// domain × category without a row id give the file path's JSON, every field, and R's numbers on
/// the golden cases with `ids = ~1`, raked or not; a lonely stratum of one row fails under `fail`
/// as on a file; replicates created from such a design are refused before connecting.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresNoPSUTests {
  static let proportions: NoPSUCases.Proportions = { table, variable, by, declaration, method, level in
    try await PostgresTable(location: try PostgresLocation(url: testServer!), table: table)
      .proportions(of: [variable], by: by, declaration: declaration, method: method, level: level)
  }

  @Test(arguments: NoPSUCases.referenceCases)
  func theRCasesWithoutPSUGiveTheFileAndREstimates(caseName: String) async throws {
    let largest = try await NoPSUCases.expectFileAndR(caseName, Self.proportions)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: NoPSUCases.fileCaseNames)
  func designsWithoutPSUGiveTheFileEstimates(caseName: String) async throws {
    let largest = try await NoPSUCases.expectFileEstimates(caseName, Self.proportions)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to the file \(largest)")
  }

  /// Means and totals: the file path's JSON and R's numbers on the numeric fixtures with `ids = ~1`.
  @Test(arguments: NoPSUCases.numericCases)
  func theNumericRCasesWithoutPSUGiveTheFileAndREstimates(caseName: String) async throws {
    let largest = try await PostgresNumericTests.expectFileAndR(
      caseName: caseName, engine: PostgresNumericTests.engine(), withoutPSU: true)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  /// Ratios: the file path's JSON and R's numbers on the ratio fixtures with `ids = ~1` (Σw²·y²,
  /// Σw²·x² and Σw²·x·y by stratum × domain).
  @Test(arguments: NoPSUCases.ratioCases)
  func theRatioRCasesWithoutPSUGiveTheFileAndREstimates(caseName: String) async throws {
    let largest = try await PostgresRatioTests.expectFileAndR(
      caseName: caseName, ratios: PostgresRatioTests.ratios, withoutPSU: true)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  static let table: @Sendable (String) throws -> DatabaseTable = { name in
    .postgreSQL(PostgresTable(location: try PostgresLocation(url: testServer!), table: name))
  }

  /// Raked means and totals (`--rake-to`): R's `dstratrake` (`rake(svydesign(ids = ~1, …))`).
  @Test(arguments: NoPSUCases.rakedNumericCases)
  func theRakedNumericRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectRakedNumericFileAndR(caseName, Self.table)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  /// Raked proportions, means and totals: R's raking cases without PSU, every interval method.
  @Test(arguments: NoPSUCases.rakingCases)
  func theRakingRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    try await NoPSUCases.expectRakedProportionsFileAndR(caseName, methods: IntervalMethod.allCases, Self.table)
  }

  /// Raked cross-tabs, scales and the paradox (`--rake-to`): R's stratified cases without PSU
  /// raked to sex and age-band totals.
  @Test(arguments: NoPSUCases.rakedCrossTabCases)
  func theRakedCrossTabRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectRakedCrossTabFileAndR(caseName, methods: IntervalMethod.allCases, Self.table)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: NoPSUCases.rakedScaleCases)
  func theRakedScaleRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectRakedScaleFileAndR(caseName, methods: IntervalMethod.allCases, Self.table)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: NoPSUCases.rakedParadoxCases)
  func theRakedParadoxRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectRakedParadoxFileAndR(caseName, methods: IntervalMethod.allCases, Self.table)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  static let crossTab: NoPSUCases.CrossTabs = { table, row, column, by, declaration, method, level in
    try await PostgresTable(location: try PostgresLocation(url: testServer!), table: table)
      .crossTab(row: row, column: column, by: by, declaration: declaration, method: method, level: level)
  }

  /// Cross-tabs (shares and the Rao–Scott test): R's `weights-only` case and `apiclus1` by
  /// district, one district a lonely row, under every lonely-PSU policy, with and without an FPC.
  @Test(arguments: NoPSUCases.crossTabCases)
  func theCrossTabRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectCrossTabFileAndR(caseName, methods: IntervalMethod.allCases, Self.crossTab)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to the file \(largest)")
  }

  @Test(arguments: NoPSUCases.crossTabFileCaseNames)
  func crossTabsWithoutPSUGiveTheFileCrossTab(caseName: String) async throws {
    let largest = try await NoPSUCases.expectCrossTabFileEstimates(caseName, methods: [.logit, .beta], Self.crossTab)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to the file \(largest)")
  }

  static let paradox: NoPSUCases.Paradoxes = { table, definition, by, declaration, method, level in
    try await PostgresTable(location: try PostgresLocation(url: testServer!), table: table)
      .paradox(definition, by: by, declaration: declaration, method: method, level: level)
  }

  /// The privacy paradox (`gap`): R's `stratified-elements` and `weights-only` cases, and `apiclus1`
  /// by district under every lonely-PSU policy, with and without an FPC.
  @Test(arguments: NoPSUCases.paradoxCases)
  func theParadoxRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectParadoxFileAndR(caseName, methods: IntervalMethod.allCases, Self.paradox)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: NoPSUCases.crossTabFileCaseNames)
  func paradoxesWithoutPSUGiveTheFileAnalysis(caseName: String) async throws {
    let largest = try await NoPSUCases.expectParadoxFileEstimates(caseName, methods: [.logit, .beta], Self.paradox)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to the file \(largest)")
  }

  static let scale: NoPSUCases.Scales = { table, scale, by, declaration, boxSize, method, level in
    try await PostgresTable(location: try PostgresLocation(url: testServer!), table: table)
      .scaleAnalysis(scale, by: by, declaration: declaration, boxSize: boxSize, method: method, level: level)
  }

  /// Scales (`scale`): R's `single-item-concern` (weights only) and `trust-strata-without-psu`
  /// (strata, four items) with `ids = ~1`, every interval method at 95 % and 90 %.
  @Test(arguments: NoPSUCases.scaleCases)
  func theScaleRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectScaleFileAndR(caseName, methods: IntervalMethod.allCases, Self.scale)
    print("PostgreSQL without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  /// No row comes back: one group per stratum × domain × category present (apiclus1 by district,
  /// school type and `sch.wide`: fewer groups than its 183 rows), whatever the number of rows.
  @Test func theGroupsAreNotRows() async throws {
    let table = PostgresTable(location: try PostgresLocation(url: testServer!), table: "numeric_apiclus1")
    let declaration = DesignDeclaration(weights: "pw", strata: "dnum")
    let sums = try await table.groupSums(of: ["sch.wide"], by: ["stype"], declaration: declaration, fitsLogit: false)
    let file = try NoPSUCases.fileDesign(NoPSUCases.fileCases.first { $0.name == "lonely-row-remove" }!)
    let survey = file.survey
    let columns = try ["dnum", "stype", "sch.wide"].map { try survey.variable(named: $0).categorical }
    let keys = Set((0..<survey.respondentCount).map { row in columns.map { $0.codes[row] } })
    #expect(sums[0].rowsArePSUs)
    #expect(sums[0].groups.count == keys.count)
    #expect(sums[0].groups.count < survey.respondentCount)
    #expect(sums[0].groups.allSatisfy { $0.psu == "" })
  }

  @Test func aLonelyRowFailsAsOnAFile() async throws {
    let table = PostgresTable(location: try PostgresLocation(url: testServer!), table: "numeric_apiclus1")
    await #expect(throws: GroupSumsError.lonelyPSU(stratum: "413", strataVariable: "dnum")) {
      try await table.proportions(of: ["sch.wide"], declaration: DesignDeclaration(weights: "pw", strata: "dnum"))
    }
  }

  /// Replicates created from a design without a PSU column are refused before any query, with
  /// the sentence that says why (every respondent its own multiplier, a jackknife one replicate per
  /// respondent) and what to do; raked estimates are not refused.
  @Test func createdReplicatesWithoutPSUAreRefused() async throws {
    let table = PostgresTable(location: try PostgresLocation(url: testServer!), table: "numeric_apiclus1")
    var created = DesignDeclaration(weights: "pw", strata: "stype")
    created.replicates = ReplicateDeclaration(source: .created(), method: .jackknife)
    await #expect(throws: DatabaseError.createdReplicatesRefusal(.postgreSQL)) {
      try await table.proportions(of: ["sch.wide"], declaration: created)
    }
    let margins = PostgresRatioTests.margins(PostgresNumericTests.reference.designs["dclus1rake"]!)!
    await #expect(throws: DatabaseError.createdReplicatesRefusal(.postgreSQL)) {
      try await PostgresRatioTests.ratios(.postgreSQL(table), "api00", "api99", [], created, margins, 0.95)
    }
    let sentence = DatabaseError.createdReplicatesRefusal(.postgreSQL).description
    #expect(sentence.contains("one replicate per respondent"))
    #expect(sentence.contains("Name a PSU column, supply the replicate-weight columns"))
  }
}
