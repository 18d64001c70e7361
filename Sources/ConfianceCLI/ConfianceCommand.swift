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
      Point confiance at a survey file (CSV, with a header row), declare how the sample was drawn,
      and get weighted estimates with confidence intervals that match R's survey package.

      Examples:
        confiance describe surveys/example.csv --codebook surveys/example.codebook.yaml
        confiance estimate surveys/example.csv --var concern --weight weight
        confiance estimate surveys/example.csv --var concern --by age_band \\
            --weight weight --strata region --psu point --format json

      Exit status: 0 success, 64 usage error, 65 bad input data, 1 anything else.
      """,
    version: confianceVersion,
    subcommands: [Estimate.self, Describe.self]
  )

  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error where isDataError(error) {
      printError(String(describing: error))
      Foundation.exit(dataErrorExitCode)
    } catch {
      exit(withError: error)
    }
  }
}

/// The version printed by `--version` and written into reports.
let confianceVersion = "0.1.0"
