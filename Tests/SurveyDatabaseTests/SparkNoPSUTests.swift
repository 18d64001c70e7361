import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Designs without a PSU column in Spark (``NoPSUCases``), as ``PostgresNoPSUTests``: the file
/// path's JSON, every field, and R's numbers on the golden cases with `ids = ~1`.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkNoPSUTests {
  static let proportions: NoPSUCases.Proportions = { table, variable, by, declaration, method, level in
    let file = SparkEstimateTests.tables + "/" + table + ".parquet"
    let spark = SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
    return try await onOwnThread {
      try spark.proportions(of: [variable], by: by, declaration: declaration, method: method, level: level)
    }
  }

  /// Three interval methods (the logit one needs the first-step query): each is a Spark job.
  static let methods: [IntervalMethod] = [.logit, .beta, .wilson]

  @Test(arguments: NoPSUCases.referenceCases)
  func theRCasesWithoutPSUGiveTheFileAndREstimates(caseName: String) async throws {
    let largest = try await NoPSUCases.expectFileAndR(caseName, methods: Self.methods, Self.proportions)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: NoPSUCases.fileCaseNames)
  func designsWithoutPSUGiveTheFileEstimates(caseName: String) async throws {
    let largest = try await NoPSUCases.expectFileEstimates(caseName, methods: [.logit], Self.proportions)
    print("Spark without PSU, \(caseName): largest relative difference to the file \(largest)")
  }

  /// Means and totals: the file path's JSON and R's numbers on the numeric fixtures with `ids = ~1`.
  @Test(arguments: NoPSUCases.numericCases)
  func theNumericRCasesWithoutPSUGiveTheFileAndREstimates(caseName: String) async throws {
    let largest = try await PostgresNumericTests.expectFileAndR(
      caseName: caseName, engine: SparkNumericTests.engine(partitions: 1), withoutPSU: true)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  /// Ratios: the file path's JSON and R's numbers on the ratio fixtures with `ids = ~1`, on 1 and
  /// 16 partitions.
  @Test(arguments: NoPSUCases.ratioCases, [1, 16])
  func theRatioRCasesWithoutPSUGiveTheFileAndREstimates(caseName: String, partitions: Int) async throws {
    let largest = try await PostgresRatioTests.expectFileAndR(
      caseName: caseName, ratios: SparkRatioTests.ratios(partitions: partitions), withoutPSU: true)
    print("Spark without PSU, \(caseName), \(partitions) partitions: largest relative difference to R \(largest)")
  }

  static let table: @Sendable (String) throws -> DatabaseTable = { name in
    .spark(try SparkNumericTests.table(name, partitions: 16))
  }

  /// Raked means and totals: R's `dstratrake`, in 16 partitions.
  @Test(arguments: NoPSUCases.rakedNumericCases)
  func theRakedNumericRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectRakedNumericFileAndR(caseName, Self.table)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  /// Raked proportions, means and totals: R's raking cases without PSU (two interval methods).
  @Test(arguments: NoPSUCases.rakingCases)
  func theRakingRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    try await NoPSUCases.expectRakedProportionsFileAndR(caseName, methods: [IntervalMethod.logit, .beta], Self.table)
  }

  /// Raked cross-tabs, scales and the paradox (`--rake-to`): R's stratified cases without PSU
  /// raked to sex and age-band totals.
  @Test(arguments: NoPSUCases.rakedCrossTabCases)
  func theRakedCrossTabRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectRakedCrossTabFileAndR(caseName, methods: [IntervalMethod.logit], Self.table)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: NoPSUCases.rakedScaleCases)
  func theRakedScaleRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectRakedScaleFileAndR(caseName, methods: [IntervalMethod.logit], Self.table)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: NoPSUCases.rakedParadoxCases)
  func theRakedParadoxRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectRakedParadoxFileAndR(caseName, methods: [IntervalMethod.logit, .beta], Self.table)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  static let crossTab: NoPSUCases.CrossTabs = { table, row, column, by, declaration, method, level in
    let file = SparkEstimateTests.tables + "/" + table + ".parquet"
    let spark = SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
    return try await onOwnThread {
      try spark.crossTab(row: row, column: column, by: by, declaration: declaration, method: method, level: level)
    }
  }

  /// Cross-tabs: R's `weights-only` case (its own method), and `apiclus1` by district under every
  /// lonely-PSU policy (the logit interval).
  @Test(arguments: NoPSUCases.crossTabCases)
  func theCrossTabRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectCrossTabFileAndR(caseName, methods: [], Self.crossTab)
    print("Spark without PSU, \(caseName): largest relative difference to the file \(largest)")
  }

  @Test(arguments: NoPSUCases.crossTabFileCaseNames)
  func crossTabsWithoutPSUGiveTheFileCrossTab(caseName: String) async throws {
    let largest = try await NoPSUCases.expectCrossTabFileEstimates(caseName, methods: [.logit], Self.crossTab)
    print("Spark without PSU, \(caseName): largest relative difference to the file \(largest)")
  }

  static let paradox: NoPSUCases.Paradoxes = { table, definition, by, declaration, method, level in
    let file = SparkEstimateTests.tables + "/" + table + ".parquet"
    let spark = SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
    return try await onOwnThread {
      try spark.paradox(definition, by: by, declaration: declaration, method: method, level: level)
    }
  }

  /// The privacy paradox: R's cases without PSU, and `apiclus1` by district under every lonely-PSU
  /// policy.
  @Test(arguments: NoPSUCases.paradoxCases)
  func theParadoxRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectParadoxFileAndR(caseName, methods: [.logit, .beta], Self.paradox)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  @Test(arguments: NoPSUCases.crossTabFileCaseNames)
  func paradoxesWithoutPSUGiveTheFileAnalysis(caseName: String) async throws {
    let largest = try await NoPSUCases.expectParadoxFileEstimates(caseName, methods: [.logit], Self.paradox)
    print("Spark without PSU, \(caseName): largest relative difference to the file \(largest)")
  }

  static let scale: NoPSUCases.Scales = { table, scale, by, declaration, boxSize, method, level in
    let file = SparkEstimateTests.tables + "/" + table + ".parquet"
    let spark = SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
    return try await onOwnThread {
      try spark.scaleAnalysis(scale, by: by, declaration: declaration, boxSize: boxSize, method: method, level: level)
    }
  }

  /// Scales: R's cases without PSU (their own interval method, and the logit one).
  @Test(arguments: NoPSUCases.scaleCases)
  func theScaleRCasesWithoutPSUGiveTheFileAndR(caseName: String) async throws {
    let largest = try await NoPSUCases.expectScaleFileAndR(caseName, methods: [.logit], Self.scale)
    print("Spark without PSU, \(caseName): largest relative difference to R \(largest)")
  }

  /// Replicates created from a design without a PSU column are refused before any query.
  @Test func createdReplicatesWithoutPSUAreRefused() async throws {
    let file = SparkEstimateTests.tables + "/numeric_apiclus1.parquet"
    let spark = SparkTable(location: try SparkLocation(url: sparkTestServer!), table: "parquet.`\(file)`")
    var jackknife = DesignDeclaration(weights: "pw", strata: "stype")
    jackknife.replicates = ReplicateDeclaration(source: .created(), method: .jackknife)
    let created = jackknife
    await #expect(throws: DatabaseError.createdReplicatesRefusal(.spark)) {
      try await onOwnThread { try spark.proportions(of: ["sch.wide"], declaration: created) }
    }
  }
}
