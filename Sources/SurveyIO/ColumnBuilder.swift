import SurveyStatistics

/// One stored column while the file is parsed: a code per row into a dictionary of raw values.
///
/// An empty field, or one holding only spaces and tabs, is missing (code `-1`). At the end,
/// ``makeValues(numericRequested:format:encoding:)`` turns the column into numbers or categories.
struct ColumnBuilder {
  /// The code of each row read so far.
  private(set) var codes = GrowableBuffer<Int32>(capacity: 1024)
  /// The distinct raw values.
  private(set) var levels = LevelDictionary()

  /// A column with more distinct values than this whose values are all numbers is stored as
  /// numbers even when not listed in ``CSVReadOptions/numericColumns``.
  static let automaticNumericLevelCount = 1000

  /// Appends a field.
  ///
  /// - Returns: the new level's code when the value had not been seen before, so that the caller
  ///   can check its encoding; otherwise `nil`.
  @inline(__always)
  mutating func append(_ field: UnsafePointer<UInt8>, length: Int) -> Int32? {
    if length == 0 || ((field[0] == 0x20 || field[0] == 0x09) && Self.isBlank(field, length: length)) {
      codes.append(-1)
      return nil
    }
    let (code, isNew) = levels.code(of: field, length: length)
    codes.append(code)
    return isNew ? code : nil
  }

  /// Releases the storage.
  func deallocate() {
    codes.deallocate()
    levels.deallocate()
  }

  /// The column as typed values.
  ///
  /// Numeric when every distinct value parses as a number (each parsed once) and either the column
  /// was asked to be numeric, or it has more than ``automaticNumericLevelCount`` distinct values
  /// none of which is written with a leading zero (`007`, a code rather than a quantity);
  /// categorical otherwise, with levels in order of first appearance.
  ///
  /// - Complexity: O(rows + total length of the distinct values).
  func makeValues(numericRequested: Bool, format: NumberFormat, encoding: ResolvedEncoding) -> VariableValues {
    let rowCount = codes.count
    if numericRequested || levels.count > Self.automaticNumericLevelCount,
      let numbers = levelNumbers(format: format, rejectingLeadingZeros: !numericRequested)
    {
      var values = [Double](repeating: 0, count: rowCount)
      var isMissing = [Bool](repeating: false, count: rowCount)
      for row in 0..<rowCount {
        let code = codes[row]
        if code < 0 {
          isMissing[row] = true
        } else {
          values[row] = numbers[Int(code)]
        }
      }
      return .numeric(NumericValues(values: values, isMissing: isMissing))
    }
    let strings = (0..<levels.count).map { encoding.decode(levels.level($0)) }
    return .categorical(CategoricalValues(codes: codes.toArray(), levels: strings))
  }

  /// The number of every level, or `nil` when one is not a number.
  private func levelNumbers(format: NumberFormat, rejectingLeadingZeros: Bool) -> [Double]? {
    var numbers: [Double] = []
    numbers.reserveCapacity(levels.count)
    for code in 0..<levels.count {
      let bytes = levels.level(code)
      if rejectingLeadingZeros, Self.hasLeadingZero(bytes) { return nil }
      guard let number = format.parse(bytes) else { return nil }
      numbers.append(number)
    }
    return numbers
  }

  /// Whether the value starts (after spaces and a sign) with a zero followed by a digit.
  static func hasLeadingZero(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "0") else { return false }
    return bytes[index + 1] &- UInt8(ascii: "0") < 10
  }

  private static func isBlank(_ field: UnsafePointer<UInt8>, length: Int) -> Bool {
    for index in 0..<length where field[index] != 0x20 && field[index] != 0x09 { return false }
    return true
  }
}
