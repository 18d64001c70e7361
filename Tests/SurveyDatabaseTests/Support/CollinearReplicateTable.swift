import Confiance
import Foundation

/// The table that `.ci/postgres-fixtures.py` and `.ci/spark-fixtures.py` load as
/// `replicates_collinear`: 500 rows, a weight `w`, a numeric `y`, a domain variable `part`
/// (`large`: 485 rows; `small`: 12 rows, fewer than 4R; `tiny`: 3 rows, fewer than R) and two sets
/// of replicate-weight columns whose cross products cannot decide their rank at any number of
/// rows, because a column is extrapolated from nearly equal ones with coefficients of ±200 (the
/// rounding of G = AᵀA grows with the coefficients squared; ``CrossProductRank``):
///
/// - `rep1…rep5`: a₁, a₂, a₃ = w·(1 + u/4096) for small integers u; rep4 = a₁ + 200·(a₂ − a₁) +
///   10⁻⁵·w·z, whose remaining norm is about 3.7 times R's threshold over all rows (kept), and
///   rep5 = a₂ + 200·(a₃ − a₁) + 10⁻⁶·w·v, about 0.54 times (moved). R's `qr(…, tol = 1e-5)$rank`
///   is 4 over all rows and in `large` and `small`, and 3 in `tiny` (its 3 rows).
/// - `close1…close3`: a₁, a₂ and a₁ + 200·(a₂ − a₁) + c·w·z, c chosen so that the last column's
///   remaining norm in `small` is 1.0001 times R's threshold: within the 0.1 % that even its
///   residual leaves to R's own rounding, so `small` takes a QR of its rows (R: rank 3).
/// - `edge1…edge3`: the same with c such that it is 1.0001 times the threshold over all rows
///   (and 0.99965 times in `large`): all rows take a QR of the rows (R: rank 3, `large` 2).
///
/// The rows are computed here with the same operations in the same order as in the fixture
/// scripts, so the file path reads the same binary numbers.
enum CollinearReplicateTable {
  static let table = "replicates_collinear"

  /// The rows in file order, i = 1…500, as the file path reads them.
  static func survey() throws -> Survey {
    let rows = Array(1...500)
    var columns = [[Double]](repeating: [], count: 11)
    for i in rows {
      let w = Double(40 + (i * 37) % 61)
      let (u1, u2, u3) = (Double((i * 13) % 7 - 3), Double((i * 29) % 5 - 2), Double((i * 7) % 9 - 4))
      let (z, v) = (Double((i * 11) % 13 - 6), Double((i * 17) % 19 - 9))
      let (a1, a2, a3) = (w * (1 + u1 / 4096), w * (1 + u2 / 4096), w * (1 + u3 / 4096))
      let values = [
        a1, a2, a3, a1 + 200.0 * (a2 - a1) + 1e-5 * w * z, a2 + 200.0 * (a3 - a1) + 1e-6 * w * v,
        a1, a2, a1 + 200.0 * (a2 - a1) + 2.76153776514e-06 * w * z,
        a1, a2, a1 + 200.0 * (a2 - a1) + 2.69682632482e-06 * w * z,
      ]
      for (column, value) in values.enumerated() { columns[column].append(value) }
    }
    let names = (1...5).map { "rep\($0)" } + (1...3).map { "close\($0)" } + (1...3).map { "edge\($0)" }
    return try Survey(variables: [
      Variable(name: "part", categories: rows.map { $0 % 166 == 0 ? "tiny" : $0 % 40 == 0 ? "small" : "large" }),
      Variable(name: "y", numbers: rows.map { Double(($0 * 53) % 97) + 0.25 }),
      Variable(name: "w", numbers: rows.map { Double(40 + ($0 * 37) % 61) }),
    ] + zip(names, columns).map { Variable(name: $0, numbers: $1) })
  }

  /// JK1 replicates, the columns `pattern` matches.
  static func declaration(_ pattern: String) -> DesignDeclaration {
    DesignDeclaration(
      weights: "w", replicates: ReplicateDeclaration(source: .columns(matching: pattern), method: .jackknife))
  }

  /// The file path's design.
  static func fileDesign(_ pattern: String) throws -> SurveyDesign {
    try SurveyDesign(try survey(), declaration: declaration(pattern))
  }
}
