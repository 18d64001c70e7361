import Confiance

/// What every cell of a notebook runs with: the front matter's settings (read as
/// `context.survey`, `context.language`…), the cell's number and section, and what earlier cells
/// already read and showed.
@dynamicMemberLookup
struct NotebookContext {
  /// The notebook file, for messages and provenance.
  var notebook: String
  /// The front matter's survey, design, targets, language and disclosure threshold.
  var settings: NotebookSettings
  /// The number of the cell being run (1-based), to name its charts.
  var cellNumber = 0
  /// The notebook's last heading before the cell, which titles its charts.
  var sectionTitle: String?
  /// What earlier cells already showed, shared by every cell of one rendering.
  var memory = NotebookMemory()

  subscript<Value>(dynamicMember keyPath: KeyPath<NotebookSettings, Value>) -> Value { settings[keyPath: keyPath] }

  /// Fills what the cell left unset from the front matter.
  func filling(_ input: InputOptions) -> InputOptions {
    var input = input
    if input.codebook == nil { input.codebook = settings.codebook }
    return input
  }

  /// Fills the targets file from the front matter when the cell names none.
  func filling(_ raking: RakingOptions) -> RakingOptions {
    var raking = raking
    if raking.rakeTo == nil { raking.rakeTo = settings.targets }
    return raking
  }

  /// Fills what the cell left unset from the front matter.
  func filling(_ design: DesignOptions) -> DesignOptions {
    var design = design
    if design.weight == nil { design.weight = settings.weight }
    if design.strata == nil { design.strata = settings.strata }
    if design.psu == nil { design.psu = settings.psu }
    if design.fpc == nil { design.fpc = settings.fpc }
    if design.lonelyPSU == nil { design.lonelyPSU = settings.lonelyPSU }
    let replicates = settings.replicates
    if design.replicateWeights == nil { design.replicateWeights = replicates.columns }
    if design.replicateType == nil { design.replicateType = replicates.type }
    if design.fayRho == nil { design.fayRho = replicates.fayRho }
    if design.replicateScale == nil { design.replicateScale = replicates.scale }
    if design.replicateRscales == nil { design.replicateRscales = replicates.replicateScales?.map { "\($0)" }.joined(separator: ",") }
    if design.mse == nil { design.mse = replicates.meanSquaredError }
    if design.replicates == nil { design.replicates = replicates.created }
    if design.replicateCount == nil { design.replicateCount = replicates.count }
    if design.seed == nil { design.seed = replicates.seed }
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
