extension SurveyReadError {
  /// The same error with every line number moved by `offset`: a part of a file counts its lines
  /// from its own start.
  func shiftingLines(by offset: Int) -> SurveyReadError {
    guard offset != 0 else { return self }
    switch self {
    case .cannotOpen, .cannotRead, .fileChangedWhileReading, .fileGrewWhileReading, .emptyFile, .noDataRows,
      .emptyColumnNames, .duplicateColumnNames, .unknownColumn,
      .noCases, .notAStatisticalFile, .unsupportedFileType, .unreadableStatisticalFile:
      return self
    case .invalidUTF16(let file, let line):
      return .invalidUTF16(file: file, line: line + offset)
    case .wrongFieldCount(let file, let line, let expected, let found):
      return .wrongFieldCount(file: file, line: line + offset, expected: expected, found: found)
    case .quoteInUnquotedField(let file, let line, let column):
      return .quoteInUnquotedField(file: file, line: line + offset, column: column)
    case .textAfterClosingQuote(let file, let line, let column, let fieldStartLine):
      return .textAfterClosingQuote(file: file, line: line + offset, column: column, fieldStartLine: fieldStartLine + offset)
    case .unterminatedQuote(let file, let line, let column):
      return .unterminatedQuote(file: file, line: line + offset, column: column)
    case .nulByte(let file, let line, let column):
      return .nulByte(file: file, line: line + offset, column: column)
    case .invalidUTF8(let file, let line, let column):
      return .invalidUTF8(file: file, line: line + offset, column: column)
    case .parserFailure(let file, let line, let reason):
      return .parserFailure(file: file, line: line + offset, reason: reason)
    }
  }
}
