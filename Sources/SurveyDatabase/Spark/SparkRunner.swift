internal import Foundation

/// Runs one Spark SQL text through ``sparkRunnerScript`` (pyspark's Spark Connect client) with
/// Foundation's `Process`, `python3 -c <script> sc://host:port` with the SQL on standard input,
/// and reads back its rows: one JSON array of text (or null) per line.
///
/// The Python is `CONFIANCE_SPARK_PYTHON` when set (e.g. a virtual environment's `bin/python`),
/// else the first `python3` on `PATH`; it needs `pyspark[connect]==4.0.1`.
struct SparkRunner: Sendable {
  var location: SparkLocation

  /// The runner's exit codes (see the script's docstring).
  enum ExitCode: Int32 {
    case usage = 2, unreachable = 3, notFound = 4, server = 5, clientMissing = 6
  }

  /// The rows of `sql`, every value as text, `nil` for NULL.
  func rows(of sql: String) throws -> [[String?]] {
    let environment = ProcessInfo.processInfo.environment
    let process = Process()
    if let python = environment["CONFIANCE_SPARK_PYTHON"] {
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = ["-c", sparkRunnerScript, location.url]
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", "-c", sparkRunnerScript, location.url]
    }
    let input = Pipe(), output = Pipe()
    let errorFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("confiance-spark-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errorHandle
    do {
      try process.run()
    } catch {
      throw DatabaseError.clientMissing(
        "Confiance could not start \(process.executableURL?.path ?? "python3") to reach Spark (\(error.localizedDescription)); install Python 3 with pyspark[connect]==4.0.1, or name its python in CONFIANCE_SPARK_PYTHON.")
    }
    input.fileHandleForWriting.write(Data(sql.utf8))
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? errorHandle.close()
    let sentence = (try? String(contentsOf: errorFile, encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      switch ExitCode(rawValue: process.terminationStatus) {
      case .unreachable:
        // "no Spark Connect server answers at host:port (reason). …": the reason is in parentheses.
        let reason = sentence.firstIndex(of: "(").flatMap { open in
          sentence[open...].firstIndex(of: ")").map { String(sentence[sentence.index(after: open)..<$0]) }
        }
        throw DatabaseError.unreachable(.spark, host: location.host, port: location.port, reason: reason ?? "cannot connect")
      case .notFound: throw DatabaseError.notFound(sentence)
      case .clientMissing: throw DatabaseError.clientMissing(
        sentence + " Or name a python that has it in CONFIANCE_SPARK_PYTHON.")
      default:
        guard !sentence.isEmpty else {
          throw DatabaseError.unexpectedAnswer(.spark, "the Spark runner stopped (status \(process.terminationStatus)).")
        }
        let prefix = "Spark reported: "
        throw DatabaseError.server(.spark, message: sentence.hasPrefix(prefix) ? String(sentence.dropFirst(prefix.count)) : sentence)
      }
    }
    var rows: [[String?]] = []
    let decoder = JSONDecoder()
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      do {
        rows.append(try decoder.decode([String?].self, from: Data(line)))
      } catch {
        throw DatabaseError.unexpectedAnswer(.spark, "the Spark runner wrote a line that is not a row: \(String(decoding: line.prefix(80), as: UTF8.self))")
      }
    }
    return rows
  }
}
