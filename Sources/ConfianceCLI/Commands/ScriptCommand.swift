import ArgumentParser
import Foundation

/// `confiance script`: runs a Swift file that does `import Confiance`, as `Rscript` runs an R file.
struct ScriptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "script",
    abstract: "Run a Swift script that does `import Confiance`, without making a package (as Rscript runs an R script).",
    discussion: """
      Write analysis.swift:

        import Confiance

        let survey = try Survey(csvFile: "surveys/privacy-france-2025.csv")
        let design = try SurveyDesign(
          survey, weights: "base_weight", strata: "region", clusters: "point")
        for estimate in try design.proportions(of: "gdpr_heard") {
          print(estimate.category, estimate.proportion, estimate.standardError)
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
    guard FileManager.default.fileExists(atPath: file) else { throw ScriptError.noScript(file) }
    let interpreter = try ScriptInterpreter.locate()
    let process = Process()
    let command = interpreter.command
    process.executableURL = command.executable
    process.arguments = command.arguments + [file] + arguments
    // The runtime's crash report, printed after an uncaught error, is noise for a script's author.
    process.environment = ProcessInfo.processInfo.environment
      .merging(["SWIFT_BACKTRACE": "enable=no"]) { own, _ in own }
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    var report = InterpreterErrorReport(scriptName: file)
    while case let data = errors.fileHandleForReading.availableData, !data.isEmpty {
      FileHandle.standardError.write(report.readable(data))
    }
    FileHandle.standardError.write(report.readable(Data(), atEnd: true))
    process.waitUntilExit()
    switch (process.terminationReason, process.terminationStatus) {
    case (.exit, 0): return
    case (.exit, let status): throw ExitCode(status)
    // A Swift runtime trap (an uncaught error, a failed precondition) stops the script with an error.
    case (.uncaughtSignal, SIGILL), (.uncaughtSignal, SIGTRAP): throw ExitCode.failure
    case (.uncaughtSignal, let signal): throw ExitCode(128 + signal)
    @unknown default: throw ExitCode.failure
    }
  }
}

/// The interpreter's standard error, cleaned for a script's author: the line of an uncaught error
/// becomes `file.swift: error: message`, and the stack dumps of the runtime and of the compiler
/// that follow it are dropped.
struct InterpreterErrorReport {
  let scriptName: String
  private var pending = Data()
  private var droppingTheRest = false

  init(scriptName: String) { self.scriptName = scriptName }

  /// The complete lines of `data` (all of it at the end) as they should be shown.
  mutating func readable(_ data: Data, atEnd: Bool = false) -> Data {
    pending.append(data)
    guard let lastNewline = atEnd ? pending.indices.last : pending.lastIndex(of: UInt8(ascii: "\n")) else {
      return Data()
    }
    let lines = String(decoding: pending[...lastNewline], as: UTF8.self)
      .split(separator: "\n", omittingEmptySubsequences: false)
    pending = Data(pending[(lastNewline + 1)...])
    var shown = ""
    for line in lines.dropLast(atEnd ? 0 : 1) where !droppingTheRest {
      if line == "Current stack trace:" || line == "Stack dump:" || line.hasPrefix("*** Signal ") {
        droppingTheRest = true
      } else if let marker = line.range(of: "Fatal error: Error raised at top level: ") {
        shown += "\(scriptName): error: \(line[marker.upperBound...])\n"
      } else {
        shown += line + "\n"
      }
    }
    return Data(shown.utf8)
  }
}
