// Raking is SurveyStatistics', the copy of the file SurveyIO's, the report SurveyMarkdown's: a raked
// copy is made here, where the three meet.
package import SurveyStatistics
package import SurveyMarkdown
package import SurveyIO

extension WeightingReport {
  /// `survey`'s weights raked to `margins` (R's `rake()`), trimmed and raked again when asked (R's
  /// `trimWeights()`), and a copy of its CSV file `file` written to `destination` with the raked
  /// weights as a last column `weightColumn` and, for a replicate design, the raked replicate
  /// weights after it (`weightColumn_rep1`, …, analysis weights): the report of what was done.
  ///
  /// Only the weights matter for raking, and the replicates when there are: strata and PSUs serve
  /// only to create replicates. The copy keeps the file's bytes (``CSVColumnAppender``) and is
  /// written atomically; the input is never changed.
  ///
  /// - Throws: ``RakedCopyError`` for a file that is not CSV or already has `weightColumn`,
  ///   ``WeightingError`` from raking or trimming, ``CSVWriteError`` from writing.
  package init(
    rakingCopyOf survey: Survey, file: String, reading: CSVReadOptions, to margins: PopulationMargins,
    control: RakingControl, trimming: WeightTrimming?, rerake: Bool, maxRounds: Int,
    destination: String, weightColumn: String, replacingExisting: Bool
  ) throws {
    let format = try SurveyFileFormat.detect(path: file)
    guard format == .csv else { throw RakedCopyError.notCSV(file: file, format: format.displayName) }
    guard !(survey.origin.columnNames ?? survey.variableNames).contains(weightColumn) else {
      throw RakedCopyError.columnExists(weightColumn)
    }
    let declaration = survey.designDeclaration
    let base = declaration.replicates == nil ? try SurveyDesign(survey, weights: declaration.weights) : try survey.design()
    try self.init(raking: base, to: margins, control: control, trimming: trimming, rerake: rerake, maxRounds: maxRounds)
    output = (destination, weightColumn)
    input = file
    let raked = design!
    let replicates = replicateColumns.enumerated().map { ($1, raked.replicates!.weights(ofReplicate: $0)) }
    try CSVColumnAppender(input: file, options: reading)
      .write(columns: [(weightColumn, raked.weights)] + replicates, to: destination, replacingExisting: replacingExisting)
  }
}

/// A raked copy of a survey file that cannot be made.
package enum RakedCopyError: ConfianceError, Equatable {
  /// The survey file is not CSV (an SPSS or Stata file).
  case notCSV(file: String, format: String)
  /// The data already has a column of the new weights' name.
  case columnExists(String)

  /// A sentence for the researcher, with what to do.
  package var description: String {
    switch self {
    case .notCSV(let file, let format):
      return "a raked copy is a CSV file with the new weights added, and \(file) is a \(format) file. "
        + "Export it as CSV first, or estimate on it directly, raked to the targets."
    case .columnExists(let name):
      return "the data already has a column named '\(name)'. Choose another name for the new weights."
    }
  }

  /// ``ErrorKind/usage``: another name or another file fixes it.
  package var kind: ErrorKind { .usage }
  /// Another name for the new column.
  package var remedy: Remedy? {
    if case .columnExists = self { return .newColumnName }
    return nil
  }
}
