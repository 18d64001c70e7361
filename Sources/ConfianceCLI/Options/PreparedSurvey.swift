import ArgumentParser
import Confiance
import SurveyDatabase

/// The survey a command analyses and its design, raked when asked: read with the library's loader
/// (once per notebook, whatever the number of cells), from the command's options and, in a
/// notebook, the front matter.
struct PreparedSurvey {
  var survey: Survey
  var design: SurveyDesign
  /// The targets file the design was raked to, if any.
  var targets: String?

  /// - Parameters:
  ///   - columns: the variables the command analyses; raking and design columns are added.
  ///   - numericColumns: those of `columns` read as numbers (a column with a value that is not a
  ///     number stays text, so that the estimator names the value and its line).
  init(
    input: InputOptions, design designOptions: DesignOptions, raking: RakingOptions, columns: [String],
    numericColumns: [String] = [], context: NotebookContext?
  ) throws {
    let raking = context?.filling(raking) ?? raking
    let input = context?.filling(input) ?? input
    let margins = try raking.margins()
    let overrides = context?.filling(designOptions.overrides) ?? designOptions.overrides
    var options = try input.loadOptions(design: overrides, columns: columns, margins: margins)
    options.reading.numericColumns.formUnion(numericColumns)
    survey = try context?.memory.surveys.survey(at: input.file, options: options)
      ?? Survey(contentsOf: input.file, options: options)
    let (raked, _) = try raking.apply(margins, to: survey.design())
    design = raked
    targets = raking.rakeTo
  }
}

/// A command whose result has one presentation (``Presentation``): printed in `--format`, and
/// shown in a notebook cell.
protocol PresentingCommand: ParsableCommand {
  /// The format of the command line.
  var format: OutputFormat { get }
  /// The result and the survey it was computed on; `context` is the notebook's in a cell.
  func result(context: NotebookContext?) throws -> (presentation: any Presentation, prepared: PreparedSurvey)
}

extension PresentingCommand {
  func run() throws {
    print(try output(), terminator: "")
  }

  /// Prints `estimate` of the postgresql:// or sc:// table the input names; for a file, ``output()``.
  func run(_ database: DatabaseOptions, _ input: InputOptions, _ raking: RakingOptions, _ estimate: (DatabaseTable) throws -> any Presentation) throws {
    guard let table = try database.table(input: input, raking: raking) else { return print(try output(), terminator: "") }
    print(try estimate(table).rendered(as: format), terminator: "")
  }

  /// What the command prints.
  func output() throws -> String {
    let (presentation, prepared) = try result(context: nil)
    return presentation.rendered(as: format, style: PresentationStyle(survey: prepared.survey))
  }
}
