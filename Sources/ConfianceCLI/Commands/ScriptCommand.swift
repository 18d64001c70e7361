import ArgumentParser
import Confiance

/// `confiance script`: runs a Swift file that does `import Confiance`, as `Rscript` runs an R file.
struct ScriptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "script",
    abstract: "Run a Swift script that does `import Confiance`, without making a package (as Rscript runs an R script).",
    discussion: """
      Write analysis.swift:

        import Confiance

        // The codebook next to the file gives labels, missing codes and the design.
        let survey = try Survey(contentsOf: "surveys/privacy-france-2025.csv")
        let shares = try survey.design().proportions(of: "gdpr_heard")
        print(shares)                       // the table `confiance estimate` prints
        for share in shares {
          print(share.category, share.estimate, share.standardError)
        }

      and run it from the confiance package folder:
        swift build
        swift run confiance script analysis.swift

      `swift build` (all products, not `--product confiance`) also builds libConfianceDynamic.so next to the confiance executable, in .build/debug; run it again after changing Confiance's sources. The script runs in the Swift interpreter against that library: `.build/debug/confiance script analysis.swift` takes about a second, without swift run's build check. For the optimised build: `swift build -c release`, then `.build/release/confiance script analysis.swift`. Arguments after the file name reach the script in CommandLine.arguments. The exit status is the script's: 1 when it stops with an error. A longer example: surveys/analysis-example.swift.
      """
  )

  @Argument(help: ArgumentHelp("The Swift script to run.", valueName: "file.swift"))
  var file: String

  @Argument(parsing: .captureForPassthrough, help: "Arguments for the script.")
  var arguments: [String] = []

  func run() throws {
    switch try ScriptInterpreter.run(script: file, arguments: arguments) {
    case .exited(0): return
    case .exited(let status): throw ExitCode(status)
    // A Swift runtime trap (an uncaught error, a failed precondition) stops the script with an error.
    case .trapped: throw ExitCode.failure
    case .signalled(let signal): throw ExitCode(128 + signal)
    }
  }
}
