internal import SurveyStatistics

/// One stored column while (a part of) the file is parsed.
///
/// An empty field, or one holding only spaces and tabs, is missing. A column is kept in one of two
/// ways:
/// - by default, a code per row into a dictionary of raw values (``codes``, ``levels``), with code
///   `-1` for missing;
/// - for a column that should hold numbers (a weight), straight as numbers (``numberBits``): a
///   plain decimal such as `1234.5678` is converted on the spot (see ``PlainDecimal``), so that a
///   column of a million distinct weights does not fill a dictionary. A value written any other
///   way (`1e3`, `1 234,5`, `NaN`, or not a number at all) goes to ``levels``, and the row holds
///   its code; such values are read at the end with ``NumberFormat``, once the file's encoding is
///   known.
///
/// A column not asked to be numeric starts with a dictionary. When it reaches more than
/// ``automaticNumericLevelCount`` distinct values, all plain decimals without a leading zero (an
/// identifier, a weight nobody declared), it is bound to be stored as numbers unless a later value
/// is not a number; it then switches to numbers (``switchedToNumbers``), values with a leading
/// zero going to ``levels`` like any other text. If such a value turns out not to be a number, the
/// column must be categorical with the text of every row, which the switch has lost: the reader
/// reads the file again with the column kept as text (`mayBecomeNumbers` false).
struct ColumnBuilder {
  /// Whether the column is read straight into numbers.
  private(set) var readsNumbers: Bool
  /// Whether the column switched from a dictionary to numbers on its own.
  private(set) var switchedToNumbers = false
  /// Whether the column may still switch to numbers.
  private var mayBecomeNumbers: Bool
  /// The code of each row read so far (when not ``readsNumbers``).
  private(set) var codes: GrowableBuffer<Int32>
  /// The bit pattern of each row's number, or a ``NumberSlot`` marker (when ``readsNumbers``).
  private(set) var numberBits: GrowableBuffer<UInt64>
  /// The distinct raw values (when ``readsNumbers``: those that are not plain decimals).
  private(set) var levels = LevelDictionary()
  /// The codes of recently seen values of at most 8 bytes (see ``ShortValueCache``).
  private var recent = ShortValueCache()

  /// A column with more distinct values than this whose values are all numbers is stored as
  /// numbers even when not listed in ``CSVReadOptions/numericColumns``.
  static let automaticNumericLevelCount = 1000

  /// An empty column, read straight into numbers or with a dictionary that may switch to numbers.
  init(readsNumbers: Bool = false, mayBecomeNumbers: Bool = false) {
    self.readsNumbers = readsNumbers
    self.mayBecomeNumbers = mayBecomeNumbers && !readsNumbers
    codes = GrowableBuffer<Int32>(capacity: readsNumbers ? 1 : 1024)
    numberBits = GrowableBuffer<UInt64>(capacity: readsNumbers ? 1024 : 1)
  }

  /// The number of rows read.
  var count: Int { readsNumbers ? numberBits.count : codes.count }

  /// Makes room for `rows` rows in all, so that the storage does not grow (and copy) as they come.
  mutating func reserve(rows: Int) {
    if readsNumbers { numberBits.reserve(rows) } else { codes.reserve(rows) }
  }

  /// Appends a field.
  ///
  /// - Precondition: the field holds no NUL byte (the reader stops at one).
  /// - Returns: the new level's code when the value had not been seen before and went to
  ///   ``levels``, so that the caller can check its encoding; otherwise `nil`.
  @inline(__always)
  mutating func append(_ field: UnsafePointer<UInt8>, length: Int, decimalComma: Bool) -> Int32? {
    let isMissing = length == 0 || ((field[0] == 0x20 || field[0] == 0x09) && Self.isBlank(field, length: length))
    if readsNumbers {
      if isMissing {
        numberBits.append(NumberSlot.missing)
        return nil
      }
      if let number = PlainDecimal.parse(
        field, length: length, decimalComma: decimalComma, rejectingLeadingZeros: switchedToNumbers)
      {
        numberBits.append(number.bitPattern)
        return nil
      }
      let (code, isNew) = levels.code(of: field, length: length)
      numberBits.append(NumberSlot.level(code))
      return isNew ? code : nil
    }
    if isMissing {
      codes.append(-1)
      return nil
    }
    var key: UInt64 = 0
    if length <= 8 {
      key = ShortValueCache.key(field, length: length)
      if let code = recent.code(of: key) {
        codes.append(code)
        return nil
      }
    }
    let (code, isNew) = levels.code(of: field, length: length)
    if length <= 8 { recent.remember(key, code: code) }
    codes.append(code)
    if isNew, mayBecomeNumbers, levels.count > Self.automaticNumericLevelCount,
      switchToNumbers(decimalComma: decimalComma)
    {
      return nil  // the new value is a plain decimal, ASCII
    }
    return isNew ? code : nil
  }

  /// Switches to numbers when every level so far is a plain decimal without a leading zero.
  ///
  /// - Returns: whether it switched; if not, the column never tries again.
  private mutating func switchToNumbers(decimalComma: Bool) -> Bool {
    mayBecomeNumbers = false
    var numbers: [Double] = []
    numbers.reserveCapacity(levels.count)
    for code in 0..<levels.count {
      let level = levels.level(code)
      guard
        let number = PlainDecimal.parse(
          level.baseAddress.unsafelyUnwrapped, length: level.count, decimalComma: decimalComma,
          rejectingLeadingZeros: true)
      else { return false }
      numbers.append(number)
    }
    var bits = GrowableBuffer<UInt64>(capacity: max(codes.capacity, 1024))
    for row in 0..<codes.count {
      let code = codes[row]
      bits.append(code < 0 ? NumberSlot.missing : numbers[Int(code)].bitPattern)
    }
    numberBits.deallocate()
    numberBits = bits
    codes.deallocate()
    codes = GrowableBuffer<Int32>(capacity: 1)
    levels.deallocate()
    levels = LevelDictionary()
    readsNumbers = true
    switchedToNumbers = true
    return true
  }

  /// Releases the rows and levels once the column has been turned into values, keeping an empty
  /// column in place (so that memory peaks at one column's copy, not the whole table's).
  mutating func empty() {
    deallocate()
    self = ColumnBuilder()
  }

  /// Releases the storage.
  func deallocate() {
    recent.deallocate()
    codes.deallocate()
    numberBits.deallocate()
    levels.deallocate()
  }

  /// Dictionary-encoded values as typed values.
  ///
  /// Numeric when every distinct value parses as a number (each parsed once) and either the column
  /// was asked to be numeric, or it has more than ``automaticNumericLevelCount`` distinct values
  /// none of which is written with a leading zero (`007`, a code rather than a quantity);
  /// categorical otherwise, with levels in order of first appearance.
  ///
  /// - Complexity: O(rows + total length of the distinct values).
  static func values(
    codes: [Int32], levels: LevelDictionary, numericRequested: Bool, format: NumberFormat, encoding: ResolvedEncoding
  ) -> VariableValues {
    let rowCount = codes.count
    if numericRequested || levels.count > automaticNumericLevelCount,
      let numbers = levelNumbers(levels, format: format, rejectingLeadingZeros: !numericRequested)
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
    return .categorical(CategoricalValues(codes: codes, levels: strings))
  }

  /// The number of every level, or `nil` when one is not a number.
  static func levelNumbers(_ levels: LevelDictionary, format: NumberFormat, rejectingLeadingZeros: Bool) -> [Double]? {
    var numbers: [Double] = []
    numbers.reserveCapacity(levels.count)
    for code in 0..<levels.count {
      let bytes = levels.level(code)
      if rejectingLeadingZeros, hasLeadingZero(bytes) { return nil }
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

/// What a row of a column read straight into numbers holds, besides a finite number's bit
/// pattern: a missing value, or the code of a value kept as text. Both are NaN patterns with the
/// sign bit set, which a plain decimal never produces.
enum NumberSlot {
  /// A missing value.
  static let missing: UInt64 = 0xFFFF_FFFF_FFFF_FFFF
  /// The marker bits of a value kept as text; the low 32 bits hold its code.
  static let levelMarker: UInt64 = 0xFFF8_0000_0000_0000

  /// The slot of the value kept as text with code `code`.
  @inline(__always)
  static func level(_ code: Int32) -> UInt64 { levelMarker | UInt64(UInt32(bitPattern: code)) }

  /// Whether `bits` is a marker rather than a number.
  @inline(__always)
  static func isMarker(_ bits: UInt64) -> Bool { bits & levelMarker == levelMarker }
}
