import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance gap` on a PostgreSQL table with replicates: replicate-weight columns (R's
/// `svrepdesign()`: the group sums by PSU × domain × the items' values carry each replicate's
/// exact Σ a_r, and the ranks of the complete and concerned respondents' replicate weights come
/// from aggregates over the rows that meet their condition) and replicates created from the strata
/// and PSUs (each replicate's cell totals the PSUs' Σw times its multipliers). The analysis is
/// finished by the statistics that finish the file path's; every JSON field equals the file's, and
/// R survey 4.1's numbers where the replicate fixtures have them.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresReplicateParadoxTests {
  static let engine: ReplicateParadoxes.Engine = { table, definition, by, declaration, method in
    try await PostgresReplicateTests.table(table).paradox(definition, by: by, declaration: declaration, method: method)
  }

  /// R's analyses (JK1 created with an FPC, JK1 supplied with a scale and MSE, JKn created with
  /// MSE on pairs, all by school type; the bootstrap supplied, without a domain): the file's JSON
  /// and R's measures, with the logit, Wald and Korn–Graubard intervals.
  @Test(arguments: ReplicateParadoxes.goldenDesigns)
  func theRAnalysesGiveTheFileAndR(design: String) async throws {
    let golden = ReplicateParadoxes.goldens.first { $0.design == design }!
    let largest = try await ReplicateParadoxes.expectFileAndR(Self.engine, golden)
    print("\(design): gap in PostgreSQL, largest relative difference to R \(largest)")
  }

  /// Replicate-weight columns: JK1, JKn, BRR, Fay, the bootstrap with a scale, successive
  /// differences and `other` (rscales), with and without a domain: the file's JSON.
  @Test(arguments: ["sup-jk1", "sup-jkn", "sup-brr", "sup-fay", "sup-boot-scale", "sup-sdr", "sup-other"])
  func suppliedColumnsGiveTheFileJSON(design: String) async throws {
    try await ReplicateParadoxes.expectFile(Self.engine, design: design, by: [])
    try await ReplicateParadoxes.expectFile(Self.engine, design: design, by: ["stype"])
  }

  /// Replicates created from the strata and PSUs (JK1 with an FPC, JKn, JKn on clusters, the
  /// bootstrap), with and without a domain: the file's JSON.
  @Test(arguments: ["rclus1", "rstrat-jkn", "rstratclus-jkn", "bootstrap"])
  func createdReplicatesGiveTheFileJSON(design: String) async throws {
    try await ReplicateParadoxes.expectFile(Self.engine, design: design, by: [])
    let byAwards = try await ReplicateParadoxes.expectFile(Self.engine, design: design, by: ["awards"])
    #expect(byAwards.design?.replicates?.isCreated == true)
  }

  /// BRR and Fay created on pairs (R's Fay case among them): the file's JSON on its rows sorted
  /// by stratum and PSU, the order in which a table's replicates pair its PSUs.
  @Test(arguments: ["rpairs-brr", "rpairs-fay", "rquads-brr"])
  func pairedReplicatesGiveTheSortedFileJSON(design: String) async throws {
    try await ReplicateParadoxes.expectFile(Self.engine, design: design, by: [])
    try await ReplicateParadoxes.expectFile(Self.engine, design: design, by: ["stype"])
  }

  /// The likelihood interval needs the first steps of the logistic fit too (the replicate fits
  /// start from it); the Wilson interval none.
  @Test(arguments: [IntervalMethod.likelihood, .wilson])
  func otherIntervalsGiveTheFileJSON(method: IntervalMethod) async throws {
    try await ReplicateParadoxes.expectFile(Self.engine, design: "sup-fay", by: ["stype"], method: method)
    try await ReplicateParadoxes.expectFile(Self.engine, design: "rclus1", by: ["stype"], method: method)
  }

  /// Replicate-weight columns raked (R's `rake()` of a `svrepdesign()`, the cases of
  /// `Fixtures/replicate-raking`): each replicate's paradox cell totals scaled by its own factors
  /// F_r(c), the degrees of freedom the ranks of the complete and concerned respondents' raked
  /// replicate weights (a subquery joining the factors), the first steps by domain × raking cell.
  /// The file's JSON, whole sample and by stype, logit, likelihood and Korn–Graubard intervals;
  /// R's numbers by stype (`paradox.json`) with the logit, Wald and Korn–Graubard intervals.
  @Test(arguments: ReplicateRakingCases.suppliedNames)
  func rakedReplicateColumnsGiveTheFileAndR(name: String) async throws {
    let largest = try await ReplicateParadoxes.expectRakedFile(Self.rakedEngine, name: name)
    let toR = try await ReplicateParadoxes.expectRakedFileAndR(Self.rakedEngine, name: name)
    print("\(name): raked gap in PostgreSQL, largest relative difference to the file \(largest), to R \(toR)")
  }

  /// Replicates created from the strata and PSUs, raked (R's `rake()` of an `as.svrepdesign()`:
  /// JK1 on clusters with an FPC, JKn and BRR on pairs): each replicate's cell totals the PSUs'
  /// Σw·F(c) times m_rj·F_r(c)/F(c). The file's JSON on its rows sorted by stratum and PSU, and R's
  /// numbers for the jackknives (R's BRR pairs the PSUs in its file's order: the file path's
  /// `ReplicateRakingReferenceTests` compares it with R).
  @Test(arguments: ReplicateRakingCases.createdNames)
  func rakedCreatedReplicatesGiveTheFileAndR(name: String) async throws {
    let largest = try await ReplicateParadoxes.expectRakedFile(Self.rakedEngine, name: name)
    let toR = ReplicateRakingCases.named(name).replicates.method == "brr"
      ? nil : try await ReplicateParadoxes.expectRakedFileAndR(Self.rakedEngine, name: name)
    print("\(name): raked gap in PostgreSQL, largest relative difference to the file \(largest)"
      + (toR.map { ", to R \($0)" } ?? ""))
  }

  static let rakedEngine: ReplicateParadoxes.RakedEngine = { table, definition, by, declaration, margins, method in
    try await PostgresReplicateTests.table(table).paradox(
      definition, by: by, declaration: declaration, raking: margins, method: method)
  }
}
