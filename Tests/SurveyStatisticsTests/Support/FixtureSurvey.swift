import Foundation
import SurveyStatistics

/// The fixture CSV files of this target as surveys, without SurveyIO (and so without libcsv): the
/// statistics are tested on exactly the survey that `Survey(csvFile:options:)` builds from these
/// files.
///
/// The fixtures are written by R's `write.csv` (or by hand for targets files): a header row, `,`
/// between fields, RFC 4180 quotes (a quote inside a quoted value is written twice), UTF-8. This
/// reader follows `Survey(csvFile:)` on such files:
/// - line ends `\n`, `\r\n` or `\r`; blank lines skipped; a leading byte-order mark dropped;
/// - spaces and tabs around a value outside quotes dropped; an empty value, or one of only spaces
///   and tabs, is missing;
/// - a column is numeric when every value is a number and it is listed in `numericColumns` (weights,
///   finite population corrections), or when it has more than 1000 distinct values, none written
///   with a leading zero (`007`); every other column is categorical, with its levels in order of
///   first appearance in the file (which orders categories in some outputs);
/// - the origin names the file, as `Survey(csvFile:)` does for a file whose rows start on lines
///   2, 3, …
///
/// It does not detect delimiters or encodings, read decimal commas, or report a malformed file
/// with advice: the fixtures need none of that.
extension Survey {
  init(fixtureCSV path: String, numericColumns: Set<String> = []) throws {
    let table = try FixtureCSV(path: path)
    let variables = table.header.indices.map { column in
      let fields = table.rows.map { $0[column] }
      let name = table.header[column]
      let distinct = Set(fields.compactMap { $0 })
      let isRequested = numericColumns.contains(name)
      if isRequested || distinct.count > FixtureCSV.automaticNumericLevelCount,
        distinct.allSatisfy({ FixtureCSV.number($0) != nil && (isRequested || !FixtureCSV.hasLeadingZero($0)) })
      {
        return Variable(name: name, numbers: fields.map { $0.flatMap(FixtureCSV.number) })
      }
      return Variable(name: name, categories: fields)
    }
    let lineNumbers = table.lineNumbers.enumerated().allSatisfy { $0.element == $0.offset + 2 } ? nil : table.lineNumbers
    try self.init(variables: variables, origin: DataOrigin(file: path, lineNumbers: lineNumbers))
  }
}

/// A fixture CSV file split into a header and rows of fields (`nil` for a missing value).
struct FixtureCSV {
  let header: [String]
  let rows: [[String?]]
  /// The line on which each row starts.
  let lineNumbers: [Int]

  /// More distinct values than this, all numbers, make a column numeric without being asked
  /// (`CSVReadOptions.numericColumns` documents the same rule).
  static let automaticNumericLevelCount = 1000

  init(path: String) throws {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let records = try Self.records(Array(text.unicodeScalars), file: path)
    guard let first = records.first else { throw FixtureCSVError.noHeader(file: path) }
    header = first.fields.map { $0 ?? "" }
    for record in records.dropFirst() where record.fields.count != header.count {
      throw FixtureCSVError.fieldCount(file: path, line: record.line, expected: header.count, found: record.fields.count)
    }
    rows = records.dropFirst().map(\.fields)
    lineNumbers = records.dropFirst().map(\.line)
  }

  /// The records of the file, each with the line it starts on; blank lines are skipped.
  private static func records(_ scalars: [Unicode.Scalar], file: String) throws -> [(line: Int, fields: [String?])] {
    var records: [(line: Int, fields: [String?])] = []
    var index = 0, line = 1
    func skipSpaces() {
      while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }
    func isFieldEnd(_ index: Int) -> Bool {
      index == scalars.count || scalars[index] == "," || scalars[index] == "\n" || scalars[index] == "\r"
    }
    while index < scalars.count {
      let recordLine = line, recordStart = index
      var fields: [String?] = []
      while true {
        var text = String.UnicodeScalarView()
        skipSpaces()
        let isQuoted = index < scalars.count && scalars[index] == "\""
        if isQuoted {
          // A quoted value: everything up to the closing quote, `""` standing for one quote.
          index += 1
          while true {
            guard index < scalars.count else { throw FixtureCSVError.unterminatedQuote(file: file, line: recordLine) }
            let scalar = scalars[index]
            index += 1
            if scalar == "\"" {
              guard index < scalars.count, scalars[index] == "\"" else { break }
              index += 1
            } else if scalar == "\n" || (scalar == "\r" && !(index < scalars.count && scalars[index] == "\n")) {
              line += 1
            }
            text.append(scalar)
          }
          skipSpaces()
          guard isFieldEnd(index) else { throw FixtureCSVError.textAfterQuote(file: file, line: line) }
        } else {
          while !isFieldEnd(index) {
            guard scalars[index] != "\"" else { throw FixtureCSVError.quoteInsideValue(file: file, line: line) }
            text.append(scalars[index])
            index += 1
          }
        }
        // Spaces inside quotes are kept; a value of only spaces is missing either way.
        let value = String(text), trimmed = String(value.trimmingSpacesAndTabs)
        fields.append(trimmed.isEmpty ? nil : isQuoted ? value : trimmed)
        guard index < scalars.count, scalars[index] == "," else { break }
        index += 1
      }
      let isBlankLine = fields == [nil] && scalars[recordStart..<index].allSatisfy { $0 == " " || $0 == "\t" }
      if index < scalars.count {
        if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
        index += 1
        line += 1
      }
      if !isBlankLine { records.append((recordLine, fields)) }
    }
    return records
  }

  /// The number written in `text` (sign, digits, decimal point, exponent, or NaN and infinities,
  /// after trimming spaces and tabs), or `nil`.
  static func number(_ text: String) -> Double? {
    let trimmed = text.trimmingSpacesAndTabs
    guard !trimmed.contains(where: { $0 == "x" || $0 == "X" }) else { return nil }
    return Double(trimmed)
  }

  /// Whether the value starts (after spaces and a sign) with a zero followed by a digit: a code
  /// such as `007` rather than a quantity.
  static func hasLeadingZero(_ text: String) -> Bool {
    var rest = text.trimmingSpacesAndTabs
    if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
    guard rest.first == "0", let second = rest.dropFirst().first else { return false }
    return second.isASCII && second.isNumber
  }
}

/// Why a fixture CSV file could not be read.
enum FixtureCSVError: Error, CustomStringConvertible {
  case noHeader(file: String)
  case fieldCount(file: String, line: Int, expected: Int, found: Int)
  case unterminatedQuote(file: String, line: Int)
  case textAfterQuote(file: String, line: Int)
  case quoteInsideValue(file: String, line: Int)

  var description: String {
    switch self {
    case .noHeader(let file):
      return "\(file) is empty: a fixture needs a header row."
    case .fieldCount(let file, let line, let expected, let found):
      return "\(file):\(line) has \(found) fields where the header has \(expected)."
    case .unterminatedQuote(let file, let line):
      return "\(file):\(line) opens a quote that is never closed."
    case .textAfterQuote(let file, let line):
      return "\(file):\(line) has text after a closing quote; write a quote inside a quoted value twice."
    case .quoteInsideValue(let file, let line):
      return "\(file):\(line) has a quote inside a value that is not quoted; quote the value and double the quote."
    }
  }
}

extension StringProtocol {
  /// The text without the spaces and tabs around it.
  var trimmingSpacesAndTabs: SubSequence {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let start = firstIndex(where: { !isBlank($0) }), let end = lastIndex(where: { !isBlank($0) }) else {
      return self[endIndex...]
    }
    return self[start...end]
  }
}
