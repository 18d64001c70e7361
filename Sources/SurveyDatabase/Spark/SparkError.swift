public import SurveyStatistics

/// A Spark table that cannot be estimated from: one sentence each, naming the server, the table,
/// the column and what to do.
public enum SparkError: ConfianceError, Equatable {
  /// The location is not an `sc://host:port` URL.
  case malformedLocation(String)
  /// The table is not a Spark SQL table name (`name`, `db.name`, or a format then a path between backticks).
  case malformedTable(String)
  /// No Python with pyspark's Spark Connect client could be run.
  case clientMissing(String)
  /// No Spark Connect server answers at host:port (the runner's sentence).
  case unreachable(String)
  /// Spark has no such table, view or file (the runner's sentence).
  case unknownTable(String)
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
  /// Any other error Spark reported, or an answer the runner could not give.
  case server(String)
  /// A design the Spark path does not estimate yet.
  case unsupportedDesign(String)

  public var kind: ErrorKind {
    switch self {
    case .unreachable, .server, .clientMissing: return .other
    case .malformedLocation, .malformedTable, .unsupportedDesign: return .usage
    default: return .data
    }
  }

  public var description: String {
    switch self {
    case .malformedLocation(let location):
      return "'\(location)' is not a Spark Connect location Confiance reads: write sc://host:port."
    case .malformedTable(let table):
      return "'\(table)' is not a Spark table name: write name, database.name or format.`path`, "
        + "with backticks around a part that holds other characters than letters, digits and _."
    case .clientMissing(let sentence), .unreachable(let sentence), .unknownTable(let sentence):
      return sentence
    case .unknownColumn(let column, let table, let suggestion):
      return "table \(table) has no column '\(column)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
    case .unsupportedColumnType(let column, let type, let role):
      return "column '\(column)' has type \(type), which cannot be a \(role): use a string, integer or boolean column for categories and a numeric column for weights."
    case .missingDesignValues(let column, let role, let rows):
      return "column '\(column)' (\(role)) is NULL on \(rows) row\(rows == 1 ? "" : "s"); every row needs its design values. Fill them in, or estimate from a view that leaves those rows out."
    case .invalidWeights(let column, let rows):
      return "column '\(column)' (weight) is zero, negative or not a finite number on \(rows) row\(rows == 1 ? "" : "s"); weights must be positive."
    case .fpcNotConstantInStratum(let column, let stratum):
      return "column '\(column)' (finite population correction) takes several values in stratum '\(stratum)'; it must be constant within a stratum."
    case .server(let sentence):
      return sentence
    case .unsupportedDesign(let problem):
      return problem
    }
  }
}

extension SparkError {
  /// The error for what a group-sums query's rows show to be wrong with the design values.
  init(_ problem: GroupSumsRows.Problem) {
    switch problem {
    case .missingDesignValues(let column, let role, let rows): self = .missingDesignValues(column: column, role: role, rows: rows)
    case .invalidWeights(let column, let rows): self = .invalidWeights(column: column, rows: rows)
    case .fpcNotConstantInStratum(let column, let stratum): self = .fpcNotConstantInStratum(column: column, stratum: stratum)
    }
  }
}
