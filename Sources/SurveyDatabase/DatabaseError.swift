public import SurveyStatistics

/// The engine a survey table lives in, as its messages name it.
public enum DatabaseEngine: String, Sendable, Hashable {
  case postgreSQL = "PostgreSQL"
  case spark = "Spark"

  /// The server, as a sentence names it: "PostgreSQL server", "Spark Connect server".
  var server: String { self == .spark ? "Spark Connect server" : "PostgreSQL server" }
}

/// A database table that cannot be estimated from, in PostgreSQL or in Spark: one sentence each,
/// naming the engine and the server (never the password), the table, the column and what to do.
public enum DatabaseError: ConfianceError, Equatable {
  /// The location is not a URL of the engine that Confiance reads; what to write instead.
  case malformedLocation(DatabaseEngine, problem: String)
  /// A database location without the table to estimate from.
  case missingTable(DatabaseEngine)
  /// The table is not a Spark table name (`name`, `db.name`, or a format then a path between backticks).
  case malformedTable(String)
  /// No Python with pyspark's Spark Connect client could be run (the runner's sentence).
  case clientMissing(String)
  /// No server answers at host:port.
  case unreachable(DatabaseEngine, host: String, port: Int, reason: String)
  /// The server refused the user's credentials.
  case authenticationFailed(user: String, host: String, port: Int)
  /// The database does not exist on the server.
  case unknownDatabase(database: String, host: String, port: Int)
  /// No table (or view) of that name is visible.
  case unknownTable(table: String, suggestion: String?)
  /// Spark has no such table, view, file or column (Spark's sentence).
  case notFound(String)
  /// The table has no such column.
  case unknownColumn(column: String, table: String, suggestion: String?)
  /// A column whose name looks like a respondent's identifier, named as a variable whose values
  /// or categories would be printed (as a file's identifier columns, never printed).
  case identifierColumn(column: String, table: String)
  /// A column's type cannot play its part.
  case unsupportedColumnType(DatabaseEngine, column: String, type: String, role: String)
  /// A text column read as numbers (a variable, the weight, the FPC) holding `count` values that
  /// are neither blank nor numbers, the smallest of them `example`.
  case notNumbers(table: String, column: String, role: String, count: Int, example: String)
  /// Rows whose weight, stratum, PSU or FPC is NULL.
  case missingDesignValues(column: String, role: String, rows: Int)
  /// Rows whose weight is zero, negative or not a finite number.
  case invalidWeights(column: String, rows: Int)
  /// Rows whose replicate weight is NULL, negative, not a finite number or too large to sum.
  case invalidReplicateWeights(column: String, rows: Int)
  /// The FPC takes two values in one stratum.
  case fpcNotConstantInStratum(column: String, stratum: String)
  /// The query ran longer than the statement timeout.
  case timedOut(seconds: Double)
  /// Any other error the server reported, in its words.
  case server(DatabaseEngine, message: String)
  /// An answer that is not what the query asks for (a runner that stopped, a row of the wrong width).
  case unexpectedAnswer(DatabaseEngine, String)
  /// A design or a request the database path does not estimate yet.
  case unsupportedDesign(String)

  package var kind: ErrorKind {
    switch self {
    case .unreachable, .authenticationFailed, .timedOut, .server, .clientMissing, .unexpectedAnswer: return .other
    case .malformedLocation, .missingTable, .malformedTable, .unsupportedDesign: return .usage
    default: return .data
    }
  }

  package var remedy: Remedy? {
    if case .missingTable = self { return .databaseTable }
    return nil
  }

  /// One sentence for the researcher: the engine, the host or table, and what to do.
  public var description: String {
    switch self {
    case .missingTable(let engine):
      return "a \(engine.rawValue) location needs the table to estimate from: "
        + (engine == .spark ? "a Spark table name, or a format and a path such as parquet.`/data/survey.parquet`."
          : "a table or view, as schema.name.")
    case .malformedLocation(let engine, let problem):
      return "the location is not a \(engine == .spark ? "Spark Connect" : "PostgreSQL") URL Confiance reads: \(problem)."
    case .malformedTable(let table):
      return "'\(table)' is not a Spark table name: write name, database.name or format.`path`, "
        + "with backticks around a part that holds other characters than letters, digits and _."
    case .clientMissing(let sentence), .notFound(let sentence):
      return sentence
    case .unreachable(let engine, let host, let port, let reason):
      return "no \(engine.server) answers at \(host):\(port) (\(reason)). Check the host and port, and that the server is running"
        + (engine == .postgreSQL ? " and accepts TCP connections." : ".")
    case .authenticationFailed(let user, let host, let port):
      return "the PostgreSQL server at \(host):\(port) refused user '\(user)': wrong or missing password. Put it in the URL, in PGPASSWORD or in ~/.pgpass."
    case .unknownDatabase(let database, let host, let port):
      return "the PostgreSQL server at \(host):\(port) has no database '\(database)'. Name an existing database in the URL's path."
    case .unknownTable(let table, let suggestion):
      return "the database has no table or view '\(table)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
        + (suggestion == nil ? " Name it as schema.table, exactly as it is stored (names are case-sensitive)." : "")
    case .unknownColumn(let column, let table, let suggestion):
      return "table '\(table)' has no column '\(column)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
    case .identifierColumn(let column, let table):
      return "table '\(table)': column '\(column)' is an identifier — its name looks like one (a respondent's id, e-mail, "
        + "phone or name) — and identifiers are never printed, so that no respondent can be recognised in a table. "
        + "If '\(column)' is not an identifier, analyse it under another name through a view "
        + "(CREATE VIEW v AS SELECT *, \"\(column)\" AS answer FROM \(table))."
    case .unsupportedColumnType(let engine, let column, let type, let role):
      return "column '\(column)' has type \(type), which cannot be a \(role): use a \(engine == .spark ? "string" : "text"), integer or boolean column for categories and a numeric column for weights."
    case .notNumbers(let table, let column, let role, let count, let example):
      let values = count == 1 ? "'\(example)' is not a number" : "\(count) values are not numbers, such as '\(example)'"
      return "table '\(table)': column '\(column)': \(values), but the \(role) must be numeric. "
        + (count == 1 ? "Correct the value, or make it NULL" : "Correct them, or make them NULL") + " (a view can do it)."
    case .missingDesignValues(let column, let role, let rows):
      return "column '\(column)' (\(role)) is NULL on \(rows) row\(rows == 1 ? "" : "s"); every row needs its design values. Fill them in, or estimate from a view that leaves those rows out."
    case .invalidWeights(let column, let rows):
      return "column '\(column)' (weight) is zero, negative, not a finite number or 3·10⁹ or more on \(rows) row\(rows == 1 ? "" : "s"); weights must be positive and below 3·10⁹ (their squares are summed exactly)."
    case .invalidReplicateWeights(let column, let rows):
      return "column '\(column)' (replicate weight) is NULL, negative, not a finite number or 3·10⁹ or more on \(rows) row\(rows == 1 ? "" : "s"); replicate weights must be zero or positive and below 3·10⁹. Correct them, or check that the pattern matches only replicate-weight columns."
    case .fpcNotConstantInStratum(let column, let stratum):
      return "column '\(column)' (finite population correction) takes several values in stratum '\(stratum)'; it must be constant within a stratum."
    case .timedOut(let seconds):
      return "the query ran longer than the statement timeout of \(seconds) s and was cancelled. Allow more time, or estimate from a smaller table."
    case .server(let engine, let message):
      return engine == .spark ? "Spark reported: \(message)" : "the PostgreSQL server reported: \(message)"
    case .unexpectedAnswer(_, let problem):
      return problem
    case .unsupportedDesign(let problem):
      return problem
    }
  }
}

extension DatabaseError {
  /// The error for what a group-sums query's rows show to be wrong with the design values.
  init(_ problem: GroupSumsRows.Problem) {
    switch problem {
    case .missingDesignValues(let column, let role, let rows): self = .missingDesignValues(column: column, role: role, rows: rows)
    case .invalidWeights(let column, let rows): self = .invalidWeights(column: column, rows: rows)
    case .fpcNotConstantInStratum(let column, let stratum): self = .fpcNotConstantInStratum(column: column, stratum: stratum)
    case .invalidReplicateWeights(let column, let rows): self = .invalidReplicateWeights(column: column, rows: rows)
    }
  }
}

extension DatabaseError {
  /// Throws ``createdReplicatesRefusal(_:)`` for replicates to be created from a design without
  /// a PSU column; every other design without one is estimated from groups without PSUs.
  static func refuseCreatedReplicatesWithoutPSU(_ engine: DatabaseEngine, _ declaration: DesignDeclaration) throws {
    if declaration.clusters == nil, case .created? = declaration.replicates?.source {
      throw createdReplicatesRefusal(engine)
    }
  }

  /// The refusal of replicates created from a design without a PSU column (every row its own PSU):
  /// R's `as.svrepdesign()` gives each PSU its own multiplier (and JK1 or JKn one replicate per
  /// PSU), so with every respondent a PSU the group sums would have to be keyed by row, one
  /// replicate per row for a jackknife, which would send every row back.
  package static func createdReplicatesRefusal(_ engine: DatabaseEngine) -> DatabaseError {
    .unsupportedDesign(
      "replicates created \(engine == .spark ? "in Spark" : "in the database") need a PSU (cluster) column: without one every respondent is a PSU, with a replicate multiplier of its own (a jackknife makes one replicate per respondent, as R's as.svrepdesign() does), so the sums would have to be read row by row. Name a PSU column, supply the replicate-weight columns that come with the data, or estimate from a file.")
  }
}
