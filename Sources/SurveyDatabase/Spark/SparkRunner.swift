internal import Foundation
internal import Glibc

/// Runs Spark SQL texts through ``sparkRunnerScript`` (pyspark's Spark Connect client) and reads
/// back their rows, every value as text.
///
/// Starting Python, importing pyspark and opening a Spark Connect session take seconds, so one
/// runner process serves many queries: ``SparkRunnerProcess`` keeps it, and the runners of a
/// server wait between queries in ``SparkRunnerPool`` (one per query running at the same time).
///
/// The Python is `CONFIANCE_SPARK_PYTHON` when set (e.g. a virtual environment's `bin/python`),
/// else the first `python3` on `PATH`; it needs `pyspark[connect]==4.0.1`.
struct SparkRunner: Sendable {
  var location: SparkLocation

  /// The runner's status codes (see the script's docstring).
  enum Status: Int32 {
    case usage = 2, unreachable = 3, notFound = 4, server = 5, clientMissing = 6
  }

  /// The rows of `sql`, every value as text, `nil` for NULL.
  func rows(of sql: String) throws -> [[String?]] {
    let runner = try SparkRunnerPool.shared.runner(for: location)
    let answer = runner.answer(sql)
    switch answer {
    case .rows(let rows):
      SparkRunnerPool.shared.keep(runner, for: location)
      return rows
    case .failed(let status, let sentence):
      SparkRunnerPool.shared.keep(runner, for: location)
      throw error(status: status, sentence: sentence)
    case .stopped(let status, let sentence):
      runner.close()
      throw error(status: status, sentence: sentence)
    case .unreadable(let line):
      runner.close()
      throw DatabaseError.unexpectedAnswer(.spark, "the Spark runner wrote a line that is not a row: \(line)")
    }
  }

  /// The ``DatabaseError`` of a runner's status and sentence.
  private func error(status: Int32, sentence: String) -> DatabaseError {
    switch Status(rawValue: status) {
    case .unreachable:
      // "no Spark Connect server answers at host:port (reason). …": the reason is in parentheses.
      let reason = sentence.firstIndex(of: "(").flatMap { open in
        sentence[open...].firstIndex(of: ")").map { String(sentence[sentence.index(after: open)..<$0]) }
      }
      return .unreachable(.spark, host: location.host, port: location.port, reason: reason ?? "cannot connect")
    case .notFound: return .notFound(sentence)
    case .clientMissing: return .clientMissing(sentence + " Or name a python that has it in CONFIANCE_SPARK_PYTHON.")
    default:
      guard !sentence.isEmpty else {
        return .unexpectedAnswer(.spark, "the Spark runner stopped (status \(status)).")
      }
      let prefix = "Spark reported: "
      return .server(.spark, message: sentence.hasPrefix(prefix) ? String(sentence.dropFirst(prefix.count)) : sentence)
    }
  }
}

/// The runner processes waiting for their next query, per server: a query takes one (or starts
/// one) and gives it back when answered, so queries running at the same time each have their own
/// process, and a process serves one query at a time. The processes waiting when Confiance ends
/// see their standard input close and end too; ``closeAll()`` ends them before.
final class SparkRunnerPool: @unchecked Sendable {
  static let shared = SparkRunnerPool()

  private let lock = NSLock()
  private var waiting: [SparkLocation: [SparkRunnerProcess]] = [:]

  /// A waiting runner of `location`, or a new one.
  func runner(for location: SparkLocation) throws -> SparkRunnerProcess {
    let reused: SparkRunnerProcess? = lock.withLock { waiting[location]?.popLast() }
    if let reused, reused.isRunning { return reused }
    reused?.close()
    return try SparkRunnerProcess(location: location)
  }

  /// Gives `runner` back for the next query of `location`.
  func keep(_ runner: SparkRunnerProcess, for location: SparkLocation) {
    lock.withLock { waiting[location, default: []].append(runner) }
  }

  /// Ends every waiting runner.
  func closeAll() {
    let all = lock.withLock {
      defer { waiting = [:] }
      return waiting.values.flatMap { $0 }
    }
    for runner in all { runner.close() }
  }
}

/// One `python3 -c <sparkRunnerScript> sc://host:port` process: each query goes to its standard
/// input as one JSON line `{"sql": …}`; its rows come back on standard output, one JSON array per
/// row, then a status line `{"status": 0}` or `{"status": code, "message": sentence}`. Standard
/// error goes to a temporary file, removed from its folder as soon as the process runs (both ends
/// keep it open), read when the process stops unexpectedly.
///
/// Its standard input is a Unix socket rather than a pipe, written with `MSG_NOSIGNAL`: a runner
/// that has ended makes the write fail instead of ending Confiance with `SIGPIPE`.
///
/// Not for two queries at the same time (``SparkRunnerPool`` hands a process to one query).
final class SparkRunnerProcess: @unchecked Sendable {
  /// What the runner answered to one query.
  enum Answer {
    case rows([[String?]])
    /// The query did not run: the runner's status code (``SparkRunner/Status``) and sentence.
    case failed(status: Int32, sentence: String)
    /// The process ended before answering: its exit status and the last line of its standard error.
    case stopped(status: Int32, sentence: String)
    /// A line that is neither a row nor a status (its first 80 characters).
    case unreadable(String)
  }

  private let process = Process()
  /// Confiance's end of the runner's standard input (close-on-exec: no other child inherits it).
  private let input: Int32
  private let output: FileHandle
  /// The runner's standard error, read from the start.
  private let errors: FileHandle
  private var buffered = Data()
  private var closed = false

  init(location: SparkLocation) throws {
    let environment = ProcessInfo.processInfo.environment
    if let python = environment["CONFIANCE_SPARK_PYTHON"] {
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = ["-c", sparkRunnerScript, location.url]
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", "-c", sparkRunnerScript, location.url]
    }
    let errorFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("confiance-spark-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    defer { try? errorHandle.close() }
    errors = try FileHandle(forReadingFrom: errorFile)
    var ends: [Int32] = [-1, -1]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
      throw DatabaseError.unexpectedAnswer(.spark, "Confiance could not open a channel to the Spark runner (\(String(cString: strerror(errno)))).")
    }
    input = ends[0]
    // The runner's end: dup'ed to its standard input (without close-on-exec), closed here once it runs.
    let runnerEnd = FileHandle(fileDescriptor: ends[1], closeOnDealloc: false)
    defer { Glibc.close(ends[1]) }
    let outputPipe = Pipe()
    output = outputPipe.fileHandleForReading
    process.standardInput = runnerEnd
    process.standardOutput = outputPipe
    process.standardError = errorHandle
    do {
      try process.run()
    } catch {
      closed = true  // deinit runs: nothing left to close there
      Glibc.close(input)
      try? errors.close()
      throw DatabaseError.clientMissing(
        "Confiance could not start \(process.executableURL?.path ?? "python3") to reach Spark (\(error.localizedDescription)); install Python 3 with pyspark[connect]==4.0.1, or name its python in CONFIANCE_SPARK_PYTHON.")
    }
  }

  deinit { close() }

  var isRunning: Bool { process.isRunning }
  var processIdentifier: Int32 { process.processIdentifier }

  /// Sends `sql` and reads the answer.
  func answer(_ sql: String) -> Answer {
    struct Request: Encodable { var sql: String }
    struct Status: Decodable { var status: Int32; var message: String? }
    guard var request = try? JSONEncoder().encode(Request(sql: sql)) else { return stopped() }
    request.append(UInt8(ascii: "\n"))
    guard send(request) else { return stopped() }
    var rows: [[String?]] = []
    let decoder = JSONDecoder()
    while let line = nextLine() {
      if line.first == UInt8(ascii: "[") {
        guard let row = try? decoder.decode([String?].self, from: line) else { return unreadable(line) }
        rows.append(row)
      } else {
        guard let status = try? decoder.decode(Status.self, from: line) else { return unreadable(line) }
        return status.status == 0 ? .rows(rows) : .failed(status: status.status, sentence: status.message ?? "")
      }
    }
    return stopped()
  }

  /// Closes the runner's standard input (it ends there) and waits for it.
  func close() {
    guard !closed else { return }
    closed = true
    Glibc.close(input)
    if process.isRunning { process.waitUntilExit() }
    try? output.close()
    try? errors.close()
  }

  /// The next line of standard output without its newline, `nil` at its end.
  private func nextLine() -> Data? {
    while true {
      if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
        let line = buffered[buffered.startIndex..<newline]
        buffered = buffered[buffered.index(after: newline)...]
        return Data(line)
      }
      let more = output.availableData
      if more.isEmpty { return nil }
      buffered.append(more)
    }
  }

  /// Writes all of `data` to the runner's standard input; `false` when it has ended.
  private func send(_ data: Data) -> Bool {
    data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let sent = Glibc.send(input, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
        if sent < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += sent
      }
      return true
    }
  }

  private func stopped() -> Answer {
    shutdown(input, Int32(SHUT_WR))
    process.waitUntilExit()
    // Its last line: pyspark may have warned before.
    let sentence = ((try? errors.readToEnd()) ?? nil).map { String(decoding: $0, as: UTF8.self) }?
      .split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) }
      .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    return .stopped(status: process.terminationStatus, sentence: sentence)
  }

  private func unreadable(_ line: Data) -> Answer {
    .unreadable(String(decoding: line.prefix(80), as: UTF8.self))
  }
}
