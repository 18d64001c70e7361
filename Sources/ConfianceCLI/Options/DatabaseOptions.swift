import ArgumentParser
import Confiance
import SurveyDatabase

/// Where the survey is when the input is a `postgresql://` URL instead of a file.
struct DatabaseOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "With a postgresql://user@host:5432/database input: the table or view to estimate from, schema.name.",
    valueName: "table"))
  var table: String?

  @Option(help: ArgumentHelp(
    "With a postgresql:// input: cancel a query that runs longer than this many seconds.", valueName: "seconds"))
  var statementTimeout: Double?

  /// The table the input names, or `nil` for a file.
  func table(input: InputOptions) throws -> PostgresTable? {
    guard PostgresLocation.isLocation(input.file) else {
      if table != nil { throw ValidationError("--table goes with a postgresql:// input, not a file.") }
      return nil
    }
    guard let table else { throw ValidationError("name the table to estimate from with --table schema.name.") }
    return PostgresTable(
      location: try PostgresLocation(url: input.file), table: table,
      settings: PostgresTable.Settings(statementTimeout: statementTimeout))
  }
}

extension DesignOptions {
  /// The design the flags declare, for a source without a codebook.
  var declaration: DesignDeclaration {
    DesignDeclaration(weights: weight, strata: strata, clusters: psu, fpc: fpc, lonelyPSU: lonelyPSU ?? .fail)
  }
}
