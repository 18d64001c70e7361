import Foundation
import Glibc
@testable import SurveyDatabase
import Testing

/// One runner process answers query after query, says which ones failed and stays usable, and a
/// runner that has ended gives an answer instead of ending the tests with SIGPIPE.
@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkRunnerTests {
  let location: SparkLocation

  init() throws { location = try SparkLocation(url: sparkTestServer!) }

  @Test func oneProcessAnswersManyQueries() async throws {
    let location = location
    let runner = try await onOwnThread { try SparkRunnerProcess(location: location) }
    defer { runner.close() }
    guard case .rows(let first) = try await onOwnThread({ runner.answer("SELECT 1, CAST(2.50 AS DECIMAL(4,2)), NULL") }) else {
      Issue.record("the first query did not run")
      return
    }
    #expect(first == [["1", "2.50", nil]])
    guard case .failed(let status, let sentence) = try await onOwnThread({ runner.answer("SELECT * FROM no_such_table") }) else {
      Issue.record("a missing table was found")
      return
    }
    #expect(status == SparkRunner.Status.notFound.rawValue)
    #expect(sentence == "Spark has no table or view `no_such_table`.")
    guard case .failed(let emptyStatus, _) = try await onOwnThread({ runner.answer("  ") }) else {
      Issue.record("an empty query ran")
      return
    }
    #expect(emptyStatus == SparkRunner.Status.usage.rawValue)
    guard case .rows(let multiline) = try await onOwnThread({ runner.answer("SELECT id\nFROM range(3)\nORDER BY id") }) else {
      Issue.record("the query after two failures did not run")
      return
    }
    #expect(multiline == [["0"], ["1"], ["2"]])
    #expect(runner.isRunning)
  }

  @Test func anEndedRunnerIsAnAnswer() async throws {
    let location = location
    let runner = try await onOwnThread { try SparkRunnerProcess(location: location) }
    defer { runner.close() }
    kill(runner.processIdentifier, SIGKILL)
    while runner.isRunning { usleep(10_000) }
    for _ in 0..<2 {
      guard case .stopped = runner.answer("SELECT 1") else {
        Issue.record("a killed runner answered")
        return
      }
    }
  }

  @Test func thePoolGivesTheSameProcessBack() async throws {
    let (pool, location) = (SparkRunnerPool(), location)
    let runner = try await onOwnThread { try pool.runner(for: location) }
    pool.keep(runner, for: location)
    #expect(try pool.runner(for: location) === runner)
    #expect(try await onOwnThread { try pool.runner(for: location) } !== runner)  // taken: a second query gets its own
    pool.keep(runner, for: location)
    pool.closeAll()
    #expect(!runner.isRunning)
  }
}
