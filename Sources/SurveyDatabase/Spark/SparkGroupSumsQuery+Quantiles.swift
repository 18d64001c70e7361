/// The Spark SQL of a quantile (``SparkTable/quantiles(of:probabilities:by:declaration:level:)``),
/// as PostgreSQL's (``GroupSumsQuery/distributionSQL``): each domain's weighted distribution,
/// then the group sums of the rows' bands.
extension SparkGroupSumsQuery {
  /// Whether a row has a value of the variable: not NULL (nor blank text) and not NaN (a file reads
  /// NaN as missing).
  var hasValue: String {
    "\(Self.asDouble(variable)) IS NOT NULL AND NOT isnan(\(Self.asDouble(variable)))"
  }

  /// Each domain's weighted distribution of the variable: one row per domain × distinct value
  /// (its `DOUBLE`: a text column's ' 5.0' and '5' are one value) × the values of ``items`` (a
  /// raking's cell), with the rows and their Σw in the three exact parts of
  /// ``binarySum(of:when:)``, over the rows with a value, a value of every domain variable and a
  /// weight that can be summed.
  var distributionSQL: String {
    let keys = domainVariables.map(Self.asText) + [Self.asDouble(variable)] + items.map(Self.asText)
    let conditions = [hasValue] + domainVariables.map { "\(Self.quoted($0.name)) IS NOT NULL" } + [validWeight]
    let weightSum = weight.map { Self.binarySum(of: Self.asDouble($0), when: validWeight) }
      ?? ["count(*)", "0", "0"]
    return """
      SELECT \(keys.joined(separator: ", ")), count(*), \(weightSum.joined(separator: ", ")) \
      FROM \(tableReference) WHERE \(conditions.joined(separator: " AND ")) \
      GROUP BY \((1...keys.count).map(String.init).joined(separator: ", "))
      """
  }

  /// The exact sum of the binary `DOUBLE` p (0 < p < 3·10⁹) over the rows where `condition`
  /// holds, in three `DECIMAL(38, 0)` columns of integers, as PostgreSQL's
  /// ``GroupSumsQuery/splitSum(of:when:)``: with i = p's integer part and f = (p − i)·2⁶², Σ i,
  /// Σ trunc(f) and Σ (f − trunc(f))·2⁶², each step exact in `DOUBLE` and each integer converted
  /// through `BIGINT` (never through the decimal text of a double, which rounds): the sum of
  /// the weights a file adds, not of their shortest decimal texts, so that a running total can
  /// equal p·W exactly where the file's does (equal weights).
  static func binarySum(of p: String, when condition: String) -> [String] {
    let scale = "4611686018427387904D"
    let whole = "CAST(\(p) AS BIGINT)"
    let fraction = "((\(p) - CAST(\(whole) AS DOUBLE)) * \(scale))"
    let high = "CAST(\(fraction) AS BIGINT)"
    let low = "CAST((\(fraction) - CAST(\(high) AS DOUBLE)) * \(scale) AS BIGINT)"
    return [whole, high, low].map { "sum(CASE WHEN \(condition) THEN CAST(\($0) AS DECIMAL(38, 0)) END)" }
  }

  /// The group sums of the variable's bands, as ``GroupSumsQuery/banded(domainCount:quantileCount:band:)``:
  /// each domain's values and quantiles written as literals (values as UTF-8 hexadecimal, numbers
  /// as their shortest decimal text, so no value is SQL text).
  ///
  /// - Parameters:
  ///   - quantiles: each domain's values and its quantiles, in the same order for every domain.
  ///   - band: a name that no column of the table has.
  func banded(_ quantiles: [(domain: [String], quantiles: [Double])], band: String) -> SparkGroupSumsQuery {
    let count = quantiles.first?.quantiles.count ?? 0
    let rows = quantiles.map { domain, values in
      "(" + (domain.map(Self.textLiteral) + values.map(Self.doubleLiteral)).joined(separator: ", ") + ")"
    }.joined(separator: ", ")
    let names = domainVariables.indices.map { "k\($0)" } + (0..<count).map { "q\($0)" }
    let join = domainVariables.enumerated().map { "CAST(t.\(Self.quoted($1.name)) AS STRING) = quantiles.k\($0)" }
    let value = Self.asDouble(variable, qualifier: "t.")
    let below = (0..<count).map { "CASE WHEN \(value) > quantiles.q\($0) THEN 1 ELSE 0 END" }
    let bandValue = "CASE WHEN \(value) IS NULL OR isnan(\(value)) THEN NULL "
      + "ELSE \(below.joined(separator: " + ")) END"
    var query = self
    query.variable = Column(name: band, type: "int")
    query.derivedTable = "(SELECT t.*, \(bandValue) AS \(Self.quoted(band)) FROM \(tableReference) AS t "
      + "LEFT JOIN (VALUES \(rows)) AS quantiles(\(names.joined(separator: ", "))) "
      + "ON \(join.isEmpty ? "true" : join.joined(separator: " AND "))) AS banded"
    return query
  }
}
