internal import SurveyStatistics

/// One question's headline share compared between the groups of each compared variable.
struct QuestionComparisons: Sendable {
  var item: SurveyItem
  /// One result per compared variable, in the order of the compared variables.
  var byVariable: [(variable: String, comparisons: ShareComparisons)]
}

extension SurveyReportBuilder {
  /// The name the report gives the Westin segment it derives itself.
  static let westinVariableName = "westin_segment"

  /// The Westin segment variable: one the codebook derives, or the standard segmentation of three
  /// `westin_` statements (1–2 agree, 3–4 disagree). `nil` when the survey has neither, or when
  /// its answers do not fit the standard codes (the reason is returned).
  static func westinSegment(in survey: Survey, codebook: Codebook?) -> (variable: Variable?, name: String?, problem: String?) {
    if let declared = codebook?.derived.first(where: {
      if case .westinSegment = $0.definition { return true } else { return false }
    }), survey.hasVariable(named: declared.name) {
      return (nil, declared.name, nil)
    }
    let statements = survey.variableNames.filter { SurveyTopic.of(variableNamed: $0, codebook: codebook) == .westin }
    guard statements.count == 3 else { return (nil, nil, nil) }
    let westin = WestinSegmentation(
      lostControl: statements[0], businessesProper: statements[1], lawsProtect: statements[2])
    do {
      var segment = try survey.westinSegments(westin, named: westinVariableName)
      segment.label = "Westin"
      return (segment, westinVariableName, nil)
    } catch {
      return (nil, nil, String(describing: error))
    }
  }

  /// The variables whose groups the report compares: age band, sex, education and the Westin
  /// segment, those the survey has. Regions (usually the strata, with small samples) are compared
  /// in the paradox section only: fourteen regions per question would multiply the tests.
  static func comparedVariables(in survey: Survey, westin: String?) -> [String] {
    let candidates = ParadoxResults.segmentNames.filter { $0 != ["region"] } + [["education", "diploma"]]
    var names = candidates.compactMap { names in names.first { survey.hasVariable(named: $0) } }
    if let westin { names.append(westin) }
    return names
  }

  /// Every question's headline share in the groups of every compared variable, with the pairwise
  /// differences between groups (``SurveyDesign/shareComparisons(of:by:method:level:)``), in the
  /// order of the questions.
  static func groupComparisons(
    items: [SurveyItem], design: SurveyDesign, variables: [String], options: SurveyReportOptions
  ) throws -> [QuestionComparisons] {
    var found: [QuestionComparisons] = []
    for item in items where !item.headlineValues.isEmpty && item.topic != .demographics && item.topic != .westin {
      var byVariable: [(variable: String, comparisons: ShareComparisons)] = []
      for variable in variables where variable != item.name {
        do {
          let comparisons = try design.shareComparisons(
            of: Indicator(variable: item.headlineVariable, values: ["1"]), by: variable,
            method: options.intervalMethod, level: options.level)
          if comparisons.shares.count > 1 { byVariable.append((variable, comparisons)) }
        } catch is ParadoxError {
          // Nobody gives the counted answers: nothing to compare.
          continue
        }
      }
      if !byVariable.isEmpty { found.append(QuestionComparisons(item: item, byVariable: byVariable)) }
    }
    return found
  }

  /// Section 5: the Westin segments, each question's share by group with significance letters,
  /// and the differences of the paradox between segments.
  func segmentsSection() -> [Block] {
    var blocks: [Block] = [.heading(language.text("Segments and differences between groups", "Segments et différences entre groupes"), level: 2)]
    blocks += westinBlocks()
    blocks += groupDifferenceBlocks()
    if let paradox, !paradox.bySegment.isEmpty, let paradoxTable {
      blocks.append(.heading(language.text("The paradox between groups", "Le paradoxe entre groupes"), level: 3))
      blocks += paradoxTable.comparisonBlocks
    }
    return blocks
  }

  func westinBlocks() -> [Block] {
    var blocks: [Block] = [.heading(language.text("Westin's privacy segments", "Les segments de Westin"), level: 3)]
    guard let name = westinVariable, let estimates = westinEstimates, !estimates.isEmpty else {
      blocks.append(.paragraph(westinProblem.map {
        language.text("Not computed: the Westin statements cannot be segmented (\($0)).", "Non calculé : les affirmations de Westin ne peuvent être segmentées (\($0)).")
      } ?? language.text(
        "Not in this survey: segmenting needs Westin's three statements (`westin_a`, `westin_b`, `westin_c`).",
        "Absent de cette enquête : la segmentation demande les trois affirmations de Westin (`westin_a`, `westin_b`, `westin_c`).")))
      return blocks
    }
    blocks.append(.paragraph(language.text(
      "Westin's index (Kumaraguru & Cranor 2005) from three statements: **fundamentalists** agree that consumers have lost control and disagree that businesses handle data properly and that laws protect privacy; the **unconcerned** answer the opposite way on all three; everyone else is a **pragmatist**. Respondents missing a statement have no segment (variable `\(name)`).",
      "L'indice de Westin (Kumaraguru & Cranor 2005) repose sur trois affirmations : les **fondamentalistes** estiment que les consommateurs ont perdu le contrôle et contestent que les entreprises traitent bien les données et que les lois protègent la vie privée ; les **non-concernés** répondent l'inverse aux trois ; tous les autres sont **pragmatiques**. Les répondants sans réponse à une affirmation n'ont pas de segment (variable `\(name)`).")))
    let order = [WestinSegmentation.fundamentalist, WestinSegmentation.pragmatist, WestinSegmentation.unconcerned]
    let sorted = estimates.sorted { (order.firstIndex(of: $0.category) ?? 9) < (order.firstIndex(of: $1.category) ?? 9) }
    var rows: [[String]] = []
    var bars: [BarChart.Bar] = []
    // The segments add up to 100%.
    let statuses = cellRules.statuses(of: sorted, lines: [Array(sorted.indices)])
    for (estimate, status) in zip(sorted, statuses) {
      let cells = cellRules.cells(of: estimate, status: status)
      let label = westinLabel(estimate.category)
      rows.append([label, cells.percent, cells.interval, status.isPrinted ? numbers.count(estimate.respondents) : ""])
      if status.isPrinted {
        bars.append(.init(
          label: label, value: estimate.proportion, lower: estimate.confidenceInterval.lower,
          upper: estimate.confidenceInterval.upper, isFlagged: status.isFlagged))
      }
    }
    blocks.append(.table(MarkdownTable(
      columns: [
        .init(language.text("Segment", "Segment")), .init("%", alignment: .right),
        .init(intervalHeader, alignment: .right), .init("n", alignment: .right),
      ],
      rows: rows)))
    blocks += cellRules.notes(for: statuses)
    if !bars.isEmpty {
      let leftOut = zip(sorted, statuses).filter { !$0.1.isPrinted }.map { westinLabel($0.0.category) }
      let chart = BarChart(
        title: ReportText.westinChartTitle(language),
        subtitle: language.text(
          "Weighted % of respondents in each of Westin's segments (from three statements), with the \(intervalHeader).",
          "% pondéré des répondants dans chaque segment de Westin (d'après trois affirmations), avec l'\(intervalHeader)."),
        bars: bars,
        footnotes: chartNotes(
          base: Array(sorted.map(\.domainRespondents).prefix(1)), leftOut: leftOut,
          reason: language.text(
            "fewer than \(options.minimumCellSize) respondents, or unreliable", "moins de \(options.minimumCellSize) répondants, ou peu fiable")),
        language: language)
      blocks.append(.figure(chart.figure(fileName: "westin.svg")))
    }
    return blocks
  }

  func westinLabel(_ segment: String) -> String {
    switch segment {
    case WestinSegmentation.fundamentalist: return language.text("Fundamentalists", "Fondamentalistes")
    case WestinSegmentation.pragmatist: return language.text("Pragmatists", "Pragmatiques")
    case WestinSegmentation.unconcerned: return language.text("Unconcerned", "Non-concernés")
    default: return segment
    }
  }

  /// Per question, in the order of the questions: each group's share with its interval and the
  /// letters of the groups it is significantly higher than (``GroupComparisonTable``).
  func groupDifferenceBlocks() -> [Block] {
    guard let groupComparisons else { return [] }
    let variables = comparedVariables.map { variableLabel($0) }.joined(separator: ", ")
    var blocks: [Block] = [
      .heading(language.text("Differences between groups", "Différences entre groupes"), level: 3),
      .paragraph(language.text(
        "For each question, the share giving the answers counted in its section, in the groups of each of these variables: \(variables). Every group has a letter; the column *Higher than* gives the letters of the groups of the same variable where the share is significantly lower. The tests compare two groups at a time, take the sample design and the covariance between groups into account, and are adjusted for multiple testing (Holm) within each question's table.",
        "Pour chaque question, la part donnant les réponses comptées dans sa section, dans les groupes de chacune de ces variables : \(variables). Chaque groupe a une lettre ; la colonne *Supérieur à* donne les lettres des groupes de la même variable où la part est significativement plus basse. Les tests comparent les groupes deux à deux, tiennent compte du plan de sondage et de la covariance entre groupes, et sont ajustés pour comparaisons multiples (Holm) au sein du tableau de chaque question.")),
    ]
    for question in groupComparisons {
      blocks.append(.heading(question.item.shortLabel ?? questionLabel(question.item), level: 4))
      blocks.append(.paragraph(language.text(
        "% answering \(question.item.headlineDescription(language))",
        "% répondant \(question.item.headlineDescription(language))")))
      let table = GroupComparisonTable(
        blocks: question.byVariable.map { variable, comparisons in
          GroupComparisonTable.VariableGroups(
            label: variableLabel(variable), comparisons: comparisons,
            groupLabels: comparisons.shares.map { groupLabel($0.domain.levels.first?.value ?? "", of: variable) },
            order: questionnaireOrder(of: comparisons.shares.map { $0.domain.levels.first?.value ?? "" }, variable: variable))
        },
        cells: cellRules)
      blocks += table.rendered()
    }
    return blocks
  }

  /// The positions of `groups` in the order of the codebook's categories of `variable` (the
  /// questionnaire's), groups it does not list after them in their own order.
  func questionnaireOrder(of groups: [String], variable: String) -> [Int] {
    guard let categories = (codebook ?? design.survey.codebook)?.entry(named: variable)?.categories else {
      return Array(groups.indices)
    }
    let rank = { (index: Int) in categories.firstIndex { $0.value == groups[index] } ?? Int.max }
    return groups.indices.sorted { (rank($0), $0) < (rank($1), $1) }
  }

  /// A group's label: the Westin segment's name, or the codebook's label of the category.
  func groupLabel(_ group: String, of variable: String) -> String {
    variable == westinVariable ? westinLabel(group)
      : ((try? design.survey.variable(named: variable).label(ofCategory: group)) ?? nil) ?? group
  }

  /// A question's label with its topic's shared stem replaced by the topic ("Trust — Votre banque").
  func questionLabel(_ item: SurveyItem) -> String {
    let (stem, labels) = SurveyItem.sharedStem(of: items(of: item.topic).filter { headlines[$0.name] != nil })
    guard stem != nil, let label = labels[item.name] else { return item.label }
    return ReportText.title(of: item.topic, language) + " — " + (label.hasPrefix("… ") ? String(label.dropFirst(2)) : label)
  }
}
