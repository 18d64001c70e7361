internal import PostgresNIO

/// A group-sums query, PostgreSQL's (``GroupSumsQuery``) or Spark's (``SparkGroupSumsQuery``), that
/// reads its text columns as numbers.
///
/// Text columns are read as numbers as a file path reads a column whose values are numbers written as
/// text (a Spark table read from a CSV without a schema is all `STRING`; a PostgreSQL table may
/// hold numbers as `text` or `varchar`): a mean's, total's, quantile's or ratio's variables, the
/// weight, the FPC and replicate-weight columns may be text. A value is its trimmed text read as a binary floating-point number when it is
/// a number (``ScaleQuery/numberPattern``: an optional sign, digits with an optional decimal point,
/// an optional exponent), NULL when it is blank, as a file's empty cell is missing. Read that way,
/// a text column is the `float8` (`DOUBLE`) column of the same numbers, summed exactly as one
/// (PostgreSQL's and Spark's parsing round correctly, as the file path's `strtod` does), so its
/// estimates are the file path's.
///
/// A value that is neither blank nor a number makes the whole column unusable, as on a file: one
/// statement before the group sums counts such values in every text column the query reads as
/// numbers and returns the smallest of them (``notNumbersSQL``), and the first column with any is
/// an error that names the table, the column, the count and that value
/// (``DatabaseError/notNumbers(table:column:role:count:example:)``). Decimal commas, `NaN` and
/// `Infinity`, which a file may read as numbers, are not numbers here.
protocol TextNumberQuery {
  associatedtype Column: TextNumberColumn
  /// The engine's words for it.
  static var textNumbers: TextNumberSQL { get }
  static func quoted(_ name: String) -> String
  var sumsValues: Bool { get }
  var variable: Column { get }
  var denominator: Column? { get }
  var weight: Column? { get }
  var fpc: Column? { get }
  var replicates: [Column] { get }
  var tableReference: String { get }
}

/// The SQL that reads text as numbers, in PostgreSQL's or Spark's words.
struct TextNumberSQL: Sendable {
  /// A quoted column's trimmed text.
  var trimmed: @Sendable (String) -> String
  /// The regular-expression match operator.
  var matches: String
  /// A number's text as the engine's binary floating-point number.
  var double: @Sendable (String) -> String
  /// A quoted column as text.
  var text: @Sendable (String) -> String
  /// A count as the engine returns it.
  var count: @Sendable (String) -> String

  static let postgreSQL = TextNumberSQL(
    trimmed: { "btrim(\($0)::text)" }, matches: "~", double: { "\($0)::float8" }, text: { "\($0)::text" },
    count: { "count(\($0))::text" })
  static let spark = TextNumberSQL(
    trimmed: { "trim(\($0))" }, matches: "RLIKE", double: { "CAST(\($0) AS DOUBLE)" }, text: { $0 }, count: { "count(\($0))" })

  /// A quoted text column's number: its trimmed text as a number when it is one, NULL otherwise.
  func parsed(_ column: String) -> String {
    "(CASE WHEN \(trimmed(column)) \(matches) '\(ScaleQuery.numberPattern)' THEN \(double(trimmed(column))) END)"
  }

  /// For each quoted column, the number of values that are neither blank nor a number and the
  /// smallest of them (NULL when none), in one row of `table`.
  func notNumbersSQL(_ columns: [String], table: String) -> String {
    let selected = columns.flatMap { column -> [String] in
      let value = "CASE WHEN \(trimmed(column)) <> '' AND NOT (\(trimmed(column)) \(matches) '\(ScaleQuery.numberPattern)') "
        + "THEN \(text(column)) END"
      return [count(value), "min(\(value))"]
    }
    return "SELECT \(selected.joined(separator: ", ")) FROM \(table)"
  }

  /// The text columns among a query's columns that it reads as numbers, with their roles: the
  /// summed variable (a ratio's numerator), the denominator, the weight, the FPC and the
  /// replicate-weight columns.
  static func columns<Column>(
    summed variable: Column?, denominator: Column?, weight: Column?, fpc: Column?, replicates: [Column] = [],
    isText: (Column) -> Bool
  ) -> [(column: Column, role: String)] {
    let roles: [(Column?, String)] = [
      (variable, denominator == nil ? "analysed variable" : "numerator"), (denominator, "denominator"),
      (weight, "weight"), (fpc, "finite population correction"),
    ] + replicates.map { ($0, "replicate weight") }
    return roles.compactMap { column, role in column.flatMap { isText($0) ? ($0, role) : nil } }
  }
}

/// A column that may hold text.
protocol TextNumberColumn {
  var name: String { get }
  var isText: Bool { get }
}

extension GroupSumsQuery.Column: TextNumberColumn {
  /// Whether the column holds text (`pg_type.typcategory` S: `text`, `varchar`, `char`).
  var isText: Bool { category == "S" }
}

extension SparkGroupSumsQuery.Column: TextNumberColumn {
  /// Whether the column holds text (`string`, `varchar(n)`, `char(n)`).
  var isText: Bool {
    let type = type.lowercased()
    return type == "string" || type.hasPrefix("varchar") || type.hasPrefix("char")
  }
}

extension TextNumberQuery {
  /// A text column's number: its trimmed text as a `float8` (`DOUBLE`) when it is a number, NULL
  /// otherwise.
  static func parsedNumber(_ column: Column) -> String { textNumbers.parsed(quoted(column.name)) }

  /// An expression that is NULL exactly where the column's value is missing: the column itself,
  /// or a text column's number.
  static func present(_ column: Column) -> String {
    column.isText ? parsedNumber(column) : quoted(column.name)
  }

  /// The text columns the query reads as numbers, with their roles
  /// (``TextNumberSQL/columns(summed:denominator:weight:fpc:replicates:isText:)``).
  var textNumberColumns: [(column: Column, role: String)] {
    TextNumberSQL.columns(
      summed: sumsValues ? variable : nil, denominator: denominator, weight: weight, fpc: fpc, replicates: replicates,
      isText: \.isText)
  }

  /// For each of ``textNumberColumns``, the number of values that are neither blank nor a number
  /// and the smallest of them (NULL when none), in one row.
  var notNumbersSQL: String {
    Self.textNumbers.notNumbersSQL(textNumberColumns.map { Self.quoted($0.column.name) }, table: tableReference)
  }
}

extension GroupSumsQuery: TextNumberQuery {
  static var textNumbers: TextNumberSQL { .postgreSQL }
}

extension SparkGroupSumsQuery: TextNumberQuery {
  static var textNumbers: TextNumberSQL { .spark }

  /// The column `name` in a role that takes numbers: a numeric column, or a text column read as
  /// numbers; `column` finds a column by name, role and whether it must be numeric.
  static func numberColumn(
    _ name: String, role: String, _ column: (String, String, Bool) throws -> Column
  ) throws -> Column {
    do {
      return try column(name, role, true)
    } catch DatabaseError.unsupportedColumnType(let engine, _, let type, _) {
      let found = try column(name, role, false)
      guard found.isText else { throw DatabaseError.unsupportedColumnType(engine, column: name, type: type, role: role) }
      return found
    }
  }
}

extension DatabaseError {
  /// The error for the first of `columns` whose count of values that are not numbers (the row of
  /// a ``TextNumberQuery/notNumbersSQL``: a count, then an example, per column) is not 0; `nil`
  /// when every value is blank or a number.
  static func notNumbers(in row: [String?], columns: [(name: String, role: String)], table: String) -> DatabaseError? {
    for (position, column) in columns.enumerated() {
      let count = Int(row[2 * position] ?? "0") ?? 0
      guard count > 0 else { continue }
      return .notNumbers(
        table: table, column: column.name, role: column.role, count: count, example: row[2 * position + 1] ?? "")
    }
    return nil
  }
}

extension PostgresTable {
  /// The `float8` or `text` columns of a role that takes numbers: a numeric column, or a text
  /// column read as numbers (``TextNumberQuery/textNumberColumns``).
  static let numberOrText: Set<String> = ["N", "S"]

  /// Throws when a text column that `query` reads as numbers holds a value that is neither blank
  /// nor a number (one statement, ``TextNumberQuery/notNumbersSQL``; none without text columns).
  func checkNumbers(_ query: GroupSumsQuery, _ connection: PostgresConnection) async throws {
    let columns = query.textNumberColumns
    guard !columns.isEmpty else { return }
    let row = try await rows(of: PostgresQuery(unsafeSQL: query.notNumbersSQL), connection).first ?? []
    if let error = DatabaseError.notNumbers(in: row, columns: columns.map { ($0.column.name, $0.role) }, table: table) {
      throw error
    }
  }
}

extension SparkTable {
  /// Throws when a text column that `query` reads as numbers holds a value that is neither blank
  /// nor a number (one statement, ``TextNumberQuery/notNumbersSQL``; none without text columns).
  func checkNumbers(_ query: SparkGroupSumsQuery, runner: SparkRunner) throws {
    let columns = query.textNumberColumns
    guard !columns.isEmpty else { return }
    let row = try runner.rows(of: query.notNumbersSQL).first ?? []
    if let error = DatabaseError.notNumbers(in: row, columns: columns.map { ($0.column.name, $0.role) }, table: table) {
      throw error
    }
  }
}
