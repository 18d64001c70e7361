internal import SurveyStatistics

/// Joins the columns parsed by the parts of a file into the file's variables, exactly as one
/// front-to-back parse would have made them.
///
/// Each part dictionary-encodes its values in its own order of first appearance. The parts'
/// dictionaries are merged in file order: the levels of part 0 in its order, then the levels of
/// part 1 not seen before, in part 1's order, and so on. A level that first appears in part `p`
/// is absent from the parts before, and within `p` its order is its order in the file, so the
/// merged codes are in order of first appearance in the whole file. Each part's codes are then
/// translated to merged codes (on several threads: each part writes its own rows).
struct PartMerge {
  /// The states of the parts, in file order; the first read the header.
  let parts: [UnsafeMutablePointer<ParseState>]
  /// The columns asked to be numeric.
  let numericColumns: Set<String>
  /// Whether numbers are written with a decimal comma.
  let decimalComma: Bool
  /// How many threads may translate codes.
  let threads: Int

  /// Columns read straight into numbers that hold text that is not a number.
  struct TextInNumberColumns: Error {
    /// Their 0-based positions in the file.
    var positions: Set<Int>
  }

  /// The encoding of the file: Windows-1252 once any part has seen text that is not UTF-8.
  var encoding: ResolvedEncoding {
    parts.contains { $0.pointee.encoding == .windows1252 } ? .windows1252 : parts[0].pointee.encoding
  }

  /// Every column name of the header, decoded in the file's encoding.
  var names: [String] {
    let header = parts[0].pointee
    return encoding == header.headerEncoding ? header.names : header.rawNames.map { encoding.decode($0) }
  }

  /// The stored columns as variables, or the number columns that must be read as text.
  func variables() -> Result<[Variable], TextInNumberColumns> {
    let header = parts[0].pointee
    let encoding = self.encoding
    let names = self.names
    let format = NumberFormat(decimalComma: decimalComma, isSingleByte: encoding.isSingleByte)
    var variables: [Variable] = []
    variables.reserveCapacity(header.storedColumns.count)
    var textColumns = Set<Int>()
    for (builder, column) in header.storedColumns.enumerated() {
      let name = names[column]
      let columnParts = parts.map { $0.pointee.builders.unsafelyUnwrapped + builder }
      let numericRequested = numericColumns.contains(name)
      if columnParts.contains(where: { $0.pointee.readsNumbers }) {
        // A column that switched to numbers on its own refuses leading zeros, as it would have
        // with a dictionary; one asked to be numeric does not.
        let switched = columnParts.contains { $0.pointee.switchedToNumbers }
        if let values = numbers(columnParts, format: format, rejectingLeadingZeros: switched) {
          variables.append(Variable(name: name, values: values))
        } else {
          textColumns.insert(column)
        }
      } else {
        let values = dictionaryValues(
          columnParts, numericRequested: numericRequested, format: format, encoding: encoding)
        variables.append(Variable(name: name, values: values))
      }
      for part in columnParts { part.pointee.empty() }
    }
    return textColumns.isEmpty ? .success(variables) : .failure(TextInNumberColumns(positions: textColumns))
  }

  /// The line on which each row starts, or `nil` when row `r` starts on line `r + 2`.
  ///
  /// - Precondition: each part's `lineShift` is set (see ``CSVReader``).
  static func lineNumbers(_ parts: [CSVPart]) -> [Int]? {
    var rowOffset = 0
    var regular = true
    for part in parts {
      let state = part.state.pointee
      if state.rowsStartElsewhere || part.lineShift != rowOffset { regular = false }
      rowOffset += state.rowCount
    }
    if regular { return nil }
    var lines: [Int] = []
    lines.reserveCapacity(rowOffset)
    for part in parts {
      let state = part.state.pointee
      if state.rowsStartElsewhere {
        lines += state.lineNumbers.map { $0 + part.lineShift }
      } else {
        lines += (0..<state.rowCount).map { $0 + 2 + part.lineShift }
      }
    }
    return lines
  }

  // MARK: - Columns

  /// A dictionary-encoded column.
  private func dictionaryValues(
    _ columnParts: [UnsafeMutablePointer<ColumnBuilder>], numericRequested: Bool, format: NumberFormat,
    encoding: ResolvedEncoding
  ) -> VariableValues {
    if columnParts.count == 1 {
      let builder = columnParts[0].pointee
      return ColumnBuilder.values(
        codes: builder.codes.toArray(), levels: builder.levels, numericRequested: numericRequested, format: format,
        encoding: encoding)
    }
    var merged = LevelDictionary()
    defer { merged.deallocate() }
    let translations = columnParts.map { merged.translation(from: $0.pointee.levels) }
    let rowStarts = Self.rowStarts(columnParts)
    let rowCount = rowStarts.last.unsafelyUnwrapped
    let codes = [Int32](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
      let output = buffer.baseAddress.unsafelyUnwrapped
      forEachConcurrently(columnParts.count, threads: threads) { part in
        let codes = columnParts[part].pointee.codes
        let translation = translations[part]
        let start = output + rowStarts[part]
        if translation.isIdentity {
          start.update(from: codes.base, count: codes.count)
          return
        }
        translation.codes.withUnsafeBufferPointer { newCode in
          for row in 0..<codes.count {
            let code = codes[row]
            start[row] = code < 0 ? -1 : newCode[Int(code)]
          }
        }
      }
      initialized = rowCount
    }
    return ColumnBuilder.values(
      codes: codes, levels: merged, numericRequested: numericRequested, format: format, encoding: encoding)
  }

  /// A column read straight into numbers (in some parts at least: a column that switched to
  /// numbers on its own may have kept its dictionary in other parts), or `nil` when a value kept as
  /// text is not a number, or has a leading zero when `rejectingLeadingZeros`.
  private func numbers(
    _ columnParts: [UnsafeMutablePointer<ColumnBuilder>], format: NumberFormat, rejectingLeadingZeros: Bool
  ) -> VariableValues? {
    var merged = LevelDictionary()
    defer { merged.deallocate() }
    let translations = columnParts.map { merged.translation(from: $0.pointee.levels) }
    guard
      let levelNumbers = ColumnBuilder.levelNumbers(
        merged, format: format, rejectingLeadingZeros: rejectingLeadingZeros)
    else { return nil }
    let rowStarts = Self.rowStarts(columnParts)
    let rowCount = rowStarts.last.unsafelyUnwrapped
    var isMissing = [Bool](repeating: false, count: rowCount)
    let values = isMissing.withUnsafeMutableBufferPointer { missingBuffer in
      let missingOutput = missingBuffer.baseAddress.unsafelyUnwrapped
      return [Double](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
        let output = buffer.baseAddress.unsafelyUnwrapped
        forEachConcurrently(columnParts.count, threads: threads) { part in
          let builder = columnParts[part].pointee
          let translation = translations[part].codes
          let start = output + rowStarts[part]
          let missingStart = missingOutput + rowStarts[part]
          guard builder.readsNumbers else {
            for row in 0..<builder.codes.count {
              let code = builder.codes[row]
              if code < 0 {
                start[row] = 0
                missingStart[row] = true
              } else {
                start[row] = levelNumbers[Int(translation[Int(code)])]
              }
            }
            return
          }
          let bits = builder.numberBits
          for row in 0..<bits.count {
            let slot = bits[row]
            if !NumberSlot.isMarker(slot) {
              start[row] = Double(bitPattern: slot)
            } else if slot == NumberSlot.missing {
              start[row] = 0
              missingStart[row] = true
            } else {
              start[row] = levelNumbers[Int(translation[Int(UInt32(truncatingIfNeeded: slot))])]
            }
          }
        }
        initialized = rowCount
      }
    }
    return .numeric(NumericValues(values: values, isMissing: isMissing))
  }

  /// The first row of each part in the file, then the number of rows.
  private static func rowStarts(_ columnParts: [UnsafeMutablePointer<ColumnBuilder>]) -> [Int] {
    var starts = [0]
    for part in columnParts { starts.append(starts.last.unsafelyUnwrapped + part.pointee.count) }
    return starts
  }
}

extension LevelDictionary {
  /// How the codes of another dictionary translate into this one's.
  struct Translation {
    /// The code here of each of the other dictionary's levels.
    var codes: [Int32]
    /// Whether every code stays the same.
    var isIdentity: Bool
  }

  /// Adds the levels of `other` that are new here, in `other`'s order, and returns how `other`'s
  /// codes translate.
  mutating func translation(from other: LevelDictionary) -> Translation {
    var codes: [Int32] = []
    codes.reserveCapacity(other.count)
    var isIdentity = true
    for code in 0..<other.count {
      let level = other.level(code)
      let newCode = self.code(of: level.baseAddress.unsafelyUnwrapped, length: level.count).code
      if newCode != Int32(code) { isIdentity = false }
      codes.append(newCode)
    }
    return Translation(codes: codes, isIdentity: isIdentity)
  }
}
