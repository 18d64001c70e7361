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
    return ParadoxResults(
      definition: definition, concernItem: concern, actionItems: actions, overall: overall, bySegment: bySegment)
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
    return blocks + paradoxTable.blocks(segmentHeading: language.text("By segment", "Par segment"))
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
