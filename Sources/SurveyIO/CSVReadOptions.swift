/// How to read a survey from a CSV file.
///
/// The defaults read every column, detect the delimiter and the text encoding, and read decimal
/// commas in semicolon-separated files (as Excel writes them on a French system).
///
/// ```swift
/// var options = CSVReadOptions(columns: ["region", "concern", "weight"], numericColumns: ["weight"])
/// options.encoding = .windows1252
/// let survey = try Survey(csvFile: "responses.csv", options: options)
/// ```
public struct CSVReadOptions: Sendable, Hashable {
  /// The byte that separates fields: `,`, `;` or tab (`9`); `nil` detects it.
  ///
  /// Detection counts each candidate (`,`, `;`, tab) outside double quotes in the header and in the
  /// first records of the file, and picks the one found in the header that gives every sampled
  /// record the same number of fields (the most frequent in the header when several do; `,` when
  /// none is found, as in a one-column file).
  package var delimiter: UInt8?
  /// The byte of a separator written by name: `,`, `;`, or `tab` (also a tab, or `\t`); `nil` for
  /// another name.
  package static func delimiter(named name: String) -> UInt8? {
    [",": UInt8(ascii: ","), ";": UInt8(ascii: ";"), "tab": 9, "\t": 9, "\\t": 9][name]
  }

  /// The text encoding of the file.
  package var encoding: TextEncodingChoice
  /// Whether numbers are written with a decimal comma (`2,5`); `nil` means yes when the delimiter
  /// is `;`.
  package var decimalComma: Bool?
  /// The columns to keep; `nil` keeps all of them.
  ///
  /// Other columns are skipped while parsing (their fields are still counted, so a row with a
  /// wrong number of fields is still reported).
  public var columns: Set<String>?
  /// Columns to store as numbers when every non-empty value is a number (weights, finite population
  /// corrections).
  ///
  /// A listed column with a value that is not a number stays categorical, so that the design can
  /// report the value and its line. Names not in the file are ignored here.
  public var numericColumns: Set<String>
  /// Regular expressions matched anywhere in the column names: the columns that match one are kept
  /// (as if listed in ``columns``) and stored as numbers (as ``numericColumns``): replicate weights,
  /// whose names follow a pattern (`repw[0-9]+`). A pattern that is not a regular expression
  /// matches nothing.
  var columnPatterns: [String] = []
  /// How many threads parse a large file; `nil` uses every processor the process may run on.
  ///
  /// The survey read is the same whatever the number: only the time changes.
  public var threadCount: Int?

  /// Creates reading options.
  ///
  /// - Parameters:
  ///   - delimiter: The field separator, or `nil` to detect it among `,`, `;` and tab.
  ///   - encoding: The text encoding; ``TextEncodingChoice/automatic`` by default.
  ///   - decimalComma: Whether numbers use a decimal comma; `nil` means "when the delimiter is `;`".
  ///   - columns: The columns to keep, or `nil` for all.
  ///   - numericColumns: Columns to store as numbers when all their values are numbers.
  public init(
    delimiter: UInt8? = nil,
    encoding: TextEncodingChoice = .automatic,
    decimalComma: Bool? = nil,
    columns: Set<String>? = nil,
    numericColumns: Set<String> = []
  ) {
    self.delimiter = delimiter
    self.encoding = encoding
    self.decimalComma = decimalComma
    self.columns = columns
    self.numericColumns = numericColumns
  }
}
