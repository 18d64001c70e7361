internal import SurveyStatistics

extension DatabaseError {
  /// The roles of the design's own columns, which are never printed and may be identifiers (a
  /// respondent's id is the PSU of a sample drawn one by one).
  static let designRoles: Set<String> = [
    "weight", "stratum", "PSU", "finite population correction", "replicate weight", "raking variable",
  ]

  /// Throws ``identifierColumn(column:table:)`` when `name`, in a `role` whose values or categories
  /// are printed, looks like a respondent's identifier (`IdentifierNames`), as a file's loader
  /// refuses it; a design column may.
  static func refuseIdentifier(_ name: String, role: String, table: String) throws {
    guard !designRoles.contains(role), IdentifierNames.looksLikeIdentifier(name) else { return }
    throw DatabaseError.identifierColumn(column: name, table: table)
  }
}
