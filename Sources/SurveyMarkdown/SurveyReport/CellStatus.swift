import SurveyStatistics

/// Whether and how a proportion may be printed: the disclosure rule (fewer than
/// ``SurveyReportOptions/minimumCellSize`` respondents are never printed), then the NCHS Data
/// Presentation Standards for Proportions.
enum CellStatus: Hashable {
  /// Printed as is.
  case shown
  /// Not printed: fewer respondents than the minimum cell size in the answer or in the group.
  case tooFewRespondents

  /// Whether the numbers may be printed.
  var isPrinted: Bool { self == .shown }

  /// The marker written next to the cell and in front of its note.
  var marker: String {
    switch self {
    case .shown: return ""
    case .tooFewRespondents: return "‡"
    }
  }

  /// The note explaining the marker.
  func note(minimumCellSize: Int, language: ReportLanguage) -> String {
    switch self {
    case .shown: return ""
    case .tooFewRespondents:
      return language.text(
        "‡ Not shown: fewer than \(minimumCellSize) respondents (disclosure rule, --min-cell).",
        "‡ Non publié : moins de \(minimumCellSize) répondants (règle de confidentialité, --min-cell).")
    }
  }
}

extension SurveyReportBuilder {
  /// The status of an estimate.
  func status(of estimate: ProportionEstimate) -> CellStatus {
    if estimate.respondents < options.minimumCellSize || estimate.domainRespondents < options.minimumCellSize {
      return .tooFewRespondents
    }
    return .shown
  }

  /// The cells of an estimate: percentage, interval and respondents, or the marker alone.
  func cells(of estimate: ProportionEstimate) -> (percent: String, interval: String, respondents: String) {
    let status = status(of: estimate)
    guard status.isPrinted else { return (status.marker, "", "") }
    return (
      numbers.percentNumber(estimate.proportion) + status.marker,
      numbers.interval(estimate.confidenceInterval.lower, estimate.confidenceInterval.upper),
      numbers.count(estimate.domainRespondents)
    )
  }

  /// The notes for the statuses that occur among `estimates`, in a fixed order.
  func notes(for estimates: [ProportionEstimate]) -> [Block] {
    let statuses = Set(estimates.map(status(of:)))
    let notes = [CellStatus.tooFewRespondents].filter(statuses.contains).map {
      $0.note(minimumCellSize: options.minimumCellSize, language: language)
    }
    return notes.isEmpty ? [] : [.notes(notes)]
  }

  /// "95% CI" / "IC à 95 %" for the report's level.
  var intervalHeader: String {
    language.text("\(numbers.percent(options.level, digits: 0)) CI", "IC à \(numbers.percent(options.level, digits: 0))")
  }
}

extension SurveyReportBuilder {
  /// "95% CI 56.1–61.2" / "IC à 95 % : 56,1–61,2".
  func intervalPhrase(_ interval: ConfidenceInterval) -> String {
    let bounds = numbers.interval(interval.lower, interval.upper)
    return language.text("\(intervalHeader) \(bounds)", "\(intervalHeader)\u{00A0}: \(bounds)")
  }
}
