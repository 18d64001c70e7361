public import SurveyStatistics

/// A survey table in PostgreSQL or in Spark, chosen by its location: `postgresql://…` (or
/// `postgres://…`) is a ``PostgresTable``, `sc://…` a ``SparkTable``. Either way the engine
/// computes the group sums and Confiance finishes the estimates from them, with the numbers of the
/// same rows read from a file.
///
/// ```swift
/// let table = try DatabaseTable(location: "sc://127.0.0.1:15002", table: "parquet.`/data/fr2025.parquet`")
/// let estimates = try table.proportionsWaiting(of: ["concern"], declaration: DesignDeclaration(weights: "w", clusters: "point"))
/// ```
public enum DatabaseTable: Sendable {
  case postgreSQL(PostgresTable)
  case spark(SparkTable)
  /// A table whose weights are raked to population margins before estimating (``raked(to:options:)``).
  indirect case raked(DatabaseTable, PopulationMargins, RakingControl)

  /// Whether `text` names a database table's location rather than a file.
  package static func isLocation(_ text: String) -> Bool {
    PostgresLocation.isLocation(text) || SparkLocation.isLocation(text)
  }

  /// The table `table` at `location`.
  ///
  /// - Parameter statementTimeout: PostgreSQL's `statement_timeout`, in seconds; Spark has none.
  /// - Throws: ``DatabaseError`` for a location that is not a URL of either engine, a missing
  ///   table, or a statement timeout for Spark.
  public init(location: String, table: String?, statementTimeout: Double? = nil) throws {
    if SparkLocation.isLocation(location) {
      let sparkLocation = try SparkLocation(url: location)
      guard let table else { throw DatabaseError.missingTable(.spark) }
      guard statementTimeout == nil else {
        throw DatabaseError.unsupportedDesign("a Spark Connect server has no statement timeout; set one in Spark's own configuration.")
      }
      self = .spark(SparkTable(location: sparkLocation, table: table))
    } else {
      let postgresLocation = try PostgresLocation(url: location)
      guard let table else { throw DatabaseError.missingTable(.postgreSQL) }
      self = .postgreSQL(PostgresTable(
        location: postgresLocation, table: table, settings: PostgresTable.Settings(statementTimeout: statementTimeout)))
    }
  }

  /// ``PostgresTable/proportions(of:by:declaration:method:level:)`` or
  /// ``SparkTable/proportions(of:by:declaration:method:level:)``, waiting for the engine: for
  /// synchronous code such as a command line's `run()` (never call it from a task).
  public func proportionsWaiting(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ProportionEstimates {
    try namingTable {
      switch self {
      case .postgreSQL(let table):
        return try table.proportionsWaiting(
          of: variables, by: domainVariables, declaration: declaration, method: method, level: level)
      case .spark(let table):
        return try table.proportions(of: variables, by: domainVariables, declaration: declaration, method: method, level: level)
      case .raked(let table, let margins, let options):
        return try table.rakedProportions(
          of: variables, by: domainVariables, declaration: declaration, margins: margins, options: options,
          method: method, level: level)
      }
    }
  }

  /// ``PostgresTable/paradox(_:by:declaration:raking:options:method:level:)`` or
  /// ``SparkTable/paradox(_:by:declaration:raking:options:method:level:)``, waiting for the engine (never call it
  /// from a task).
  public func paradoxWaiting(
    _ definition: ParadoxDefinition, by domainVariables: [String] = [], declaration: DesignDeclaration,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ParadoxAnalysis {
    try namingTable {
      try paradox(
        definition, by: domainVariables, declaration: declaration, raking: nil, options: RakingControl(), method: method,
        level: level)
    }
  }

  /// ``paradoxWaiting(_:by:declaration:method:level:)`` on the design raked to `margins` (`nil`:
  /// as declared, unless the table is ``raked(to:options:)``).
  func paradox(
    _ definition: ParadoxDefinition, by domainVariables: [String], declaration: DesignDeclaration,
    raking margins: PopulationMargins?, options: RakingControl, method: IntervalMethod, level: Double
  ) throws -> ParadoxAnalysis {
    switch self {
    case .postgreSQL(let table):
      return try waitFor {
        try await table.paradox(
          definition, by: domainVariables, declaration: declaration, raking: margins, options: options, method: method,
          level: level)
      }
    case .spark(let table):
      return try table.paradox(
        definition, by: domainVariables, declaration: declaration, raking: margins, options: options, method: method,
        level: level)
    case .raked(let table, let margins, let options):
      return try table.paradox(
        definition, by: domainVariables, declaration: declaration, raking: margins, options: options, method: method,
        level: level)
    }
  }

  /// ``PostgresTable/crossTab(row:column:by:declaration:raking:options:method:level:)`` or
  /// ``SparkTable/crossTab(row:column:by:declaration:raking:options:method:level:)``, waiting for the engine (never
  /// call it from a task).
  public func crossTabWaiting(
    row: String, column: String, by domainVariables: [String] = [], declaration: DesignDeclaration,
    method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> CrossTab {
    try namingTable {
      try crossTab(
        row: row, column: column, by: domainVariables, declaration: declaration, raking: nil, options: RakingControl(),
        method: method, level: level)
    }
  }

  /// ``crossTabWaiting(row:column:by:declaration:method:level:)`` on the design raked to `margins`
  /// (`nil`: as declared, unless the table is ``raked(to:options:)``).
  func crossTab(
    row: String, column: String, by domainVariables: [String], declaration: DesignDeclaration,
    raking margins: PopulationMargins?, options: RakingControl, method: IntervalMethod, level: Double
  ) throws -> CrossTab {
    switch self {
    case .postgreSQL(let table):
      return try waitFor {
        try await table.crossTab(
          row: row, column: column, by: domainVariables, declaration: declaration, raking: margins, options: options,
          method: method, level: level)
      }
    case .spark(let table):
      return try table.crossTab(
        row: row, column: column, by: domainVariables, declaration: declaration, raking: margins, options: options,
        method: method, level: level)
    case .raked(let table, let margins, let options):
      return try table.crossTab(
        row: row, column: column, by: domainVariables, declaration: declaration, raking: margins, options: options,
        method: method, level: level)
    }
  }

  /// ``PostgresTable/means(of:by:declaration:level:)`` or ``SparkTable/means(of:by:declaration:level:)``,
  /// waiting for the engine (never call it from a task).
  public func meansWaiting(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration, level: Double = 0.95
  ) throws -> NumericEstimates<MeanEstimate> {
    try namingTable {
      switch self {
      case .postgreSQL(let table):
        return try waitFor { try await table.means(of: variables, by: domainVariables, declaration: declaration, level: level) }
      case .spark(let table):
        return try table.means(of: variables, by: domainVariables, declaration: declaration, level: level)
      case .raked(let table, let margins, let options):
        return try table.rakedNumeric(of: variables, by: domainVariables, declaration: declaration, margins: margins,
                                      options: options) { try $0.means(level: level, raking: $1) }
      }
    }
  }

  /// ``PostgresTable/totals(of:by:declaration:level:)`` or ``SparkTable/totals(of:by:declaration:level:)``,
  /// waiting for the engine (never call it from a task).
  public func totalsWaiting(
    of variables: [String], by domainVariables: [String] = [], declaration: DesignDeclaration, level: Double = 0.95
  ) throws -> NumericEstimates<TotalEstimate> {
    try namingTable {
      switch self {
      case .postgreSQL(let table):
        return try waitFor { try await table.totals(of: variables, by: domainVariables, declaration: declaration, level: level) }
      case .spark(let table):
        return try table.totals(of: variables, by: domainVariables, declaration: declaration, level: level)
      case .raked(let table, let margins, let options):
        return try table.rakedNumeric(of: variables, by: domainVariables, declaration: declaration, margins: margins,
                                      options: options) { try $0.totals(level: level, raking: $1) }
      }
    }
  }
}
