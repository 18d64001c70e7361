internal import Foundation
private import SurveyStatistics

/// The Swift interpreter and the flags with which it can `import Confiance`: the build folder that
/// holds the running `confiance` executable (`.build/debug`, `.build/release`) has the dynamic
/// library and the Swift modules; the package and its dependencies' checkouts have the C module maps.
package struct ScriptInterpreter {
  /// The `swift` executable.
  var swift: URL
  /// `-I` for every module `Confiance` imports, and the library to link.
  var flags: [String]

  /// The program to start and its arguments before the script's file: `stdbuf -oL swift …` where
  /// coreutils' stdbuf exists, so that each printed line reaches a file or a pipe at once and is
  /// not lost when the script stops with an error (a crashing process loses its unwritten buffer).
  var command: (executable: URL, arguments: [String]) {
    guard let stdbuf = Self.onPath("stdbuf") else { return (swift, flags) }
    return (stdbuf, ["-oL", swift.path] + flags)
  }

  #if os(macOS)
  static let libraryFile = "libConfianceDynamic.dylib"
  #else
  static let libraryFile = "libConfianceDynamic.so"
  #endif

  /// Finds the build folder, the package and the checkouts above the running executable.
  package static func locate() throws -> ScriptInterpreter {
    func has(_ folder: URL, _ path: String) -> Bool {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
    }
    guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else {
      throw ScriptError.noExecutablePath
    }
    let build = executable.deletingLastPathComponent()
    guard has(build, libraryFile), has(build, "Modules/Confiance.swiftmodule") else {
      throw ScriptError.noLibrary(buildFolder: build.path)
    }
    // `swift build --product confiance` and `swift run` rebuild the modules but not the library.
    func modified(_ path: String) -> Date {
      let attributes = try? FileManager.default.attributesOfItem(atPath: build.appendingPathComponent(path).path)
      return attributes?[.modificationDate] as? Date ?? .distantPast
    }
    let modules = ["Confiance", "SurveyStatistics", "SurveyIO", "SurveyMarkdown"].map { "Modules/\($0).swiftmodule" }
    guard modules.allSatisfy({ modified($0) <= modified(libraryFile) }) else {
      throw ScriptError.staleLibrary(buildFolder: build.path)
    }
    let ancestors = sequence(first: build) { folder in
      folder.path == "/" ? nil : folder.deletingLastPathComponent()
    }
    // The package holds the C module maps of Sources/; the scratch folder (.build) the checkouts.
    guard let package = ancestors.first(where: { has($0, "Sources/CLibCSV/module.modulemap") }),
      let scratch = ancestors.first(where: { has($0, "checkouts/Yams") })
    else { throw ScriptError.noPackage(buildFolder: build.path) }
    let includeFolders = [
      build.appendingPathComponent("Modules"),
      scratch.appendingPathComponent("checkouts/Yams/Sources/CYaml/include"),
      scratch.appendingPathComponent("checkouts/swift-numerics/Sources/_NumericsShims/include"),
      package.appendingPathComponent("Sources/CLibCSV"),
      package.appendingPathComponent("Sources/CReadStat"),
    ]
    guard let swift = toolchainSwift() ?? onPath("swift") else { throw ScriptError.noSwift }
    // The `swift` driver adds the -L folder to LD_LIBRARY_PATH for the interpreter.
    let flags = includeFolders.flatMap { ["-I", $0.path] } + ["-L", build.path, "-lConfianceDynamic"]
    return ScriptInterpreter(swift: swift, flags: flags)
  }

  /// `swift` from the toolchain whose runtime this process runs on (…/usr/lib/swift/linux/libswiftCore.so
  /// → …/usr/bin/swift, read from /proc/self/maps on Linux): the compiler that built Confiance's
  /// modules, the only one that can read them.
  private static func toolchainSwift() -> URL? {
    // Read to the end: /proc files report a size of 0, and String(contentsOfFile:) stops after one read.
    guard let data = try? FileHandle(forReadingAtPath: "/proc/self/maps")?.readToEnd(),
      let line = String(decoding: data, as: UTF8.self).split(separator: "\n")
        .first(where: { $0.hasSuffix("/libswiftCore.so") }),
      let start = line.firstIndex(of: "/")
    else { return nil }
    let swift = URL(fileURLWithPath: String(line[start...])).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("bin/swift")
    return FileManager.default.isExecutableFile(atPath: swift.path) ? swift : nil
  }

  /// The executable `name` in a folder of the PATH.
  private static func onPath(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// How a script ended.
  package enum Ending: Equatable {
    /// It ran to its end or called `exit(status)`.
    case exited(Int32)
    /// The runtime stopped it: an uncaught error or a failed precondition (a trap).
    case trapped
    /// Another signal stopped it.
    case signalled(Int32)
  }

  /// Runs `script` with `arguments` in the interpreter found by ``locate()``.
  ///
  /// - Throws: ``ScriptError`` when the script does not exist or the interpreter cannot be found.
  package static func run(script: String, arguments: [String]) throws -> Ending {
    guard FileManager.default.fileExists(atPath: script) else { throw ScriptError.noScript(script) }
    return try locate().run(script: script, arguments: arguments)
  }

  /// Runs `script` with `arguments`, its standard output passed through and its standard error
  /// cleaned by ``InterpreterErrorReport``.
  func run(script: String, arguments: [String]) throws -> Ending {
    let process = Process()
    process.executableURL = command.executable
    process.arguments = command.arguments + [script] + arguments
    // The runtime's crash report, printed after an uncaught error, is noise for a script's author.
    process.environment = ProcessInfo.processInfo.environment
      .merging(["SWIFT_BACKTRACE": "enable=no"]) { own, _ in own }
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    var report = InterpreterErrorReport(scriptName: script)
    while case let data = errors.fileHandleForReading.availableData, !data.isEmpty {
      FileHandle.standardError.write(report.readable(data))
    }
    FileHandle.standardError.write(report.readable(Data(), atEnd: true))
    process.waitUntilExit()
    switch (process.terminationReason, process.terminationStatus) {
    case (.exit, let status): return .exited(status)
    case (.uncaughtSignal, SIGILL), (.uncaughtSignal, SIGTRAP): return .trapped
    case (.uncaughtSignal, let signal): return .signalled(signal)
    @unknown default: return .trapped
    }
  }
}
