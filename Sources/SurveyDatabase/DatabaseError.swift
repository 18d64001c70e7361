public import SurveyStatistics

/// A database that cannot be estimated from: one sentence each, naming the server (never the
/// password), the table, the column and what to do.
public enum DatabaseError: ConfianceError, Equatable {
  /// The location is not a `postgresql://` URL Confiance reads.
  case malformedLocation(String)
  /// No server answers at host:port.
  case unreachable(host: String, port: Int, reason: String)
  /// The server refused the user's credentials.
  case authenticationFailed(user: String, host: String, port: Int)
  /// The database does not exist on the server.
  case unknownDatabase(database: String, host: String, port: Int)
  /// No table (or view) of that name is visible.
  case unknownTable(table: String, suggestion: String?)
  /// The table has no such column.
  case unknownColumn(column: String, table: String, suggestion: String?)
  /// A column's type cannot play its part.
  case unsupportedColumnType(column: String, type: String, role: String)
  /// Rows whose weight, stratum, PSU or FPC is NULL.
  case missingDesignValues(column: String, role: String, rows: Int)
  /// Rows whose weight is zero, negative or not a finite number.
  case invalidWeights(column: String, rows: Int)
  /// The FPC takes two values in one stratum.
  case fpcNotConstantInStratum(column: String, stratum: String)
  /// The query ran longer than the statement timeout.
  case timedOut(seconds: Double)
  /// Any other error the server reported.
  case server(message: String)
  /// A design the database path does not estimate yet.
  case unsupportedDesign(String)

  public var kind: ErrorKind {
    switch self {
    case .unreachable, .authenticationFailed, .timedOut, .server: return .other
    case .malformedLocation, .unsupportedDesign: return .usage
    default: return .data
    }
  }

  public var description: String {
    switch self {
    case .malformedLocation(let problem):
      return "the database location is not a PostgreSQL URL Confiance reads: \(problem)."
    case .unreachable(let host, let port, let reason):
      return "no PostgreSQL server answers at \(host):\(port) (\(reason)). Check the host and port, and that the server is running and accepts TCP connections."
    case .authenticationFailed(let user, let host, let port):
      return "the PostgreSQL server at \(host):\(port) refused user '\(user)': wrong or missing password. Put it in the URL, in PGPASSWORD or in ~/.pgpass."
    case .unknownDatabase(let database, let host, let port):
      return "the PostgreSQL server at \(host):\(port) has no database '\(database)'. Name an existing database in the URL's path."
    case .unknownTable(let table, let suggestion):
      return "the database has no table or view '\(table)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
        + (suggestion == nil ? " Name it as schema.table, exactly as it is stored (names are case-sensitive)." : "")
    case .unknownColumn(let column, let table, let suggestion):
      return "table '\(table)' has no column '\(column)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
    case .unsupportedColumnType(let column, let type, let role):
      return "column '\(column)' has type \(type), which cannot be a \(role): use a text, integer or boolean column for categories and a numeric column for weights."
    case .missingDesignValues(let column, let role, let rows):
      return "column '\(column)' (\(role)) is NULL on \(rows) row\(rows == 1 ? "" : "s"); every row needs its design values. Fill them in, or estimate from a view that leaves those rows out."
    case .invalidWeights(let column, let rows):
      return "column '\(column)' (weight) is zero, negative or not a finite number on \(rows) row\(rows == 1 ? "" : "s"); weights must be positive."
    case .fpcNotConstantInStratum(let column, let stratum):
      return "column '\(column)' (finite population correction) takes several values in stratum '\(stratum)'; it must be constant within a stratum."
    case .timedOut(let seconds):
      return "the query ran longer than the statement timeout of \(seconds) s and was cancelled. Allow more time, or estimate from a smaller table."
    case .server(let message):
      return "the PostgreSQL server reported: \(message)"
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
    }
  }
}
