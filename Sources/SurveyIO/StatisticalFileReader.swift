internal import CReadStat
internal import SurveyStatistics

/// A survey's columns, and the codebook its file carries, as read from an SPSS or Stata file.
struct StatisticalTable {
  /// The stored variables, in file order, with values as written (missing codes still present).
  var variables: [Variable]
  /// Every variable of the file, read or not, in file order.
  var columnNames: [String]
  /// Variable labels, value labels and missing-value declarations of every variable.
  var codebook: Codebook
}

/// Reads an SPSS (`.sav`, `.zsav`) or Stata (`.dta`) file through ReadStat, streaming its values
/// into columns.
///
/// ReadStat calls back once per variable (name, label, type, value-label set, SPSS missing-value
/// declarations), then once per value, case after case, then once per value label (Stata files
/// keep them at the end). Each value is appended to its column as it comes:
/// - a string variable becomes categorical, one level per distinct text (trailing spaces, which
///   SPSS pads with, removed; an empty text is missing);
/// - a numeric variable with value labels for answers (not only for missing values) becomes categorical with levels written as the shortest
///   decimal that reads back to the value (`1`, `2.5`), and Stata's extended missing values `.a`–`.z`
///   as levels `.a`–`.z` — unless it is listed in ``CSVReadOptions/numericColumns``, is declared a
///   scale in SPSS, or has more than 1000 distinct values;
/// - any other numeric variable is numeric; system-missing (`.` / `sysmis`) and extended missing
///   values are missing.
///
/// SPSS user-missing values are kept as values: the derived codebook lists them as missing codes
/// (a range such as `90 THRU 99` as every value in it that occurs in the data or has a label), so
/// that applying the codebook makes them missing, and editing it can make them answers again.
struct StatisticalFileReader {
  /// The file, as the user named it.
  let path: String
  /// SPSS or Stata.
  let format: SurveyFileFormat
  /// The columns to keep, numeric columns, and the text encoding of old files without one.
  let options: CSVReadOptions

  /// Reads the whole file.
  ///
  /// - Throws: ``SurveyReadError``.
  func read() throws(SurveyReadError) -> StatisticalTable {
    guard let parser = readstat_parser_init() else {
      throw .unreadableStatisticalFile(file: path, format: format, reason: "out of memory")
    }
    defer { readstat_parser_free(parser) }
    readstat_set_variable_handler(parser, statisticalVariableCallback)
    readstat_set_value_handler(parser, statisticalValueCallback)
    readstat_set_value_label_handler(parser, statisticalValueLabelCallback)
    readstat_set_error_handler(parser, statisticalErrorCallback)
    switch options.encoding {
    case .automatic, .utf8: break
    case .windows1252: readstat_set_file_character_encoding(parser, "WINDOWS-1252")
    case .latin1: readstat_set_file_character_encoding(parser, "ISO-8859-1")
    }

    let state = StatisticalParseState(selection: options.columns, patterns: options.columnPatterns)
    let context = Unmanaged.passRetained(state)
    defer { context.release() }
    let status: readstat_error_t
    switch format {
    case .spss, .spssCompressed: status = readstat_parse_sav(parser, path, context.toOpaque())
    case .stata: status = readstat_parse_dta(parser, path, context.toOpaque())
    case .csv: preconditionFailure("CSV files are read by CSVReader")
    }
    guard status == READSTAT_OK else {
      if status == READSTAT_ERROR_OPEN {
        throw .cannotOpen(file: path, reason: "ReadStat could not open it; check the path and the permissions")
      }
      var reason = String(cString: readstat_error_message(status))
      if let message = state.errorMessage, !message.isEmpty {
        reason += ": " + message.split(whereSeparator: \.isNewline).joined(separator: " ")
      }
      throw .unreadableStatisticalFile(file: path, format: format, reason: reason)
    }

    let names = state.columns.map(\.name)
    let numericColumns = options.numericColumns.union(state.matchedByPattern)
    if let selection = options.columns {
      for name in selection.sorted() where !names.contains(name) {
        throw .unknownColumn(file: path, name: name, suggestion: closestName(to: name, among: names), available: names)
      }
    }
    let rowCount = state.columns.filter(\.isStored).map(\.count).max() ?? 0
    guard rowCount > 0 else { throw .noCases(file: path, format: format, variableCount: names.count) }
    var variables: [Variable] = []
    var entries: [Codebook.Entry] = []
    for column in state.columns {
      let labels = state.labelSets[column.labelSetName ?? ""] ?? []
      if column.isStored {
        column.pad(to: rowCount)
        variables.append(
          Variable(
            name: column.name,
            values: column.values(labels: labels, numericRequested: numericColumns.contains(column.name))))
      }
      entries.append(column.codebookEntry(labels: labels))
    }
    return StatisticalTable(variables: variables, columnNames: names, codebook: Codebook(variables: entries, source: path))
  }
}

/// What the ReadStat callbacks collect: the columns, the value-label sets, and the last error message.
final class StatisticalParseState {
  let selection: Set<String>?
  /// Regular expressions: the variables whose names match one are kept and read as numbers.
  let patterns: [Regex<AnyRegexOutput>]
  /// The variables kept because a pattern matched their names.
  var matchedByPattern: Set<String> = []
  var columns: [StatisticalColumn] = []
  /// Value labels by set name, in file order: the value as written, and its label.
  var labelSets: [String: [(value: String, label: String)]] = [:]
  var errorMessage: String?

  init(selection: Set<String>?, patterns: [String]) {
    self.selection = selection
    self.patterns = patterns.compactMap { try? Regex($0) }
  }

  /// Whether the variable `name` is kept.
  func keeps(_ name: String) -> Bool {
    if patterns.contains(where: { name.contains($0) }) {
      matchedByPattern.insert(name)
      return true
    }
    return selection?.contains(name) ?? true
  }
}

/// One variable of an SPSS or Stata file while it is read.
final class StatisticalColumn {
  let name: String
  let label: String?
  let isString: Bool
  let labelSetName: String?
  let measure: readstat_measure_t
  /// Whether the values are kept (the variable was selected).
  let isStored: Bool
  /// SPSS discrete missing values (numbers, or texts for string variables).
  var missingNumbers: [Double] = []
  var missingTexts: [String] = []
  /// SPSS missing ranges `lo THRU hi`.
  var missingRanges: [(low: Double, high: Double)] = []

  /// Numeric storage: the value, and its state: `0` a value, `1` system-missing, else the tag letter.
  private(set) var numbers: [Double] = []
  private(set) var states: [UInt8] = []
  /// String storage.
  private(set) var codes: [Int32] = []
  private var levelIndex: [String: Int32] = [:]
  private(set) var levels: [String] = []

  init(variable: UnsafeMutablePointer<readstat_variable_t>, labelSetName: String?, isStored: Bool) {
    name = String(cString: readstat_variable_get_name(variable))
    let label = readstat_variable_get_label(variable).map { String(cString: $0) } ?? ""
    self.label = label.isEmpty ? nil : label
    isString = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING
    self.labelSetName = labelSetName
    measure = readstat_variable_get_measure(variable)
    self.isStored = isStored
    for index in 0..<readstat_variable_get_missing_ranges_count(variable) {
      let low = readstat_variable_get_missing_range_lo(variable, index)
      let high = readstat_variable_get_missing_range_hi(variable, index)
      if isString {
        if let text = readstat_string_value(low) { missingTexts.append(Self.trimmed(String(cString: text))) }
      } else {
        let (lowNumber, highNumber) = (readstat_double_value(low), readstat_double_value(high))
        if lowNumber == highNumber {
          missingNumbers.append(lowNumber)
        } else if lowNumber < highNumber {
          missingRanges.append((lowNumber, highNumber))
        }
      }
    }
  }

  /// The number of values read.
  var count: Int { isString ? codes.count : numbers.count }

  /// Appends the value of case `row`, first filling any case ReadStat skipped with missing values.
  func append(_ value: readstat_value_t, row: Int) {
    if count < row { pad(to: row) }
    guard count == row else { return }  // a repeated case: keep the first value
    if isString {
      let text = readstat_string_value(value).map { Self.trimmed(String(cString: $0)) } ?? ""
      if text.isEmpty || readstat_value_is_system_missing(value) != 0 {
        codes.append(-1)
      } else if let code = levelIndex[text] {
        codes.append(code)
      } else {
        let code = Int32(levels.count)
        levelIndex[text] = code
        levels.append(text)
        codes.append(code)
      }
      return
    }
    if readstat_value_is_tagged_missing(value) != 0 {
      numbers.append(0)
      states.append(UInt8(bitPattern: readstat_value_tag(value)))
    } else if readstat_value_is_system_missing(value) != 0 {
      numbers.append(0)
      states.append(1)
    } else {
      let number = readstat_double_value(value)
      numbers.append(number)
      states.append(number.isNaN ? 1 : 0)
    }
  }

  /// Fills the column with missing values up to `rowCount` cases.
  func pad(to rowCount: Int) {
    while count < rowCount {
      if isString {
        codes.append(-1)
      } else {
        numbers.append(0)
        states.append(1)
      }
    }
  }

  /// The values, typed as described in ``StatisticalFileReader``.
  func values(labels: [(value: String, label: String)], numericRequested: Bool) -> VariableValues {
    if isString { return .categorical(CategoricalValues(codes: codes, levels: levels)) }
    if !numericRequested, measure != READSTAT_MEASURE_SCALE, labels.contains(where: labelsAnswer),
      let categories = categoricalNumbers()
    {
      return .categorical(categories)
    }
    return .numeric(NumericValues(values: numbers, isMissing: states.map { $0 != 0 }))
  }

  /// Whether a value label names an answer rather than a missing value (`.a`, a user-missing code).
  private func labelsAnswer(_ label: (value: String, label: String)) -> Bool {
    guard let number = Double(label.value) else { return false }
    return !missingNumbers.contains(number) && !isInMissingRange(number)
  }

  /// The numbers as categories (levels in order of first appearance), or `nil` when there are too
  /// many distinct values for categories.
  private func categoricalNumbers() -> CategoricalValues? {
    var index: [UInt64: Int32] = [:]
    var tagIndex: [UInt8: Int32] = [:]
    var levels: [String] = []
    var codes = [Int32](repeating: -1, count: numbers.count)
    for row in numbers.indices {
      let state = states[row]
      if state == 1 { continue }
      if state > 1 {
        if let code = tagIndex[state] {
          codes[row] = code
        } else {
          let code = Int32(levels.count)
          tagIndex[state] = code
          levels.append("." + String(UnicodeScalar(state)))
          codes[row] = code
        }
        continue
      }
      let number = numbers[row] == 0 ? 0 : numbers[row]  // -0 and 0 are one category
      if let code = index[number.bitPattern] {
        codes[row] = code
      } else {
        if levels.count >= ColumnBuilder.automaticNumericLevelCount { return nil }
        let code = Int32(levels.count)
        index[number.bitPattern] = code
        levels.append(StatisticalColumn.text(of: number))
        codes[row] = code
      }
    }
    return CategoricalValues(codes: codes, levels: levels)
  }

  /// What the file says about the variable, as a codebook entry.
  func codebookEntry(labels: [(value: String, label: String)]) -> Codebook.Entry {
    var measurement: MeasurementLevel?
    switch measure {
    case READSTAT_MEASURE_NOMINAL: measurement = .categorical
    case READSTAT_MEASURE_ORDINAL: measurement = .ordinal
    case READSTAT_MEASURE_SCALE: measurement = .numeric
    default: measurement = nil
    }
    let categories = labels.filter { !$0.label.isEmpty }.map { Codebook.Category(value: $0.value, label: $0.label) }
    return Codebook.Entry(
      name: name, label: label, measurement: measurement, categories: categories,
      missingCodes: missingCodes(labels: labels))
  }

  /// SPSS user-missing values (ranges expanded to the values in them that occur or are labelled)
  /// and Stata extended missing values that occur or are labelled, as written in the data.
  private func missingCodes(labels: [(value: String, label: String)]) -> [String] {
    if isString { return missingTexts }
    var codes = missingNumbers.map(StatisticalColumn.text(of:))
    if !missingRanges.isEmpty {
      var inRange = Set<Double>()
      for (row, number) in numbers.enumerated() where states[row] == 0 && isInMissingRange(number) {
        inRange.insert(number == 0 ? 0 : number)
      }
      for label in labels {
        if let number = Double(label.value), isInMissingRange(number) { inRange.insert(number == 0 ? 0 : number) }
      }
      codes += inRange.sorted().map(StatisticalColumn.text(of:))
    }
    var tags = Set(states.filter { $0 > 1 }.map { "." + String(UnicodeScalar($0)) })
    for label in labels where label.value.count == 2 && label.value.hasPrefix(".") { tags.insert(label.value) }
    codes += tags.sorted()
    var seen = Set<String>()
    return codes.filter { seen.insert($0).inserted }
  }

  private func isInMissingRange(_ number: Double) -> Bool {
    missingRanges.contains { $0.low <= number && number <= $0.high }
  }

  /// A number as a category value: the shortest decimal that reads back to it, without `.0`.
  static func text(of number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(number)
  }

  /// The text without the trailing spaces SPSS pads strings with.
  static func trimmed(_ text: String) -> String {
    var end = text.endIndex
    while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
    return String(text[..<end])
  }
}

/// The value of a label as written in the data: a text, a number, or a Stata extended missing value.
func statisticalLabelKey(_ value: readstat_value_t) -> String {
  if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
    return readstat_string_value(value).map { StatisticalColumn.trimmed(String(cString: $0)) } ?? ""
  }
  if readstat_value_is_tagged_missing(value) != 0 {
    return "." + String(UnicodeScalar(UInt8(bitPattern: readstat_value_tag(value))))
  }
  return StatisticalColumn.text(of: readstat_double_value(value))
}

// MARK: - ReadStat callbacks (C functions; `context` is the retained StatisticalParseState)

private func parseState(_ context: UnsafeMutableRawPointer?) -> StatisticalParseState {
  Unmanaged<StatisticalParseState>.fromOpaque(context.unsafelyUnwrapped).takeUnretainedValue()
}

func statisticalVariableCallback(
  _ index: Int32, _ variable: UnsafeMutablePointer<readstat_variable_t>?, _ labelSet: UnsafePointer<CChar>?,
  _ context: UnsafeMutableRawPointer?
) -> Int32 {
  let state = parseState(context)
  guard let variable else { return Int32(READSTAT_HANDLER_ABORT) }
  let name = String(cString: readstat_variable_get_name(variable))
  let isStored = state.keeps(name)
  let setName = labelSet.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
  state.columns.append(StatisticalColumn(variable: variable, labelSetName: setName, isStored: isStored))
  return Int32(isStored ? READSTAT_HANDLER_OK : READSTAT_HANDLER_SKIP_VARIABLE)
}

func statisticalValueCallback(
  _ row: Int32, _ variable: UnsafeMutablePointer<readstat_variable_t>?, _ value: readstat_value_t,
  _ context: UnsafeMutableRawPointer?
) -> Int32 {
  let state = parseState(context)
  guard let variable else { return Int32(READSTAT_HANDLER_ABORT) }
  let index = Int(readstat_variable_get_index(variable))
  guard index >= 0, index < state.columns.count, row >= 0 else { return Int32(READSTAT_HANDLER_ABORT) }
  state.columns[index].append(value, row: Int(row))
  return Int32(READSTAT_HANDLER_OK)
}

func statisticalValueLabelCallback(
  _ labelSet: UnsafePointer<CChar>?, _ value: readstat_value_t, _ label: UnsafePointer<CChar>?,
  _ context: UnsafeMutableRawPointer?
) -> Int32 {
  guard let labelSet else { return Int32(READSTAT_HANDLER_OK) }
  let text = label.map { String(cString: $0) } ?? ""
  parseState(context).labelSets[String(cString: labelSet), default: []].append((statisticalLabelKey(value), text))
  return Int32(READSTAT_HANDLER_OK)
}

func statisticalErrorCallback(_ message: UnsafePointer<CChar>?, _ context: UnsafeMutableRawPointer?) {
  guard let message, let context else { return }
  parseState(context).errorMessage = String(cString: message)
}
