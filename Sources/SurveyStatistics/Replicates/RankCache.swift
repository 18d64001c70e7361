internal import Synchronization

/// The ranks of the replicate-weight matrix over sets of rows already computed, shared by the
/// copies of a ``ReplicateWeights``: every estimate of a domain needs the domain's degrees of
/// freedom, and a QR decomposition per estimate would cost more than the estimate.
final class RankCache: Sendable {
  private struct Entries {
    var ranks: [[Int]: Int] = [:]
    /// The number of row indices held as keys.
    var heldRows = 0
  }

  private let entries = Mutex(Entries())
  /// The most row indices remembered (32 MB); beyond it the cache starts again.
  private static let capacity = 1 << 22

  /// The rank over `rows`, if it was computed before.
  func rank(ofRows rows: [Int]) -> Int? {
    entries.withLock { $0.ranks[rows] }
  }

  /// Remembers the rank over `rows`.
  func remember(_ rank: Int, forRows rows: [Int]) {
    entries.withLock { entries in
      if entries.heldRows + rows.count > Self.capacity { entries = Entries() }
      if rows.count <= Self.capacity, entries.ranks.updateValue(rank, forKey: rows) == nil {
        entries.heldRows += rows.count
      }
    }
  }
}
