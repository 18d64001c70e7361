import Confiance
import Foundation

/// The table that `.ci/postgres-fixtures.py` and `.ci/spark-fixtures.py` load as
/// `replicates_strata`: 840 rows, a weight `w`, a numeric `y`, a domain variable `part` (`a`: 547
/// rows, `b`: 293, both in every PSU) and 42 stratified jackknife (JKn) replicate-weight columns
/// `sj1…sj42`, one per PSU of 6 strata of 5 to 8 PSUs, row i in PSU i mod 42: the replicate of
/// PSU q in stratum h is 0 on q's rows, w·(n_h/(n_h − 1)) on the other rows of h and w elsewhere.
/// In each stratum the sum of its replicates is n_h·w (to rounding), so the columns are
/// rank-deficient by the strata less one: R's `qr(…, tol = 1e-5)$rank` is 37 over all rows and
/// in each domain. The columns are all close to w, so their cross products cannot decide the 5
/// dependent ones over all rows (``CrossProductRank``): each takes a residual, and speculation
/// computes them in one statement.
enum StratifiedJackknifeTable {
  static let table = "replicates_strata"
  static let sizes = [8, 6, 8, 5, 8, 7]

  /// The rows in file order, i = 1…840, as the file path reads them.
  static func survey() throws -> Survey {
    let rows = Array(1...840)
    let strata = sizes.enumerated().flatMap { stratum, size in Array(repeating: stratum, count: size) }
    let weights = rows.map { Double(30 + ($0 * 37) % 71) }
    var variables = [
      Variable(name: "part", categories: rows.map { ($0 / 42) % 3 == 0 ? "b" : "a" }),
      Variable(name: "y", numbers: rows.map { Double(($0 * 53) % 97) + 0.25 }),
      Variable(name: "w", numbers: weights),
    ]
    for p in strata.indices {
      let size = Double(sizes[strata[p]])
      variables.append(Variable(name: "sj\(p + 1)", numbers: rows.indices.map { index in
        let q = rows[index] % strata.count, w = weights[index]
        return p == q ? 0 : strata[p] == strata[q] ? w * (size / (size - 1)) : w
      }))
    }
    return try Survey(variables: variables)
  }

  /// JK1 replicates (as a survey's stratified jackknife columns are often declared).
  static let declaration = DesignDeclaration(
    weights: "w", replicates: ReplicateDeclaration(source: .columns(matching: "^sj[0-9]+$"), method: .jackknife))

  /// The file path's design.
  static func fileDesign() throws -> SurveyDesign { try SurveyDesign(try survey(), declaration: declaration) }
}
