internal import SurveyStatistics

/// Why a script cannot be run.
package enum ScriptError: ConfianceError {
  /// Always ``ErrorKind/other``: the script or the toolchain is missing.
  package var kind: ErrorKind { .other }

  case noScript(String)
  case noExecutablePath
  case noLibrary(buildFolder: String)
  case staleLibrary(buildFolder: String)
  case noPackage(buildFolder: String)
  case noSwift

  package var description: String {
    switch self {
    case .noScript(let file):
      "there is no script \(file); check the file name and the folder you are in"
    case .noExecutablePath:
      "cannot tell where the confiance executable is, so cannot find the Confiance library for the script"
    case .noLibrary(let folder):
      "scripts need \(ScriptInterpreter.libraryFile) and Modules/ next to the confiance that runs them, in "
        + "\(folder); build them in the confiance package folder with `swift build` (all products: "
        + "`swift build --product confiance` alone does not build the library; `swift build -c release` for "
        + ".build/release) and run that build's confiance: `swift run confiance script FILE.swift`"
    case .staleLibrary(let folder):
      "\(ScriptInterpreter.libraryFile) in \(folder) is older than the Confiance modules next to it, so the script "
        + "would run the library's previous version; rebuild it with `swift build` in the confiance package folder "
        + "(all products: `swift run` and `swift build --product confiance` do not rebuild it)"
    case .noPackage(let folder):
      "scripts need the confiance package's Sources/ and .build/checkouts/ above the build folder \(folder); "
        + "run the confiance built in the package folder: `swift build`, then `swift run confiance script FILE.swift`"
    case .noSwift:
      "scripts run in the Swift interpreter, but there is no `swift` on the PATH; "
        + "add the Swift toolchain's usr/bin folder to the PATH"
    }
  }
}
