import Foundation
import SurveyDatabase
import SurveyStatistics
import Testing

/// Bad input against a real server: one sentence each, the server named by host:port, never the
/// password; a hostile table name is a name, not SQL.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresErrorTests {
  static let design = DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu")

  func error(
    url: String = testServer!, table: String, variable: String = "opinion", by: [String] = [],
    design: DesignDeclaration = design, settings: PostgresTable.Settings = .init()
  ) async throws -> DatabaseError? {
    let table = PostgresTable(location: try PostgresLocation(url: url), table: table, settings: settings)
    do {
      _ = try await table.proportions(of: [variable], by: by, declaration: design)
      return nil
    } catch let error as DatabaseError {
      #expect(!error.description.contains(":confiance@"), "the password is never printed")
      return error
    }
  }

  var server: PostgresLocation { try! PostgresLocation(url: testServer!) }

  @Test func anUnreachableServerIsNamedByHostAndPort() async throws {
    let error = try await error(url: "postgresql://confiance:confiance@127.0.0.1:1/confiance", table: "domain_one_by")
    #expect(error == .unreachable(.postgreSQL, host: "127.0.0.1", port: 1, reason: "connection refused"))
    #expect(error?.description.hasPrefix("no PostgreSQL server answers at 127.0.0.1:1 (connection refused).") == true)
  }

  @Test func aWrongPasswordIsAFailedAuthentication() async throws {
    let url = "postgresql://confiance:not-the-password@\(server.host):\(server.port)/confiance"
    let error = try await error(url: url, table: "domain_one_by")
    #expect(error == .authenticationFailed(user: "confiance", host: server.host, port: server.port))
    #expect(error?.description.contains("not-the-password") == false)
  }

  @Test func anUnknownDatabaseIsNamed() async throws {
    let url = "postgresql://confiance:confiance@\(server.host):\(server.port)/no_such_database"
    #expect(try await error(url: url, table: "t") == .unknownDatabase(database: "no_such_database", host: server.host, port: server.port))
  }

  @Test func anUnknownTableSuggestsTheClosest() async throws {
    #expect(try await error(table: "domain_one_bi") == .unknownTable(table: "domain_one_bi", suggestion: "domain_one_by"))
    #expect(try await error(table: "public.domain_one_bi") == .unknownTable(table: "public.domain_one_bi", suggestion: "public.domain_one_by"))
  }

  @Test func anUnknownColumnSuggestsTheClosest() async throws {
    #expect(try await error(table: "domain_one_by", variable: "opinon") == .unknownColumn(column: "opinon", table: "domain_one_by", suggestion: "opinion"))
  }

  @Test func anUnsupportedColumnTypeIsNamed() async throws {
    #expect(try await error(table: "typed", variable: "extra") == .unsupportedColumnType(.postgreSQL, column: "extra", type: "jsonb", role: "category"))
    let jsonWeight = DesignDeclaration(weights: "extra", strata: "stratum", clusters: "psu")
    #expect(try await error(table: "typed", design: jsonWeight) == .unsupportedColumnType(.postgreSQL, column: "extra", type: "jsonb", role: "weight"))
  }

  /// A text weight is read as numbers, as a file's: one whose values are not numbers is named with
  /// their count and the smallest of them.
  @Test func aTextWeightThatIsNotNumbersIsNamed() async throws {
    let textWeight = DesignDeclaration(weights: "opinion", strata: "stratum", clusters: "psu")
    #expect(try await error(table: "typed", design: textWeight)
      == .notNumbers(table: "typed", column: "opinion", role: "weight", count: 591, example: "dk"))
  }

  @Test func nullWeightsAreAnErrorWithTheirCount() async throws {
    #expect(try await error(table: "null_design") == .missingDesignValues(column: "w", role: "weight", rows: 3))
  }

  @Test func aHostileTableNameIsOnlyAName() async throws {
    let hostile = #"x"; DROP TABLE y; --"#
    let table = PostgresTable(location: server, table: hostile)
    let estimates = try await table.proportions(
      of: ["gdpr_aware"], declaration: DesignDeclaration(weights: "weight", strata: "region", clusters: "point"))
    let plain = try await PostgresTable(location: server, table: "example_privacy").proportions(
      of: ["gdpr_aware"], declaration: DesignDeclaration(weights: "weight", strata: "region", clusters: "point"))
    #expect(estimates.count == plain.count && estimates.count > 0)
    #expect(estimates.map(\.proportion) == plain.map(\.proportion))
    // Table y is still there: it has no column 'answer', rather than no existence.
    #expect(try await error(table: "y", variable: "answer") == .unknownColumn(column: "answer", table: "y", suggestion: nil))
  }

  @Test func anIdentifierIsNeverAnalysedButMayBeThePSU() async throws {
    // As a file's loader: a column named like an identifier is refused where its values would be
    // printed (a category, a domain), and allowed as a design column.
    let design = DesignDeclaration(weights: "weight", strata: "region", clusters: "point")
    #expect(try await error(table: "example_privacy", variable: "respondent_id", design: design)
      == .identifierColumn(column: "respondent_id", table: "example_privacy"))
    #expect(try await error(table: "example_privacy", variable: "sex", by: ["respondent_id"], design: design)
      == .identifierColumn(column: "respondent_id", table: "example_privacy"))
    let byRespondent = try await PostgresTable(location: server, table: "example_privacy").proportions(
      of: ["sex"], declaration: DesignDeclaration(weights: "weight", clusters: "respondent_id"))
    #expect(!byRespondent.isEmpty)
  }

  @Test func theStatementTimeoutCancelsALongQuery() async throws {
    #expect(try await error(table: "slow", settings: .init(statementTimeout: 0.2)) == .timedOut(seconds: 0.2))
  }

  @Test func aLonelyPSUFailsAsOnAFile() async throws {
    // A lonely PSU under fail is the statistics' own error, after the read-only queries.
    let lonely = DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu", lonelyPSU: .fail)
    let table = PostgresTable(location: server, table: "lonely_psu_remove")
    await #expect(throws: GroupSumsError.lonelyPSU(stratum: "L3", strataVariable: "stratum")) {
      try await table.proportions(of: ["support"], declaration: lonely)
    }
  }

  @Test func aLonelyPSUNamesTheTableAndKeepsItsRemedy() async throws {
    // A table has no line to name: the library's entry point puts the table and engine first.
    let lonely = DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu", lonelyPSU: .fail)
    let table = try DatabaseTable(location: testServer!, table: "lonely_psu_remove")
    let error = try await onOwnThread { () -> TableDataError? in
      do {
        _ = try table.proportionsWaiting(of: ["support"], declaration: lonely)
        return nil
      } catch let error as TableDataError { return error }
    }
    #expect(error?.description == "table 'lonely_psu_remove' in PostgreSQL: "
      + GroupSumsError.lonelyPSU(stratum: "L3", strataVariable: "stratum").description)
    #expect(error?.remedy == .lonelyPSUPolicy)
    #expect(error?.kind == .data)
  }
}
