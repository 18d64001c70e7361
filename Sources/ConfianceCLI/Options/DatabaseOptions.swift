import ArgumentParser
import Confiance
import SurveyDatabase

/// Where the survey is when the input is a `postgresql://` or `sc://` URL instead of a file.
struct DatabaseOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "With a postgresql://user@host:5432/database input: the table or view, schema.name; with an sc://host:15002 (Spark Connect) input: a Spark table name or format.`path`.",
    valueName: "table"))
  var table: String?

  @Option(help: ArgumentHelp(
    "With a postgresql:// input: cancel a query that runs longer than this many seconds.", valueName: "seconds"))
  var statementTimeout: Double?

  /// The table the input names (raked to `--rake-to`'s targets, if any), or `nil` for a file.
  func table(input: InputOptions, raking: RakingOptions?) throws -> DatabaseTable? {
    guard DatabaseTable.isLocation(input.file) else {
      if table != nil { throw ValidationError("--table goes with a postgresql:// or sc:// input, not a file.") }
      return nil
    }
    try input.checkingTableInput()
    let database = try DatabaseTable(location: input.file, table: table, statementTimeout: statementTimeout)
    guard let raking, let margins = try raking.margins() else { return database }
    return database.raked(to: margins, options: raking.control.control)
  }
}

extension DesignOptions {
  /// The design the flags declare, replicates included, for a source without a codebook.
  var declaration: DesignDeclaration {
    get throws { try overrides.applied(to: nil) }
  }
}
