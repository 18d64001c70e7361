/// What a table's replicate-weight columns add to its ``GroupSums``, besides each group's
/// replicate sums (``GroupSums/Group/replicateSums``): the columns' names and the ranks of the
/// replicate-weight matrix that R's degrees of freedom are (`degf()` = rank − 1, R survey 4.1's
/// `degf.svyrep.design`: `qr(weights(design, "analysis"), tol = 1e-5)$rank - 1`, recomputed on
/// `design[rows of a domain, ]`).
///
/// A database computes the ranks (``ReplicateRankDecision``) and Confiance finishes the estimates
/// from the sums with the variance of ``ReplicateWeights`` (R's `svrVar()`).
package struct SuppliedReplicateRanks: Sendable, Hashable {
  /// The replicate-weight columns, in the table's order (R's `grep(pattern, names(data))`).
  package var columnNames: [String]
  /// The rank over all rows.
  package var rankOfAllRows: Int
  /// The rank over the rows of each domain, keyed by the domain's values.
  package var rankOfDomain: [[String]: Int]

  package init(columnNames: [String], rankOfAllRows: Int, rankOfDomain: [[String]: Int]) {
    self.columnNames = columnNames
    self.rankOfAllRows = rankOfAllRows
    self.rankOfDomain = rankOfDomain
  }
}
