import SurveyStatistics

/// Whether and how a proportion may be printed: the disclosure rule (fewer than
/// `minimumCellSize` respondents are never printed), then the NCHS Data Presentation Standards
/// for Proportions.
enum CellStatus: Hashable, CaseIterable {
  /// Printed as is.
  case shown
  /// Not printed: fewer respondents than the minimum cell size in the answer or in the group.
  case tooFewRespondents

  /// Whether the numbers may be printed.
  var isPrinted: Bool { self == .shown }

  /// The marker written in or next to the cell and in front of its note.
  var marker: String {
    switch self {
    case .shown: return ""
    case .tooFewRespondents: return "‡"
    }
  }
}

/// The presentation rules of proportions, shared by reports and notebook tables.
struct ProportionCells: Sendable {
  var language: ReportLanguage
  var minimumCellSize: Int
  var level: Double

  var numbers: NumberStyle { language.numbers }

  /// The status of an estimate.
  func status(of estimate: ProportionEstimate) -> CellStatus {
    if estimate.respondents < minimumCellSize || estimate.domainRespondents < minimumCellSize {
      return .tooFewRespondents
    }
    return .shown
  }

  /// The cells of an estimate: percentage, interval and respondents of the group, or the marker alone.
  func cells(of estimate: ProportionEstimate) -> (percent: String, interval: String, respondents: String) {
    let status = status(of: estimate)
    guard status.isPrinted else { return (status.marker, "", "") }
    return (
      numbers.percentNumber(estimate.proportion) + status.marker,
      numbers.interval(estimate.confidenceInterval.lower, estimate.confidenceInterval.upper),
      numbers.count(estimate.domainRespondents)
    )
  }

  /// The note explaining a status's marker.
  func note(for status: CellStatus) -> String? {
    switch status {
    case .shown: return nil
    case .tooFewRespondents:
      return language.text(
        "‡ Not shown: fewer than \(minimumCellSize) respondents (disclosure rule, --min-cell).",
        "‡ Non publié : moins de \(minimumCellSize) répondants (règle de confidentialité, --min-cell).")
    }
  }

  /// The notes for the statuses that occur among `estimates`, in a fixed order.
  func notes(for estimates: [ProportionEstimate]) -> [Block] {
    let statuses = Set(estimates.map(status(of:)))
    let notes = CellStatus.allCases.filter(statuses.contains).compactMap(note(for:))
    return notes.isEmpty ? [] : [.notes(notes)]
  }

  /// "95% CI" / "IC à 95 %" for the level.
  var intervalHeader: String {
    language.text("\(numbers.percent(level, digits: 0)) CI", "IC à \(numbers.percent(level, digits: 0))")
  }

  /// "95% CI 56.1–61.2" / "IC à 95 % : 56,1–61,2".
  func intervalPhrase(_ interval: ConfidenceInterval) -> String {
    let bounds = numbers.interval(interval.lower, interval.upper)
    return language.text("\(intervalHeader) \(bounds)", "\(intervalHeader)\u{00A0}: \(bounds)")
  }
}
