internal import SurveyStatistics

extension SurveyReportBuilder {
  /// The presentation rules of the report's proportions.
  var cellRules: ProportionCells {
    ProportionCells(language: language, minimumCellSize: options.minimumCellSize, level: options.level)
  }

  func status(of estimate: ProportionEstimate) -> CellStatus { cellRules.status(of: estimate) }

  func cells(of estimate: ProportionEstimate) -> (percent: String, interval: String, respondents: String) {
    cellRules.cells(of: estimate)
  }

  func notes(for estimates: [ProportionEstimate]) -> [Block] { cellRules.notes(for: estimates) }

  var intervalHeader: String { cellRules.intervalHeader }

  func intervalPhrase(_ interval: ConfidenceInterval) -> String { cellRules.intervalPhrase(interval) }
}
