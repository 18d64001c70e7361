package import SurveyStatistics

extension Survey {
  /// Reads a survey from a CSV file: a header row of column names, then one row per respondent.
  ///
  /// ```swift
  /// let survey = try Survey(csvFile: "responses.csv",
  ///                         options: CSVReadOptions(numericColumns: ["weight"]))
  /// survey.respondentCount  // 1204
  /// survey.origin.file      // "responses.csv"
  /// ```
  ///
  /// The file is streamed in 1 MiB chunks through libcsv in strict mode (RFC 4180 quoting: a quote
  /// inside a quoted value is written twice). A large file is cut into parts at line breaks, which
  /// are parsed at the same time on ``CSVReadOptions/threadCount`` threads; the survey is the same
  /// as from a front-to-back parse, and an error names the same line. Line breaks may be `\n`,
  /// `\r\n` or `\r`; blank lines are skipped. Spaces and tabs around unquoted values are dropped;
  /// an empty value, or one of only spaces, is missing. Columns not in
  /// ``CSVReadOptions/columns`` are skipped as they are parsed. A column listed in
  /// ``CSVReadOptions/numericColumns`` whose values are all numbers is stored as numbers, as is any
  /// column with more than 1000 distinct values that are all numbers written without leading
  /// zeros; the others are categorical, with levels in order of first appearance in the file.
  /// The survey's ``Survey/origin`` names the file and, when some row does not start on line
  /// `row + 2` (a quoted line break, a blank line), the line on which each row starts.
  ///
  /// - Parameters:
  ///   - path: The file to read, named as it should appear in messages.
  ///   - options: The delimiter, encoding, decimal separator and columns to read.
  /// - Throws: ``SurveyReadError`` for a file that cannot be read as a survey (with file, line,
  ///   column and advice).
  /// - Complexity: O(bytes in the file); memory O(rows × stored columns + distinct values), the
  ///   bytes of the file being read a chunk at a time.
  package init(csvFile path: String, options: CSVReadOptions = CSVReadOptions()) throws {
    let table = try CSVReader(path: path, options: options).read()
    let origin = DataOrigin(
      file: path, lineNumbers: table.lineNumbers,
      columnNames: table.variables.count < table.columnNames.count ? table.columnNames : nil)
    try self.init(variables: table.variables, origin: origin)
  }
}
