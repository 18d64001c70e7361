internal import Foundation
internal import SurveyStatistics

// The two queries of `confiance rake` on a table, in PostgreSQL's and Spark's dialects: the sums of
// every raking cell, then the quantiles of the weights before and after raking. Only the query's
// table, weight and items (the raking variables) are used; aggregates come back, never rows.

extension GroupSumsQuery {
  /// One `GROUP BY` over the raking variables (``items``): their values as text, then the row
  /// count, Σw and Σw² (three columns each, ``weightSumColumns``), the rows with a NULL weight,
  /// the rows with a weight that cannot be summed, and the smallest and largest valid weight (as
  /// the `float8` a file path reads).
  var rakingCellsSQL: String {
    let keys = items.enumerated().map { "\(Self.quoted($1.name))::text AS k\($0)" }
    let w = floatingWeight, valid = weightIsValid
    let nullWeights = weight.map { "(count(*) - count(\(Self.present($0))))::text" } ?? "0::text"
    let invalidWeights = weight == nil ? "0::text" : "count(*) FILTER (WHERE NOT \(valid))::text"
    let columns = keys + ["count(*)::text"] + weightSumColumns
      + [nullWeights, invalidWeights, "min(CASE WHEN \(valid) THEN \(w) END)::text",
         "max(CASE WHEN \(valid) THEN \(w) END)::text"]
    return "SELECT \(columns.joined(separator: ", ")) FROM \(tableReference) GROUP BY "
      + (1...items.count).map(String.init).joined(separator: ", ")
  }

  /// The quantiles of ``WeightDiagnostics/quantileProbabilities`` of the weights w and of the raked
  /// weights w·F(c), each row's factor joined from the cells bound as parameters (`$1, $2, …`: a
  /// cell's values as text, then its factor as `float8`, cell after cell; then the means of w and
  /// of w·F(c)): two `float8[]` as text, then Σ(w − w̄)² and Σ(w·F − mean)², the coefficient of
  /// variation's deviations from the mean computed as the file path computes them (a difference
  /// Σw² − n·w̄² of sums loses the digits of a nearly constant weight). `percentile_cont`
  /// interpolates between the order statistics ⌊h⌋ and ⌈h⌉ of h = 1 + (n − 1)p, R's
  /// `quantile(type = 7)`, as the file path's diagnostics do.
  func rakedWeightQuantilesSQL(cellCount: Int) -> String {
    let width = items.count + 1
    let rows = Self.boundValuesRows(rowCount: cellCount, keyCount: items.count)
    let names = items.indices.map { "confiance_k\($0)" } + ["confiance_factor"]
    let join = items.enumerated().map { "\(Self.quoted($1.name))::text = confiance_cells.confiance_k\($0)" }
    let probabilities = "ARRAY[" + WeightDiagnostics.quantileProbabilities.map { "\($0)" }.joined(separator: ", ")
      + "]::float8[]"
    let w = floatingWeight, raked = "(\(floatingWeight) * confiance_cells.confiance_factor)"
    let means = (cellCount * width + 1, cellCount * width + 2)
    return """
      SELECT percentile_cont(\(probabilities)) WITHIN GROUP (ORDER BY \(w))::text, \
      percentile_cont(\(probabilities)) WITHIN GROUP (ORDER BY \(raked))::text, \
      sum((\(w) - $\(means.0)::float8) * (\(w) - $\(means.0)::float8))::text, \
      sum((\(raked) - $\(means.1)::float8) * (\(raked) - $\(means.1)::float8))::text \
      FROM \(tableReference) JOIN (VALUES \(rows)) AS confiance_cells(\(names.joined(separator: ", "))) \
      ON \(join.joined(separator: " AND "))
      """
  }
}

extension SparkGroupSumsQuery {
  /// ``GroupSumsQuery/rakingCellsSQL`` in Spark's dialect: the raking variables' values, the row
  /// count, Σw and Σw² (exact decimals), the rows with a NULL or an invalid weight, and the
  /// smallest and largest valid weight.
  var rakingCellsSQL: String {
    let (sum, squareSum, nullWeights, invalidWeights) = weightColumns
    let w = weight.map(Self.asDouble) ?? "1D"
    let columns = items.enumerated().map { "\(Self.asText($1)) AS k\($0)" }
      + ["count(*)", sum, squareSum, nullWeights, invalidWeights, "min(CASE WHEN \(validWeight) THEN \(w) END)",
         "max(CASE WHEN \(validWeight) THEN \(w) END)"]
    return "SELECT \(columns.joined(separator: ", ")) FROM \(tableReference) GROUP BY "
      + (1...items.count).map(String.init).joined(separator: ", ")
  }

  /// ``GroupSumsQuery/rakedWeightQuantilesSQL(cellCount:)`` in Spark's dialect, the cells and the
  /// means written as literals (values as UTF-8 hexadecimal, so no value is SQL text; numbers as
  /// the shortest decimal that reads back to the same `DOUBLE`): one column per quantile of w,
  /// then one per quantile of w·F(c), then Σ(w − w̄)² and Σ(w·F − mean)². Spark's exact
  /// `percentile` interpolates as R's `quantile(type = 7)`.
  func rakedWeightQuantilesSQL(cells: [[String]], factors: [Double], means: (Double, Double)) -> String {
    func text(_ value: String) -> String {
      "CAST(X'" + value.utf8.map { String(format: "%02X", $0) }.joined() + "' AS STRING)"
    }
    let rows = zip(cells, factors).map { cell, factor in
      "(" + (cell.map(text) + ["CAST('\(factor)' AS DOUBLE)"]).joined(separator: ", ") + ")"
    }.joined(separator: ", ")
    let names = items.indices.map { "confiance_k\($0)" } + ["confiance_factor"]
    let join = items.enumerated().map { "\(Self.asText($1)) = confiance_cells.confiance_k\($0)" }
    let w = weight.map(Self.asDouble) ?? "1D"
    let values = [w, "(\(w) * confiance_cells.confiance_factor)"]
    let quantiles = values.flatMap { value in
      WeightDiagnostics.quantileProbabilities.map { "percentile(\(value), CAST('\($0)' AS DOUBLE))" }
    } + zip(values, [means.0, means.1]).map { value, mean in
      "sum((\(value) - CAST('\(mean)' AS DOUBLE)) * (\(value) - CAST('\(mean)' AS DOUBLE)))"
    }
    return """
      SELECT \(quantiles.joined(separator: ", ")) \
      FROM \(tableReference) JOIN (VALUES \(rows)) AS confiance_cells(\(names.joined(separator: ", "))) \
      ON \(join.joined(separator: " AND "))
      """
  }
}
