import ArgumentParser
import Foundation
import Confiance

/// The `confiance` command: parses the words, runs the subcommand, and turns errors into
/// one readable sentence on standard error with the exit codes of sysexits(3).
@main
struct ConfianceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "confiance",
    abstract: "Design-based estimates for surveys of how people feel about their personal data.",
    discussion: """
      Point confiance at a survey file (CSV with a header row, SPSS .sav/.zsav or Stata .dta), declare how the sample was drawn, and get weighted estimates with confidence intervals that match R's survey package.

      Examples (on the shipped synthetic survey):
        confiance describe surveys/example-privacy.csv
        confiance estimate surveys/example-privacy.csv --var concern_data_use
        confiance estimate surveys/example-privacy.csv --var protect_cookies \\
          --by age_band --ci beta --format json
        confiance mean surveys/privacy-france-2025.csv --var age --by region

      The design (--weight, --strata, --psu, --fpc; replicate weights with --replicate-weights or --replicates) comes from the flags or from the codebook next to the file (survey.codebook.yaml).

      Exit status: 0 success, 64 usage error, 65 bad input data, 73 output file not written, 1 other.
      """,
    version: confianceVersion,
    subcommands: [
      Estimate.self, Gap.self, CrossTabCommand.self, ScaleCommand.self, MeanCommand.self, TotalCommand.self,
      RatioCommand.self, QuantileCommand.self, ModelCommand.self, Describe.self, Rake.self, CodebookCommand.self,
      ReportCommand.self, Render.self, ScriptCommand.self,
    ]
  )

  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as any ConfianceError {
      printError(commandLineMessage(for: error))
      Foundation.exit(error.kind.exitStatus)
    } catch {
      exit(withError: error)
    }
  }
}

/// The version printed by `--version` and written into reports.
let confianceVersion = "0.1.0"
