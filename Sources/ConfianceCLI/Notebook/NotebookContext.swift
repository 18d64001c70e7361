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

  /// The cell's design options over the front matter's design.
  func filling(_ design: DesignOverrides) -> DesignOverrides {
    design.laid(over: DesignOverrides(
      weights: settings.weight, strata: settings.strata, clusters: settings.psu, fpc: settings.fpc,
      lonelyPSU: settings.lonelyPSU, replicates: settings.replicates))
  }
}

/// What the cells of one notebook share: the surveys already read (each file is read once
/// whatever the number of cells), and what was already shown (the table of a raking to the same
/// targets file).
final class NotebookMemory {
  /// The targets files whose raking table was shown.
  var describedTargets: Set<String> = []
  /// The surveys read.
  let surveys = SurveyCache()
}
