import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance rake` on a PostgreSQL table: the factor of every raking cell is the file path's
/// raked ÷ base weight of its rows (which is R survey 4.1's `rake()`), the weight diagnostics and
/// margins are the file's `rake --format json`, the rows' order changes nothing, replicate-weight
/// columns are raked as the file's, and trimming and created replicates are refused before
/// connecting.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresRakeCommandTests {
  func table(_ name: String) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name)
  }

  func raking(_ testCase: RakingCase, table name: String? = nil) async throws -> GroupSumsRaking {
    try await table(name ?? testCase.table).rakingFactors(
      weight: testCase.design.weight, to: try testCase.margins, options: testCase.options)
  }

  @Test(arguments: RakingCase.everyRaking.map(\.name))
  func theFactorsAndDiagnosticsAreTheFiles(caseName: String) async throws {
    let testCase = RakingCase.raking(caseName)
    let (file, r) = try testCase.expectTableRaking(try await raking(testCase), "PostgreSQL \(caseName)")
    print("PostgreSQL rake \(caseName): factors vs file \(file), vs R \(r)")
  }

  @Test func shuffledRowsGiveTheSameFactors() async throws {
    let testCase = RakingCase.raking("clustered-raked")
    expectSameFactors(
      try await raking(testCase, table: "raking_shuffled"), try await raking(testCase), "shuffled rows")
  }

  @Test func theFactorsFileRoundTrips() async throws {
    try expectFactorsFileRoundTrips(try await raking(RakingCase.raking("clustered-raked")), table: "raking_clustered_raked")
  }

  /// Trimming needs every raked weight: refused before connecting (port 1 is closed;
  /// docs/bad-inputs.md).
  @Test func trimmingIsRefusedBeforeConnecting() throws {
    let table = try DatabaseTable(location: "postgresql://nobody@127.0.0.1:1/none", table: "t")
    let margins = try RakingCase.raking("clustered-raked").margins
    #expect(throws: DatabaseError.self) {
      try table.rakingFactorsWaiting(
        declaration: DesignDeclaration(weights: "w"), to: margins, options: RakingControl(),
        trimming: WeightTrimming(upper: WeightBound(text: "5median"), lower: nil, strict: false))
    }
  }
}

extension PostgresRakeCommandTests {
  /// Replicate-weight columns raked with the table (R's `rake()` of a `svrepdesign()`, the
  /// supplied cases of `Fixtures/replicate-raking`: JK1 on apiclus1, BRR and Fay on pairs, the
  /// bootstrap on apistrat): the factors file's `factor` and `factor_rep<r>` give every row the
  /// file path's raked weight and raked replicate weights; created replicates are refused before
  /// connecting (bad input 133).
  @Test(arguments: ReplicateRakingCases.suppliedNames)
  func replicateColumnsGiveTheFilesRakedReplicateWeights(name: String) async throws {
    let declaration = ReplicateCases.declaration(name, table: true)
    let raking = try await table(ReplicateCases.table(name)).rakingFactors(
      weight: declaration.weights, to: ReplicateRakingCases.margins(name), options: RakingControl(),
      replicates: declaration.replicates)
    let largest = try ReplicateTableRaking.expectFileWeights(raking, name: name, label: "PostgreSQL rake \(name)")
    print("PostgreSQL rake \(name) with replicate columns: largest relative difference to the file \(largest)")
  }

  @Test func createdReplicatesAreRefusedBeforeConnecting() throws {
    let table = try DatabaseTable(location: "postgresql://nobody@127.0.0.1:1/none", table: "t")
    #expect(throws: DatabaseError.self) {
      try table.rakingFactorsWaiting(
        declaration: ReplicateRakingCases.createdDeclaration("rclus1-jk1"), to: ReplicateRakingCases.margins("rclus1-jk1"),
        options: RakingControl(), trimming: nil)
    }
  }
}
