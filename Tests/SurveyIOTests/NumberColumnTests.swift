import SurveyStatistics
import Testing

@testable import SurveyIO

/// Columns read straight into numbers (asked to be numeric, or switching on their own past 1000
/// distinct numbers) store exactly what dictionary encoding would have stored, whatever the parts.
@Suite("Columns read as numbers")
struct NumberColumnTests {
  /// A file with an `id` column of distinct numbers and a `code` column, `rows` rows, the row
  /// numbered `special` holding `specialValue` in both columns.
  static func file(rows: Int, special: Int = -1, specialValue: String = "") -> String {
    var text = "id,code\n"
    for row in 0..<rows {
      let value = row == special ? specialValue : "\(row * 7 % rows).\(row % 10)0"
      text += "\(value),\(row == special ? specialValue : "c\(row % 3)")\n"
    }
    return text
  }

  static func read(_ path: String, parts: Int, numeric: Set<String> = []) throws -> ParsedTable {
    var options = CSVReadOptions(numericColumns: numeric)
    options.threadCount = 2
    return try CSVReader(path: path, options: options, partCount: parts, partChunkSize: 4096).read()
  }

  @Test("more than 1000 distinct numbers: numeric, without being asked", arguments: [1, 3, 7])
  func switchesToNumbers(parts: Int) throws {
    let path = try Fixtures.write(Self.file(rows: 5000))
    let table = try Self.read(path, parts: parts)
    guard case .numeric(let ids) = table.variables[0].values else {
      Issue.record("id should be numeric")
      return
    }
    #expect(ids.values.count == 5000)
    #expect(ids.values[3] == 21.3)
    #expect(ids.values[4999] == Double("\(4999 * 7 % 5000).90"))
    #expect(!ids.isMissing.contains(true))
    guard case .categorical(let codes) = table.variables[1].values else {
      Issue.record("code should be categorical")
      return
    }
    #expect(codes.levels == ["c0", "c1", "c2"])
  }

  @Test(
    "text after the switch: categorical, every value as written",
    arguments: [("NA", 4000), ("0042", 4500), ("NA", 1200), ("abc", 10)])
  func textAfterSwitch(value: String, row: Int) throws {
    let path = try Fixtures.write(Self.file(rows: 5000, special: row, specialValue: value))
    for parts in [1, 4] {
      let table = try Self.read(path, parts: parts)
      guard case .categorical(let ids) = table.variables[0].values else {
        Issue.record("id should be categorical (\(parts) parts)")
        continue
      }
      #expect(ids.value(at: row) == value)
      #expect(ids.value(at: 1) == "7.10")  // trailing zero kept: the text, not the number
      #expect(ids.levels.count == 5000)
      #expect(ids.levels.first == "0.00")
    }
  }

  @Test("numbers written otherwise after the switch are still numbers")
  func otherNumberForms() throws {
    var text = Self.file(rows: 3000)
    text += "1e3,c0\n -2.5 ,c1\n\"7\",c2\n,c0\n"
    let path = try Fixtures.write(text)
    for parts in [1, 5] {
      let table = try Self.read(path, parts: parts)
      guard case .numeric(let ids) = table.variables[0].values else {
        Issue.record("id should be numeric (\(parts) parts)")
        continue
      }
      #expect(Array(ids.values.suffix(4).prefix(3)) == [1000, -2.5, 7])
      #expect(ids.isMissing.last == true)
    }
  }

  @Test("a column asked to be numeric keeps leading zeros as numbers, in every part")
  func requestedNumericWithLeadingZeros() throws {
    var text = "weight\n"
    for row in 0..<3000 { text += row % 100 == 0 ? "007\n" : "\(row).5\n" }
    let path = try Fixtures.write(text)
    for parts in [1, 4] {
      let table = try Self.read(path, parts: parts, numeric: ["weight"])
      guard case .numeric(let weights) = table.variables[0].values else {
        Issue.record("weight should be numeric (\(parts) parts)")
        continue
      }
      #expect(weights.values[0] == 7)
      #expect(weights.values[1] == 1.5)
    }
  }

  @Test("a column that switched in some parts only")
  func switchedInSomeParts() throws {
    var text = "id\n"
    for _ in 0..<3000 { text += "5\n" }  // the first parts see one value
    for row in 0..<6000 { text += "\(row + 10)\n" }  // the last ones more than 1000
    let path = try Fixtures.write(text)
    let table = try Self.read(path, parts: 4)
    guard case .numeric(let ids) = table.variables[0].values else {
      Issue.record("id should be numeric")
      return
    }
    #expect(ids.values.prefix(3000).allSatisfy { $0 == 5 })
    #expect(ids.values[3000] == 10)
    #expect(ids.values.last == 6009)
  }
}
