internal import Dispatch
internal import FoundationEssentials
internal import Synchronization

/// Runs `body(index)` for every index in `0..<count`, on up to `threads` threads at once (by
/// default one per processor); each thread takes the next index as it becomes free. With one
/// thread (or one index) everything runs on the calling thread, in order.
///
/// `body` must only touch what belongs to its index, or what no one writes; what it computes must
/// not depend on which thread runs it, so that results are the same whatever the number of threads.
package func forEachConcurrently(_ count: Int, threads: Int = availableProcessorCount(), _ body: (Int) -> Void) {
  let workers = min(max(threads, 1), count)
  if workers <= 1 {
    for index in 0..<count { body(index) }
    return
  }
  withoutActuallyEscaping(body) { body in
    let shared = SharedClosure(body: body)
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if index >= count { return }
        shared.body(index)
      }
    }
  }
}

/// A closure handed to worker threads; ``forEachConcurrently(_:threads:_:)`` documents what it
/// may touch.
private struct SharedClosure: @unchecked Sendable {
  let body: (Int) -> Void
}

/// The number of processors this process may use (its CPU affinity and quota).
package func availableProcessorCount() -> Int {
  max(ProcessInfo.processInfo.activeProcessorCount, 1)
}
