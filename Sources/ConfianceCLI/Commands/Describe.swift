import ArgumentParser
import Confiance

/// `confiance describe`: what is in a survey file.
struct Describe: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List each variable: its type, question text, categories with counts, and missing values.",
    discussion: """
      Use it first on a new file: it shows the column names, how confiance reads each column, which values are missing, and whether the codebook matches the data. Identifier columns are listed without their values.

      Examples:
        confiance describe survey.csv
        confiance describe survey.csv --codebook survey.codebook.yaml --missing 99
      """
  )

  @OptionGroup var input: InputOptions

  @Option(help: ArgumentHelp("Show at most this many categories per variable.", valueName: "count"))
  var maxCategories = 20

  func run() throws { print(try output(), terminator: "") }

  /// What the command prints.
  func output() throws -> String {
    let survey = try Survey(contentsOf: input.file, options: input.loadOptions(design: DesignOverrides(), columns: nil, margins: nil))
    return survey.variableCatalogue(maxCategories: maxCategories)
  }
}
