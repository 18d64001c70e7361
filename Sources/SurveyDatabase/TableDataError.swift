public import SurveyStatistics

/// A problem of the design or the data found while finishing a table's estimates from its group
/// sums — a stratum with one PSU under the `fail` policy, a finite population correction that
/// does not fit, a domain without respondents: the statistics' own sentence, after the table and
/// its engine, since a table has no file or line to name.
///
/// ```swift
/// do { _ = try table.proportionsWaiting(of: ["concern"], declaration: design) } catch {
///   print(error)   // table 'surveys.fr2025' in PostgreSQL: column 'region': stratum 'L3' has only one PSU, …
/// }
/// ```
public struct TableDataError: ConfianceError, Sendable {
  /// The engine the table lives in.
  public var engine: DatabaseEngine
  /// The table, as given.
  public var table: String
  /// The statistics' sentence.
  public var problem: String
  package var kind: ErrorKind
  package var remedy: Remedy?

  /// The sentence: the table, its engine, then the problem.
  public var description: String { "table '\(table)' in \(engine.rawValue): \(problem)" }
}

extension DatabaseTable {
  /// The engine the table lives in.
  var engine: DatabaseEngine {
    switch self {
    case .postgreSQL: return .postgreSQL
    case .spark: return .spark
    case .raked(let table, _, _): return table.engine
    }
  }

  /// The table, as given.
  var tableName: String {
    switch self {
    case .postgreSQL(let table): return table.table
    case .spark(let table): return table.table
    case .raked(let table, _, _): return table.tableName
    }
  }

  /// `body`'s value; the statistics' errors about the design or the data (``SurveyError``,
  /// `GroupSumsError`, a model's ``ModelError`` of the data), which cannot name a line, name the
  /// table instead (``TableDataError``).
  func namingTable<Value>(_ body: () throws -> Value) throws -> Value {
    do {
      return try body()
    } catch let error as any ConfianceError
      where error is SurveyError || error is GroupSumsError || (error is ModelError && error.kind == .data)
    {
      throw TableDataError(
        engine: engine, table: tableName, problem: error.description, kind: error.kind, remedy: error.remedy)
    }
  }
}
