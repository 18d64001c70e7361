import Confiance
import Foundation

/// The ACS-like table that `.ci/postgres-fixtures.py` and `.ci/spark-fixtures.py` load as
/// `replicates_acs` (in a scrambled row order): 400 rows, a weight `pwgtp` and 80
/// successive-difference replicate weights `pwgtp1…pwgtp80`, a_ir = w_i·(1 + H[a_i][r]/2 −
/// H[b_i][r]/2) with H Sylvester's Hadamard matrix, a numeric `hours` (missing on every 23rd row),
/// a category `tenure` and two domain variables, `region` (4 domains of 100 rows, below 4R = 320,
/// whose ranks take a QR of their rows) and `big` (320 and 80 rows: the first ranked from its cross
/// products). Every value is exact in binary, so the file path reads the same numbers.
enum ACSLikeTable {
  static let table = "replicates_acs"
  static let replicateCount = 80

  /// The rows in file order, i = 1…400, as the file path reads them.
  static func survey() throws -> Survey {
    let rows = Array(1...400)
    func hadamard(_ j: Int, _ r: Int) -> Double { (j & r).nonzeroBitCount % 2 == 1 ? -1 : 1 }
    let weights = rows.map { Double(50 + ($0 * 37) % 101) }
    var variables = [
      Variable(name: "region", categories: rows.map { "R\($0 % 4)" }),
      Variable(name: "big", categories: rows.map { $0 % 5 == 0 ? "b" : "a" }),
      Variable(name: "tenure", categories: rows.map { ["own", "rent", "other"][$0 % 3] }),
      Variable(name: "hours", numbers: rows.map { $0 % 23 == 0 ? nil : Double(($0 * 53) % 97) + 0.25 }),
      Variable(name: "pwgtp", numbers: weights),
    ]
    for replicate in 0..<replicateCount {
      variables.append(Variable(name: "pwgtp\(replicate + 1)", numbers: rows.indices.map { index in
        let i = rows[index], a = 1 + i % 80, b = 1 + (i + 1) % 80
        return weights[index] * (1 + hadamard(a, replicate) / 2 - hadamard(b, replicate) / 2)
      }))
    }
    return try Survey(variables: variables)
  }

  /// The design with the replicate-weight columns of `method` (ACS with mean-squared-error
  /// variances, as R survey 4.5's default for ACS).
  static func declaration(_ method: ReplicateMethod) -> DesignDeclaration {
    DesignDeclaration(
      weights: "pwgtp",
      replicates: ReplicateDeclaration(
        source: .columns(matching: "pwgtp[0-9]+"), method: method, meanSquaredError: method == .acs))
  }

  /// The file path's design.
  static func fileDesign(_ method: ReplicateMethod) throws -> SurveyDesign {
    try SurveyDesign(try survey(), declaration: declaration(method))
  }
}
