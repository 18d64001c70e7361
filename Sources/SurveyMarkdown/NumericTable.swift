internal import SurveyStatistics

/// Tables of estimates of numeric variables (means, totals, ratios or quantiles) for a report or a
/// notebook: one table per variable (per numerator and denominator for ratios), one row per domain
/// (and probability), with the estimate, its confidence interval and the respondents; cells with
/// fewer respondents than the minimum are suppressed and flagged.
///
/// ```swift
/// let means = try design.means(of: "hours_online", by: ["sex"])
/// let blocks = NumericTable(means.estimates, survey: design.survey, language: .french).blocks
/// // | Sexe | Moyenne | IC à 95 % | n |
/// ```
struct NumericTable<Estimate: NumericEstimate> {
  /// The estimates, in row order.
  var estimates: [Estimate]
  /// The survey whose labels name the variables and domains; `nil` to use names and values.
  var survey: Survey?
  /// The language of headers and numbers.
  var language: ReportLanguage
  /// Estimates of fewer respondents than this are not printed.
  var minimumCellSize: Int

  init(_ estimates: [Estimate], survey: Survey?, language: ReportLanguage, minimumCellSize: Int) {
    self.estimates = estimates
    self.survey = survey
    self.language = language
    self.minimumCellSize = minimumCellSize
  }

  /// A title and a table per variable, then the notes of the flags used.
  var blocks: [Block] {
    guard let first = estimates.first else { return [] }
    let rules = ProportionCells(
      language: language, minimumCellSize: minimumCellSize, level: first.confidenceInterval.level)
    var subjects: [String] = []
    for estimate in estimates where !subjects.contains(estimate.statistic.variable) {
      subjects.append(estimate.statistic.variable)
    }
    var blocks: [Block] = []
    for subject in subjects {
      let rows = sortedByCodebook(estimates.filter { $0.statistic.variable == subject })
      blocks.append(.paragraph("**\(title(of: rows[0].statistic))**"))
      blocks.append(.table(table(of: rows, intervalHeader: rules.intervalHeader)))
    }
    var notes: [String] = []
    if estimates.contains(where: { $0.respondents < minimumCellSize }) {
      notes += rules.note(for: .tooFewRespondents).map { [$0] } ?? []
    }
    if estimates.contains(where: { isPrinted($0) && !($0.confidenceInterval.lower.isFinite && $0.confidenceInterval.upper.isFinite) }) {
      notes.append(language.text(
        "– A bound that cannot be computed: Woodruff's interval of the distribution function reaches below 0 or above 1.",
        "– Borne non calculable : l'intervalle de Woodruff de la fonction de répartition dépasse 0 ou 1."))
    }
    return blocks + (notes.isEmpty ? [] : [.notes(notes)])
  }

  private func isPrinted(_ estimate: Estimate) -> Bool { estimate.respondents >= minimumCellSize }

  /// The rows of one variable: domain columns, the probability for quantiles, the estimate, its
  /// interval and the respondents.
  private func table(of rows: [Estimate], intervalHeader: String) -> MarkdownTable {
    let numbers = language.numbers
    let first = rows[0]
    var columns = first.domain.levels.map { MarkdownTable.Column(label(of: $0.variable)) }
    if first.statistic.isQuantile { columns.append(.init("p", alignment: .right)) }
    columns += [
      .init(header(of: first.statistic), alignment: .right), .init(intervalHeader, alignment: .right),
      .init("n", alignment: .right),
    ]
    let cells = rows.map { estimate -> [String] in
      var row = estimate.domain.levels.map { label(of: $0.value, in: $0.variable) }
      if case .quantile(_, let probability) = estimate.statistic { row.append(numbers.shortest(probability)) }
      guard isPrinted(estimate) else { return row + [CellStatus.tooFewRespondents.marker, "", ""] }
      let digits = decimals(of: estimate)
      let interval = estimate.confidenceInterval
      let bounds = interval.lower.isFinite && interval.upper.isFinite
        ? numbers.range(interval.lower, interval.upper, digits: digits)
        : numbers.decimal(interval.lower, digits: digits) + language.text(" to ", " à ")
          + numbers.decimal(interval.upper, digits: digits)
      return row + [numbers.decimal(estimate.estimate, digits: digits), bounds, numbers.count(estimate.respondents)]
    }
    return MarkdownTable(columns: columns, rows: cells)
  }

  /// "Mean" / "Moyenne", and so on.
  private func header(of statistic: NumericStatistic) -> String {
    switch statistic {
    case .mean: return language.text("Mean", "Moyenne")
    case .total: return language.text("Total", "Total")
    case .ratio: return language.text("Ratio", "Ratio")
    case .quantile: return language.text("Quantile", "Quantile")
    }
  }

  /// The variable's label (its question text), or numerator / denominator for a ratio.
  private func title(of statistic: NumericStatistic) -> String {
    switch statistic {
    case .mean(let variable), .total(let variable), .quantile(let variable, _): return label(of: variable)
    case .ratio(let numerator, let denominator): return "\(label(of: numerator)) / \(label(of: denominator))"
    }
  }

  /// A variable's label from the survey, else its name.
  private func label(of variable: String) -> String {
    guard let survey, let found = try? survey.variable(named: variable) else { return variable }
    return found.label ?? variable
  }

  /// A value's label from the survey, else the value.
  private func label(of value: String, in variable: String) -> String {
    guard let survey, let found = try? survey.variable(named: variable) else { return value }
    return found.label(ofCategory: value) ?? value
  }

  /// The rows with domains in the order of the codebook's categories (values it does not list keep
  /// their place after the listed ones); probabilities keep their order within a domain.
  private func sortedByCodebook(_ rows: [Estimate]) -> [Estimate] {
    guard let codebook = survey?.codebook else { return rows }
    func ranks(_ domain: Domain) -> [Int] {
      domain.levels.map { level in
        codebook.entry(named: level.variable)?.categories.firstIndex { $0.value == level.value } ?? Int.max
      }
    }
    return rows.enumerated().sorted { left, right in
      let (a, b) = (ranks(left.element.domain), ranks(right.element.domain))
      return a != b ? a.lexicographicallyPrecedes(b) : left.offset < right.offset
    }.map(\.element)
  }
}

extension NumberStyle {
  /// A number with as few decimals as write it exactly, at most 6 ("0.25" / "0,25", "0.5").
  func shortest(_ value: Double) -> String { decimal(value, digits: exactDecimals(value)) }
}
