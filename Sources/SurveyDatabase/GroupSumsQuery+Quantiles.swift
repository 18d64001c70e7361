/// The SQL of a quantile in PostgreSQL (``PostgresTable/quantiles(of:probabilities:by:declaration:level:)``):
/// each domain's weighted distribution, then the group sums of the rows' bands.
extension GroupSumsQuery {
  /// Whether a row has a value of the variable: not NULL (nor blank text) and not NaN (a file reads
  /// NaN as missing).
  var hasValue: String {
    "\(Self.floating(variable)) IS NOT NULL AND \(Self.floating(variable)) <> 'NaN'::float8"
  }

  /// Each domain's weighted distribution of the variable: one row per domain × distinct value
  /// (as its `float8`, the number a file path reads: a text column's ' 5.0' and '5' are one value)
  /// × the values of ``items`` (a raking's cell),
  /// with the rows and their Σw in the three
  /// columns of ``splitSum(of:when:)`` (``weightSumColumns``), over the rows with a value, a
  /// value of every domain variable and a weight that can be summed (the group sums that follow
  /// report the others).
  var distributionSQL: String {
    let keys = domainVariables.map { Self.quoted($0.name) + "::text" } + ["\(Self.floating(variable))::text"]
      + items.map { Self.quoted($0.name) + "::text" }
    let conditions = [hasValue] + domainVariables.map { "\(Self.quoted($0.name)) IS NOT NULL" }
      + (weight == nil ? [] : [weightIsValid])
    return """
      SELECT \(keys.joined(separator: ", ")), count(*)::text, \(weightSumColumns.prefix(3).joined(separator: ", ")) \
      FROM \(tableReference) WHERE \(conditions.joined(separator: " AND ")) \
      GROUP BY \((1...keys.count).map(String.init).joined(separator: ", "))
      """
  }

  /// The group sums of the variable's bands: this query on the rows of the table with one more
  /// column, `band`, keying the groups in the variable's place. A row's band is the number of its
  /// domain's quantiles strictly below its value (NULL without a value); the quantiles come as
  /// parameters, `$1, $2, …`, domain after domain: its values (text), then its `quantileCount`
  /// quantiles (`float8`). A row outside these domains is joined to no quantile (its band, 0,
  /// counts nowhere: such a row has no value, or no domain).
  ///
  /// - Parameters:
  ///   - domainCount: the number of domains whose quantiles are bound.
  ///   - band: a name that no column of the table has.
  func banded(domainCount: Int, quantileCount: Int, band: String) -> GroupSumsQuery {
    let width = domainVariables.count + quantileCount
    let rows = (0..<domainCount).map { row in
      "(" + (0..<width).map { position in
        "$\(row * width + position + 1)" + (position < domainVariables.count ? "::text" : "::float8")
      }.joined(separator: ", ") + ")"
    }.joined(separator: ", ")
    let names = domainVariables.indices.map { "k\($0)" } + (0..<quantileCount).map { "q\($0)" }
    let join = domainVariables.enumerated().map { "t.\(Self.quoted($1.name))::text = quantiles.k\($0)" }
    let value = Self.floating(variable, qualifier: "t.")
    let below = (0..<quantileCount).map { "CASE WHEN \(value) > quantiles.q\($0) THEN 1 ELSE 0 END" }
    let bandValue = "CASE WHEN \(value) IS NULL OR \(value) = 'NaN'::float8 THEN NULL "
      + "ELSE \(below.joined(separator: " + ")) END"
    var query = self
    query.variable = Column(name: band, type: "integer", category: "N")
    query.derivedTable = "(SELECT t.*, \(bandValue) AS \(Self.quoted(band)) FROM \(tableReference) AS t "
      + "LEFT JOIN (VALUES \(rows)) AS quantiles(\(names.joined(separator: ", "))) "
      + "ON \(join.isEmpty ? "true" : join.joined(separator: " AND "))) AS banded"
    return query
  }
}
