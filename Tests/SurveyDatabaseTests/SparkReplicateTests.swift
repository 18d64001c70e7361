import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Replicates created from the strata and PSUs of a Spark table: the file's JSON and R's numbers,
/// in 1 partition and in 16 (`.ci/spark-fixtures.py` writes the replicate fixtures' data sets as
/// `replicates_apiclus1.parquet`…). Few queries: a Spark query costs seconds.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkReplicateTests {
  static func engine(partitions: Int) -> PostgresNumericTests.Engine {
    PostgresNumericTests.Engine(
      means: { table, variable, by, declaration, level in
        try await onOwnThread {
          try SparkNumericTests.table(table, partitions: partitions)
            .means(of: [variable], by: by, declaration: declaration, level: level)
        }
      },
      totals: { table, variable, by, declaration, level in
        try await onOwnThread {
          try SparkNumericTests.table(table, partitions: partitions)
            .totals(of: [variable], by: by, declaration: declaration, level: level)
        }
      })
  }

  /// R's published `as.svrepdesign(dclus1)` JK1 means by domain: the file's JSON and R's numbers.
  @Test func jackknifeMeansGiveTheFileAndR() async throws {
    let testCase = ReplicateCases.cases(of: "rclus1").first { $0.name == "mean api99 by stype" }!
    let largest = try await ReplicateCases.expectFileAndR(testCase, engine: Self.engine(partitions: 16))
    print("rclus1 mean api99 by stype in Spark: largest relative difference to R \(largest)")
  }

  /// Bootstrap replicates (drawn by the file path's seeded generator, strata and PSUs in the
  /// sorted order of their values, on a file too) in 1 and 16 partitions: the file's JSON, its
  /// rows as they are, both times.
  @Test(arguments: [1, 16])
  func bootstrapGivesTheFileJSON(partitions: Int) async throws {
    let file = try ReplicateCases.fileDesign("bootstrap")
    let (spark, declaration) = (
      try SparkNumericTests.table("replicates_apistrat", partitions: partitions),
      ReplicateCases.declaration("bootstrap", table: true))
    let means = try await onOwnThread { try spark.means(of: ["api99"], by: ["stype"], declaration: declaration) }
    expectSame(means.json, try file.means(of: ["api99"], by: ["stype"]).json, "bootstrap, \(partitions) partitions")
  }

  /// Replicate-weight columns (R's `svrepdesign()`): ACS with mean-squared-error variances in 16
  /// partitions, JK1 in 1: every JSON field the file's and R's numbers, degrees of freedom by
  /// domain included (PostgreSQL's tests cover every type).
  @Test(arguments: zip(["sup-acs-mse", "sup-jk1"], [16, 1]))
  func suppliedReplicatesGiveTheFileAndR(design: String, partitions: Int) async throws {
    var largest = 0.0
    let cases = ReplicateCases.cases(of: design)
    #expect(!cases.isEmpty)
    for testCase in cases {
      largest = max(largest, try await ReplicateCases.expectFileAndR(testCase, engine: Self.engine(partitions: partitions)))
    }
    print("\(design) in Spark, \(partitions) partitions: largest relative difference to R \(largest)")
  }

  /// Proportions with bootstrap replicate-weight columns, logit interval, by domain, in 1 and 16
  /// partitions: the file's JSON.
  @Test(arguments: [1, 16])
  func suppliedProportionsGiveTheFileJSON(partitions: Int) async throws {
    let file = try ReplicateCases.fileDesign("sup-boot")
    let declaration = ReplicateCases.declaration("sup-boot", table: true)
    let spark = try SparkNumericTests.table(ReplicateCases.table("sup-boot"), partitions: partitions)
    let estimates = try await onOwnThread { try spark.proportions(of: ["comp.imp"], by: ["stype"], declaration: declaration) }
    expectSame(estimates.json, try file.proportions(of: ["comp.imp"], by: ["stype"]).json, "sup-boot, \(partitions) partitions")
  }

  /// The ACS-like table with 80 replicate-weight columns (ACS, mean-squared-error variances), in
  /// 16 partitions: means by a domain variable whose larger domain is ranked from its cross
  /// products and the smaller from its rows, the file's JSON.
  @Test func eightyReplicateColumnsGiveTheFileJSON() async throws {
    let file = try ACSLikeTable.fileDesign(.acs)
    let declaration = ACSLikeTable.declaration(.acs)
    let spark = try SparkNumericTests.table(ACSLikeTable.table, partitions: 16)
    let means = try await onOwnThread { try spark.means(of: ["hours"], by: ["big"], declaration: declaration) }
    expectSame(means.json, try file.means(of: ["hours"], by: ["big"]).json, "acs mean hours by big")
  }

  /// Replicate-weight columns whose cross products cannot decide their rank, by a domain
  /// variable with domains of fewer than 4R and fewer than R rows, in 16 partitions: the file
  /// path's JSON from the cross products and rounds of residuals, no statement fetching rows;
  /// a column within 0.1 % of R's threshold over all rows, in 1 partition: one statement of rows.
  @Test func doubtfulReplicateColumnsAreRankedFromAggregates() async throws {
    let spark = try SparkNumericTests.table(CollinearReplicateTable.table, partitions: 16)
    func count(_ kind: ReplicateRankStatements.Kind, _ table: SparkTable) -> Int {
      ReplicateRankStatements.count(kind, engine: .spark, table: table.table)
    }
    let (residuals, rows) = (count(.residuals, spark), count(.rows, spark))
    let declaration = CollinearReplicateTable.declaration("rep[0-9]+")
    let means = try await onOwnThread { try spark.means(of: ["y"], by: ["part"], declaration: declaration) }
    expectSame(
      means.json, try CollinearReplicateTable.fileDesign("rep[0-9]+").means(of: ["y"], by: ["part"]).json,
      "rep mean y by part")
    #expect(count(.residuals, spark) > residuals, "the cross products decided every column: no residual was needed")
    #expect(count(.rows, spark) == rows, "a statement fetched rows")

    let single = try SparkNumericTests.table(CollinearReplicateTable.table, partitions: 1)
    let closeRows = count(.rows, single)
    let close = CollinearReplicateTable.declaration("close[0-9]+")
    let closeMeans = try await onOwnThread { try single.means(of: ["y"], by: ["part"], declaration: close) }
    expectSame(
      closeMeans.json, try CollinearReplicateTable.fileDesign("close[0-9]+").means(of: ["y"], by: ["part"]).json,
      "close mean y by part")
    #expect(count(.rows, single) == closeRows + 1)
  }

  /// Stratified jackknife replicate-weight columns, exactly rank-deficient by the strata less one
  /// (``StratifiedJackknifeTable``), by a domain variable, in 16 partitions: R's rank 37 (df 36),
  /// the file path's JSON, with the 5 dependent columns' residuals in at most 2 statements and no
  /// statement of rows.
  @Test func exactlyRankDeficientJackknifeTakesAtMostTwoStatementsOfResiduals() async throws {
    let spark = try SparkNumericTests.table(StratifiedJackknifeTable.table, partitions: 16)
    func count(_ kind: ReplicateRankStatements.Kind) -> Int {
      ReplicateRankStatements.count(kind, engine: .spark, table: spark.table)
    }
    let (residuals, rows) = (count(.residuals), count(.rows))
    let means = try await onOwnThread {
      try spark.means(of: ["y"], by: ["part"], declaration: StratifiedJackknifeTable.declaration)
    }
    expectSame(
      means.json, try StratifiedJackknifeTable.fileDesign().means(of: ["y"], by: ["part"]).json, "sj mean y by part")
    #expect(Array(means).allSatisfy { $0.degreesOfFreedom == 36 }, "sj mean y by part: df")
    #expect(count(.residuals) > residuals, "the cross products decided every column: no residual was needed")
    #expect(count(.residuals) - residuals <= 2, "\(count(.residuals) - residuals) residual statements")
    #expect(count(.rows) == rows, "a statement fetched rows")
  }
}
