package import SurveyStatistics

/// A table of estimated proportions for a report or a notebook: one row per domain and answer,
/// with the weighted percentage, its confidence interval and the respondents, small cells
/// suppressed and flagged, and the notes that explain the flags.
///
/// ```swift
/// let estimates = try design.proportions(of: "concern_data_use", by: ["sex"])
/// let blocks = ProportionTable(estimates, survey: design.survey, language: .french).blocks
/// // | Sexe | Réponse | % | IC à 95 % | n | Base |
/// ```
package struct ProportionTable: Sendable {
  /// The estimates, in row order.
  package var estimates: [ProportionEstimate]
  /// The survey whose labels name the variables, domains and answers; `nil` to use raw values.
  package var survey: Survey?
  /// The language of headers and numbers.
  package var language: ReportLanguage
  /// Cells with fewer respondents than this, in the answer or in the group, are not printed.
  package var minimumCellSize: Int
  /// The codebook whose category order sorts the rows; `nil` to keep the estimates' order.
  package var codebook: Codebook?

  /// Creates a table.
  package init(
    _ estimates: [ProportionEstimate], survey: Survey? = nil, language: ReportLanguage = .english,
    minimumCellSize: Int = 10, codebook: Codebook? = nil
  ) {
    self.codebook = codebook
    self.estimates = codebook.map { Self.sorted(estimates, by: $0) } ?? estimates
    self.survey = survey
    self.language = language
    self.minimumCellSize = minimumCellSize
  }

  /// The table and its notes.
  package var blocks: [Block] {
    guard let first = estimates.first else { return [] }
    let rules = ProportionCells(
      language: language, minimumCellSize: minimumCellSize, level: first.confidenceInterval.level)
    let numbers = language.numbers
    let domainVariables = first.domain.levels.map(\.variable)
    let showsQuestion = Set(estimates.map(\.variable)).count > 1
    var columns = domainVariables.map { MarkdownTable.Column(label(of: $0)) }
    if showsQuestion { columns.append(.init(language.text("Question", "Question"))) }
    columns += [
      .init(language.text("Answer", "Réponse")), .init("%", alignment: .right),
      .init(rules.intervalHeader, alignment: .right), .init("n", alignment: .right),
      .init(language.text("Base", "Base"), alignment: .right),
    ]
    // The answers of one question in one group add up to the base and to 100%.
    let statuses = rules.statuses(
      of: estimates, lines: ProportionCells.lines(of: estimates) { GroupKey(variable: $0.variable, domain: $0.domain) })
    let rows = zip(estimates, statuses).map { estimate, status -> [String] in
      var row = estimate.domain.levels.map { label(of: $0.value, in: $0.variable) }
      if showsQuestion { row.append(label(of: estimate.variable)) }
      let cells = rules.cells(of: estimate, status: status)
      let printed = status.isPrinted
      row += [
        estimate.categoryLabel ?? estimate.category, cells.percent, cells.interval,
        printed ? numbers.count(estimate.respondents) : "", cells.respondents,
      ]
      return row
    }
    var blocks: [Block] = []
    if !showsQuestion { blocks.append(.paragraph("**\(label(of: first.variable))**")) }
    blocks.append(.table(MarkdownTable(columns: columns, rows: rows)))
    return blocks + rules.notes(for: statuses)
  }

  /// The answers of one question in one group.
  struct GroupKey: Hashable {
    var variable: String
    var domain: Domain
  }

  /// A variable's label from the survey (its question text), else its name.
  func label(of variable: String) -> String {
    guard let survey, let found = try? survey.variable(named: variable) else { return variable }
    return found.label ?? variable
  }

  /// A value's label from the survey, else the value.
  func label(of value: String, in variable: String) -> String {
    guard let survey, let found = try? survey.variable(named: variable) else { return value }
    return found.label(ofCategory: value) ?? value
  }

  /// The estimates in codebook order: by variable as given, then domain by domain in the order of
  /// each domain variable's categories, then answer by answer; values the codebook does not list
  /// keep their place after the listed ones.
  static func sorted(_ estimates: [ProportionEstimate], by codebook: Codebook) -> [ProportionEstimate] {
    func rank(_ value: String, of variable: String) -> Int {
      codebook.entry(named: variable)?.categories.firstIndex { $0.value == value } ?? Int.max
    }
    let variableOrder = estimates.map(\.variable).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    return estimates.enumerated().sorted { left, right in
      let (a, b) = (left.element, right.element)
      let variables = (variableOrder.firstIndex(of: a.variable) ?? 0, variableOrder.firstIndex(of: b.variable) ?? 0)
      if variables.0 != variables.1 { return variables.0 < variables.1 }
      let domainsA = a.domain.levels.map { rank($0.value, of: $0.variable) }
      let domainsB = b.domain.levels.map { rank($0.value, of: $0.variable) }
      if domainsA != domainsB { return domainsA.lexicographicallyPrecedes(domainsB) }
      let answers = (rank(a.category, of: a.variable), rank(b.category, of: b.variable))
      if answers.0 != answers.1 { return answers.0 < answers.1 }
      return left.offset < right.offset
    }.map(\.element)
  }
}
