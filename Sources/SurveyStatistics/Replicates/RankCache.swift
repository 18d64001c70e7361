internal import Synchronization

/// The ranks of the replicate-weight matrix over sets of rows already computed, shared by the
/// copies of a ``ReplicateWeights``: every estimate of a domain needs the domain's degrees of
/// freedom, and a QR decomposition per estimate would cost more than the estimate. The rank over
/// all rows is kept apart, once known: the first estimate by domains computes it in the same pass
/// over the rows as the domains' ranks.
final class RankCache: Sendable {
  private struct Entries {
    var ranks: [[Int]: Int] = [:]
    /// The number of row indices held as keys.
    var heldRows = 0
  }

  private let entries = Mutex(Entries())
  private let allRows = Mutex<Int?>(nil)

  /// The rank over all rows, if it was computed before.
  var rankOfAllRows: Int? {
    allRows.withLock { $0 }
  }

  /// Remembers the rank over all rows.
  func rememberRankOfAllRows(_ rank: Int) {
    allRows.withLock { $0 = rank }
  }
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
