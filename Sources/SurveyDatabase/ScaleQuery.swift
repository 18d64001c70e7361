internal import Foundation
internal import SurveyStatistics

/// The SQL of a scale analysis in PostgreSQL or in Spark (``ScaleGroupSums``), and the reading of
/// its rows: at most three statements, each one scan of the table, returning aggregates only.
///
/// 1. Without a declared range, the lowest and highest answer of each item and one text answer
///    that is not a number (``rangeSQL``): one row.
/// 2. The group sums (``groupSumsSQL(range:)``): one `GROUP BY` stratum × PSU × domain (× raking
///    cell, the values of ``rakingVariables``, for a raked table) whose row
///    holds the design sums that ``GroupSumsRows`` reads (rows, Σw, Σw², NULL and invalid weights,
///    the FPC), then for the score and each scored item the rows with a value, their Σw, Σw², Σw·y
///    and Σw·y², for each item's top and bottom box the rows, Σw and Σw² in and out of the box, and
///    the moments of the complete respondents (``ReliabilityMoments``); raked, also the unweighted
///    Σy of the score and of each item, which R's projection on the raking needs; without a PSU
///    column (``rowsArePSUs``), also their Σw²·y and Σw²·y².
///
/// With replicate-weight columns (R's `svrepdesign()`, ``replicates``), the group sums also carry,
/// replicate after replicate, Σ a_r over each group's rows (checked as ``GroupSumsRows`` checks
/// them), over its rows with a score and their Σ a_r·score, and for each item over its rows with an
/// answer, their Σ a_r·v and Σ a_r in its top box and in its bottom box: exact sums (PostgreSQL's
/// integer parts, Spark's two decimals), one array per list, from which Confiance finishes the
/// replicate means and box shares.
/// 3. For the logit interval only, the first step of R's logistic fit of every box indicator
///    (``logitSQL(range:domainScales:overallScales:text:number:)``): one `GROUP BY` domain (× raking
///    cell).
///
/// Each row's score is computed in SQL with the file path's floating-point operations, in its
/// order: the answers as `float8`/`DOUBLE`, a reverse-keyed answer as (lowest + highest) − x, the
/// answered items added from 0 in item order, divided by their number. Products are w·y and w·y·y,
/// as the file path multiplies them, summed exactly as the means' (``GroupSumsQuery``,
/// ``SparkGroupSumsQuery``).
struct ScaleQuery {
  enum Dialect { case postgreSQL, spark }

  /// A scale item: its name and the number it holds as the engine's double (`nil` for a text
  /// column, whose numbers are parsed).
  struct Item {
    var name: String
    var number: String?
  }

  var dialect: Dialect
  /// The table, quoted.
  var table: String
  var items: [Item]
  /// Whether each item is reverse-keyed.
  var reversed: [Bool]
  /// The domain columns' names.
  var domains: [String]
  /// The weight as the engine's double (`nil`: every row weighs 1), the strata and PSU columns'
  /// names, and the FPC as a double.
  var weight: String?
  var strata: String?
  var psu: String?
  var fpc: String?
  var requiredItems: Int
  var boxSize: Int
  /// The raking variables' columns, which key the groups after the domains; empty without raking.
  var rakingVariables: [String] = []
  /// The replicate-weight columns' names and their values as the engine's doubles; empty without
  /// them.
  var replicateNames: [String] = []
  var replicates: [String] = []

  // MARK: Dialect

  func quoted(_ name: String) -> String {
    dialect == .spark ? SparkGroupSumsQuery.quoted(name) : GroupSumsQuery.quoted(name)
  }

  func text(_ expression: String) -> String {
    dialect == .spark ? "CAST(\(expression) AS STRING)" : "(\(expression))::text"
  }

  func double(_ value: Double) -> String {
    dialect == .spark ? "CAST('\(value)' AS DOUBLE)" : "'\(value)'::float8"
  }

  /// An aggregate's value as the engine sends it back (PostgreSQL: as text).
  func sent(_ aggregate: String) -> String { dialect == .spark ? aggregate : "(\(aggregate))::text" }

  func count(when condition: String) -> String {
    dialect == .spark ? "count_if(\(condition))" : "(count(*) FILTER (WHERE \(condition)))::text"
  }

  /// The sum of a weight expression (w or w·w) over the rows where `condition` holds, exactly:
  /// PostgreSQL's three integer parts, Spark's `DECIMAL(38, 18)`.
  func weightSum(_ expression: String, when condition: String) -> [String] {
    dialect == .spark
      ? ["sum(CASE WHEN \(condition) THEN CAST(\(expression) AS DECIMAL(38, 18)) END)"]
      : GroupSumsQuery.splitSum(of: expression, when: condition)
  }

  /// The exact sum of a product over the rows where `condition` holds (four PostgreSQL columns, two Spark ones).
  func productSum(_ expression: String, when condition: String) -> [String] {
    let product = "(CASE WHEN \(condition) THEN \(expression) END)"
    return dialect == .spark ? [SparkGroupSumsQuery.exactSum(of: product)] : GroupSumsQuery.splitSumWithLargeValues(of: product)
  }

  var weightScales: [Double] { dialect == .spark ? [1] : GroupSumsQuery.weightPartScales }
  var productScales: [Double] { dialect == .spark ? [1, 1] : GroupSumsQuery.valuePartScales }

  /// A number written as text, after trimming spaces: what the file path reads as a number.
  static let numberPattern = "^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$"

  /// A text column's number (`NULL` for a blank or a text that is not a number).
  func parsed(_ column: String) -> String {
    dialect == .spark
      ? "CASE WHEN trim(\(column)) RLIKE '\(Self.numberPattern)' THEN CAST(trim(\(column)) AS DOUBLE) END"
      : "CASE WHEN btrim(\(column)) ~ '\(Self.numberPattern)' THEN btrim(\(column))::float8 END"
  }

  /// A text column's value when it is neither blank nor a number.
  func notNumber(_ column: String) -> String {
    dialect == .spark
      ? "CASE WHEN trim(\(column)) <> '' AND NOT (trim(\(column)) RLIKE '\(Self.numberPattern)') THEN \(column) END"
      : "CASE WHEN btrim(\(column)) <> '' AND NOT (btrim(\(column)) ~ '\(Self.numberPattern)') THEN \(column) END"
  }

  var one: String { dialect == .spark ? "1D" : "1::float8" }
  var zero: String { dialect == .spark ? "0D" : "0::float8" }

  // MARK: Rows

  /// Every row's keys, weight, FPC, answers x0… (and b0…, a text answer that is not a number).
  var parsedRows: String {
    let keys = [strata.map { text(quoted($0)) } ?? "''", psu.map { text(quoted($0)) } ?? "''"]
      + (domains + rakingVariables).map { text(quoted($0)) }
    var columns = keys.enumerated().map { "\($1) AS k\($0)" }
    columns.append("\(weight ?? one) AS w")
    columns.append("\(fpc ?? "NULL") AS fpc")
    for (index, item) in items.enumerated() {
      let column = quoted(item.name)
      columns.append("\(item.number ?? parsed(column)) AS x\(index)")
      columns.append("\(item.number == nil ? notNumber(column) : (dialect == .spark ? "CAST(NULL AS STRING)" : "NULL::text")) AS b\(index)")
    }
    columns += replicates.enumerated().map { "\($1) AS a\($0)" }
    return "SELECT \(columns.joined(separator: ", ")) FROM \(table)"
  }

  /// The parsed rows with each scored answer v0… and the score.
  func scoredRows(range: ClosedRange<Double>) -> String {
    let turnAround = double(range.lowerBound + range.upperBound)
    let scored = items.indices.map { reversed[$0] ? "(\(turnAround) - x\($0))" : "x\($0)" }
    let answered = items.indices.map { "CASE WHEN x\($0) IS NULL THEN 0 ELSE 1 END" }.joined(separator: " + ")
    var sum = "COALESCE(\(scored[0]), \(zero))"
    for value in scored.dropFirst() { sum = "(\(sum) + COALESCE(\(value), \(zero)))" }
    let count = dialect == .spark ? "CAST(\(answered) AS DOUBLE)" : "(\(answered))::float8"
    let score = "CASE WHEN \(answered) >= \(requiredItems) THEN \(sum) / \(count) END"
    let columns = scored.enumerated().map { "\($1) AS v\($0)" } + ["\(score) AS score"]
    return "SELECT parsed.*, \(columns.joined(separator: ", ")) FROM (\(parsedRows)) AS parsed"
  }

  var validWeight: String {
    weight == nil ? "TRUE" : "(w > 0 AND w < \(dialect == .spark ? "3.0E9D" : "3.0e9::float8"))"
  }

  var keyCount: Int { 2 + domains.count + rakingVariables.count }

  /// Whether every row is its own PSU (no PSU column, no replicate-weight columns): the groups are
  /// then stratum × domain (``GroupSums/rowsArePSUs``), and the score's and each item's sums add
  /// Σw²·y and Σw²·y² for the variance of their means.
  var rowsArePSUs: Bool { psu == nil && replicates.isEmpty }

  // MARK: Statements

  /// The lowest and highest answer of each item and the smallest text answer that is not a number.
  var rangeSQL: String {
    let columns = items.indices.flatMap { [sent("min(x\($0))"), sent("max(x\($0))"), "min(b\($0))"] }
    return "SELECT \(columns.joined(separator: ", ")) FROM (\(parsedRows)) AS parsed"
  }

  /// The answers of each item in a row of ``rangeSQL`` (or the answers part of a group-sums row).
  func answers(_ row: ArraySlice<String?>) -> [ScaleItemAnswers] {
    let values = Array(row)
    return items.indices.map { index in
      ScaleItemAnswers(
        lowest: values[3 * index].flatMap(Double.init), highest: values[3 * index + 1].flatMap(Double.init),
        notNumeric: values[3 * index + 2])
    }
  }

  /// The group sums by stratum × PSU × domain (see the type's description).
  func groupSumsSQL(range: ClosedRange<Double>) -> String {
    let valid = validWeight
    var columns = ["count(*)"] + weightSum("w", when: valid) + weightSum("(w * w)", when: valid)
    columns.append(weight == nil ? "0" : "count(*) - count(w)")
    columns.append(weight == nil ? "0" : count(when: "NOT \(valid)"))
    let null = dialect == .spark ? "NULL" : "NULL::text"
    columns = columns.map { $0.hasSuffix("::text") ? $0 : sent($0) }
    columns += fpc == nil ? [null, null, sent("0")] : ["min(fpc)", "max(fpc)", "count(*) - count(fpc)"].map(sent)
    columns += Array(repeating: null, count: 2 * productScales.count)
    columns += replicateDesignColumns
    columns += items.indices.flatMap { [sent("min(x\($0))"), sent("max(x\($0))"), "min(b\($0))"] }
    func numeric(_ value: String) -> [String] {
      let has = "\(valid) AND \(value) IS NOT NULL"
      return [count(when: has)] + weightSum("w", when: has) + weightSum("(w * w)", when: has)
        + productSum("(w * \(value))", when: has) + productSum("(w * \(value) * \(value))", when: has)
        + (rakingVariables.isEmpty ? [] : productSum(value, when: has))
        + (rowsArePSUs
          ? productSum("(w * w * \(value))", when: has) + productSum("(w * w * \(value) * \(value))", when: has) : [])
    }
    func category(_ condition: String) -> [String] {
      let inside = "\(valid) AND \(condition)"
      return [count(when: inside)] + weightSum("w", when: inside) + weightSum("(w * w)", when: inside)
    }
    let thresholds = ScaleGroupSums.boxThresholds(range: range, boxSize: boxSize)
    let top = double(thresholds.top), bottom = double(thresholds.bottom)
    if !replicates.isEmpty {
      columns += [replicateSums(when: "score IS NOT NULL"), replicateSums(of: "score")]
      for index in items.indices {
        let v = "v\(index)"
        columns += [
          replicateSums(when: "\(v) IS NOT NULL"), replicateSums(of: v), replicateSums(when: "\(v) >= \(top)"),
          replicateSums(when: "\(v) <= \(bottom)"),
        ]
      }
    }
    columns += numeric("score")
    for index in items.indices {
      let v = "v\(index)"
      columns += numeric(v) + category("\(v) >= \(top)") + category("\(v) < \(top)")
        + category("\(v) <= \(bottom)") + category("\(v) > \(bottom)")
    }
    let lowest = double(range.lowerBound), highest = double(range.upperBound)
    let complete = ([valid] + items.indices.map { "x\($0) >= \(lowest) AND x\($0) <= \(highest)" })
      .joined(separator: " AND ")
    // The moments of the answers less the middle of the range (ReliabilityMoments.centre).
    let centre = double(ReliabilityMoments.centre(of: range))
    let centred = items.indices.map { "(v\($0) - \(centre))" }
    columns += [count(when: complete)] + weightSum("w", when: complete)
    for index in items.indices {
      columns += productSum(centred[index], when: complete) + productSum("(w * \(centred[index]))", when: complete)
    }
    for i in items.indices {
      for j in i..<items.count {
        columns += productSum("(\(centred[i]) * \(centred[j]))", when: complete)
          + productSum("(w * \(centred[i]) * \(centred[j]))", when: complete)
      }
    }
    let keys = (0..<keyCount).map { "k\($0)" }
    return """
      SELECT \((keys + columns).joined(separator: ", ")) FROM (\(scoredRows(range: range))) AS scored \
      GROUP BY \(keys.joined(separator: ", "))
      """
  }

  // MARK: Replicate weights

  /// Whether replicate weight r can be summed: zero or positive and below 3·10⁹ (NULL when NULL).
  func replicateIsValid(_ replicate: Int) -> String {
    "(a\(replicate) >= \(zero) AND a\(replicate) < \(dialect == .spark ? "3.0E9D" : "3.0e9::float8"))"
  }

  /// The columns that ``GroupSumsRows`` reads after the design sums for replicate-weight columns
  /// (``GroupSumsQuery/replicateSumColumns``): the rows with a replicate weight that cannot be
  /// summed, the 1-based position of the first such column, Σ a_r over the rows, and NULL (no
  /// value is summed); none without replicates.
  var replicateDesignColumns: [String] {
    guard !replicates.isEmpty else { return [] }
    let valid = "(" + replicates.indices.map(replicateIsValid).joined(separator: " AND ") + ")"
    let firstInvalid = "min(CASE " + replicates.indices.map { "WHEN \(replicateIsValid($0)) IS NOT TRUE THEN \($0 + 1)" }
      .joined(separator: " ") + " END)"
    return [count(when: "\(valid) IS NOT TRUE"), sent(firstInvalid), replicateSums(when: "TRUE"),
            dialect == .spark ? "NULL" : "NULL::text"]
  }

  /// Σ a_r over the rows where `condition` holds and a_r can be summed, for every replicate r, as
  /// one array's text: three integer parts each in PostgreSQL (``GroupSumsQuery/weightPartScales``),
  /// two decimals in Spark.
  func replicateSums(when condition: String) -> String {
    let parts = replicates.indices.flatMap { replicate -> [String] in
      let valid = "\(condition) AND \(replicateIsValid(replicate)) AND \(validWeight)"
      return dialect == .spark
        ? SparkGroupSumsQuery.exactSumParts(of: "CASE WHEN \(valid) THEN a\(replicate) END")
        : GroupSumsQuery.splitSumTerms(of: "a\(replicate)", when: valid)
    }
    return array(parts)
  }

  /// Σ a_r·y of a value y over the rows with one, for every replicate r, as one array's text: four
  /// parts each in PostgreSQL (``GroupSumsQuery/valuePartScales``), two in Spark.
  func replicateSums(of value: String) -> String {
    let parts = replicates.indices.flatMap { replicate -> [String] in
      let product = "(CASE WHEN \(value) IS NOT NULL AND \(validWeight) THEN a\(replicate) * \(value) END)"
      return dialect == .spark
        ? SparkGroupSumsQuery.exactSumParts(of: product) : GroupSumsQuery.splitSumTermsWithLargeValues(of: product)
    }
    return array(parts)
  }

  private func array(_ parts: [String]) -> String {
    dialect == .spark ? "CAST(array(" + parts.joined(separator: ", ") + ") AS STRING)" : "ARRAY[" + parts.joined(separator: ", ") + "]::text"
  }

  /// The scales of the parts of each replicate's Σ a_r and Σ a_r·y.
  var replicateWeightScales: [Double] { dialect == .spark ? [1, 1] : GroupSumsQuery.weightPartScales }
  var replicateProductScales: [Double] { dialect == .spark ? [1, 1] : GroupSumsQuery.valuePartScales }

  /// The first step of R's logistic fit of every box indicator, by domain (× raking cell for a
  /// raked table): for each item, its top box then its bottom box, the rows in then out of the box,
  /// the three sums of ``GroupSums/LogitFirstStep`` with the domain's weight scale (NULL outside
  /// every domain), then the same with the whole sample's. The scales are keyed by the domain's
  /// values (then the raking cell's) in `domainScales`, and by the raking cell's values in
  /// `overallScales` (one scale, key `[]`, without raking); `text` and `number` write a value of
  /// the join's `VALUES`.
  func logitSQL(
    range: ClosedRange<Double>, domainScales: [(key: [String], scale: Double)],
    overallScales: [(key: [String], scale: Double)], text: (String) -> String, number: (Double) -> String
  ) -> String {
    let thresholds = ScaleGroupSums.boxThresholds(range: range, boxSize: boxSize)
    let top = double(thresholds.top), bottom = double(thresholds.bottom)
    let (half, two, oneConstant) = dialect == .spark ? ("0.5D", "2D", "1D") : ("0.5", "2", "1")
    let noScale = dialect == .spark ? "CAST(NULL AS DOUBLE)" : "NULL::float8"
    /// `LEFT JOIN (VALUES …) AS alias(key0, …, scale) ON` the row's keys `first`… equal the values.
    func join(_ alias: String, _ scales: [(key: [String], scale: Double)], keysFrom first: Int) -> String {
      let width = scales[0].key.count
      let rows = scales.map { "(" + ($0.key.map(text) + [number($0.scale)]).joined(separator: ", ") + ")" }
      let names = (0..<width).map { "\(alias)k\($0)" } + ["scale"]
      let on = (0..<width).map { "s.k\(first + $0) = \(alias).\(alias)k\($0)" }.joined(separator: " AND ")
      return " LEFT JOIN (VALUES \(rows.joined(separator: ", "))) AS \(alias)(\(names.joined(separator: ", "))) ON \(on)"
    }
    let raked = !rakingVariables.isEmpty
    let domainScale = domains.isEmpty || domainScales.isEmpty ? noScale : "d.scale * s.w"
    var scaled = "SELECT s.*, \(domainScale) AS ws, "
      + (raked ? "o.scale" : number(overallScales[0].scale)) + " * s.w AS wo FROM (\(scoredRows(range: range))) AS s"
    if domainScale != noScale { scaled += join("d", domainScales, keysFrom: 2) }
    if raked { scaled += join("o", overallScales, keysFrom: 2 + domains.count) }
    func variance(_ w: String) -> String { "\(half) * (\(w) + \(half)) / ((\(w) + \(oneConstant)) * (\(w) + \(oneConstant)))" }
    let terms = "SELECT t.*, \(variance("ws")) AS vs, \(variance("wo")) AS vo FROM (\(scaled)) AS t"
    var columns: [String] = []
    for index in items.indices {
      let v = "v\(index)"
      for condition in ["\(v) >= \(top)", "\(v) < \(top)", "\(v) <= \(bottom)", "\(v) > \(bottom)"] {
        for (w, variance) in [("ws", "vs"), ("wo", "vo")] {
          columns += [
            "\(w) * \(variance) * ln(\(oneConstant) + \(two) * \(w)) + \(half) * \(w) / (\(w) + \(oneConstant))",
            "\(w) * \(variance)", "\(two) * \(w) * ln(\(oneConstant) + \(half) / (\(w) + \(half)))",
          ].map { sent("sum(CASE WHEN \(condition) THEN \($0) END)") }
        }
      }
    }
    let keys = (domains + rakingVariables).indices.map { "k\(2 + $0)" }
    return "SELECT \((keys + columns).joined(separator: ", ")) FROM (\(terms)) AS u"
      + (keys.isEmpty ? "" : " GROUP BY \(keys.joined(separator: ", "))")
  }
}
