internal import Synchronization

/// The ranks of the replicate-weight matrix over sets of rows already computed, shared by the
/// copies of a ``ReplicateWeights``: every estimate of a domain needs the domain's degrees of
/// freedom, and a QR decomposition per estimate would cost more than the estimate.
final class RankCache: Sendable {
  private let ranks = Mutex<[[Int]: Int]>([:])
  /// The most sets of rows remembered; beyond it the cache starts again.
  private static let capacity = 256

  /// The rank over `rows`, computed by `compute` the first time.
  func rank(ofRows rows: [Int], compute: () -> Int) -> Int {
    if let known = ranks.withLock({ $0[rows] }) { return known }
    let rank = compute()
    ranks.withLock { ranks in
      if ranks.count >= Self.capacity { ranks.removeAll() }
      ranks[rows] = rank
    }
    return rank
  }
}
