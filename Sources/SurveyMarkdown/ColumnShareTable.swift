package import SurveyStatistics

/// A cross-tab for a report or a notebook: in each column group, the weighted share of every row
/// answer (column percentages), small and unreliable cells suppressed with notes, then the
/// Rao–Scott test of independence.
///
/// ```swift
/// let table = try design.crossTab(row: "gdpr_heard", column: "education")
/// let blocks = ColumnShareTable(table, survey: design.survey).blocks
/// // | Answer | Aucun diplôme… | CAP, BEP… | … |
/// // Rao–Scott F = 41.27 on 5.6 and 506.7 degrees of freedom, p < 0.001.
/// ```
package struct ColumnShareTable: Sendable {
  /// The cross-tab (its whole-sample table, and one per domain of `by`).
  package var crossTab: CrossTab
  /// The survey whose labels name the variables and answers; `nil` to use raw values.
  package var survey: Survey?
  /// The language of text and numbers.
  package var language: ReportLanguage
  /// Cells with fewer respondents are not printed.
  package var minimumCellSize: Int
  /// The codebook whose category order sorts rows and columns; `nil` for the table's order.
  package var codebook: Codebook?

  /// Creates the presentation of a cross-tab.
  package init(
    _ crossTab: CrossTab, survey: Survey? = nil, language: ReportLanguage = .english, minimumCellSize: Int = 10,
    codebook: Codebook? = nil
  ) {
    self.crossTab = crossTab
    self.survey = survey
    self.language = language
    self.minimumCellSize = minimumCellSize
    self.codebook = codebook
  }

  /// The tables, one per domain after the whole sample, each with its test and notes.
  package var blocks: [Block] {
    var blocks: [Block] = [.paragraph(
      "**\(label(of: crossTab.rowVariable))** " + language.text("by", "selon") + " **\(label(of: crossTab.columnVariable))**")]
    let tables = [crossTab.overall] + crossTab.domains
    for (index, table) in tables.enumerated() {
      if index > 0 {
        let domain = table.domain.levels.map { label(of: $0.value, in: $0.variable) }.joined(separator: ", ")
        blocks.append(.paragraph("*\(domain)*"))
      }
      blocks += self.blocks(for: table)
    }
    return blocks
  }

  func blocks(for table: CrossTabTable) -> [Block] {
    let numbers = language.numbers
    let rules = ProportionCells(
      language: language, minimumCellSize: minimumCellSize, level: table.cells.first?.ofColumn.confidenceInterval.level ?? 0.95)
    let rows = ordered(table.rowCategories, of: crossTab.rowVariable)
    let columns = ordered(table.columnCategories, of: crossTab.columnVariable)
    // Each column's shares add up to 100%: complementary suppression runs down the columns.
    var shares: [ProportionEstimate] = []
    var positions: [[Int?]] = []
    var columnLines = Array(repeating: [Int](), count: columns.count)
    for row in rows {
      positions.append(columns.enumerated().map { index, column -> Int? in
        guard let share = table.cell(row: row, column: column)?.ofColumn else { return nil }
        shares.append(share)
        columnLines[index].append(shares.count - 1)
        return shares.count - 1
      })
    }
    let statuses = rules.statuses(of: shares, lines: columnLines)
    var body: [[String]] = zip(rows, positions).map { row, cells in
      [label(of: row, in: crossTab.rowVariable)] + cells.map { position in
        position.map { rules.cells(of: shares[$0], status: statuses[$0]).percent } ?? ""
      }
    }
    body.append(["n"] + columns.map { column in
      let respondents = table.cells.filter { $0.columnCategory == column }.reduce(0) { $0 + $1.respondents }
      // A group smaller than the disclosure threshold is not counted either.
      return respondents < minimumCellSize ? CellStatus.tooFewRespondents.marker : numbers.count(respondents)
    })
    var blocks: [Block] = [.table(MarkdownTable(
      columns: [.init(language.text("Answer (column %)", "Réponse (% en colonne)"))]
        + columns.map { .init(label(of: $0, in: crossTab.columnVariable), alignment: .right) },
      rows: body))]
    blocks += rules.notes(for: statuses)
    if let test = table.test {
      let p = numbers.pValue(test.pValue)
      blocks.append(.paragraph(language.text(
        "Rao–Scott test of independence (R survey's `svychisq`): F = \(numbers.decimal(test.statistic, digits: 2)) on \(numbers.decimal(test.numeratorDegreesOfFreedom, digits: 1)) and \(numbers.decimal(test.denominatorDegreesOfFreedom, digits: 1)) degrees of freedom, p \(p.hasPrefix("<") ? p : "= " + p).",
        "Test d'indépendance de Rao–Scott (`svychisq` du package R survey) : F = \(numbers.decimal(test.statistic, digits: 2)) à \(numbers.decimal(test.numeratorDegreesOfFreedom, digits: 1)) et \(numbers.decimal(test.denominatorDegreesOfFreedom, digits: 1)) degrés de liberté, p \(p.hasPrefix("<") ? p : "= " + p).")))
    } else if let reason = table.testUnavailableReason {
      blocks.append(.paragraph(language.text("No test: \(reason).", "Pas de test : \(reason).")))
    }
    return blocks
  }

  func ordered(_ categories: [String], of variable: String) -> [String] {
    guard let order = codebook?.entry(named: variable)?.categories.map(\.value) else { return categories }
    return categories.enumerated().sorted { left, right in
      let a = order.firstIndex(of: left.element) ?? Int.max, b = order.firstIndex(of: right.element) ?? Int.max
      return a == b ? left.offset < right.offset : a < b
    }.map(\.element)
  }

  func label(of name: String) -> String {
    guard let survey, let variable = try? survey.variable(named: name) else { return name }
    return variable.label ?? name
  }

  func label(of value: String, in name: String) -> String {
    guard let survey, let variable = try? survey.variable(named: name) else { return value }
    return variable.label(ofCategory: value) ?? value
  }
}
