import ArgumentParser
import Confiance

/// `confiance codebook`: the codebook in force for a survey file, as YAML to edit.
struct CodebookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "codebook",
    abstract: "Write the codebook of a survey file as YAML, ready to edit and pass back with --codebook.",
    discussion: """
      For an SPSS or Stata file, the codebook the file carries: variable labels become question texts ('label'), value labels become category labels ('categories'), SPSS user-missing values and Stata extended missing values (.a to .z) become missing codes ('missing'; an SPSS range such as 8 THRU 9 is written as the values in it that occur in the data or have a label). Value labels such as "DK", "Don't know" or "Ne sait pas" become 'dont_know' codes (an answer, shown as its own row), "Refusal", "No answer" or "NA" 'refused' codes and "Inap." or "Not applicable" 'not_applicable' codes (both out of the base); a question whose text names its subject plainly gets a 'role' (trust, concern, behaviour…) marked as a draft. Check them. A codebook file next to the data (survey.codebook.yaml) or given with --codebook is laid over it: its entries replace the file's entry of the same variable, and its design block is kept.

      For a CSV file, the codebook file when there is one, and a 'type' for every other column, to fill in.

      Columns whose names look like identifiers (id, email, phone, name…) are written 'type: identifier': their values are never printed. Change the type if a column is not one.

      Examples:
        confiance codebook eurobarometer.sav > eurobarometer.codebook.yaml
        confiance codebook panel.dta --output panel.codebook.yaml --force
      """
  )

  @OptionGroup var input: InputOptions

  @Option(name: [.short, .long], help: ArgumentHelp(
    "Write the codebook to this file (all at once: no partial file is ever left) instead of standard output.",
    valueName: "file.yaml"))
  var output: String?

  @Flag(help: "Replace the --output file when it exists.")
  var force = false

  func run() throws {
    let text = try yaml()
    if let output {
      try AtomicFile.write(text, to: output, overwrite: force)
    } else {
      print(text, terminator: "")
    }
  }

  /// The YAML written.
  func yaml() throws -> String {
    try Survey(contentsOf: input.file, options: input.loadOptions(design: DesignOverrides(), columns: nil, margins: nil))
      .codebookDraftYAML()
  }
}
