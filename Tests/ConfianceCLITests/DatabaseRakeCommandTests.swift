import Foundation
import ScratchFolders
import Testing

/// `confiance rake postgresql://… --table …` and `confiance rake sc://… --table …`: the JSON of the
/// file's `rake --format json` (its weight diagnostics and margins; the output block says what was
/// written), and a factors file whose factor is, for every row of the file's raked copy, its raked
/// weight ÷ base weight.
@Suite struct DatabaseRakeCommandTests {
  static let fixtures = "Tests/SurveyStatisticsTests/Fixtures/raking/"
  static let arguments = ["--targets", fixtures + "clustered-targets.csv", "--weight", "w", "--format", "json"]

  /// A CSV line's fields (the fixture's values hold no comma), without their quotes.
  func fields(_ line: Substring) -> [String] {
    line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: ["\""]) }
  }

  /// Rakes the table at `location` and the fixture's file, and compares what they print and write.
  func expectTheFileRaking(location: String, table: String) throws {
    let folder = try ScratchFolder.make("DatabaseRake")
    defer { try? FileManager.default.removeItem(at: folder) }
    let copy = folder.appendingPathComponent("copy.csv").path, factors = folder.appendingPathComponent("factors.csv").path
    let file = try CommandLineRunner.run(["rake", Self.fixtures + "clustered.csv", "--out", copy] + Self.arguments)
    let database = try CommandLineRunner.run(["rake", location, "--table", table, "--out", factors] + Self.arguments)
    #expect(file.status == 0 && database.status == 0, "\(file.standardError) \(database.standardError)")
    func members(_ text: String) throws -> [String: Any] {
      var members = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
      for noise in ["output", "last_change", "largest_distances"] { members[noise] = nil }
      return members
    }
    try expectSameNumbers(members(database.standardOutput), members(file.standardOutput), "rake")
    // Every row's raked ÷ base weight is its cell's factor.
    let factorLines = try String(contentsOfFile: factors, encoding: .utf8).split(separator: "\n")
    let header = fields(factorLines[0])
    let variables = Array(header.dropLast(2))
    #expect(header.suffix(2) == ["factor", "raked_weight_total"])
    var factorOfCell: [[String]: Double] = [:]
    for line in factorLines.dropFirst() {
      let values = fields(line)
      factorOfCell[Array(values.prefix(variables.count))] = Double(values[variables.count])
    }
    let rows = try String(contentsOfFile: copy, encoding: .utf8).split(separator: "\n")
    let columns = fields(rows[0])
    let positions = variables.map { columns.firstIndex(of: $0)! }
    let (weight, raked) = (columns.firstIndex(of: "w")!, columns.firstIndex(of: "raked_weight")!)
    var largest = 0.0
    for row in rows.dropFirst() {
      let values = fields(row)
      let factor = factorOfCell[positions.map { values[$0] }] ?? .nan
      let ratio = Double(values[raked])! / Double(values[weight])!
      largest = max(largest, factor == ratio ? 0 : abs(factor - ratio) / ratio)
    }
    #expect(largest <= 1e-12, "factors vs the raked copy: \(largest)")
  }

  /// The same keys and values, numbers to 1e-9 relative (sums added in another order).
  func expectSameNumbers(_ actual: Any, _ expected: Any, _ path: String) {
    switch (actual, expected) {
    case (let a as [String: Any], let e as [String: Any]):
      #expect(Set(a.keys) == Set(e.keys), "\(path): keys")
      for (key, value) in e { if let other = a[key] { expectSameNumbers(other, value, path + "." + key) } }
    case (let a as [Any], let e as [Any]):
      #expect(a.count == e.count, "\(path): count")
      for (index, (left, right)) in zip(a, e).enumerated() { expectSameNumbers(left, right, path + "[\(index)]") }
    case (let a as NSNumber, let e as NSNumber):
      #expect(abs(a.doubleValue - e.doubleValue) <= 1e-9 * max(abs(e.doubleValue), 1e-6), "\(path): \(a) vs \(e)")
    default:
      #expect("\(actual)" == "\(expected)", "\(path)")
    }
  }

  @Test(.enabled(if: DatabaseCommandTests.server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func postgreSQLWritesTheFilesFactors() throws {
    try expectTheFileRaking(location: DatabaseCommandTests.server!, table: "raking_clustered_raked")
  }

  @Test(.enabled(if: DatabaseCommandTests.sparkServer != nil, "needs CONFIANCE_TEST_SPARK_URL"))
  func sparkWritesTheFilesFactors() throws {
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    try expectTheFileRaking(location: DatabaseCommandTests.sparkServer!, table: "parquet.`\(folder)/raking_clustered_raked.parquet`")
  }
}
