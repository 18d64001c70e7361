import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Replicate-weight columns raked in Spark, as in PostgreSQL (``PostgresReplicateRakingTests``):
/// the file's JSON and R's numbers. Few queries: a Spark query costs seconds.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkReplicateRakingTests {
  /// JK1 columns on apiclus1 raked to stype and sch.wide (16 partitions): the mean of api00 by
  /// stype (R's numbers and degrees of freedom by domain, from the raked replicates' ranks), the
  /// shares of comp.imp with the logit interval, comp.imp × sch.wide by stype, and a two-item
  /// scale by stype.
  @Test func jackknifeColumnsRakedGiveTheFileAndR() async throws {
    let name = "sup-jk1"
    let testCase = ReplicateRakingCases.named(name)
    let margins = ReplicateRakingCases.margins(name)
    let declaration = ReplicateCases.declaration(name, table: true)
    let file = try ReplicateCases.fileDesign(name).raked(to: margins)
    let spark = try SparkNumericTests.table(ReplicateCases.table(name), partitions: 16)
    let means = try await onOwnThread {
      try spark.means(of: ["api00"], by: ["stype"], declaration: declaration, raking: margins, options: RakingControl())
    }
    expectSame(means.json, try file.means(of: ["api00"], by: ["stype"]).json, "\(name) mean api00 by stype")
    var largest = 0.0
    for (estimate, expected) in zip(means.estimates, testCase.domain_means.estimates) {
      largest = max(largest, ReplicateRakingCases.expectR(estimate, expected, "\(name) mean by stype \(expected.domain ?? "")"))
    }
    let shares = try await onOwnThread {
      try spark.proportions(of: ["comp.imp"], declaration: declaration, raking: margins, options: RakingControl())
    }
    expectSame(shares.json, try file.proportions(of: ["comp.imp"]).json, "\(name) comp.imp")
    let crossTab = try await onOwnThread {
      try spark.crossTab(
        row: "comp.imp", column: "sch.wide", by: ["stype"], declaration: declaration, raking: margins,
        options: RakingControl(), method: .logit, level: 0.95)
    }
    ReplicateCrossTabs.expectSameWithBounds(
      crossTab.json, try file.crossTab(row: "comp.imp", column: "sch.wide", by: ["stype"]).json,
      "\(name) comp.imp × sch.wide by stype")
    let scale = try await onOwnThread {
      try spark.scaleAnalysis(
        ReplicateScales.pair, by: ["stype"], declaration: declaration, boxSize: 300, raking: margins,
        options: RakingControl())
    }
    expectSame(
      scale.json, try file.scaleAnalysis(ReplicateScales.pair, by: ["stype"], boxSize: 300).json, "\(name) scale by stype")
    print("\(name) raked in Spark: largest relative difference to R \(largest)")
  }

  /// JK1 replicates created from apiclus1's districts (with an FPC), raked to stype and sch.wide
  /// proportions: the mean of api00 (R's numbers) and the shares of comp.imp by stype, the file's
  /// JSON.
  @Test func createdJackknifeRakedGivesTheFileAndR() async throws {
    let name = "rclus1-jk1"
    let margins = ReplicateRakingCases.margins(name)
    let declaration = ReplicateRakingCases.createdDeclaration(name)
    let (table, design) = try ReplicateRakingCases.created(name)
    let file = try design.raked(to: margins)
    let spark = try SparkNumericTests.table(table, partitions: 16)
    let mean = try await onOwnThread {
      try spark.means(of: ["api00"], declaration: declaration, raking: margins, options: RakingControl())
    }
    expectSame(mean.json, try file.means(of: ["api00"]).json, "\(name) mean api00")
    let largest = ReplicateRakingCases.expectR(mean.estimates[0], ReplicateRakingCases.named(name).mean, "\(name) mean api00")
    let shares = try await onOwnThread {
      try spark.proportions(of: ["comp.imp"], by: ["stype"], declaration: declaration, raking: margins, options: RakingControl())
    }
    expectSame(shares.json, try file.proportions(of: ["comp.imp"], by: ["stype"]).json, "\(name) comp.imp by stype")
    print("\(name) raked in Spark: largest relative difference to R \(largest)")
  }
}
