package import SurveyStatistics

/// A survey file of any format Confiance reads — CSV, SPSS (`.sav`, `.zsav`) or Stata (`.dta`) —
/// with the codebook the file itself carries.
///
/// ```swift
/// let file = try SurveyFile(path: "eurobarometer.sav")
/// file.format                                  // .spss
/// file.codebook?.entry(named: "qa1")?.label    // "Êtes-vous inquiet … ?"
/// let survey = try file.survey.applying(file.codebook!)   // what Survey(file:) gives
/// ```
///
/// The format is recognised by the first bytes of the file, then by its extension
/// (``SurveyFileFormat/detect(path:)``).
package struct SurveyFile: Sendable {
  /// The values as stored in the file: SPSS user-missing values and Stata extended missing values
  /// are still values here; applying ``codebook`` makes them missing.
  package var survey: Survey
  /// What an SPSS or Stata file says about its variables: variable labels as question texts,
  /// value labels as category labels, user-missing and extended missing values as missing codes.
  /// `nil` for CSV, which carries no codebook.
  package var codebook: Codebook?
  /// The format the file was read as.
  package var format: SurveyFileFormat

  /// Reads a survey file.
  ///
  /// - Parameters:
  ///   - path: The file, named in messages as given.
  ///   - options: The columns to read and the numeric columns, for every format; the delimiter,
  ///     decimal comma and encoding for CSV (the encoding also for old SPSS and Stata files that
  ///     do not record theirs).
  /// - Throws: ``SurveyReadError``, ``SurveyError``.
  package init(path: String, options: CSVReadOptions = CSVReadOptions()) throws {
    format = try SurveyFileFormat.detect(path: path)
    switch format {
    case .csv:
      survey = try Survey(csvFile: path, options: options)
      codebook = nil
    case .spss, .spssCompressed, .stata:
      let table = try StatisticalFileReader(path: path, format: format, options: options).read()
      let origin = DataOrigin(
        file: path, columnNames: table.variables.count < table.columnNames.count ? table.columnNames : nil,
        rowLocation: .cases)
      survey = try Survey(variables: table.variables, origin: origin)
      codebook = table.codebook
    }
  }
}

extension Survey {
  /// Reads a survey from a CSV, SPSS (`.sav`, `.zsav`) or Stata (`.dta`) file, with the file's own
  /// codebook applied: labels, category labels, and SPSS user-missing and Stata extended missing
  /// values as missing.
  ///
  /// ```swift
  /// let survey = try Survey(file: "panel-wave3.dta", options: CSVReadOptions(numericColumns: ["weight"]))
  /// ```
  ///
  /// - Parameters:
  ///   - path: The file, named in messages as given.
  ///   - options: See ``SurveyFile/init(path:options:)``.
  /// - Throws: ``SurveyReadError``, ``SurveyError``.
  package init(file path: String, options: CSVReadOptions = CSVReadOptions()) throws {
    let file = try SurveyFile(path: path, options: options)
    if let codebook = file.codebook {
      self = try file.survey.applying(codebook)
    } else {
      self = file.survey
    }
  }
}
