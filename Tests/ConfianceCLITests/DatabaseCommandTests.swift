import Foundation
import Testing

/// `confiance estimate postgresql://… --table …`: the command passes the table to the library and
/// prints what a file would; other commands refuse a database without printing its password.
@Suite struct DatabaseCommandTests {
  static let server = ProcessInfo.processInfo.environment["CONFIANCE_TEST_POSTGRES_URL"]

  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func theDatabasePrintsTheFileJSON() throws {
    let design = ["--weight", "weight", "--strata", "region", "--psu", "point"]
    let estimate = ["--var", "concern_data_use", "--by", "age_band", "--ci", "beta", "--format", "json"] + design
    let database = try CommandLineRunner.run(["estimate", Self.server!, "--table", "example_privacy"] + estimate)
    let file = try CommandLineRunner.run(
      ["estimate", "surveys/example-privacy.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + estimate)
    #expect(database.status == 0, "\(database.standardError)")
    #expect(file.status == 0, "\(file.standardError)")
    // The same fields, in the same order; numbers to 1e-9 (sums added in another order).
    let databaseWords = database.standardOutput.split(whereSeparator: { " \n,:[]{}".contains($0) })
    let fileWords = file.standardOutput.split(whereSeparator: { " \n,:[]{}".contains($0) })
    #expect(databaseWords.count == fileWords.count)
    for (left, right) in zip(databaseWords, fileWords) where left != right {
      guard let a = Double(left), let b = Double(right) else {
        Issue.record("\(left) vs \(right)")
        continue
      }
      #expect(abs(a - b) <= 1e-9 * max(abs(b), 1e-6), "\(a) vs \(b)")
    }
  }

  @Test func otherCommandsRefuseADatabaseWithoutPrintingThePassword() throws {
    let result = try CommandLineRunner.run([
      "crosstab", "postgresql://ana:s3cret@127.0.0.1:1/surveys", "--row", "a", "--col", "b",
    ])
    #expect(result.status != 0)
    #expect(result.standardError.contains("only `confiance estimate` reads a postgresql:// table"))
    #expect(!result.standardError.contains("s3cret"))
  }

  @Test func aTableNeedsADatabase() throws {
    let result = try CommandLineRunner.run(["estimate", "surveys/example-privacy.csv", "--var", "sex", "--table", "t"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("--table goes with a postgresql:// input"))
  }

  @Test func anUnreachableServerIsOneSentence() throws {
    let result = try CommandLineRunner.run([
      "estimate", "postgresql://ana:s3cret@127.0.0.1:1/surveys", "--table", "t", "--var", "q", "--psu", "p",
    ])
    #expect(result.standardError == """
      confiance: error: no PostgreSQL server answers at 127.0.0.1:1 (connection refused). Check the host and port, \
      and that the server is running and accepts TCP connections.

      """)
    #expect(result.status == 1)
  }
}
