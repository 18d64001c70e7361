import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance gap` where the data lives: the paradox analysis from PostgreSQL's group sums by
/// stratum × PSU × domain × the items' values equals the file path's, every JSON field, on the R
/// golden fixtures (and matches R as the file path does); parallel workers and the rows' order
/// change nothing.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresParadoxTests {
  func table(_ name: String, _ settings: PostgresTable.Settings = .init()) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name, settings: settings)
  }

  /// One `GROUP BY` per case, every interval method at two levels finished from its sums; the
  /// one-call API gives the same JSON.
  @Test(arguments: ParadoxCases.names)
  func theRFixturesGiveTheFileAnalysis(caseName: String) async throws {
    let testCase = ParadoxCases.testCase(caseName)
    let definition = ParadoxCases.definition(testCase)
    let declaration = ParadoxCases.declaration(testCase)
    let database = try table(ParadoxCases.table(testCase))
    let fileDesign = try ParadoxCases.fileDesign(testCase)
    let sums = try await database.paradoxGroupSums(definition, by: testCase.by, declaration: declaration).sums
    let oneCall = try await database.paradox(definition, by: testCase.by, declaration: declaration, method: .beta)
    expectSame(oneCall.json, try sums.paradox(definition, method: .beta).json, "\(caseName) one call")
    var largest = 0.0
    for method in IntervalMethod.allCases {
      for level in [0.95, 0.9] {
        let fromDatabase = try sums.paradox(definition, method: method, level: level)
        let fromFile = try fileDesign.paradox(definition, by: testCase.by, method: method, level: level)
        largest = max(largest, ParadoxCases.expectMatches(fromDatabase, file: fromFile, testCase, "\(caseName) \(method) \(level)"))
      }
    }
    print("\(caseName): largest relative difference to R \(largest)")
  }

  /// The same JSON with 0 and 4 parallel workers, and from the same rows in another order.
  @Test func parallelWorkersAndRowOrderChangeNothing() async throws {
    let testCase = ParadoxCases.testCase("any-of-two-by-age")
    let definition = ParadoxCases.definition(testCase)
    let declaration = ParadoxCases.declaration(testCase)
    let serial = try await table("paradox_any_of_two_by_age", .init(parallelWorkersPerGather: 0))
      .paradox(definition, by: testCase.by, declaration: declaration)
    let parallel = try await table("paradox_any_of_two_by_age", .init(parallelWorkersPerGather: 4))
      .paradox(definition, by: testCase.by, declaration: declaration)
    let shuffled = try await table("paradox_shuffled").paradox(definition, by: testCase.by, declaration: declaration)
    expectSame(parallel.json, serial.json, "parallel workers")
    expectSame(shuffled.json, serial.json, "shuffled rows")
  }

  /// The shipped survey, with text items and a stratified cluster design.
  @Test func theShippedSurveyGivesTheFileAnalysis() async throws {
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concern_data_use", values: ["4", "5"]),
      actions: [Indicator(variable: "protect_settings", values: ["1"]), Indicator(variable: "protect_cookies", values: ["1"])])
    let declaration = DesignDeclaration(weights: "weight", strata: "region", clusters: "point")
    let fileDesign = try Survey(
      contentsOf: repositoryPath("surveys/example-privacy.csv"),
      options: SurveyLoadOptions(
        codebook: repositoryPath("Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"),
        design: DesignOverrides(weights: "weight", strata: "region", clusters: "point", lonelyPSU: .fail))
    ).design()
    for by in [[], ["age_band"], ["age_band", "sex"]] {
      let fromDatabase = try await table("example_privacy").paradox(definition, by: by, declaration: declaration)
      expectSame(fromDatabase.json, try fileDesign.paradox(definition, by: by).json, "example-privacy by \(by)")
    }
  }

  /// Values that no row has are the file path's error, with the values the table holds.
  @Test func valuesNoRowHasAreTheFileError() async throws {
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concern_data_use", values: ["4", "5"]),
      actions: [Indicator(variable: "protect_cookies", values: ["yes"])])
    let declaration = DesignDeclaration(weights: "weight", strata: "region", clusters: "point")
    let fileDesign = try Survey(
      contentsOf: repositoryPath("surveys/example-privacy.csv"),
      options: SurveyLoadOptions(
        codebook: repositoryPath("Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"),
        design: DesignOverrides(weights: "weight", strata: "region", clusters: "point", lonelyPSU: .fail))
    ).design()
    var fileError = ""
    do { _ = try fileDesign.paradox(definition) } catch { fileError = "\(error)" }
    var databaseError = ""
    do { _ = try await table("example_privacy").paradox(definition, declaration: declaration) } catch {
      databaseError = "\(error)"
    }
    #expect(!fileError.isEmpty)
    #expect(databaseError == fileError)
  }
}
