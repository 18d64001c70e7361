internal import Foundation

/// The SQL that makes a PostgreSQL table's ``GroupSums``: one `GROUP BY` over stratum × PSU ×
/// domain variables × variable that returns aggregates only, never rows.
///
/// Every name is an identifier written between double quotes, with its own double quotes doubled
/// (``quoted(_:)``): a table or column name is never SQL text, whatever characters it holds. Keys
/// come back as text (NULL stays NULL: a missing value, or a row outside every domain). Weights
/// are summed as exact decimals (`numeric`), so that the sums do not depend on the order in which
/// parallel workers add rows up, and are sent back as text, converted to `Double` once: a `real`
/// or `double precision` weight enters as the shortest decimal that reads back to the same binary
/// number (`w::text::numeric`; `w::numeric` would round it to 15 digits), an integer or `numeric`
/// weight as it is.
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
  package var psu: Column
  package var fpc: Column?
  /// Whether the variable is numeric and summed (Σw·y, Σw·y², for means and totals) rather than a
  /// category that keys the groups: its key is then only whether the row has a value.
  package var sumsValues: Bool
  /// More categorical columns that key the groups after the variable (a paradox analysis's
  /// action items, after its concern item); empty otherwise.
  package var items: [Column]

  package init(
    schema: String, table: String, variable: Column, domainVariables: [Column], weight: Column?, strata: Column?,
    psu: Column, fpc: Column?, sumsValues: Bool = false, items: [Column] = []
  ) {
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

  /// The table as `"schema"."table"`.
  package var tableReference: String { Self.quoted(schema) + "." + Self.quoted(table) }

  /// The weight as an exact decimal.
  var exactWeight: String {
    guard let weight else { return "1::numeric" }
    return Self.exact(weight)
  }

  /// A numeric column as an exact decimal: a `real` or `double precision` value as the shortest
  /// decimal that reads back to the same binary number, an integer or `numeric` as it is.
  static func exact(_ column: Column) -> String {
    let name = quoted(column.name)
    if column.type.hasPrefix("numeric") { return name }
    if column.type == "real" || column.type == "double precision" { return name + "::text::numeric" }
    return name + "::numeric"
  }

  /// The weight as a binary floating-point number.
  var floatingWeight: String { weight.map { Self.quoted($0.name) + "::float8" } ?? "1::float8" }

  /// The key expressions, in the order of the result's first columns: stratum, PSU, domain
  /// variables, variable, items.
  var keys: [String] {
    [strata.map { Self.quoted($0.name) + "::text" } ?? "''::text", Self.quoted(psu.name) + "::text"]
      + domainVariables.map { Self.quoted($0.name) + "::text" }
      + [sumsValues ? "CASE WHEN \(Self.quoted(variable.name)) IS NULL THEN NULL ELSE ''::text END" : Self.quoted(variable.name) + "::text"]
      + items.map { Self.quoted($0.name) + "::text" }
  }

  /// The group sums: keys, then the row count, Σw and Σw² (as text), the rows with a NULL weight,
  /// the rows with a weight that is not a positive finite number, the FPC's smallest and largest
  /// value (NULL without an FPC) and its NULL rows, then Σw·y and Σw·y² for a summed variable
  /// (``sumsValues``; NULL otherwise), exact `numeric` products and sums.
  package var groupSumsSQL: String {
    let w = exactWeight
    let validity = weight.map { name -> String in
      let value = Self.quoted(name.name) + "::float8"
      return "count(*) FILTER (WHERE NOT (\(value) > 0 AND \(value) < 'Infinity'::float8))::text"
    } ?? "0::text"
    let fpcColumns = fpc.map { column -> String in
      let name = Self.quoted(column.name)
      return "min(\(name))::text, max(\(name))::text, (count(*) - count(\(name)))::text"
    } ?? "NULL::text, NULL::text, 0::text"
    let nullWeights = weight.map { "(count(*) - count(\(Self.quoted($0.name))))::text" } ?? "0::text"
    let keyList = keys.enumerated().map { "\($1) AS k\($0)" }.joined(separator: ", ")
    let y = Self.exact(variable)
    let valueColumns = sumsValues
      ? "sum((\(w)) * \(y))::text AS value_sum, sum((\(w)) * \(y) * \(y))::text AS value_square_sum"
      : "NULL::text, NULL::text"
    return """
      SELECT \(keyList), count(*)::text AS rows, sum(\(w))::text AS weight_sum, sum((\(w)) * (\(w)))::text AS weight_square_sum, \
      \(nullWeights) AS null_weights, \(validity) AS invalid_weights, \(fpcColumns), \(valueColumns) \
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
    let width = domainVariables.count + 1
    let rows = (0..<domainCount).map { domain in
      "(" + (0..<width).map { position in
        "$\(domain * width + position + 1)" + (position == width - 1 ? "::float8" : "::text")
      }.joined(separator: ", ") + ")"
    }.joined(separator: ", ")
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
