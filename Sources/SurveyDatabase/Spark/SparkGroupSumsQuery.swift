internal import Foundation

/// The Spark SQL that makes a Spark table's ``GroupSums``: the `GROUP BY` of
/// stratum × PSU × domain variables × variable that PostgreSQL runs (``GroupSumsQuery``), in Spark's
/// dialect, returning aggregates only, never rows.
///
/// Every name is an identifier between backticks, with its own backticks doubled (``quoted(_:)``):
/// a table or column name is never SQL text, whatever characters it holds. Keys come back as
/// `STRING` (NULL stays NULL). Weights are summed as exact decimals, `DECIMAL(38, 18)`, so that
/// the sums do not depend on how Spark's tasks split and order the rows; a `DOUBLE` weight enters
/// as Spark's decimal text of it (`Double.toString`, which reads back to the same number) rounded
/// to 18 decimals, an integer or a `DECIMAL` of scale ≤ 18 exactly; Σw² sums each w² computed
/// once in `DOUBLE` (a rounding of 2⁻⁵³ relative, the same whatever the order). Sums stay exact
/// while below 10²⁰.
package struct SparkGroupSumsQuery: Sendable, Hashable {
  /// A column and its Spark SQL type, as `DESCRIBE` writes it (`string`, `double`, `decimal(10,2)`).
  package struct Column: Sendable, Hashable {
    package var name: String
    package var type: String

    package init(name: String, type: String) {
      self.name = name
      self.type = type
    }
  }

  /// The table's name parts (parquet, then /data/x.parquet between backticks, is `["parquet", "/data/x.parquet"]`).
  package var table: [String]
  package var variable: Column
  package var domainVariables: [Column]
  /// The design columns; a `nil` weight weighs every row 1, `nil` strata make one stratum.
  package var weight: Column?
  package var strata: Column?
  /// `nil` for a design without a PSU column: the groups are not keyed by PSU (as ``GroupSumsQuery/psu``).
  package var psu: Column?
  package var fpc: Column?
  /// A ratio's denominator x, with the variable its numerator y (``sumsValues``): as
  /// ``GroupSumsQuery/denominator``, the groups add Σw·x, Σw·x² and Σw·x·y.
  package var denominator: Column?
  /// More categorical columns that key the groups after the variable (a paradox analysis's
  /// action items, after its concern item); empty otherwise.
  package var items: [Column]
  /// Whether the variable is numeric and summed (Σw·y, Σw·y², for means and totals) rather than a
  /// category that keys the groups: its key is then only whether the row has a value.
  package var sumsValues: Bool
  /// Replicate-weight columns, in the table's order: the groups then carry Σ a_r and Σ a_r·y for
  /// each replicate r (``replicateSumColumns``); empty otherwise.
  package var replicates: [Column] = []
  /// A subquery read instead of the table (``rakedReplicates(_:rakingColumns:)``: the rows with
  /// their raked replicate weights); `nil` for the table itself.
  var derivedTable: String?
  /// A condition on the table's rows (SQL text built by Confiance, never from a value): the
  /// queries then read only the rows that meet it (``tableReference``); `nil` for every row.
  var rowFilter: String?

  package init(
    table: [String], variable: Column, domainVariables: [Column], weight: Column?, strata: Column?, psu: Column?,
    fpc: Column?, items: [Column] = [], sumsValues: Bool = false, replicates: [Column] = []
  ) {
    self.replicates = replicates
    self.items = items
    self.sumsValues = sumsValues
    self.table = table
    self.variable = variable
    self.domainVariables = domainVariables
    self.weight = weight
    self.strata = strata
    self.psu = psu
    self.fpc = fpc
  }

  /// `` `name` `` with inner backticks doubled: Spark's quoted identifier.
  package static func quoted(_ name: String) -> String {
    "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
  }

  /// The parts of a Spark table name: parts separated by dots, each either letters, digits and
  /// `_`, or any text between backticks (a backtick inside written twice). Anything else — a
  /// subquery, a comment, a semicolon — is not a table name.
  package static func tableNameParts(_ text: String) throws -> [String] {
    var parts: [String] = []
    var characters = Array(text)[...]
    while true {
      var part = ""
      if characters.first == "`" {
        characters = characters.dropFirst()
        while true {
          guard let character = characters.first else { throw DatabaseError.malformedTable(text) }
          characters = characters.dropFirst()
          if character == "`" {
            if characters.first == "`" {
              part.append("`")
              characters = characters.dropFirst()
            } else {
              break
            }
          } else {
            part.append(character)
          }
        }
      } else {
        while let character = characters.first, character == "_" || (character.isASCII && (character.isLetter || character.isNumber)) {
          part.append(character)
          characters = characters.dropFirst()
        }
      }
      guard !part.isEmpty else { throw DatabaseError.malformedTable(text) }
      parts.append(part)
      guard let separator = characters.first else { return parts }
      guard separator == "." else { throw DatabaseError.malformedTable(text) }
      characters = characters.dropFirst()
    }
  }

  /// The table, every part quoted.
  package static func tableReference(_ parts: [String]) -> String { parts.map(quoted).joined(separator: ".") }

  /// The columns of a table and their types: `DESCRIBE QUERY` answers with one row per column.
  static func describeSQL(table parts: [String]) -> String {
    "DESCRIBE QUERY SELECT * FROM \(tableReference(parts))"
  }

  /// The table (``derivedTable`` instead when set), or its rows that meet ``rowFilter``.
  var tableReference: String {
    let source = derivedTable ?? Self.tableReference(table)
    return rowFilter.map { "(SELECT * FROM \(source) WHERE \($0)) AS filtered" } ?? source
  }

  static func asText(_ column: Column) -> String { "CAST(\(quoted(column.name)) AS STRING)" }
  /// The column as a `DOUBLE`; a text column's number (``parsedNumber(_:)``).
  static func asDouble(_ column: Column) -> String { asDouble(column, qualifier: "") }

  /// ``asDouble(_:)`` of the column named with `qualifier` (such as `t.`) before its name.
  static func asDouble(_ column: Column, qualifier: String) -> String {
    let name = qualifier + quoted(column.name)
    return column.isText ? textNumbers.parsed(name) : "CAST(\(name) AS DOUBLE)"
  }

  /// Whether the row's weight is positive and below 3·10⁹, PostgreSQL's bound (so that w² keeps
  /// its integer digits in `DECIMAL(38, 18)`); NaN and ∞ fail it (Spark orders NaN above +∞).
  var validWeight: String {
    guard let weight else { return "TRUE" }
    let value = Self.asDouble(weight)
    return "(\(value) > 0 AND \(value) < 3.0E9D)"
  }

  /// Σw and Σw² (exact decimals over the valid weights), the rows with a NULL weight and the rows
  /// with a weight that is not a positive finite number below 3·10⁹ (``validWeight``).
  var weightColumns: (sum: String, squareSum: String, nullWeights: String, invalidWeights: String) {
    guard let weight else { return ("CAST(count(*) AS DECIMAL(38, 18))", "CAST(count(*) AS DECIMAL(38, 18))", "0", "0") }
    let value = Self.asDouble(weight)
    // A text weight enters as its DOUBLE, as a DOUBLE column does.
    let exact = weight.isText ? value : Self.quoted(weight.name)
    return ("sum(CASE WHEN \(validWeight) THEN CAST(\(exact) AS DECIMAL(38, 18)) END)",
            "sum(CASE WHEN \(validWeight) THEN CAST(\(value) * \(value) AS DECIMAL(38, 18)) END)",
            "count(*) - count(\(Self.present(weight)))", "count_if(NOT \(validWeight))")
  }

  /// Whether the groups carry Σw²·y and Σw²·y², and a ratio's Σw²·x, Σw²·x² and Σw²·x·y (as
  /// ``GroupSumsQuery/sumsWeightSquareValues``).
  var sumsWeightSquareValues: Bool { sumsValues && psu == nil && replicates.isEmpty }

  /// The key expressions, in the order of the result's first columns: stratum, PSU, domain
  /// variables, variable, items.
  var keys: [String] {
    [strata.map(Self.asText) ?? "''", psu.map(Self.asText) ?? "''"] + domainVariables.map(Self.asText)
      + [sumsValues ? "CASE WHEN \(answered) THEN '' END" : Self.asText(variable)]
      + items.map(Self.asText)
  }

  /// Whether a row has a value of the summed variable, and of the ratio's denominator if any.
  var answered: String {
    ([variable] + (denominator.map { [$0] } ?? [])).map { "\(Self.present($0)) IS NOT NULL" }
      .joined(separator: " AND ")
  }

  /// The group sums: keys, then the row count, Σw and Σw² (exact decimals), the rows with a NULL
  /// weight, the rows with a weight that is not a positive finite number, and the FPC's smallest
  /// and largest value (NULL without an FPC) and its NULL rows, then Σw·y and Σw·y² of a summed
  /// variable (``sumsValues``; NULL otherwise), each in two parts (``exactSum(of:)``), a ratio's
  /// Σw·x, Σw·x² and Σw·x·y (``denominator``), two parts each, and Σw²·y and Σw²·y² (then a
  /// ratio's Σw²·x, Σw²·x² and Σw²·x·y) when the rows are the PSUs (``sumsWeightSquareValues``).
  package var groupSumsSQL: String {
    let (weightSum, squareSum, nullWeights, invalidWeights) = weightColumns
    let fpcColumns = fpc.map { column -> String in
      let value = Self.asDouble(column)
      return "min(\(value)), max(\(value)), count(*) - count(\(Self.present(column)))"
    } ?? "NULL, NULL, 0"
    let keyList = keys.enumerated().map { "\($1) AS k\($0)" }.joined(separator: ", ")
    var valueColumns = "NULL, NULL, NULL, NULL"
    if sumsValues {
      // w·y and (w·y)·y in DOUBLE, as the file path multiplies them, for valid weights only.
      let y = Self.asDouble(variable)
      let product = weight.map { "CASE WHEN \(validWeight) THEN \(Self.asDouble($0)) * \(y) END" } ?? y
      valueColumns = Self.exactSum(of: product) + ", " + Self.exactSum(of: "(\(product)) * \(y)")
      if let denominator {
        // A ratio's w·x, (w·x)·x and (w·x)·y.
        let x = Self.asDouble(denominator)
        let weighted = weight.map { "CASE WHEN \(validWeight) THEN \(Self.asDouble($0)) * \(x) END" } ?? x
        valueColumns += ", " + [weighted, "(\(weighted)) * \(x)", "(\(weighted)) * \(y)"].map(Self.exactSum).joined(separator: ", ")
      }
      if sumsWeightSquareValues {
        let squared = weight.map { "CASE WHEN \(validWeight) THEN \(Self.asDouble($0)) * \(Self.asDouble($0)) END" } ?? "1D"
        valueColumns += ", " + Self.exactSum(of: "(\(squared)) * \(y)") + ", " + Self.exactSum(of: "(\(squared)) * \(y) * \(y)")
        if let denominator {
          // A ratio's w²·x, w²·x² and w²·x·y.
          let x = Self.asDouble(denominator)
          valueColumns += ", " + ["(\(squared)) * \(x)", "(\(squared)) * \(x) * \(x)", "(\(squared)) * \(x) * \(y)"]
            .map(Self.exactSum).joined(separator: ", ")
        }
      }
    }
    return """
      SELECT \(keyList), count(*) AS row_count, \(weightSum) AS weight_sum, \(squareSum) AS weight_square_sum, \
      \(nullWeights) AS null_weights, \(invalidWeights) AS invalid_weights, \(fpcColumns), \(valueColumns)\
      \(replicateSumColumns.map { ", " + $0 }.joined()) \
      FROM \(tableReference) GROUP BY \((1...keys.count).map(String.init).joined(separator: ", "))
      """
  }

  /// The sum of a `DOUBLE` expression p, the same whatever the order of the rows, in two columns
  /// that Confiance adds up: Σ round(p) as `DECIMAL(38, 0)` and Σ (p − round(p)) as
  /// `DECIMAL(38, 28)`. p − round(p) is exact in `DOUBLE` (p's own low bits), so each part enters
  /// its decimal sum with only the rounding of Spark's decimal text of a double (which reads back
  /// to the same number): the integer part exactly below 2⁵³ (and to 2⁻⁵³ relative beyond), the
  /// fractional part to 28 decimals (5·10⁻²⁹). The sums are exact: the integer parts' below 10³⁸,
  /// the fractional parts' below 10¹⁰ (2·10¹⁰ rows). One `DECIMAL(38, 18)` sum of p would overflow
  /// at 10²⁰ (Σw·y² of incomes) and keep 18 decimals of tiny products, and Spark keeps only 6
  /// decimals of a product of two `DECIMAL(38, 18)` values.
  static func exactSum(of product: String) -> String {
    "sum(CAST(round(\(product)) AS DECIMAL(38, 0))), sum(CAST((\(product)) - round(\(product)) AS DECIMAL(38, 28)))"
  }

  /// The first step of R's logistic fit (``GroupSums/LogitFirstStep``) by domain and category,
  /// with w̃ = scale_d · w for the scale of each domain (the category: the variable's value, then
  /// the items', one column each), the domains and scales written as
  /// literals (values as UTF-8 hexadecimal, `CAST(X'…' AS STRING)`, so no value is SQL text).
  /// Rows outside every domain and rows without a value are left out by the join and the filter.
  /// Sums in `DOUBLE`: they only start R's iterations, so their last bits do not reach the
  /// estimates.
  package func logitFirstStepSQL(scales: [(domain: [String], scale: Double)]) -> String {
    let rows = scales.map { domain, scale in
      "(" + (domain.map(Self.textLiteral) + [Self.doubleLiteral(scale)]).joined(separator: ", ") + ")"
    }.joined(separator: ", ")
    let keyColumns = domainVariables.indices.map { "k\($0)" }
    let names = keyColumns + ["scale"]
    let join = domainVariables.enumerated().map { position, column in "\(Self.asText(column)) = d.k\(position)" }
    let weight = weight.map(Self.asDouble) ?? "1D"
    let categoryColumns = [variable] + items
    let categoryNames = categoryColumns.indices.map { "c\($0)" }
    let inner = (domainVariables.indices.map { "d.k\($0) AS k\($0)" }
      + categoryColumns.enumerated().map { "\(Self.asText($1)) AS c\($0)" } + ["d.scale * \(weight) AS w"])
      .joined(separator: ", ")
    let condition = (join + categoryColumns.map { "\(Self.quoted($0.name)) IS NOT NULL" }).joined(separator: " AND ")
    let groupKeys = (keyColumns + categoryNames).joined(separator: ", ")
    return """
      SELECT \(groupKeys), sum(w * v * ln(1D + 2D * w) + 0.5D * w / (w + 1D)), sum(w * v), \
      sum(2D * w * ln(1D + 0.5D / (w + 0.5D))) \
      FROM (SELECT \((keyColumns + categoryNames + ["w"]).joined(separator: ", ")), 0.5D * (w + 0.5D) / ((w + 1D) * (w + 1D)) AS v \
      FROM (SELECT \(inner) FROM \(tableReference) JOIN (VALUES \(rows)) AS d(\(names.joined(separator: ", "))) \
      ON \(condition)) AS scaled) AS terms \
      GROUP BY \(groupKeys)
      """
  }
}
