internal import SurveyStatistics

/// The privacy-paradox analyses of a report: the definition, and one analysis per segmenting
/// variable (the first also gives the overall figures).
struct ParadoxResults: Sendable {
  var definition: ParadoxDefinition
  /// The concern item and the action items, for labels.
  var concernItem: SurveyItem
  var actionItems: [SurveyItem]
  /// The analysis of the whole sample (no segments).
  var overall: ParadoxAnalysis
  /// One analysis per segmenting variable, in the order age band, sex, region.
  var bySegment: [(variable: String, analysis: ParadoxAnalysis)]
  /// The shares for every threshold of actions, 1 to K (empty for a single action).
  var sensitivity: [ParadoxSensitivity.Row] = []

  /// The segmenting variables of the report, when the survey has them.
  static let segmentNames = [["age_band", "age_group", "age"], ["sex", "gender", "sexe"], ["region"]]

  /// The definition of ``SurveyReportOptions/paradoxDefinition``, or by default: concerned = the
  /// headline answers of the first concern question; acting = "yes" to at least half of the
  /// protective behaviours when four or more were asked (any one of them otherwise). `nil` when the
  /// survey lacks a concern or an action question.
  static func definition(
    items: [SurveyItem], options: SurveyReportOptions
  ) -> (definition: ParadoxDefinition, concern: SurveyItem, actions: [SurveyItem])? {
    if let given = options.paradoxDefinition {
      // The items as the definition counts them: its values, the codebook's labels.
      func counted(_ indicator: Indicator, topic: SurveyTopic) -> SurveyItem {
        var item = items.first { $0.name == indicator.variable }
          ?? SurveyItem(
            name: indicator.variable, label: indicator.variable, topic: topic, measurement: .categorical,
            categories: indicator.values.map { ($0, $0) }, headlineValues: [])
        item.headlineValues = indicator.values
        return item
      }
      return (given, counted(given.concern, topic: .concern), given.actions.map { counted($0, topic: .behaviour) })
    }
    guard let concern = items.first(where: { $0.topic == .concern && !$0.headlineValues.isEmpty }) else { return nil }
    let actions = items.filter { $0.topic == .behaviour && !$0.headlineValues.isEmpty }
    guard !actions.isEmpty else { return nil }
    let definition = ParadoxDefinition(
      concern: Indicator(variable: concern.name, values: concern.headlineValues),
      actions: actions.map { Indicator(variable: $0.name, values: $0.headlineValues) },
      minimumActions: actions.count >= 4 ? (actions.count + 1) / 2 : 1)
    return (definition, concern, actions)
  }

  /// The analyses of ``definition(items:options:)``, overall and by segment.
  static func make(items: [SurveyItem], design: SurveyDesign, options: SurveyReportOptions) throws -> ParadoxResults? {
    guard let (definition, concern, actions) = definition(items: items, options: options) else { return nil }
    let overall = try design.paradox(definition, method: options.intervalMethod, level: options.level)
    var bySegment: [(String, ParadoxAnalysis)] = []
    for names in segmentNames {
      guard let name = names.first(where: { design.survey.hasVariable(named: $0) }) else { continue }
      bySegment.append((name, try design.paradox(definition, by: [name], method: options.intervalMethod, level: options.level)))
    }
    let sensitivity = definition.actions.count > 1 ? try ParadoxSensitivity(definition, design: design).rows : []
    return ParadoxResults(
      definition: definition, concernItem: concern, actionItems: actions, overall: overall, bySegment: bySegment,
      sensitivity: sensitivity)
  }
}

extension SurveyReportBuilder {
  /// The presentation of the report's paradox analyses.
  var paradoxTable: ParadoxTable? {
    guard let paradox else { return nil }
    var table = ParadoxTable(
      [paradox.overall] + paradox.bySegment.map(\.analysis), survey: design.survey, language: language,
      minimumCellSize: options.minimumCellSize, codebook: codebook)
    let actions = paradox.actionItems.count
    let minimum = paradox.definition.minimumActions
    let answers = ReportText.joinedAlternatives(
      Array(Set(paradox.actionItems.map { $0.headlineDescription(language) })).sorted(), language)
    let acting = actions == 1
      ? language.text("\(answers) to “\(paradox.actionItems[0].label)”", "\(answers) à «\u{00A0}\(paradox.actionItems[0].label)\u{00A0}»")
      : language.text(
        "\(answers) to at least \(minimum) of the \(actions) protective behaviours",
        "\(answers) à au moins \(minimum) des \(actions) comportements de protection")
    table.chartSubtitle = language.text(
      "Weighted % concerned (\(paradox.concernItem.headlineDescription(language)) to “\(paradox.concernItem.label)”) and % acting (\(acting)), with the \(intervalHeader); the gap in percentage points.",
      "% pondéré d'inquiets (\(paradox.concernItem.headlineDescription(language)) à «\u{00A0}\(paradox.concernItem.label)\u{00A0}») et de ceux qui agissent (\(acting)), avec l'\(intervalHeader) ; l'écart en points.")
    table.chartSource = chartSource
    return table
  }

  /// Section 4: concerned vs acting, the gap and its paired test, the paradox share, inaction
  /// among the concerned and φ — overall and by segment — with a chart.
  func paradoxSection() -> [Block] {
    var blocks: [Block] = [.heading(language.text("The privacy paradox", "Le paradoxe de la vie privée"), level: 2)]
    guard let paradox, let paradoxTable else {
      blocks.append(.paragraph(language.text(
        "Not computed: the paradox needs a concern question (`concern_…`) and at least one protective behaviour (`prot_…`), and this survey lacks one of them.",
        "Non calculé : le paradoxe demande une question d'inquiétude (`concern_…`) et au moins un comportement de protection (`prot_…`), et l'un des deux manque dans cette enquête.")))
      return blocks
    }
    blocks.append(.paragraph(language.text(
      "**Concerned**: \(paradox.concernItem.headlineDescription(language)) to “\(paradox.concernItem.label)”. **Acting**: \(actingPhrase(paradox)). " + ParadoxTable.definitions(.english),
      "**Inquiets** : \(paradox.concernItem.headlineDescription(language)) à «\u{00A0}\(paradox.concernItem.label)\u{00A0}». **Agissent** : \(actingPhrase(paradox)). " + ParadoxTable.definitions(.french))))
    blocks += chanceComparison(paradox)
    return blocks + paradoxTable.blocks(segmentHeading: language.text("By segment", "Par segment"))
      + sensitivityTable(paradox)
  }

  /// The observed share of concerned non-actors beside the share expected if concern and action
  /// were unrelated, P(concerned)·P(not acting), and φ.
  func chanceComparison(_ paradox: ParadoxResults) -> [Block] {
    let overall = paradox.overall.overall
    guard overall.mcnemarCounts.concernedNotActing >= options.minimumCellSize else { return [] }
    let baseline = overall.concerned.estimate * (1 - overall.acting.estimate)
    let phi = overall.phi
    let related = phi.confidenceInterval.lower > 0 || phi.confidenceInterval.upper < 0
    let share = numbers.percent(overall.paradoxShare.estimate)
    let expected = numbers.percent(baseline)
    let phiText = "φ = \(numbers.decimal(phi.estimate, digits: 2)) (\(intervalHeader) \(numbers.range(phi.confidenceInterval.lower, phi.confidenceInterval.upper)))"
    return [.paragraph(language.text(
      "**Against chance.** \(share) of respondents are concerned but not acting. If concern and action were unrelated, \(numbers.percent(overall.concerned.estimate)) concerned × \(numbers.percent(1 - overall.acting.estimate)) not acting would give \(expected). The association between concern and action is \(phiText)" + (related ? ": concern and action are related, though the share remains close to what chance gives." : ": no evidence that concern and action are related — the paradox share is about what chance alone gives."),
      "**Face au hasard.** \(share) des répondants sont inquiets sans agir. Si l'inquiétude et l'action étaient sans lien, \(numbers.percent(overall.concerned.estimate)) d'inquiets × \(numbers.percent(1 - overall.acting.estimate)) qui n'agissent pas donneraient \(expected). L'association entre inquiétude et action vaut \(phiText)" + (related ? " : inquiétude et action sont liées, même si la part reste proche de ce que donne le hasard." : " : rien n'indique que l'inquiétude et l'action soient liées — la part du paradoxe est à peu près celle que donne le hasard.")))]
  }

  /// How the share of concerned non-actors depends on the number of actions that counts as
  /// acting: one row per threshold, 1 to K.
  func sensitivityTable(_ paradox: ParadoxResults) -> [Block] {
    guard !paradox.sensitivity.isEmpty else { return [] }
    let count = paradox.actionItems.count
    var rows: [[String]] = []
    for row in paradox.sensitivity {
      let used = row.threshold == paradox.definition.minimumActions
      let definition = language.text("at least \(row.threshold) of \(count)", "au moins \(row.threshold) sur \(count)")
        + (used ? language.text(" (this report)", " (ce rapport)") : "")
      // Every count behind a printed share, and its complement, reaches the disclosure threshold.
      let counts = [row.concernedNotActingRespondents, row.actingRespondents]
      guard counts.allSatisfy({ $0 >= options.minimumCellSize && row.respondents - $0 >= options.minimumCellSize })
      else {
        rows.append([definition, "", "*", "", ""])
        continue
      }
      rows.append([
        definition, numbers.percentNumber(row.acting), numbers.percentNumber(row.concernedNotActing),
        numbers.percentNumber(row.independenceBaseline), row.phi.map { numbers.decimal($0, digits: 2) } ?? "",
      ])
    }
    return [
      .heading(language.text("How the definition of acting changes the share", "Ce que change la définition de « agir »"), level: 3),
      .paragraph(language.text(
        "The share of concerned respondents who do not act depends on how many of the \(count) protective behaviours count as acting. Each row counts a respondent as acting from that many behaviours on.",
        "La part des inquiets qui n'agissent pas dépend du nombre de comportements de protection, sur \(count), qui vaut « agir ». Chaque ligne compte comme agissant un répondant à partir de ce nombre.")),
      .table(MarkdownTable(
        columns: [
          .init(language.text("Acting", "Agir")), .init(language.text("% acting", "% qui agissent"), alignment: .right),
          .init(language.text("% concerned, not acting", "% inquiets qui n'agissent pas"), alignment: .right),
          .init(language.text("% if unrelated", "% si sans lien"), alignment: .right), .init("φ", alignment: .right),
        ],
        rows: rows)),
      .notes([language.text(
        "Weighted shares of the respondents who answered every question of the definition; the \(intervalHeader) of this report's definition is in the table above. “% if unrelated” = P(concerned) × P(not acting), the share expected if concern and action were independent; φ is the correlation of the two yes/no indicators. * not shown: fewer than \(options.minimumCellSize) respondents in a cell.",
        "Parts pondérées des répondants qui ont répondu à toutes les questions de la définition ; l'\(intervalHeader) de la définition de ce rapport figure dans le tableau ci-dessus. « % si sans lien » = P(inquiet) × P(n'agit pas), la part attendue si l'inquiétude et l'action étaient indépendantes ; φ est la corrélation des deux indicateurs oui/non. * non publié : moins de \(options.minimumCellSize) répondants dans une case.")]),
    ]
  }

  /// "the answers counted (“Oui”) to at least 4 of the 8 questions `prot_a`, …".
  func actingPhrase(_ paradox: ParadoxResults) -> String {
    let count = paradox.actionItems.count
    let minimum = paradox.definition.minimumActions
    let names = ReportText.joinedAlternatives(paradox.actionItems.map { "`\($0.name)`" }, language)
    let answers = ReportText.joinedAlternatives(
      Array(Set(paradox.actionItems.map { $0.headlineDescription(language) })).sorted(), language)
    if count == 1 { return language.text("\(answers) to \(names)", "\(answers) à \(names)") }
    if minimum <= 1 {
      return language.text("\(answers) to at least one of \(names)", "\(answers) à au moins une des questions \(names)")
    }
    if minimum == count { return language.text("\(answers) to all of \(names)", "\(answers) à toutes les questions \(names)") }
    return language.text(
      "\(answers) to at least \(minimum) of the \(count) questions \(names)",
      "\(answers) à au moins \(minimum) des \(count) questions \(names)")
  }
}
