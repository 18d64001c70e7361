internal import Synchronization

/// The statements that took the ranks of a table's replicate weights, counted by kind and by
/// engine and table: tests read them to see that no statement fetched rows where aggregates
/// decide (``ReplicateRankPlan``).
package enum ReplicateRankStatements {
  /// What a statement computed.
  package enum Kind: Hashable, Sendable {
    /// The cross products Σ a_r·a_s by domain.
    case crossProducts
    /// One round of residuals for the columns the cross products cannot decide.
    case residuals
    /// The replicate weights of the rows of domains within rounding of R's threshold.
    case rows
  }

  private struct Key: Hashable {
    let engine: DatabaseEngine
    let table: String
    let kind: Kind
  }

  private static let counts = Mutex<[Key: Int]>([:])

  /// Counts one statement of `kind` sent for `table`.
  static func record(_ kind: Kind, engine: DatabaseEngine, table: String) {
    counts.withLock { $0[Key(engine: engine, table: table, kind: kind), default: 0] += 1 }
  }

  /// The statements of `kind` sent for `table` so far.
  package static func count(_ kind: Kind, engine: DatabaseEngine, table: String) -> Int {
    counts.withLock { $0[Key(engine: engine, table: table, kind: kind)] ?? 0 }
  }
}
