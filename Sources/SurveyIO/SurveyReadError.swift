package import SurveyStatistics

/// A survey file (CSV, SPSS or Stata) that cannot be read as a survey.
///
/// Every message names the file, the 1-based line (the header is line 1) and the column where
/// that applies, says what is wrong, and what to do:
///
/// ```
/// responses.csv:14: this row has 5 fields but the header has 4 columns. …
/// ```
public enum SurveyReadError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file could not be opened.
  case cannotOpen(file: String, reason: String)
  /// Reading the file failed part-way.
  case cannotRead(file: String, reason: String)
  /// The file became shorter while it was being read (another program is writing it).
  case fileChangedWhileReading(file: String)
  /// The file became longer while it was being read (another program is still writing it).
  case fileGrewWhileReading(file: String)
  /// The file holds no header row (it is empty or blank).
  case emptyFile(file: String)
  /// The file holds a header row but no data rows.
  case noDataRows(file: String)
  /// A file with a UTF-16 byte order mark holds a lone surrogate, or ends in the middle of a character.
  case invalidUTF16(file: String, line: Int)
  /// Header columns without a name, by 1-based position.
  case emptyColumnNames(file: String, positions: [Int])
  /// Names that appear more than once in the header, in header order.
  case duplicateColumnNames(file: String, names: [String])
  /// A column asked for in ``CSVReadOptions/columns`` that the header does not have.
  case unknownColumn(file: String, name: String, suggestion: String?, available: [String])
  /// A row whose number of fields differs from the header's.
  case wrongFieldCount(file: String, line: Int, expected: Int, found: Int)
  /// A double quote inside a field that does not start with a quote.
  case quoteInUnquotedField(file: String, line: Int, column: CSVColumn)
  /// Text after the closing quote of a quoted field that starts on `fieldStartLine`.
  case textAfterClosingQuote(file: String, line: Int, column: CSVColumn, fieldStartLine: Int)
  /// A quoted field, starting on `line`, whose closing quote never comes.
  case unterminatedQuote(file: String, line: Int, column: CSVColumn)
  /// A NUL byte, which a text file never holds.
  case nulByte(file: String, line: Int, column: CSVColumn)
  /// Bytes that are not UTF-8 although the encoding was set to ``TextEncodingChoice/utf8``.
  case invalidUTF8(file: String, line: Int, column: CSVColumn)
  /// The CSV parser ran out of memory (a field larger than memory).
  case parserFailure(file: String, line: Int, reason: String)
  /// An SPSS or Stata file that defines variables but holds no cases.
  case noCases(file: String, format: SurveyFileFormat, variableCount: Int)
  /// A file named like an SPSS or Stata file (by its extension) that does not start like one.
  case notAStatisticalFile(file: String, expected: SurveyFileFormat)
  /// A kind of file that holds no survey table Confiance can read directly (a spreadsheet, a
  /// compressed file, a PDF).
  case unsupportedFileType(file: String, kind: String, advice: String)
  /// An SPSS or Stata file that ReadStat cannot read: damaged, cut short, or using a feature it
  /// does not support; `reason` is ReadStat's explanation.
  case unreadableStatisticalFile(file: String, format: SurveyFileFormat, reason: String)

  /// A readable sentence with location and advice.
  public var description: String {
    switch self {
    case .cannotOpen(let file, let reason):
      return "\(file): cannot open the file (\(reason)). Check the path, and that you are allowed to read the file."
    case .cannotRead(let file, let reason):
      return "\(file): reading the file failed (\(reason)). Check that the file is complete and readable."
    case .fileChangedWhileReading(let file):
      return "\(file): the file became shorter while it was being read, so another program is writing "
        + "or replacing it. Wait until that program has finished (or work on a copy), then run the command again."
    case .fileGrewWhileReading(let file):
      return "\(file): the file became longer while it was being read, so another program is still writing it "
        + "(an export or a download that has not finished?). Wait until that program has finished (or work on "
        + "a copy), then run the command again."
    case .emptyFile(let file):
      return "\(file): the file is empty, so it has no header row. A survey file needs a header row "
        + "with the column names, then one row per respondent."
    case .noDataRows(let file):
      return "\(file):1: the file has a header row but no data rows, so the survey has no respondents. "
        + "Check that this is the right file and that it was exported completely."
    case .invalidUTF16(let file, let line):
      return "\(file):\(line): the file starts as UTF-16 text (\"Unicode text\") but this line holds bytes that "
        + "are not UTF-16: the file is damaged or was cut short. Export it again, preferably as CSV UTF-8."
    case .emptyColumnNames(let file, let positions):
      let which = positions.map(String.init).joined(separator: ", ")
      return "\(file):1: \(positions.count == 1 ? "column \(which) has" : "columns \(which) have") no name in the header. "
        + "Give every column a name; if the header ends with a delimiter, remove it."
    case .duplicateColumnNames(let file, let names):
      let quoted = names.map { "'\($0)'" }.joined(separator: ", ")
      return "\(file):1: \(names.count == 1 ? "the column name \(quoted) appears" : "the column names \(quoted) appear") "
        + "more than once in the header. Rename the columns so that every name is unique."
    case .unknownColumn(let file, let name, let suggestion, let available):
      var text = "\(file):1: there is no column named '\(name)' in the header."
      if let suggestion { text += " Did you mean '\(suggestion)'?" }
      let shown = available.prefix(12).joined(separator: ", ")
      text += " The columns are: \(shown)\(available.count > 12 ? ", …" : "")."
      if available.count == 1, let separator = [",", ";", "\t"].first(where: { available[0].contains($0) }) {
        let named = separator == "\t" ? "tab" : separator
        text += " The header is read as a single column, but it holds '\(named)': the separator is probably '\(named)'."
      }
      return text
    case .wrongFieldCount(let file, let line, let expected, let found):
      return "\(file):\(line): this row has \(found) \(found == 1 ? "field" : "fields") but the header has \(expected) "
        + "\(expected == 1 ? "column" : "columns"). Put values that contain the delimiter in double quotes, "
        + "and add or remove delimiters so that every row has \(expected) \(expected == 1 ? "field" : "fields")."
    case .quoteInUnquotedField(let file, let line, let column):
      return "\(file):\(line): \(column): a double quote appears inside a value that does not start with one. "
        + "Put the whole value in double quotes and write each quote inside it twice (\"\"), or remove the quote."
    case .textAfterClosingQuote(let file, let line, let column, let fieldStartLine):
      let start = fieldStartLine == line ? "" : " (the value starts on line \(fieldStartLine))"
      return "\(file):\(line): \(column): text follows the closing quote of a quoted value\(start). "
        + "Inside a quoted value, write each quote twice (\"\")."
    case .unterminatedQuote(let file, let line, let column):
      return "\(file):\(line): \(column): the quoted value that starts on this line is never closed: "
        + "the file ends before its closing quote. Add the missing closing quote (\"), "
        + "or write a quote that belongs to the value twice (\"\")."
    case .nulByte(let file, let line, let column):
      return "\(file):\(line): \(column): the file contains a NUL byte, so it is not a plain-text CSV file. "
        + "If it was saved as UTF-16 (\"Unicode text\"), save it as CSV UTF-8; otherwise remove the NUL characters."
    case .invalidUTF8(let file, let line, let column):
      return "\(file):\(line): \(column): the text is not valid UTF-8. The file is probably in Windows-1252 "
        + "(Excel's \"CSV\" format on a French system): read it with the encoding windows-1252, "
        + "or let the encoding be detected automatically."
    case .noCases(let file, let format, let variableCount):
      return "\(file): the \(format.displayName) file defines \(variableCount) \(variableCount == 1 ? "variable" : "variables") "
        + "but holds no cases, so the survey has no respondents. Check that this is the right file and that it was "
        + "saved after the data were loaded."
    case .notAStatisticalFile(let file, let expected):
      return "\(file): the file is named like a \(expected.displayName) file but does not start like one, "
        + "so it is not one (a web page saved in place of a download, or a renamed file?). "
        + "Download or export it again, or give it the extension of what it really holds (.csv for text)."
    case .unsupportedFileType(let file, let kind, let advice):
      return "\(file): the file is \(kind), not a survey table Confiance can read (CSV, SPSS .sav/.zsav, Stata .dta). "
        + "\(advice)."
    case .unreadableStatisticalFile(let file, let format, let reason):
      return "\(file): cannot read this \(format.displayName) file (\(reason)). It is damaged, cut short, or uses a "
        + "feature ReadStat does not support: check that it opens in SPSS, PSPP or Stata, and export it again "
        + "(as .sav, .dta or CSV UTF-8)."
    case .parserFailure(let file, let line, let reason):
      return "\(file):\(line): the CSV parser failed (\(reason)). A field this large usually means a quote is "
        + "never closed; check the quotes from this line on."
    }
  }
}

/// A column of a CSV file, by position and, once the header has been read, by name.
public struct CSVColumn: Sendable, Hashable, CustomStringConvertible {
  /// The 1-based position of the column in the row.
  package var position: Int
  /// The column's name in the header; `nil` on the header line itself, or beyond the last column.
  package var name: String?

  /// Creates a column reference.
  package init(position: Int, name: String?) {
    self.position = position
    self.name = name
  }

  /// `column 'weight'`, or `column 3` when the name is unknown.
  public var description: String {
    if let name { return "column '\(name)'" }
    return "column \(position)"
  }
}

extension SurveyReadError: ConfianceError {
  /// Always ``ErrorKind/data``: the file cannot be read as a survey.
  package var kind: ErrorKind { .data }
  /// The separator to name, when the header reads as one column holding another separator.
  package var remedy: Remedy? {
    guard case .unknownColumn(_, _, _, let available) = self, available.count == 1,
      let separator = [",", ";", "\t"].first(where: { available[0].contains($0) })
    else { return nil }
    return .delimiter(separator == "\t" ? "tab" : separator)
  }
}
