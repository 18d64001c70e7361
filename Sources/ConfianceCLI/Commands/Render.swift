import ArgumentParser
import Confiance
import Foundation

/// `confiance render`: runs a Markdown notebook and writes the report it makes.
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a Markdown notebook's confiance cells and write the resulting report.",
    discussion: """
      A notebook is Markdown with a front matter and fenced ```confiance cells, each line an ordinary command without the survey file, which the front matter names:

        ---
        survey: surveys/example-privacy.csv
        codebook: surveys/example-privacy.codebook.yaml
        design:
          weight: weight
          strata: region
          psu: point
        lang: en          # or fr
        min_cell: 10
        ---
        # Who is worried?

        ```confiance
        estimate --var concern_data_use --by age_band
        ```

      The prose is kept; each cell line is replaced by its tables and charts and a provenance comment. Charts go to a folder named after the report, next to it. Errors name the notebook line.

      Examples:
        confiance render notebooks-md/privacy-paradox.md
        confiance render notebooks-md/privacy-paradox.md --out reports/privacy-paradox.md --force
      """
  )

  @Argument(help: ArgumentHelp("The notebook to run.", valueName: "notebook.md"))
  var notebook: String

  @Option(help: ArgumentHelp("The report to write. Default: reports/NAME.md.", valueName: "file.md"))
  var out: String?

  @Flag(help: "Replace an existing report and its charts.")
  var force = false

  func validate() throws {
    if let out, !out.hasSuffix(".md") {
      throw ValidationError("--out \(out) should name a Markdown file ending in .md, e.g. reports/analysis.md.")
    }
  }

  var outputPath: String {
    out ?? "reports/" + URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent + ".md"
  }

  func run() throws {
    print(Report.writtenSummary(try makeReport().write(to: outputPath, replacingExisting: force)))
  }

  /// The rendered notebook.
  func makeReport() throws -> Report {
    try NotebookRunner(file: notebook, notebook: Notebook(contentsOf: notebook)).render()
  }
}
