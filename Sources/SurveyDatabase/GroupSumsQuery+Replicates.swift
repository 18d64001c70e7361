internal import Foundation

/// The SQL of replicate-weight columns (R's `svrepdesign()`) on a PostgreSQL table: each
/// replicate's sums in the group-sums query, and the aggregates that give R's degrees of
/// freedom (``ReplicateRankPlan``): the cross products of the replicate weights, the residuals
/// of the columns they cannot decide, and, for a column within 0.1 % of R's threshold even from
/// its residual, the replicate weights of its domain's rows.
///
/// Σ a_r and Σ a_r·y are exact for each replicate r, as the weight's sums are
/// (``GroupSumsQuery/splitSum(of:when:)``): the `float8` values and products a file path
/// computes, summed in three (or four) integer parts that Confiance adds up in `Double`. The
/// cross products Σ a_r·a_s (r ≤ s) that give the degrees of freedom are `float8` sums: a rank
/// decision allows for their rounding (a chain of at most n additions,
/// ``ReplicateRankDecision/relativeError(rowCount:summedGroups:)``), and their exact sums would cost
/// three aggregates each, 9,720 for 80 replicates, which PostgreSQL 15 plans in minutes (it
/// compares every aggregate with the others). A residual's sums are `float8` sums in any order
/// too, with the same bound. R × 7 parts exceed PostgreSQL's 1,664 columns of a
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
  /// ``valuePartScales``; NULL otherwise), then for a ratio's ``denominator`` Σ a_r·x (four parts
  /// each), each list one `numeric[]` as text.
  var replicateSumColumns: [String] {
    guard !replicates.isEmpty else { return [] }
    let valid = replicatesAreValid
    let firstInvalid = "min(CASE " + replicates.enumerated().map { position, column in
      "WHEN \(Self.replicateIsValid(column)) IS NOT TRUE THEN \(position + 1)"
    }.joined(separator: " ") + " END)::text"
    let weightSums = replicates.flatMap { Self.splitSumTerms(of: Self.floating($0), when: Self.replicateIsValid($0)) }
    func productSums(_ value: Column) -> String {
      "ARRAY[" + replicates.flatMap { Self.splitSumTermsWithLargeValues(of: "(\(Self.floating($0)) * \(Self.floating(value)))") }
        .joined(separator: ", ") + "]::text"
    }
    return [
      "count(*) FILTER (WHERE \(valid) IS NOT TRUE)::text", firstInvalid,
      "ARRAY[" + weightSums.joined(separator: ", ") + "]::text", sumsValues ? productSums(variable) : "NULL::text",
    ] + (denominator.map { [productSums($0)] } ?? [])
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

  /// The residuals of one statement of a round (``ReplicateRankPlan/ResidualRound``), W its
  /// width: per group of the domain variables (rows outside every domain form their own groups,
  /// a NULL value), for each slot s = 1…W the sums of the s-th residual r̂ = Σ_r c_r·a_r of its
  /// domain's coefficients c, Σ r̂² then Σ a_r·r̂ for every replicate r, as one `float8[]`'s text
  /// (NULL, or NULL sums, where the domain has no s-th residual), then for each slot the same sums
  /// of all rows' s-th residual. Bound as `$1, $2, …`: each domain's values (text) then one R
  /// coefficients' `float8[]` per residual, domain after domain, then all rows' `float8[]`s. A
  /// slot's coefficients reach the rows by a join on the domain's values, each coefficient taken
  /// out of its array once per domain, not per row. Every product is a `float8` summed in any
  /// order, as the cross products are.
  ///
  /// A domain binds `domainVariables.count` + its residuals parameters, all rows one per residual:
  /// ``PostgresTable`` splits a round whose parameters would pass PostgreSQL's 65,535 per
  /// statement (``ReplicateRankPlan/ResidualRound/statements(domainsPerStatement:)``).
  func residualsSQL(_ round: ReplicateRankPlan.ResidualRound) -> String {
    precondition(round.domains.isEmpty || !domainVariables.isEmpty, "domains need domain variables")
    let keys = domainVariables.indices.map { "k\($0)" }
    let weights = replicates.indices.map { "a\($0 + 1)" }
    let inner = (domainVariables.enumerated().map { "\(Self.quoted($1.name))::text AS k\($0)" }
      + replicates.enumerated().map { "\(Self.floating($1)) AS a\($0 + 1)" }).joined(separator: ", ")
    let coefficients = replicates.indices.map { "v.b[\($0 + 1)] AS c\($0 + 1)" }.joined(separator: ", ")
    func residual(_ source: String) -> String {
      replicates.indices.map { "\(source).c\($0 + 1) * t.a\($0 + 1)" }.joined(separator: " + ")
    }
    func sums(_ residual: String) -> String {
      "ARRAY[" + (["sum(\(residual) * \(residual))"] + weights.map { "sum(\($0) * \(residual))" })
        .joined(separator: ", ") + "]::text"
    }
    // The first parameter of each domain, then of all rows' arrays.
    var firstParameter = [1]
    for (_, domainCoefficients) in round.domains {
      firstParameter.append(firstParameter.last! + keys.count + domainCoefficients.count)
    }
    var from = "(SELECT \(inner) FROM \(tableReference)) AS t"
    var domainResiduals: [String] = [], allRowsResiduals: [String] = []
    for slot in 0..<round.width {
      let rows = round.domains.indices.filter { round.domains[$0].coefficients.count > slot }.map { domain in
        let first = firstParameter[domain]
        return "(" + (keys.indices.map { "$\(first + $0)::text" } + ["$\(first + keys.count + slot)::float8[]"])
          .joined(separator: ", ") + ")"
      }
      if rows.isEmpty {
        domainResiduals.append("NULL::float8")
      } else {
        let join = keys.map { "t.\($0) = d\(slot).\($0)" }.joined(separator: " AND ")
        let kind = slot == 0 && round.allRows.isEmpty ? "JOIN" : "LEFT JOIN"
        from += " \(kind) (SELECT \((keys.map { "v.\($0)" } + [coefficients]).joined(separator: ", ")) "
          + "FROM (VALUES \(rows.joined(separator: ", "))) AS v(\((keys + ["b"]).joined(separator: ", ")))) AS d\(slot) ON \(join)"
        domainResiduals.append(residual("d\(slot)"))
      }
      if slot < round.allRows.count {
        from += " CROSS JOIN (SELECT \(coefficients) FROM (VALUES ($\(firstParameter.last! + slot)::float8[])) AS v(b)) AS e\(slot)"
        allRowsResiduals.append(residual("e\(slot)"))
      } else {
        allRowsResiduals.append("NULL::float8")
      }
    }
    let residuals = (keys.map { "t.\($0)" } + weights.map { "t.\($0)" }
      + domainResiduals.enumerated().map { "\($1) AS rd\($0)" } + allRowsResiduals.enumerated().map { "\($1) AS re\($0)" })
      .joined(separator: ", ")
    let select = (keys
      + domainResiduals.indices.map { domainResiduals[$0] == "NULL::float8" ? "NULL::text" : sums("rd\($0)") }
      + allRowsResiduals.indices.map { allRowsResiduals[$0] == "NULL::float8" ? "NULL::text" : sums("re\($0)") })
      .joined(separator: ", ")
    let grouping = keys.isEmpty ? "" : " GROUP BY " + keys.joined(separator: ", ")
    // OFFSET 0 keeps the residuals a subquery: pulled up, each aggregate would carry (and the
    // planner compare, and every row evaluate) its residual's R products.
    return "SELECT \(select) FROM (SELECT \(residuals) FROM \(from) OFFSET 0) AS residuals\(grouping)"
  }

  /// The replicate weights of the rows whose rank needs them, in one statement: every row
  /// (`domainCount` nil), or the rows of the domains whose values are bound as `$1, $2, …`
  /// (text, domain after domain); each row its domain's values (text) and its R replicate
  /// weights as one `float8[]`'s text.
  func replicateRowsSQL(domainCount: Int?) -> String {
    let keys = domainVariables.indices.map { "k\($0)" }
    let values = "ARRAY[" + replicates.map(Self.floating).joined(separator: ", ") + "]::text AS v"
    let all = "SELECT " + (domainVariables.enumerated().map { "\(Self.quoted($1.name))::text AS k\($0)" } + [values])
      .joined(separator: ", ") + " FROM \(tableReference)"
    guard let domainCount, !keys.isEmpty else { return all }
    let rows = (0..<domainCount).map { domain in
      "(" + keys.indices.map { "$\(domain * keys.count + $0 + 1)::text" }.joined(separator: ", ") + ")"
    }.joined(separator: ", ")
    let join = keys.map { "t.\($0) = d.\($0)" }.joined(separator: " AND ")
    return "SELECT t.* FROM (\(all)) AS t JOIN (VALUES \(rows)) AS d(\(keys.joined(separator: ", "))) ON \(join)"
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
