package import SurveyStatistics

/// The privacy-paradox measures for a report or a notebook: the overall figures, one row per
/// segment, the paradox chart, and the differences between segments that are significant after
/// Holm's adjustment. Groups with fewer than `minimumCellSize` respondents are not printed.
///
/// ```swift
/// let analysis = try design.paradox(definition, by: ["age_band"])
/// let blocks = ParadoxTable([analysis], survey: design.survey).blocks()
/// ```
package struct ParadoxTable: Sendable {
  /// The analyses: the first gives the overall figures; the segments of all are listed in order.
  package var analyses: [ParadoxAnalysis]
  /// The survey whose labels name the segments; `nil` to use raw values.
  package var survey: Survey?
  /// The language of text and numbers.
  package var language: ReportLanguage
  /// Groups with fewer respondents are not printed.
  package var minimumCellSize: Int
  /// The file name of the chart.
  package var chartFileName: String
  /// The codebook whose category order sorts the segments; `nil` to keep the analyses' order.
  package var codebook: Codebook?
  /// The chart's title (a short question); `nil` for the standard one.
  package var chartTitle: String?
  /// What the chart counts, in words; `nil` for the standard sentence.
  package var chartSubtitle: String?
  /// Where the numbers come from, for the chart's notes.
  var chartSource: ChartSource

  /// Creates the presentation of one or more analyses of the same definition.
  package init(
    _ analyses: [ParadoxAnalysis], survey: Survey? = nil, language: ReportLanguage = .english,
    minimumCellSize: Int = 10, chartFileName: String = "paradox.svg", codebook: Codebook? = nil
  ) {
    self.codebook = codebook
    self.analyses = analyses.map { analysis in
      guard let codebook else { return analysis }
      var sorted = analysis
      sorted.domains = analysis.domains.enumerated().sorted { left, right in
        let a = left.element.domain.levels.map { level in
          codebook.entry(named: level.variable)?.categories.firstIndex { $0.value == level.value } ?? Int.max
        }
        let b = right.element.domain.levels.map { level in
          codebook.entry(named: level.variable)?.categories.firstIndex { $0.value == level.value } ?? Int.max
        }
        return a == b ? left.offset < right.offset : a.lexicographicallyPrecedes(b)
      }.map(\.element)
      return sorted
    }
    self.survey = survey
    self.language = language
    self.minimumCellSize = minimumCellSize
    self.chartFileName = chartFileName
    self.chartSource = ChartSource(survey: survey, design: analyses.first?.design)
  }

  var numbers: NumberStyle { language.numbers }
  var level: Double { analyses.first?.level ?? 0.95 }
  var intervalHeader: String {
    ProportionCells(language: language, minimumCellSize: minimumCellSize, level: level).intervalHeader
  }

  /// What each measure means, for the paragraph that introduces the tables.
  static func definitions(_ language: ReportLanguage) -> String {
    language.text(
      "The **gap** is the share concerned minus the share acting, on the same respondents (paired, design-based test); the **paradox share** is the share concerned and not acting; **inaction among the concerned** is the share of the concerned who do not act; **φ** measures how much concern and action go together (0: not at all). Respondents missing one of these questions are left out.",
      "L'**écart** est la part d'inquiets moins la part de ceux qui agissent, sur les mêmes répondants (test apparié tenant compte du plan) ; la **part paradoxale** est la part d'inquiets qui n'agissent pas ; l'**inaction des inquiets** est la part des inquiets qui n'agissent pas ; **φ** mesure le lien entre inquiétude et action (0 : aucun). Les répondants sans réponse à l'une de ces questions sont exclus.")
  }

  /// The overall table, the segment table (under `segmentHeading`, when there are segments) and the chart.
  package func blocks(segmentHeading: String? = nil) -> [Block] {
    guard let first = analyses.first else { return [] }
    let overall = first.overall
    var blocks: [Block] = []
    guard overall.respondents >= minimumCellSize else {
      return [.notes([suppressionNote])]
    }
    blocks.append(.table(MarkdownTable(
      columns: [
        .init(language.text("Measure", "Mesure")), .init(language.text("Estimate", "Estimation"), alignment: .right),
        .init(intervalHeader, alignment: .right),
      ],
      rows: overallRows(overall))))
    var rows: [[String]] = []
    var statuses = Set<CellStatus>()
    var segments: [ParadoxChart.Segment] = []
    let overallStatus = shareStatuses(overall)
    statuses.formUnion([overallStatus.concerned, overallStatus.acting, overallStatus.paradox])
    var leftOut: [String] = []
    if overallStatus.concerned.isPrinted, overallStatus.acting.isPrinted {
      segments.append(chartSegment(
        overall, label: language.text("All respondents", "Ensemble"), group: nil,
        isFlagged: overallStatus.concerned.isFlagged || overallStatus.acting.isFlagged, respondents: overall.respondents))
    }
    for analysis in analyses {
      let group = analysis.domainVariables.map(variableLabel).joined(separator: " × ")
      var groupPending: String? = group
      let hiddenCounts = hiddenRespondentCounts(analysis)
      for (index, domain) in analysis.domains.enumerated() {
        let label = domainLabel(domain.domain)
        guard domain.respondents >= minimumCellSize else {
          rows.append([group, label, "‡", "", "", "", "", ""])
          statuses.insert(.tooFewRespondents)
          leftOut.append(label)
          continue
        }
        if hiddenCounts.contains(index) { statuses.insert(.complementary) }
        let status = shareStatuses(domain)
        statuses.formUnion([status.concerned, status.acting, status.paradox])
        let bothPrinted = status.concerned.isPrinted && status.acting.isPrinted
        rows.append([
          group, label, hiddenCounts.contains(index) ? CellStatus.complementary.marker : numbers.count(domain.respondents),
          cell(domain.concerned.estimate, status.concerned), cell(domain.acting.estimate, status.acting),
          bothPrinted
            ? numbers.points(domain.gap.estimate) + " ("
              + numbers.interval(domain.gap.confidenceInterval.lower, domain.gap.confidenceInterval.upper) + ")"
            : "",
          cell(domain.paradoxShare.estimate, status.paradox),
          showsPhi(status) ? numbers.decimal(domain.phi.estimate, digits: 2) : "",
        ])
        if bothPrinted {
          segments.append(chartSegment(
            domain, label: label, group: groupPending, isFlagged: status.concerned.isFlagged || status.acting.isFlagged,
            respondents: hiddenCounts.contains(index) ? nil : domain.respondents))
          groupPending = nil
        } else {
          leftOut.append(label)
        }
      }
    }
    if !rows.isEmpty {
      if let segmentHeading { blocks.append(.heading(segmentHeading, level: 3)) }
      blocks.append(.table(MarkdownTable(
        columns: [
          .init(language.text("Variable", "Variable")), .init(language.text("Group", "Groupe")), .init("n", alignment: .right),
          .init(language.text("Concerned %", "% inquiets"), alignment: .right),
          .init(language.text("Acting %", "% agissent"), alignment: .right),
          .init(language.text("Gap, pts (\(intervalHeader))", "Écart, pts (\(intervalHeader))"), alignment: .right),
          .init(language.text("Paradox share %", "% part paradoxale"), alignment: .right),
          .init("φ", alignment: .right),
        ],
        rows: rows)))
    }
    let rules = ProportionCells(language: language, minimumCellSize: minimumCellSize, level: level)
    let notes = CellStatus.noteOrder(of: Array(statuses)).compactMap { status in
      switch status {
      case .tooFewRespondents: return suppressionNote
      case .complementary: return complementarySuppressionNote
      default: return rules.note(for: status)
      }
    }
    if !notes.isEmpty { blocks.append(.notes(notes)) }
    var base = language.text(
      "Base: n\u{00A0}=\u{00A0}\(numbers.count(overall.respondents)) respondents with every answer",
      "Base : n\u{00A0}=\u{00A0}\(numbers.count(overall.respondents)) répondants ayant tout renseigné")
    base += rows.isEmpty ? "." : language.text("; each group's n follows its name.", " ; l'effectif de chaque groupe suit son nom.")
    let reason = language.text(
      "a share not shown in the table: fewer than \(minimumCellSize) respondents, or unreliable",
      "une part non publiée dans le tableau : moins de \(minimumCellSize) répondants, ou peu fiable")
    let chart = ParadoxChart(
      title: chartTitle ?? ReportText.paradoxChartTitle(language),
      subtitle: chartSubtitle ?? language.text(
        "Weighted % concerned and % acting, with the \(intervalHeader); the gap in percentage points.",
        "% pondéré d'inquiets et % qui agissent, avec l'\(intervalHeader) ; l'écart en points."),
      concernedLabel: language.text("Concerned", "Inquiets"), actingLabel: language.text("Acting", "Agissent"),
      segments: segments,
      footnotes: chartSource.notes(
        base: base, leftOut: ChartSource.leftOut(leftOut, reason: reason, language: language), language: language),
      language: language)
    blocks.append(.figure(chart.figure(fileName: chartFileName)))
    return blocks
  }

  var suppressionNote: String {
    language.text(
      "‡ Not shown: fewer than \(minimumCellSize) respondents in the group (or concerned and not acting).",
      "‡ Non publié : moins de \(minimumCellSize) répondants dans le groupe (ou inquiets sans agir).")
  }

  var complementarySuppressionNote: String {
    language.text(
      "‡ Not shown: fewer than \(minimumCellSize) respondents in the group (or concerned and not acting), or hidden so that the respondents of a group left out cannot be worked out from the total and the other groups.",
      "‡ Non publié : moins de \(minimumCellSize) répondants dans le groupe (ou inquiets sans agir), ou masqué pour que les répondants d'un groupe non publié ne puissent se déduire du total et des autres groupes.")
  }

  /// The groups of an analysis whose respondents are not printed: those below the disclosure
  /// threshold, and the complements that keep them from being worked out, since the groups of a
  /// variable add up to the respondents of the overall table (``ComplementarySuppression``).
  func hiddenRespondentCounts(_ analysis: ParadoxAnalysis) -> Set<Int> {
    let sizes = analysis.domains.map(\.respondents)
    return ComplementarySuppression.hidden(
      sizes: sizes, primary: Set(sizes.indices.filter { sizes[$0] < minimumCellSize }), lines: [Array(sizes.indices)],
      minimumHiddenTotal: minimumCellSize)
  }

  /// φ is shown with both shares and the paradox share: with the shares concerned and acting, it
  /// gives the share concerned and acting, hence the paradox share (φ·√(c(1−c)a(1−a)) = p₁₁ − c·a).
  func showsPhi(_ status: (concerned: CellStatus, acting: CellStatus, paradox: CellStatus)) -> Bool {
    status.concerned.isPrinted && status.acting.isPrinted && status.paradox.isPrinted
  }

  func overallRows(_ overall: DomainParadox) -> [[String]] {
    func interval(_ estimate: IntervalEstimate) -> String {
      numbers.interval(estimate.confidenceInterval.lower, estimate.confidenceInterval.upper)
    }
    let status = shareStatuses(overall)
    func share(_ name: String, _ estimate: IntervalEstimate, _ status: CellStatus) -> [String] {
      status.isPrinted
        ? [name, numbers.percent(estimate.estimate) + status.marker, interval(estimate)] : [name, status.marker, ""]
    }
    var rows: [[String]] = [
      [language.text("Respondents with every answer", "Répondants ayant tout renseigné"), numbers.count(overall.respondents), ""],
      share(language.text("Concerned", "Inquiets"), overall.concerned, status.concerned),
      share(language.text("Acting", "Agissent"), overall.acting, status.acting),
    ]
    let bothPrinted = status.concerned.isPrinted && status.acting.isPrinted
    if bothPrinted {
      rows.append([
        language.text("Gap, concerned − acting", "Écart, inquiets − agissent"),
        numbers.points(overall.gap.estimate) + " pts (p " + pValueText(overall.gap.pValue) + ")",
        interval(overall.gap.interval),
      ])
    }
    rows.append(share(
      language.text("Paradox share: concerned, not acting", "Part paradoxale : inquiets sans agir"),
      overall.paradoxShare, status.paradox))
    if status.paradox.isPrinted {
      // A ratio whose numerator is the paradox share: it is shown when that share is.
      rows.append(share(
        language.text("Inaction among the concerned", "Inaction des inquiets"), overall.inactionGivenConcern,
        status.paradox))
    }
    if showsPhi(status) {
      rows.append(["φ", numbers.decimal(overall.phi.estimate, digits: 2),
                   numbers.range(overall.phi.confidenceInterval.lower, overall.phi.confidenceInterval.upper)])
    }
    return rows
  }

  /// The statuses of a domain's concerned, acting and paradox shares: the disclosure rule, then
  /// the NCHS standards with the domain's respondents and degrees of freedom.
  func shareStatuses(_ domain: DomainParadox) -> (concerned: CellStatus, acting: CellStatus, paradox: CellStatus) {
    guard domain.respondents >= minimumCellSize else {
      return (.tooFewRespondents, .tooFewRespondents, .tooFewRespondents)
    }
    let paradox = domain.mcnemarCounts.concernedNotActing < minimumCellSize
      ? CellStatus.tooFewRespondents : CellStatus(assessing: domain.paradoxShare, respondents: domain.respondents)
    return (
      CellStatus(assessing: domain.concerned, respondents: domain.respondents),
      CellStatus(assessing: domain.acting, respondents: domain.respondents), paradox
    )
  }

  /// A share's cell: the percentage with its flag, or the marker alone.
  func cell(_ value: Double, _ status: CellStatus) -> String {
    status.isPrinted ? numbers.percentNumber(value) + status.marker : status.marker
  }

  /// "= 0.042" or "< 0.001".
  func pValueText(_ value: Double) -> String {
    let text = numbers.pValue(value)
    return text.hasPrefix("<") ? text : "=\u{00A0}" + text
  }

  func chartSegment(
    _ domain: DomainParadox, label: String, group: String?, isFlagged: Bool, respondents: Int?
  ) -> ParadoxChart.Segment {
    ParadoxChart.Segment(
      group: group, label: label,
      concerned: .init(value: domain.concerned.estimate, lower: domain.concerned.confidenceInterval.lower, upper: domain.concerned.confidenceInterval.upper),
      acting: .init(value: domain.acting.estimate, lower: domain.acting.confidenceInterval.lower, upper: domain.acting.confidenceInterval.upper),
      isFlagged: isFlagged, respondents: respondents)
  }

  /// The differences between segments significant at 5% after Holm's adjustment (within each
  /// analysis), with a sentence saying how many were tested.
  package var comparisonBlocks: [Block] {
    var rows: [[String]] = []
    var tested = 0
    for analysis in analyses where !analysis.domainVariables.isEmpty {
      tested += analysis.comparisons.count
      let domains = Dictionary(uniqueKeysWithValues: analysis.domains.map { ($0.domain, $0) })
      let group = analysis.domainVariables.map(variableLabel).joined(separator: " × ")
      // A difference is listed when both groups' measures are printed: otherwise the difference
      // and the printed one would give the other back.
      func printed(_ domain: Domain, _ measure: ParadoxMeasure) -> Bool {
        guard let found = domains[domain], found.respondents >= minimumCellSize else { return false }
        let status = shareStatuses(found)
        return measure == .gap ? status.concerned.isPrinted && status.acting.isPrinted : status.paradox.isPrinted
      }
      for comparison in analysis.comparisons where comparison.holmAdjustedPValue < 0.05 {
        guard printed(comparison.first, comparison.measure), printed(comparison.second, comparison.measure) else { continue }
        let measure = comparison.measure == .gap
          ? language.text("Gap", "Écart") : language.text("Paradox share", "Part paradoxale")
        rows.append([
          group, measure, "\(domainLabel(comparison.first)) − \(domainLabel(comparison.second))",
          numbers.points(comparison.difference.estimate) + " pts",
          numbers.interval(comparison.difference.confidenceInterval.lower, comparison.difference.confidenceInterval.upper),
          numbers.pValue(comparison.holmAdjustedPValue),
        ])
      }
    }
    guard tested > 0 else { return [] }
    var blocks: [Block] = [.paragraph(language.text(
      "Each pair of groups is compared on the gap and on the paradox share, with the covariance between groups taken into account; \(numbers.count(tested)) comparisons, p-values adjusted by Holm's method within each variable. Listed: those below 0.05 after adjustment.",
      "Chaque paire de groupes est comparée sur l'écart et sur la part paradoxale, en tenant compte de la covariance entre groupes ; \(numbers.count(tested)) comparaisons, valeurs p ajustées par la méthode de Holm au sein de chaque variable. Sont listées celles inférieures à 0,05 après ajustement."))]
    if rows.isEmpty {
      blocks.append(.paragraph(language.text(
        "No difference between groups is significant after Holm's adjustment.",
        "Aucune différence entre groupes n'est significative après ajustement de Holm.")))
    } else {
      blocks.append(.table(MarkdownTable(
        columns: [
          .init(language.text("Variable", "Variable")), .init(language.text("Measure", "Mesure")),
          .init(language.text("Groups", "Groupes")), .init(language.text("Difference", "Différence"), alignment: .right),
          .init(intervalHeader, alignment: .right), .init(language.text("Holm p", "p de Holm"), alignment: .right),
        ],
        rows: rows)))
    }
    return blocks
  }

  func variableLabel(_ name: String) -> String {
    guard let survey, let variable = try? survey.variable(named: name) else { return name }
    return variable.label ?? name
  }

  /// A variable's short label for a chart title: the codebook's `short_label` in the table's
  /// language, else its label.
  func shortVariableLabel(_ name: String) -> String {
    codebook?.entry(named: name)?.shortLabel?.text(in: language.rawValue) ?? variableLabel(name)
  }

  func domainLabel(_ domain: Domain) -> String {
    domain.levels.map { level in
      guard let survey, let variable = try? survey.variable(named: level.variable) else { return level.value }
      return variable.label(ofCategory: level.value) ?? level.value
    }.joined(separator: ", ")
  }
}

extension CellStatus {
  /// The NCHS status of a proportion measured with `respondents` respondents in its denominator.
  init(assessing estimate: IntervalEstimate, respondents: Int) {
    guard estimate.estimate >= 0, estimate.estimate <= 1, respondents >= 1, !(estimate.standardError < 0) else {
      self = .unreliable
      return
    }
    self.init(ReliabilityAssessment(
      proportion: estimate.estimate, standardError: estimate.standardError, sampleSize: respondents,
      degreesOfFreedom: estimate.degreesOfFreedom))
  }
}
