import SurveyStatistics

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

  /// The default definition: concerned = the headline answers of the first concern question;
  /// acting = the "yes" of at least one protective behaviour.
  static func make(items: [SurveyItem], design: SurveyDesign, options: SurveyReportOptions) throws -> ParadoxResults? {
    guard let concern = items.first(where: { $0.topic == .concern && !$0.headlineValues.isEmpty }) else { return nil }
    let actions = items.filter { $0.topic == .behaviour && !$0.headlineValues.isEmpty }
    guard !actions.isEmpty else { return nil }
    let definition = ParadoxDefinition(
      concern: Indicator(variable: concern.name, values: concern.headlineValues),
      actions: actions.map { Indicator(variable: $0.name, values: $0.headlineValues) }, minimumActions: 1)
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
    return ParadoxTable(
      [paradox.overall] + paradox.bySegment.map(\.analysis), survey: design.survey, language: language,
      minimumCellSize: options.minimumCellSize)
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
    let actions = paradox.actionItems.map { "“\($0.label)”" }
    blocks.append(.paragraph(language.text(
      "**Concerned**: \(paradox.concernItem.headlineDescription(language)) to “\(paradox.concernItem.label)”. **Acting**: “yes” to at least one of \(ReportText.joinedAlternatives(actions, language)). " + ParadoxTable.definitions(.english),
      "**Inquiets** : \(paradox.concernItem.headlineDescription(language)) à «\u{00A0}\(paradox.concernItem.label)\u{00A0}». **Agissent** : «\u{00A0}oui\u{00A0}» à au moins une des questions \(ReportText.joinedAlternatives(actions, language)). " + ParadoxTable.definitions(.french))))
    return blocks + paradoxTable.blocks(segmentHeading: language.text("By segment", "Par segment"))
  }

  /// Section 5: the differences between groups that stay significant after Holm's adjustment.
  func segmentsSection() -> [Block] {
    var blocks: [Block] = [.heading(language.text("Segments and differences between groups", "Segments et différences entre groupes"), level: 2)]
    guard let paradox, !paradox.bySegment.isEmpty, let paradoxTable else {
      blocks.append(.paragraph(language.text(
        "Not computed: there are no segments (age band, sex, region) or no paradox measures to compare.",
        "Non calculé : pas de segments (âge, sexe, région) ou pas de mesures du paradoxe à comparer.")))
      return blocks
    }
    return blocks + paradoxTable.comparisonBlocks
  }
}
