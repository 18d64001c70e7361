import Foundation

/// The result of `work`, run on a thread of its own while the calling task waits without holding
/// a thread.
///
/// A Spark call blocks its thread until the runner process answers (seconds), and Swift runs
/// every test on a pool of one thread per processor: on a two-processor machine, two Spark tests
/// waiting would stop every other suite (the PostgreSQL ones, the command-line ones) until Spark
/// answers. The Spark tests make their calls through this function instead.
func onOwnThread<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Swift.Result(catching: work)) }.start()
  }
}
