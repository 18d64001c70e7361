import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance scale` on a PostgreSQL table with replicate-weight columns: the scale's group sums
/// carry each replicate's exact Σ a_r and Σ a_r·y of the score, of each item and of each box, and
/// the means and box shares are finished by the file path's replicate estimators; every JSON field
/// equals the file path's.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresReplicateScaleTests {
  static let engine: ReplicateScales.Engine = { table, scale, by, declaration, boxSize, method in
    try await PostgresReplicateTests.table(table).scaleAnalysis(
      scale, by: by, declaration: declaration, boxSize: boxSize, method: method)
  }

  /// JK1, the bootstrap, `other` (rscales), Fay and BRR, a two-item scale by a domain and one
  /// item alone: the file's JSON.
  @Test(arguments: ["sup-jk1", "sup-boot", "sup-other", "sup-fay", "sup-brr"])
  func suppliedScalesGiveTheFileJSON(design: String) async throws {
    try await ReplicateScales.expectFile(Self.engine, design: design, scale: ReplicateScales.pair, by: ["stype"])
    try await ReplicateScales.expectFile(Self.engine, design: design, scale: ReplicateScales.single, by: [], boxSize: 200)
  }

  /// The likelihood interval of the boxes, which needs the logistic fit's first step on a
  /// replicate design too: the file's JSON.
  @Test func likelihoodBoxesGiveTheFileJSON() async throws {
    try await ReplicateScales.expectFile(
      Self.engine, design: "sup-jkn", scale: ReplicateScales.pair, by: ["sch.wide"], method: .likelihood)
  }
}
