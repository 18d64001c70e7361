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

  func run() throws {
    print(try output(), terminator: "")
  }

  /// What the command prints.
  func output() throws -> String {
    let survey = try Survey(contentsOf: input.file, options: input.loadOptions(design: DesignOptions.parse([]), columns: nil, margins: nil))
    return VariableDescription.describe(survey, maxCategories: maxCategories)
  }
}

/// The text of `confiance describe`.
enum VariableDescription {
  static func describe(_ survey: Survey, maxCategories: Int) -> String {
    var text = "\(survey.origin.file ?? "survey"): \(survey.respondentCount) respondents, \(survey.variables.count) variables\n"
    for variable in survey.variables {
      text += "\n\(variable.name)  [\(variable.measurement.rawValue)]"
      text += "  missing: \(variable.missingCount)\n"
      if let label = variable.label { text += "  \(label)\n" }
      switch (variable.measurement, variable.values) {
      case (.identifier, _):
        text += "  (identifier: values are never shown)\n"
      case (_, .numeric(let numeric)):
        let present = numeric.values.indices.filter { !numeric.isMissing[$0] }.map { numeric.values[$0] }
        if let low = present.min(), let high = present.max() {
          let mean = present.reduce(0, +) / Double(present.count)
          text += "  numeric: min \(fixed(low, digits: 4)), mean \(fixed(mean, digits: 4)), max \(fixed(high, digits: 4))\n"
        }
      case (_, .categorical(let categorical)):
        let counts = categorical.levelCounts()
        let shown = categorical.sortedLevelIndices().filter { counts[$0] > 0 }
        for level in shown.prefix(maxCategories) {
          let value = categorical.levels[level]
          let label = variable.label(ofCategory: value).map { "  \($0)" } ?? ""
          text += "  \(value.padding(toLength: max(8, value.count), withPad: " ", startingAt: 0)) \(String(counts[level]).leftPadded(to: 7))\(label)\n"
        }
        if shown.count > maxCategories { text += "  … \(shown.count - maxCategories) more categories\n" }
      }
    }
    return text
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
