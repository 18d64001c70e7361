internal import Foundation

/// The Spark SQL of replicate-weight columns (R's `svrepdesign()`), as PostgreSQL's
/// (``GroupSumsQuery``'s replicate SQL): each replicate's sums in the group-sums query, and the
/// aggregates that give R's degrees of freedom (``ReplicateRankPlan``): the cross products of the
/// replicate weights, the residuals of the columns they cannot decide, and, for a column within
/// 0.1 % of R's threshold even from its residual, the replicate weights of its domain's rows.
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
  /// every replicate and, for a summed variable, Σ a_r·y, then for a ratio's ``denominator``
  /// Σ a_r·x, two parts each, each list one array as text.
  var replicateSumColumns: [String] {
    guard !replicates.isEmpty else { return [] }
    let valid = replicatesAreValid
    let firstInvalid = "min(CASE " + replicates.enumerated().map { position, column in
      "WHEN \(Self.replicateIsValid(column)) IS NOT TRUE THEN \(position + 1)"
    }.joined(separator: " ") + " END)"
    let weightSums = replicates.flatMap {
      Self.exactSumParts(of: "CASE WHEN \(Self.replicateIsValid($0)) THEN \(Self.asDouble($0)) END")
    }
    func productSums(_ value: Column) -> String {
      "CAST(array(" + replicates.flatMap { Self.exactSumParts(of: "\(Self.asDouble($0)) * \(Self.asDouble(value))") }
        .joined(separator: ", ") + ") AS STRING)"
    }
    return [
      "count_if(\(valid) IS NOT TRUE)", firstInvalid,
      "CAST(array(" + weightSums.joined(separator: ", ") + ") AS STRING)", sumsValues ? productSums(variable) : "NULL",
    ] + (denominator.map { [productSums($0)] } ?? [])
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

  /// The residuals of one statement of a round (``ReplicateRankPlan/ResidualRound``), as
  /// PostgreSQL's (``GroupSumsQuery/residualsSQL(_:)``): per group of the domain variables, for
  /// each slot s = 1…W (the round's width) Σ r̂² then Σ a_r·r̂ for every replicate r of its
  /// domain's s-th residual r̂ = Σ_r c_r·a_r (NULL, or NULL sums, without one), then for each slot
  /// the same of all rows' s-th residual, each as an array's text. Each slot's waiting domains'
  /// values and coefficients form an inline table joined on the values (values as UTF-8
  /// hexadecimal literals, coefficients as the shortest decimal text that reads back as the same
  /// `DOUBLE`, so no value is SQL text); all rows' coefficients are literals of the expression.
  /// `DOUBLE` sums in any order, as the cross products. The text grows with the coefficients,
  /// about 40 characters each: ``SparkTable`` splits a round at ``residualTextBudget``.
  func residualsSQL(_ round: ReplicateRankPlan.ResidualRound) -> String {
    precondition(round.domains.isEmpty || !domainVariables.isEmpty, "domains need domain variables")
    let keys = domainVariables.indices.map { "k\($0)" }
    let weights = replicates.indices.map { "a\($0 + 1)" }
    let coefficientNames = replicates.indices.map { "c\($0 + 1)" }
    let inner = (domainVariables.enumerated().map { "\(Self.asText($1)) AS k\($0)" }
      + replicates.enumerated().map { "\(Self.asDouble($1)) AS a\($0 + 1)" }).joined(separator: ", ")
    func sums(_ residual: String) -> String {
      "CAST(array(" + (["sum(\(residual) * \(residual))"] + weights.map { "sum(\($0) * \(residual))" })
        .joined(separator: ", ") + ") AS STRING)"
    }
    let none = "CAST(NULL AS DOUBLE)"
    var from = "(SELECT \(inner) FROM \(tableReference)) AS t"
    var domainResiduals: [String] = [], allRowsResiduals: [String] = []
    for slot in 0..<round.width {
      let rows = round.domains.filter { $0.coefficients.count > slot }.map { values, coefficients in
        "(" + (values.map(Self.textLiteral) + coefficients[slot].map(Self.doubleLiteral)).joined(separator: ", ") + ")"
      }
      if rows.isEmpty {
        domainResiduals.append(none)
      } else {
        let join = keys.map { "t.\($0) = d\(slot).\($0)" }.joined(separator: " AND ")
        let kind = slot == 0 && round.allRows.isEmpty ? "JOIN" : "LEFT JOIN"
        from += " \(kind) (VALUES \(rows.joined(separator: ", "))) AS d\(slot)(\((keys + coefficientNames).joined(separator: ", "))) ON \(join)"
        domainResiduals.append(zip(coefficientNames, weights).map { "d\(slot).\($0) * t.\($1)" }.joined(separator: " + "))
      }
      allRowsResiduals.append(slot < round.allRows.count
        ? zip(round.allRows[slot], weights).map { "\(Self.doubleLiteral($0)) * t.\($1)" }.joined(separator: " + ")
        : none)
    }
    let residuals = (keys.map { "t.\($0)" } + weights.map { "t.\($0)" }
      + domainResiduals.enumerated().map { "\($1) AS rd\($0)" } + allRowsResiduals.enumerated().map { "\($1) AS re\($0)" })
      .joined(separator: ", ")
    let select = (keys
      + domainResiduals.indices.map { domainResiduals[$0] == none ? "CAST(NULL AS STRING)" : sums("rd\($0)") }
      + allRowsResiduals.indices.map { allRowsResiduals[$0] == none ? "CAST(NULL AS STRING)" : sums("re\($0)") })
      .joined(separator: ", ")
    let grouping = keys.isEmpty ? "" : " GROUP BY " + keys.joined(separator: ", ")
    return "SELECT \(select) FROM (SELECT \(residuals) FROM \(from)) AS residuals\(grouping)"
  }

  /// The characters of coefficient literals one residual statement carries at most (a round's
  /// domains beyond it go to further statements): 8 MB.
  static let residualTextBudget = 8_000_000

  /// The replicate weights of the rows whose rank needs them, in one statement: every row
  /// (`domains` nil) or the rows of `domains` (their values as UTF-8 hexadecimal literals); each
  /// row its domain's values and its R replicate weights as an array's text.
  func replicateRowsSQL(domains: [[String]]?) -> String {
    let keys = domainVariables.indices.map { "k\($0)" }
    let values = "CAST(array(" + replicates.map(Self.asDouble).joined(separator: ", ") + ") AS STRING) AS v"
    let all = "SELECT " + (domainVariables.enumerated().map { "\(Self.asText($1)) AS k\($0)" } + [values])
      .joined(separator: ", ") + " FROM \(tableReference)"
    guard let domains, !keys.isEmpty else { return all }
    let rows = domains.map { "(" + $0.map(Self.textLiteral).joined(separator: ", ") + ")" }.joined(separator: ", ")
    let join = keys.map { "t.\($0) = d.\($0)" }.joined(separator: " AND ")
    return "SELECT t.* FROM (\(all)) AS t JOIN (VALUES \(rows)) AS d(\(keys.joined(separator: ", "))) ON \(join)"
  }

  /// A text value as a literal that is no SQL text: its UTF-8 in hexadecimal.
  static func textLiteral(_ value: String) -> String {
    "CAST(X'" + value.utf8.map { String(format: "%02X", $0) }.joined() + "' AS STRING)"
  }

  /// A `DOUBLE` literal of exactly `value` (finite): Swift's shortest decimal text, which
  /// reads back as the same binary number.
  static func doubleLiteral(_ value: Double) -> String { "CAST('\(value)' AS DOUBLE)" }
}
