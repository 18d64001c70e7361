package import SurveyStatistics

/// What raking did, for a report or a notebook: a sentence (margins, convergence) and a table of
/// every margin cell — population target, weighted share before raking and after.
///
/// ```swift
/// let result = try design.raking(to: margins)
/// let blocks = RakingTable(result, survey: design.survey).blocks
/// // | Margin | Group | Target % | Before raking % | After raking % |
/// ```
package struct RakingTable: Sendable {
  /// The raking.
  package var result: RakingSummary
  /// The survey whose labels name the margins and groups; `nil` to use raw values.
  package var survey: Survey?
  /// The language of text and numbers.
  package var language: ReportLanguage

  /// Creates the presentation of a raking.
  package init(_ result: RakingResult, survey: Survey? = nil, language: ReportLanguage = .english) {
    self.init(result.summary, survey: survey, language: language)
  }

  /// The table of a raking that made a design (``DesignSummary/raking``).
  package init(_ summary: RakingSummary, survey: Survey? = nil, language: ReportLanguage = .english) {
    self.result = summary
    self.survey = survey
    self.language = language
  }

  /// The sentence and the table.
  package var blocks: [Block] {
    let numbers = language.numbers
    let raking = result
    let names = raking.margins.map { "`\($0.name)`" }.joined(separator: ", ")
    let outcome = raking.converged
      ? language.text(
        "converged in \(raking.iterations) iteration\(raking.iterations == 1 ? "" : "s")",
        "convergence en \(raking.iterations) itération\(raking.iterations == 1 ? "" : "s")")
      : language.text(
        "**did not converge** in \(raking.iterations) iterations (the weights of the last sweep are used)",
        "**sans convergence** après \(raking.iterations) itérations (poids de la dernière itération)")
    var rows: [[String]] = []
    for margin in raking.margins {
      let targetTotal = margin.cells.reduce(0) { $0 + $1.target }
      let beforeTotal = margin.cells.reduce(0) { $0 + $1.before }
      let achievedTotal = margin.cells.reduce(0) { $0 + $1.achieved }
      for cell in margin.cells {
        let label = zip(margin.variables, cell.categories).map { variable, value in
          categoryLabel(value, of: variable)
        }.joined(separator: " × ")
        rows.append([
          margin.variables.map(variableLabel).joined(separator: " × "), label,
          numbers.percentNumber(cell.target / targetTotal), numbers.percentNumber(cell.before / beforeTotal),
          numbers.percentNumber(cell.achieved / achievedTotal),
        ])
      }
    }
    return [
      .paragraph(language.text(
        "The weights were raked to \(raking.margins.count) population margin\(raking.margins.count == 1 ? "" : "s") (\(names)), as R survey's `rake()`: \(outcome). Standard errors account for the raking.",
        "Les poids ont été redressés sur \(raking.margins.count) marge\(raking.margins.count == 1 ? "" : "s") de population (\(names)), comme `rake()` du package R survey : \(outcome). Les erreurs-types tiennent compte du redressement.")),
      .table(MarkdownTable(
        columns: [
          .init(language.text("Margin", "Marge")), .init(language.text("Group", "Groupe")),
          .init(language.text("Target %", "% cible"), alignment: .right),
          .init(language.text("Before raking %", "% avant"), alignment: .right),
          .init(language.text("After raking %", "% après"), alignment: .right),
        ],
        rows: rows)),
    ]
  }

  func variableLabel(_ name: String) -> String {
    guard let survey, let variable = try? survey.variable(named: name) else { return name }
    return variable.label ?? name
  }

  func categoryLabel(_ value: String, of name: String) -> String {
    guard let survey, let variable = try? survey.variable(named: name) else { return value }
    return variable.label(ofCategory: value) ?? value
  }
}
