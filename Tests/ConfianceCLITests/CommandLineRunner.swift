import Foundation

/// Runs the built `confiance` executable, as a user would, and captures what it prints.
struct CommandLineRunner {
  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// The repository's root folder.
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `confiance` executable next to the test bundle.
  static var executable: URL {
    var folder = Bundle.main.bundleURL
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("confiance").path),
      folder.pathComponents.count > 1
    {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("confiance")
  }

  /// Runs `confiance` with `arguments` in `folder` (the repository by default). A run that lasts
  /// longer than `timeout` seconds is stopped and reported with status `-1`.
  ///
  /// With `fileSizeLimit`, `confiance` runs under `ulimit -f` of that many 512-byte blocks (dash's
  /// unit) with SIGXFSZ ignored: a write that would make a file larger fails with EFBIG part-way
  /// through, as on a full disk.
  static func run(
    _ arguments: [String], in folder: URL = repository, timeout: Double = 120, fileSizeLimit: Int? = nil
  ) throws -> Result {
    let process = Process()
    if let fileSizeLimit {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(fileSizeLimit) && exec \"$0\" \"$@\"", executable.path]
        + arguments
    } else {
      process.executableURL = executable
      process.arguments = arguments
    }
    process.currentDirectoryURL = folder
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let finished = DispatchSemaphore(value: 0)
    let timedOut = LockedFlag()
    DispatchQueue.global().async {
      if finished.wait(timeout: .now() + timeout) == .timedOut {
        timedOut.set()
        process.terminate()
      }
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    finished.signal()
    return Result(
      status: timedOut.isSet ? -1 : process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self))
  }
}

/// A flag set from one thread and read from another.
final class LockedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}
