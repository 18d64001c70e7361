internal import Foundation

/// The SQL of replicate-weight columns (R's `svrepdesign()`) on a PostgreSQL table: each
/// replicate's sums in the group-sums query, the cross products of the replicate weights that
/// give R's degrees of freedom, and the replicate weights of a domain's rows when the cross
/// products cannot decide its rank.
///
/// Σ a_r and Σ a_r·y are exact for each replicate r, as the weight's sums are
/// (``GroupSumsQuery/splitSum(of:when:)``): the `float8` values and products a file path
/// computes, summed in three (or four) integer parts that Confiance adds up in `Double`. The
/// cross products Σ a_r·a_s (r ≤ s) that give the degrees of freedom are `float8` sums: a rank
/// decision allows for their rounding (a chain of at most n additions,
/// ``ReplicateRankDecision/relativeError(rowCount:summedGroups:)``), and their exact sums would cost
/// three aggregates each, 9,720 for 80 replicates, which PostgreSQL 15 plans in minutes (it
/// compares every aggregate with the others). R × 7 parts exceed PostgreSQL's 1,664 columns of a
/// result, so each list of sums is one array column, sent as text.
extension GroupSumsQuery {
  /// Whether a replicate weight can be summed: zero or positive and below 3·10⁹ (so that
  /// products of two fit an `int8`), as a `float8`; NULL when the weight is NULL.
  static func replicateIsValid(_ column: Column) -> String {
    let value = floating(column)
    return "(\(value) >= 0 AND \(value) < \(largestWeight)::float8)"
  }

  /// Whether every replicate weight of the row can be summed.
  var replicatesAreValid: String { "(" + replicates.map(Self.replicateIsValid).joined(separator: " AND ") + ")" }

  /// The columns the group-sums query ends with for replicate-weight columns (none without them):
  /// the rows with a replicate weight that is NULL or cannot be summed, the 1-based position of
  /// the first such column (NULL when none), Σ a_r for every replicate over the rows where it is
  /// valid (three parts each,
  /// ``weightPartScales``) and, for a summed variable, Σ a_r·y (four parts each,
  /// ``valuePartScales``; NULL otherwise), each list one `numeric[]` as text.
  var replicateSumColumns: [String] {
    guard !replicates.isEmpty else { return [] }
    let valid = replicatesAreValid
    let firstInvalid = "min(CASE " + replicates.enumerated().map { position, column in
      "WHEN \(Self.replicateIsValid(column)) IS NOT TRUE THEN \(position + 1)"
    }.joined(separator: " ") + " END)::text"
    let weightSums = replicates.flatMap { Self.splitSumTerms(of: Self.floating($0), when: Self.replicateIsValid($0)) }
    let y = Self.floating(variable)
    let valueSums = sumsValues
      ? "ARRAY[" + replicates.flatMap { Self.splitSumTermsWithLargeValues(of: "(\(Self.floating($0)) * \(y))") }
        .joined(separator: ", ") + "]::text"
      : "NULL::text"
    return [
      "count(*) FILTER (WHERE \(valid) IS NOT TRUE)::text", firstInvalid,
      "ARRAY[" + weightSums.joined(separator: ", ") + "]::text", valueSums,
    ]
  }

  /// The cross products of the replicate weights by domain: the domain variables' values (text),
  /// the row count, and Σ a_r·a_s for r ≤ s, row after row of the upper triangle, `float8` sums
  /// as one `float8[]` sent as text. Rows outside every domain form their own groups (a NULL
  /// value), which count for all rows. The group sums have checked the replicate weights first.
  var crossProductsSQL: String {
    var products: [String] = []
    for r in replicates.indices {
      for s in r..<replicates.count {
        products.append("sum(\(Self.floating(replicates[r])) * \(Self.floating(replicates[s])))")
      }
    }
    let keys = domainVariables.enumerated().map { "\(Self.quoted($1.name))::text AS k\($0)" }
    let select = (keys + ["count(*)::text", "ARRAY[" + products.joined(separator: ", ") + "]::text"])
      .joined(separator: ", ")
    let grouping = domainVariables.isEmpty
      ? "" : " GROUP BY " + (1...domainVariables.count).map(String.init).joined(separator: ", ")
    return "SELECT \(select) FROM \(tableReference)\(grouping)"
  }

  /// The replicate weights of every row (`domain` false) or of the rows of one domain, whose
  /// values are bound as `$1, $2, …` (text), one `float8[]` as text per row.
  func replicateRowsSQL(domain: Bool) -> String {
    let values = "ARRAY[" + replicates.map(Self.floating).joined(separator: ", ") + "]::text"
    guard domain, !domainVariables.isEmpty else { return "SELECT \(values) FROM \(tableReference)" }
    let condition = domainVariables.enumerated().map { "\(Self.quoted($1.name))::text = $\($0 + 1)" }
      .joined(separator: " AND ")
    return "SELECT \(values) FROM \(tableReference) WHERE \(condition)"
  }

  /// The numbers of an array's text, PostgreSQL's `{1,2.5,NULL}` or Spark's `[1, 2.5, null]`;
  /// NULL as `nil`.
  static func arrayValues(_ text: String?) -> [Double?] {
    guard let text else { return [] }
    let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "{}[] "))
    guard !inner.isEmpty else { return [] }
    return inner.split(separator: ",", omittingEmptySubsequences: false).map { item in
      let value = item.trimmingCharacters(in: .whitespaces)
      return value.lowercased() == "null" ? nil : Double(value) ?? .nan
    }
  }

  /// Sums sent in `parts` columns each, added up in `Double` with their `scales` (a NULL part adds
  /// nothing; a sum whose every part is NULL is 0).
  static func partSums(_ values: [Double?], scales: [Double]) -> [Double] {
    stride(from: 0, to: values.count, by: scales.count).map { start in
      zip(values[start..<(start + scales.count)], scales).reduce(0.0) { $0 + ($1.0 ?? 0) * $1.1 }
    }
  }
}
