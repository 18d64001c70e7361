internal import Foundation

/// The Spark SQL of replicate-weight columns (R's `svrepdesign()`), as PostgreSQL's
/// (``GroupSumsQuery``'s replicate SQL): each replicate's sums in the group-sums query, the cross
/// products of the replicate weights that give R's degrees of freedom, and the replicate weights
/// of a domain's rows when the cross products cannot decide its rank.
///
/// Σ a_r and Σ a_r·y are exact, in the two parts of ``SparkGroupSumsQuery/exactSum(of:)``, each
/// part cast to text inside one array per list (an array of decimals of two scales would be
/// coerced to one type and lose digits); the cross products Σ a_r·a_s are `DOUBLE` sums, whose
/// rounding, at most a chain of n additions, their rank decision allows for
/// (``ReplicateRankDecision/relativeError(rowCount:summedGroups:)``).
extension SparkGroupSumsQuery {
  /// Whether a replicate weight can be summed: zero or positive and below 3·10⁹ (NaN and ∞ fail
  /// it); NULL when the weight is NULL.
  static func replicateIsValid(_ column: Column) -> String {
    let value = asDouble(column)
    return "(\(value) >= 0 AND \(value) < 3.0E9D)"
  }

  /// Whether every replicate weight of the row can be summed.
  var replicatesAreValid: String { "(" + replicates.map(Self.replicateIsValid).joined(separator: " AND ") + ")" }

  /// The two parts of ``exactSum(of:)``, each as text.
  static func exactSumParts(of product: String) -> [String] {
    [
      "CAST(sum(CAST(round(\(product)) AS DECIMAL(38, 0))) AS STRING)",
      "CAST(sum(CAST((\(product)) - round(\(product)) AS DECIMAL(38, 28))) AS STRING)",
    ]
  }

  /// The columns the group-sums query ends with for replicate-weight columns (none without them),
  /// as PostgreSQL's (``GroupSumsQuery/replicateSumColumns``): the rows with a replicate weight
  /// that is NULL or cannot be summed, the 1-based position of the first such column, Σ a_r for
  /// every replicate and, for a summed variable, Σ a_r·y, two parts each, each list one array as
  /// text.
  var replicateSumColumns: [String] {
    guard !replicates.isEmpty else { return [] }
    let valid = replicatesAreValid
    let firstInvalid = "min(CASE " + replicates.enumerated().map { position, column in
      "WHEN \(Self.replicateIsValid(column)) IS NOT TRUE THEN \(position + 1)"
    }.joined(separator: " ") + " END)"
    let weightSums = replicates.flatMap {
      Self.exactSumParts(of: "CASE WHEN \(Self.replicateIsValid($0)) THEN \(Self.asDouble($0)) END")
    }
    let y = Self.asDouble(variable)
    let valueSums = sumsValues
      ? "CAST(array(" + replicates.flatMap { Self.exactSumParts(of: "\(Self.asDouble($0)) * \(y)") }
        .joined(separator: ", ") + ") AS STRING)"
      : "NULL"
    return [
      "count_if(\(valid) IS NOT TRUE)", firstInvalid,
      "CAST(array(" + weightSums.joined(separator: ", ") + ") AS STRING)", valueSums,
    ]
  }

  /// The cross products of the replicate weights by domain: the domain variables' values, the row
  /// count, and Σ a_r·a_s for r ≤ s, row after row of the upper triangle, `DOUBLE` sums in one
  /// array as text. Rows outside every domain form their own groups (a NULL value), which count
  /// for all rows.
  var crossProductsSQL: String {
    var products: [String] = []
    for r in replicates.indices {
      for s in r..<replicates.count {
        products.append("sum(\(Self.asDouble(replicates[r])) * \(Self.asDouble(replicates[s])))")
      }
    }
    let keys = domainVariables.enumerated().map { "\(Self.asText($1)) AS k\($0)" }
    let select = (keys + ["count(*)", "CAST(array(" + products.joined(separator: ", ") + ") AS STRING)"])
      .joined(separator: ", ")
    let grouping = domainVariables.isEmpty
      ? "" : " GROUP BY " + (1...domainVariables.count).map(String.init).joined(separator: ", ")
    return "SELECT \(select) FROM \(tableReference)\(grouping)"
  }

  /// The replicate weights of every row (`domain` nil) or of the rows of one domain (its values
  /// written as UTF-8 hexadecimal literals, so no value is SQL text), one array as text per row.
  func replicateRowsSQL(domain: [String]?) -> String {
    let values = "CAST(array(" + replicates.map(Self.asDouble).joined(separator: ", ") + ") AS STRING)"
    guard let domain, !domainVariables.isEmpty else { return "SELECT \(values) FROM \(tableReference)" }
    let condition = zip(domainVariables, domain).map { column, value in
      "\(Self.asText(column)) = CAST(X'" + value.utf8.map { String(format: "%02X", $0) }.joined() + "' AS STRING)"
    }.joined(separator: " AND ")
    return "SELECT \(values) FROM \(tableReference) WHERE \(condition)"
  }
}
