import ArgumentParser
import Confiance
import SurveyDatabase

/// How to read the survey file: shared by every command that reads one.
struct InputOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("The survey file: CSV with a header row (',' ';' or tab separated), SPSS (.sav, .zsav) or Stata (.dta).", valueName: "file"))
  var file: String

  @Option(help: ArgumentHelp(
    "A YAML codebook: question texts, category labels, missing codes and the design. Default: FILE's name with .codebook.yaml, when it exists.",
    valueName: "codebook.yaml"))
  var codebook: String?

  @Option(help: ArgumentHelp(
    "Values that count as missing: '--missing 99' for every variable but the design columns, '--missing concern=9,99' for one. Repeatable. Empty cells are always missing.",
    valueName: "code"))
  var missing: [String] = []

  @Option(help: ArgumentHelp("The field separator: ',', ';' or 'tab'. Default: detected from the header.", valueName: "separator"))
  var delimiter: String?

  @Option(help: ArgumentHelp("The text encoding: automatic, utf-8, windows-1252 or latin-1.", valueName: "encoding"))
  var encoding: TextEncodingChoice = .automatic

  @Flag(help: "Read '2,5' as 2.5 in numeric columns (the default when the separator is ';').")
  var decimalComma = false

  @Option(help: ArgumentHelp(
    "A derived variable, written as in the codebook's derived: block: --derive 'segment: {kind: westin, items: [a, b, c]}'. Kinds: westin, scale, indicator, count. Repeatable.",
    valueName: "definition"))
  var derive: [String] = []

  @Option(help: ArgumentHelp(
    "How many threads read a large file. Default: every processor (estimation always uses every processor). The results are the same whatever the number.",
    valueName: "count"))
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 {
      throw ValidationError("--threads \(threads) is not a number of threads; use 1 or more.")
    }
    if let delimiter, delimiterByte == nil {
      throw ValidationError("'--delimiter \(delimiter)' is not a separator confiance reads; use ',', ';' or 'tab'.")
    }
    var options = SurveyLoadOptions()
    for text in missing where !options.addMissingCodes(written: text) { throw Self.malformedMissingCode(text) }
  }

  /// What the library's loader applies: the codebook, the design flags, the missing codes, the
  /// derived variables, how to read the text, and the columns to read (`nil`: every column).
  func loadOptions(design: DesignOverrides, columns: [String]?, margins: PopulationMargins?) throws -> SurveyLoadOptions {
    if DatabaseTable.isLocation(file) {
      throw ValidationError("only `confiance estimate`, `gap`, `crosstab`, `mean`, `total`, `ratio`, `quantile`, `scale`, `model` and `rake` read a postgresql:// or sc:// table so far; export the table to a file for this command.")
    }
    var options = SurveyLoadOptions(
      codebook: codebook, design: design, derivedVariables: try derivedVariables(), columns: columns,
      margins: margins, reading: reading)
    for text in missing where !options.addMissingCodes(written: text) { throw Self.malformedMissingCode(text) }
    return options
  }

  /// How the text is read.
  var reading: CSVReadOptions {
    var reading = CSVReadOptions()
    reading.delimiter = delimiterByte
    reading.encoding = encoding
    reading.decimalComma = decimalComma ? true : nil
    reading.threadCount = threads
    return reading
  }

  /// The separator as a byte.
  var delimiterByte: UInt8? { delimiter.flatMap(CSVReadOptions.delimiter(named:)) }

  /// The derived variables of the `--derive` options.
  func derivedVariables() throws -> [DerivedVariable] {
    try derive.flatMap { try Codebook.derivedVariables(yaml: $0, source: "--derive") }
  }

  /// Refuses a file's reading options for a database table: ignoring them would change the numbers unsaid.
  func checkingTableInput() throws {
    let given = [("--codebook", codebook != nil), ("--missing", !missing.isEmpty), ("--derive", !derive.isEmpty),
      ("--delimiter", delimiter != nil), ("--encoding", encoding != .automatic), ("--decimal-comma", decimalComma), ("--threads", threads != nil)]
    guard let flag = given.first(where: \.1)?.0 else { return }
    throw DatabaseError.unsupportedDesign("\(flag) applies to a survey file, not to a \(SparkLocation.isLocation(file) ? "Spark" : "PostgreSQL") table: a table has no codebook, NULL is its only missing value, and its engine reads it. Make codes NULL and derive variables in a view (CREATE VIEW v AS SELECT NULLIF(concern, 9) AS concern, …), name it with --table, and the design with --weight, --strata and --psu.")
  }

  private static func malformedMissingCode(_ text: String) -> ValidationError {
    ValidationError(
      "'--missing \(text)' is not understood. Write --missing 99 for a code of every variable, "
        + "or --missing VARIABLE=CODE[,CODE] for one variable (e.g. --missing concern=9,99).")
  }
}

extension TextEncodingChoice: ExpressibleByArgument {}
