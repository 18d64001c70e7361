internal import SurveyStatistics

/// A question whose answers differ between the groups of a variable, by the Rao–Scott test.
struct GroupDifference: Sendable {
  var item: SurveyItem
  var variable: String
  var pValue: Double
  var holmAdjustedPValue: Double
  /// The share giving the headline answers in each group, in the table's column order.
  var shares: [(group: String, estimate: ProportionEstimate)]
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

  /// Every question's headline share crossed with every compared variable, tested by Rao–Scott,
  /// the p-values adjusted together by Holm's method.
  static func groupDifferences(
    items: [SurveyItem], design: SurveyDesign, variables: [String], options: SurveyReportOptions
  ) throws -> (tested: Int, significant: [GroupDifference]) {
    var found: [GroupDifference] = []
    for item in items where !item.headlineValues.isEmpty && item.topic != .demographics && item.topic != .westin {
      for variable in variables where variable != item.name {
        let table = try design.crossTab(
          row: item.headlineVariable, column: variable, method: options.intervalMethod, level: options.level
        ).overall
        guard let test = table.test, test.pValue.isFinite else { continue }
        let shares = table.columnCategories.compactMap { group -> (String, ProportionEstimate)? in
          table.cell(row: "1", column: group).map { (group, $0.ofColumn) }
        }
        found.append(GroupDifference(item: item, variable: variable, pValue: test.pValue, holmAdjustedPValue: .nan, shares: shares))
      }
    }
    let adjusted = holmAdjusted(found.map(\.pValue))
    for index in found.indices { found[index].holmAdjustedPValue = adjusted[index] }
    return (found.count, found.filter { $0.holmAdjustedPValue < 0.05 })
  }

  /// Section 5: the Westin segments, the questions whose answers differ between groups after
  /// Holm's adjustment, and the differences of the paradox between segments.
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

  func groupDifferenceBlocks() -> [Block] {
    guard let differences else { return [] }
    var blocks: [Block] = [
      .heading(language.text("Differences between groups", "Différences entre groupes"), level: 3),
      .paragraph(language.text(
        "Each question's share (the answers counted in its table) is compared across the groups of \(comparedVariables.map { "`\($0)`" }.joined(separator: ", ")) with the Rao–Scott test (R survey's `svychisq`); \(numbers.count(differences.tested)) tests, p-values adjusted together by Holm's method. Listed: those below 0.05 after adjustment, with the groups where the share is highest and lowest.",
        "La part de chaque question (les réponses comptées dans son tableau) est comparée entre les groupes de \(comparedVariables.map { "`\($0)`" }.joined(separator: ", ")) par le test de Rao–Scott (`svychisq` du package R survey) ; \(numbers.count(differences.tested)) tests, valeurs p ajustées ensemble par la méthode de Holm. Sont listées celles inférieures à 0,05 après ajustement, avec les groupes où la part est la plus haute et la plus basse.")),
    ]
    guard !differences.significant.isEmpty else {
      blocks.append(.paragraph(language.text(
        "No question differs between groups after Holm's adjustment.",
        "Aucune question ne diffère entre groupes après ajustement de Holm.")))
      return blocks
    }
    let sorted = differences.significant.sorted { ($0.holmAdjustedPValue, $0.item.name, $0.variable) < ($1.holmAdjustedPValue, $1.item.name, $1.variable) }
    var rows: [[String]] = []
    var shown: [ProportionEstimate] = []
    for difference in sorted {
      let printed = difference.shares.filter { status(of: $0.estimate).isPrinted }
      guard let highest = printed.max(by: { $0.estimate.proportion < $1.estimate.proportion }),
        let lowest = printed.min(by: { $0.estimate.proportion < $1.estimate.proportion })
      else { continue }
      shown += [highest.estimate, lowest.estimate]
      let groupLabel = { (group: String) -> String in
        difference.variable == westinVariable ? westinLabel(group)
          : ((try? design.survey.variable(named: difference.variable).label(ofCategory: group)) ?? nil) ?? group
      }
      rows.append([
        questionLabel(difference.item), variableLabel(difference.variable),
        groupLabel(highest.group) + " " + numbers.percent(highest.estimate.proportion) + status(of: highest.estimate).marker,
        groupLabel(lowest.group) + " " + numbers.percent(lowest.estimate.proportion) + status(of: lowest.estimate).marker,
        numbers.pValue(difference.holmAdjustedPValue),
      ])
    }
    blocks.append(.table(MarkdownTable(
      columns: [
        .init(language.text("Question", "Question")), .init(language.text("Groups of", "Groupes de")),
        .init(language.text("Highest", "Plus haute")), .init(language.text("Lowest", "Plus basse")),
        .init(language.text("Holm p", "p de Holm"), alignment: .right),
      ],
      rows: rows)))
    blocks += notes(for: shown)
    return blocks
  }

  /// A question's label with its topic's shared stem replaced by the topic ("Trust — Votre banque").
  func questionLabel(_ item: SurveyItem) -> String {
    let (stem, labels) = SurveyItem.sharedStem(of: items(of: item.topic).filter { headlines[$0.name] != nil })
    guard stem != nil, let label = labels[item.name] else { return item.label }
    return ReportText.title(of: item.topic, language) + " — " + (label.hasPrefix("… ") ? String(label.dropFirst(2)) : label)
  }
}
