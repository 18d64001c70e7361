import Confiance

/// What a notebook's front matter declares for every cell: the survey file, its codebook, the
/// design, the raking targets, the language and the disclosure threshold.
struct NotebookContext {
  /// The notebook file, for messages and provenance.
  var notebook: String
  /// The survey file; cells do not name it.
  var survey: String
  /// The codebook file, when declared.
  var codebook: String?
  /// The design flags, when declared (`design: weight / strata / psu / fpc / lonely_psu`).
  var weight: String?
  var strata: String?
  var psu: String?
  var fpc: String?
  var lonelyPSU: LonelyPSUPolicy?
  /// The raking targets, when declared.
  var targets: String?
  /// The language of tables and charts.
  var language: ReportLanguage = .english
  /// Cells with fewer respondents than this are never printed.
  var minimumCellSize = 10
  /// The number of the cell being run (1-based), to name its charts.
  var cellNumber = 0
  /// The notebook's last heading before the cell, which titles its charts.
  var sectionTitle: String?
  /// What earlier cells already showed, shared by every cell of one rendering.
  var memory = NotebookMemory()

  /// Fills what the cell left unset from the front matter.
  func filling(_ input: InputOptions) -> InputOptions {
    var input = input
    if input.codebook == nil { input.codebook = codebook }
    return input
  }

  /// Fills the targets file from the front matter when the cell names none.
  func filling(_ raking: RakingOptions) -> RakingOptions {
    var raking = raking
    if raking.rakeTo == nil { raking.rakeTo = targets }
    return raking
  }

  /// Fills what the cell left unset from the front matter.
  func filling(_ design: DesignOptions) -> DesignOptions {
    var design = design
    if design.weight == nil { design.weight = weight }
    if design.strata == nil { design.strata = strata }
    if design.psu == nil { design.psu = psu }
    if design.fpc == nil { design.fpc = fpc }
    if design.lonelyPSU == nil { design.lonelyPSU = lonelyPSU }
    return design
  }
}

/// What the cells of one notebook share: the surveys already read, so that each file is read
/// once whatever the number of cells, and what was already shown (the table of a raking to the
/// same targets file).
final class NotebookMemory {
  /// The targets files whose raking table was shown.
  var describedTargets: Set<String> = []
  /// The surveys read, by file and load options (every column is read).
  private var surveys: [SurveyKey: Survey] = [:]

  private struct SurveyKey: Hashable {
    var path: String
    var options: SurveyLoadOptions
  }

  /// The survey at `path` read with `options` but every column, from memory after the first time.
  ///
  /// - Throws: the loader's errors, and for a column of `options.columns` the file lacks, the
  ///   error reading only that column would give.
  func survey(at path: String, options: SurveyLoadOptions) throws -> Survey {
    var every = options
    every.columns = nil
    let key = SurveyKey(path: path, options: every)
    let survey = try surveys[key] ?? Survey(contentsOf: path, options: every)
    surveys[key] = survey
    let columns = survey.origin.columnNames ?? survey.variableNames
    if let absent = options.columns?.first(where: { !survey.hasVariable(named: $0) }) {
      throw SurveyReadError.unknownColumn(
        file: path, name: absent, suggestion: closestName(to: absent, among: columns), available: columns)
    }
    return survey
  }
}
