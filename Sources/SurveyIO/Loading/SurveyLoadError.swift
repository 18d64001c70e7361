public import SurveyStatistics

/// A survey that cannot be loaded or analysed as asked: a declared column the data lacks, an
/// identifier asked for, a variable without any value.
public enum SurveyLoadError: ConfianceError, Sendable, Equatable {
  /// Who declared a column.
  public enum Declaration: Sendable, Equatable {
    /// The design given when loading (the command line's flags).
    case design(DesignRole)
    /// The codebook's `design:` block.
    case codebookDesign(codebook: String, role: DesignRole)
    /// The codebook's `variables:` block.
    case codebookVariable(codebook: String)
  }

  /// A column declared by the design or the codebook is not in the file's header.
  case unknownColumn(file: String, name: String, suggestion: String?, available: [String], namedBy: Declaration)
  /// An identifier column was asked for where its values would be printed.
  case identifierColumn(file: String?, column: String, codebook: String?)
  /// Every value of a variable to analyse is missing.
  case emptyVariable(file: String?, column: String, rows: Int)

  /// Always ``ErrorKind/data``.
  package var kind: ErrorKind { .data }

  /// The design column to change, when the design given when loading named it.
  package var remedy: Remedy? {
    if case .unknownColumn(_, _, _, _, .design(let role)) = self { return .designColumn(role.rawValue) }
    return nil
  }

  /// A sentence for the researcher: where, what is wrong, and what to do.
  public var description: String {
    switch self {
    case .unknownColumn(let file, let name, let suggestion, let available, let namedBy):
      var text = "\(file):1: there is no column named '\(name)' in the header, but "
      switch namedBy {
      case .design(let role): text += "the design names it as its \(role.rawValue) column."
      case .codebookDesign(let codebook, let role): text += "the codebook \(codebook) names it (design: \(role.rawValue): \(name))."
      case .codebookVariable(let codebook): text += "the codebook \(codebook) describes it under 'variables:'."
      }
      if let suggestion { text += " Did you mean '\(suggestion)'?" }
      let shown = available.prefix(12).joined(separator: ", ")
      return text + " The columns are: \(shown)\(available.count > 12 ? ", …" : "")."
    case .identifierColumn(let file, let column, let codebook):
      let why = codebook.map { "the codebook \($0) declares it 'type: identifier'" }
        ?? "its name looks like one (a respondent's id, e-mail, phone or name)"
      var text = "\(file.map { "\($0): " } ?? "")column '\(column)' is an identifier — \(why) — "
        + "and identifiers are never printed, so that no respondent can be recognised in a table. "
      if codebook == nil {
        text += "If '\(column)' is not an identifier, give it a type in the codebook (variables: \(column): type: categorical)."
      } else {
        text += "Choose another variable."
      }
      return text
    case .emptyVariable(let file, let column, let rows):
      return "\(file.map { "\($0): " } ?? "")column '\(column)' has no value in any of its \(rows) rows: every cell is "
        + "empty or a missing code, so nothing can be estimated. Check the column name, the missing codes declared "
        + "for it and that the file was exported with its answers."
    }
  }
}
