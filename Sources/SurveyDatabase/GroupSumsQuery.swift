internal import Foundation

/// The SQL that makes a PostgreSQL table's ``GroupSums``: one `GROUP BY` over stratum × PSU ×
/// domain variables × variable that returns aggregates only, never rows.
///
/// Every name is an identifier written between double quotes, with its own double quotes doubled
/// (``quoted(_:)``): a table or column name is never SQL text, whatever characters it holds. Keys
/// come back as text (NULL stays NULL: a missing value, or a row outside every domain). Sums are
/// exact, so that they do not depend on the order in which parallel workers add rows up: each row's
/// `float8` weight (or product of weight and value, as a file path computes it) is split into its
/// integer part and two fractional parts, all summed as integers (``splitSum(of:when:)``); a
/// `numeric` weight is summed as the exact decimal it is. Sums come back as text and are added up
/// in `Double` once (``GroupSumsRows``).
package struct GroupSumsQuery: Sendable, Hashable {
  /// A column and its PostgreSQL type, as the catalog names it.
  package struct Column: Sendable, Hashable {
    /// The name, exactly as stored.
    package var name: String
    /// `format_type()`: `integer`, `double precision`, `numeric(10,2)`, `text`…
    package var type: String
    /// `pg_type.typcategory`: N numeric, S string, B boolean…
    package var category: String

    package init(name: String, type: String, category: String) {
      self.name = name
      self.type = type
      self.category = category
    }
  }

  /// The table's schema and name, exactly as stored.
  package var schema: String
  package var table: String
  /// The analysed variable.
  package var variable: Column
  /// The domain variables.
  package var domainVariables: [Column]
  /// The design columns; a `nil` weight weighs every row 1, `nil` strata make one stratum.
  package var weight: Column?
  package var strata: Column?
  /// `nil` for a design without a PSU column: every row is then its own PSU and the groups are
  /// not keyed by PSU (the key is ''): the replicates' variance does not need PSUs, and a
  /// linearized one is finished from each group's Σw and Σw² (``GroupSums/rowsArePSUs``).
  package var psu: Column?
  package var fpc: Column?
  /// Whether the variable is numeric and summed (Σw·y, Σw·y², for means and totals) rather than a
  /// category that keys the groups: its key is then only whether the row has a value.
  package var sumsValues: Bool
  /// A ratio's denominator x, with the variable its numerator y (``sumsValues``): the variable's
  /// key is then whether the row has both values, and the groups add Σw·x, Σw·x² and Σw·x·y
  /// (``denominatorSumColumns``); `nil` otherwise.
  package var denominator: Column?
  /// More categorical columns that key the groups after the variable (a paradox analysis's
  /// action items, after its concern item); empty otherwise.
  package var items: [Column]
  /// Replicate-weight columns (R's `svrepdesign()`), in the table's order: the groups then carry
  /// Σ a_r and Σ a_r·y for each replicate r (``replicateSumColumns``); empty otherwise.
  package var replicates: [Column] = []
  /// A subquery read instead of the table (``rakedReplicates(_:rakingColumns:)``: the rows with
  /// their raked replicate weights); `nil` for the table itself.
  var derivedTable: String?
  /// A condition on the table's rows (SQL text built by Confiance, never from a value): the
  /// queries then read only the rows that meet it (``tableReference``); `nil` for every row.
  var rowFilter: String?

  package init(
    schema: String, table: String, variable: Column, domainVariables: [Column], weight: Column?, strata: Column?,
    psu: Column?, fpc: Column?, sumsValues: Bool = false, items: [Column] = [], replicates: [Column] = []
  ) {
    self.replicates = replicates
    self.sumsValues = sumsValues
    self.items = items
    self.schema = schema
    self.table = table
    self.variable = variable
    self.domainVariables = domainVariables
    self.weight = weight
    self.strata = strata
    self.psu = psu
    self.fpc = fpc
  }

  /// `"name"` with inner double quotes doubled: PostgreSQL's quoted identifier.
  package static func quoted(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A `VALUES` list of parameters bound row after row, `($1::text, …, $k::float8), …`: each row
  /// a group's keys as text, then one number (a scale, a factor) as `float8`.
  ///
  /// - Parameters:
  ///   - rowCount: the number of rows (groups).
  ///   - keyCount: the number of text keys in a row.
  static func boundValuesRows(rowCount: Int, keyCount: Int) -> String {
    let width = keyCount + 1
    return (0..<rowCount).map { row in
      "(" + (0..<width).map { position in
        "$\(row * width + position + 1)" + (position == keyCount ? "::float8" : "::text")
      }.joined(separator: ", ") + ")"
    }.joined(separator: ", ")
  }

  /// The table as `"schema"."table"` (``derivedTable`` instead when set), or its rows that meet
  /// ``rowFilter``.
  package var tableReference: String {
    let source = derivedTable ?? tableName
    return rowFilter.map { "(SELECT * FROM \(source) WHERE \($0)) AS filtered" } ?? source
  }

  /// The table as `"schema"."table"`.
  var tableName: String { Self.quoted(schema) + "." + Self.quoted(table) }

  /// A numeric column as the binary number a file path reads: a `real` through its shortest decimal
  /// text (what an export of the table shows), `numeric` rounded once to the nearest `float8`,
  /// integers and `double precision` as they are; a text column's number (``parsedNumber(_:)``).
  static func floating(_ column: Column) -> String { floating(column, qualifier: "") }

  /// ``floating(_:)`` of the column named with `qualifier` (such as `t.`) before its name.
  static func floating(_ column: Column, qualifier: String) -> String {
    let name = qualifier + quoted(column.name)
    if column.isText { return textNumbers.parsed(name) }
    return column.type == "real" ? name + "::text::float8" : name + "::float8"
  }

  /// The weight as a binary floating-point number (1 without a weight column).
  var floatingWeight: String { weight.map(Self.floating) ?? "1::float8" }

  /// Whether a row's weight can be summed: positive and below ``largestWeight``, as a
  /// `float8`. Rows failing it are counted (their sums left out) and make the query an error.
  var weightIsValid: String {
    let value = floatingWeight
    return "(\(value) > 0 AND \(value) < \(Self.largestWeight)::float8)"
  }

  /// Weights must stay below 3·10⁹ so that w² fits an `int8` (2⁶³ ≈ 9.2·10¹⁸).
  static let largestWeight = "3.0e9"

  /// The scale of each fractional part, 2⁶² (``splitSum(of:when:)``).
  static let fractionScale = "4611686018427387904::float8"

  /// The exact, order-independent sum of a `float8` expression p over the rows where `condition`
  /// holds, in three columns that Confiance adds up in `Double` (``GroupSumsRows``): with
  /// f = (p − trunc(p))·2⁶², Σ trunc(p), Σ trunc(f) and Σ (f − trunc(f))·2⁶², each an `int8`
  /// summed by PostgreSQL's 128-bit integer accumulator, so that the sums do not depend on how
  /// parallel workers split and order the rows (a `float8` `sum` does, by about n·ε). Every step
  /// is exact in `float8` (taking the integer part, subtracting it, scaling by a power of two), so
  /// p enters its sum exactly when |p| ≥ 2⁻⁷² (its lowest bit is then at least 2⁻¹²⁴); a smaller
  /// p is rounded to a multiple of 2⁻¹²⁴ (5·10⁻³⁸), the same way whatever the order. `condition`
  /// must keep |p| below 2⁶³. Integer sums cost PostgreSQL less than half the `numeric` sums of
  /// exact decimals they replace (Benchmarks/README.md).
  static func splitSum(of p: String, when condition: String) -> [String] {
    splitSumTerms(of: p, when: condition).map { $0 + "::text" }
  }

  /// The `numeric` sums of ``splitSum(of:when:)``, before their conversion to text (for an
  /// `ARRAY[…]` of them).
  static func splitSumTerms(of p: String, when condition: String) -> [String] {
    let fraction = "((\(p) - trunc(\(p))) * \(fractionScale))"
    return [
      "sum(CASE WHEN \(condition) THEN trunc(\(p))::int8 END)",
      "sum(CASE WHEN \(condition) THEN trunc(\(fraction))::int8 END)",
      "sum(CASE WHEN \(condition) THEN ((\(fraction) - trunc(\(fraction))) * \(fractionScale))::int8 END)",
    ]
  }

  /// ``splitSum(of:when:)`` for a product of weight and value, which may exceed 2⁶³ (w·y² of
  /// large values): a fourth column sums those as exact decimals of the `float8` (its shortest
  /// decimal text), NaN or infinite products included (they make the sum NaN or infinite).
  static func splitSumWithLargeValues(of p: String) -> [String] {
    splitSumTermsWithLargeValues(of: p).map { $0 + "::text" }
  }

  /// The `numeric` sums of ``splitSumWithLargeValues(of:)``, before their conversion to text.
  static func splitSumTermsWithLargeValues(of p: String) -> [String] {
    let fits = "abs(\(p)) < 9.2e18::float8"
    return splitSumTerms(of: p, when: fits) + ["sum(CASE WHEN NOT \(fits) THEN (\(p))::text::numeric END)"]
  }

  /// The scales of the columns of each of Σw and Σw² (``weightSumColumns``) and of each of Σw·y
  /// and Σw·y² (``splitSumWithLargeValues(of:)``), for ``GroupSumsRows``.
  static let weightPartScales: [Double] = [1, 0x1p-62, 0x1p-124]
  static let valuePartScales: [Double] = [1, 0x1p-62, 0x1p-124, 1]

  /// Σw and Σw² as ``splitSum(of:when:)`` columns, three each: for a `numeric` weight, exact
  /// decimal sums of its values and their squares and two columns 0; without a weight, the row
  /// count and 0s.
  var weightSumColumns: [String] {
    let zeros = ["'0'", "'0'"]
    guard let weight else { return ["count(*)::text"] + zeros + ["count(*)::text"] + zeros }
    if weight.type.hasPrefix("numeric") {
      let name = Self.quoted(weight.name), valid = weightIsValid
      return ["sum(CASE WHEN \(valid) THEN \(name) END)::text"] + zeros
        + ["sum(CASE WHEN \(valid) THEN \(name) * \(name) END)::text"] + zeros
    }
    let w = floatingWeight
    return Self.splitSum(of: w, when: weightIsValid) + Self.splitSum(of: "(\(w) * \(w))", when: weightIsValid)
  }

  /// Whether the groups carry Σw²·y and Σw²·y² (``splitSumWithLargeValues(of:)``, four columns
  /// each, after Σw·y² and a ratio's ``denominatorSumColumns``), and a ratio's Σw²·x, Σw²·x² and
  /// Σw²·x·y after them: a summed variable of a design without a PSU column and without replicate-weight
  /// columns, whose rows are the PSUs (``GroupSums/rowsArePSUs``).
  var sumsWeightSquareValues: Bool { sumsValues && psu == nil && replicates.isEmpty }

  /// The key expressions, in the order of the result's first columns: stratum, PSU, domain
  /// variables, variable, items.
  var keys: [String] {
    [strata.map { Self.quoted($0.name) + "::text" } ?? "''::text", psu.map { Self.quoted($0.name) + "::text" } ?? "''::text"]
      + domainVariables.map { Self.quoted($0.name) + "::text" }
      + [sumsValues ? "CASE WHEN \(answered) THEN ''::text END" : Self.quoted(variable.name) + "::text"]
      + items.map { Self.quoted($0.name) + "::text" }
  }

  /// Whether a row has a value of the summed variable, and of the ratio's denominator if any.
  var answered: String {
    ([variable] + (denominator.map { [$0] } ?? [])).map { "\(Self.present($0)) IS NOT NULL" }
      .joined(separator: " AND ")
  }

  /// A ratio's Σw·x, Σw·x² and Σw·x·y of the `float8` products (``splitSumWithLargeValues(of:)``,
  /// four columns each); empty without a denominator.
  var denominatorSumColumns: [String] {
    guard let denominator else { return [] }
    let w = floatingWeight, x = Self.floating(denominator), y = Self.floating(variable)
    return Self.splitSumWithLargeValues(of: "(\(w) * \(x))") + Self.splitSumWithLargeValues(of: "(\(w) * \(x) * \(x))")
      + Self.splitSumWithLargeValues(of: "(\(w) * \(x) * \(y))")
  }

  /// The group sums: keys, then the row count, Σw and Σw² (three columns each,
  /// ``weightSumColumns``), the rows with a NULL weight, the rows with a weight that cannot be
  /// summed (not positive, not finite, or 3·10⁹ or more), the FPC's smallest and largest value
  /// (NULL without an FPC) and its NULL rows, then Σw·y and Σw·y² for a summed variable
  /// (``sumsValues``: four columns each, ``splitSumWithLargeValues(of:)``, of the `float8`
  /// products a file path computes; NULL otherwise), a ratio's ``denominatorSumColumns``, Σw²·y
  /// and Σw²·y² (and a ratio's Σw²·x, Σw²·x² and Σw²·x·y) when the rows are the PSUs
  /// (``sumsWeightSquareValues``), and the replicates' sums
  /// (``replicateSumColumns``). Every value is sent as text.
  package var groupSumsSQL: String {
    let invalidWeights = weight == nil ? "0::text" : "count(*) FILTER (WHERE NOT \(weightIsValid))::text"
    let fpcColumns = fpc.map { column -> String in
      let value = column.isText ? Self.parsedNumber(column) : Self.quoted(column.name)
      return "min(\(value))::text, max(\(value))::text, (count(*) - count(\(value)))::text"
    } ?? "NULL::text, NULL::text, 0::text"
    let nullWeights = weight.map { "(count(*) - count(\(Self.present($0))))::text" } ?? "0::text"
    let keyList = keys.enumerated().map { "\($1) AS k\($0)" }.joined(separator: ", ")
    let w = floatingWeight, y = Self.floating(variable)
    let valueColumns = sumsValues
      ? Self.splitSumWithLargeValues(of: "(\(w) * \(y))") + Self.splitSumWithLargeValues(of: "(\(w) * \(y) * \(y))")
      : Array(repeating: "NULL::text", count: 2 * Self.valuePartScales.count)
    var squareValueColumns = sumsWeightSquareValues
      ? Self.splitSumWithLargeValues(of: "(\(w) * \(w) * \(y))") + Self.splitSumWithLargeValues(of: "(\(w) * \(w) * \(y) * \(y))")
      : []
    if sumsWeightSquareValues, let denominator {
      let x = Self.floating(denominator)
      squareValueColumns += Self.splitSumWithLargeValues(of: "(\(w) * \(w) * \(x))")
        + Self.splitSumWithLargeValues(of: "(\(w) * \(w) * \(x) * \(x))")
        + Self.splitSumWithLargeValues(of: "(\(w) * \(w) * \(x) * \(y))")
    }
    let sums = (["count(*)::text"] + weightSumColumns + [nullWeights, invalidWeights, fpcColumns] + valueColumns
      + denominatorSumColumns + squareValueColumns + replicateSumColumns).joined(separator: ", ")
    return """
      SELECT \(keyList), \(sums) \
      FROM \(tableReference) GROUP BY \((1...keys.count).map(String.init).joined(separator: ", "))
      """
  }

  /// The first step of R's logistic fit (``GroupSums/LogitFirstStep``) by domain and category,
  /// with w̃ = scale_d · w for the scale of each domain bound as parameters: `$1, $2, …` are the
  /// domain's values (text) then its scale (float8), domain after domain. The category is the
  /// variable's value, then the items' (a cross-tab's cell: row and column value), one column
  /// each. Rows outside every domain and rows without a value are left out by the join and the
  /// filter. Sums in `float8`: they only start R's iterations, so their last bits do not reach the
  /// estimates.
  ///
  /// - Parameter domainCount: the number of domains whose scales are bound.
  package func logitFirstStepSQL(domainCount: Int) -> String {
    let rows = Self.boundValuesRows(rowCount: domainCount, keyCount: domainVariables.count)
    let names = domainVariables.indices.map { "k\($0)" } + ["scale"]
    let join = domainVariables.enumerated().map { position, column in
      "\(Self.quoted(column.name))::text = d.k\(position)"
    }
    let categoryColumns = [variable] + items
    let categoryNames = categoryColumns.indices.map { "c\($0)" }
    let domainKeys = domainVariables.indices.map { "d.k\($0) AS k\($0)" }
    let keyColumns = domainVariables.indices.map { "k\($0)" }
    let inner = (domainKeys + categoryColumns.enumerated().map { "\(Self.quoted($1.name))::text AS c\($0)" }
      + ["d.scale * \(floatingWeight) AS w"]).joined(separator: ", ")
    let condition = (join + categoryColumns.map { "\(Self.quoted($0.name)) IS NOT NULL" }).joined(separator: " AND ")
    let groupKeys = (keyColumns + categoryNames).joined(separator: ", ")
    return """
      SELECT \(groupKeys), sum(w * v * ln(1 + 2 * w) + 0.5 * w / (w + 1))::text, sum(w * v)::text, \
      sum(2 * w * ln(1 + 0.5 / (w + 0.5)))::text \
      FROM (SELECT \((keyColumns + categoryNames + ["w"]).joined(separator: ", ")), 0.5 * (w + 0.5) / ((w + 1) * (w + 1)) AS v \
      FROM (SELECT \(inner) FROM \(tableReference) JOIN (VALUES \(rows)) AS d(\(names.joined(separator: ", "))) \
      ON \(condition.isEmpty ? "true" : condition)) AS scaled) AS terms \
      GROUP BY \(groupKeys)
      """
  }
}
