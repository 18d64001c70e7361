public import SurveyStatistics

/// The privacy paradox as `confiance gap` prints it, and as notebooks and reports show it.
extension ParadoxAnalysis: Presentation {
  /// The design the result was computed on.
  public var designSummary: DesignSummary? { design }

  /// The measures for everyone, one row per domain, and the differences between domains.
  public var textTable: String { text() }

  /// Long format: one row per (scope, domain, measure).
  public var csvTable: String { csv() }

  /// The definition, the overall measures, one row per domain, the paradox chart (its file name
  /// starts with `PresentationStyle.chartPrefix`) and the Holm-significant differences between domains.
  public func blocks(_ style: PresentationStyle) -> [Block] {
    var table = ParadoxTable(
      [self], survey: style.survey, language: style.language, minimumCellSize: style.minimumCellSize,
      chartFileName: style.chartPrefix + "paradox.svg", codebook: style.codebook)
    // The section's title, and the groups compared: every chart of a notebook has its own title.
    let language = style.language
    let groups = domainVariables.map(table.shortVariableLabel).joined(separator: " × ")
    let title = style.sectionTitle ?? ReportText.paradoxChartTitle(language)
    table.chartTitle = groups.isEmpty ? title : title + language.text(" — by ", " — selon ") + groups
    table.chartSubtitle = language.text(
      "Weighted % concerned (\(definition.concernDescription)) and % acting (\(definition.actingDescription)), with the \(table.intervalHeader); the gap in percentage points.",
      "% pondéré d'inquiets (\(definition.concernDescription)) et de ceux qui agissent (\(definition.actingDescription)), avec l'\(table.intervalHeader) ; l'écart en points.")
    table.chartSource = ChartSource(survey: style.survey, design: design, software: style.software)
    let definitionText = Block.paragraph(style.language.text(
      "**Concerned**: `\(definition.concernDescription)`. **Acting**: `\(definition.actingDescription)`.",
      "**Inquiets** : `\(definition.concernDescription)`. **Agissent** : `\(definition.actingDescription)`."))
    return [definitionText] + table.blocks() + table.comparisonBlocks
  }

  // MARK: JSON (the documented contract: add fields, never rename them)

  /// The JSON contract of `confiance gap`.
  public var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("design", design?.json ?? .null),
      ("definition", .object([
        ("concerned", .string(definition.concernDescription)),
        ("acting", .string(definition.actingDescription)),
      ])),
      ("ci_method", .string(method.rawValue)),
      ("confidence_level", .number(level)),
      ("overall", .object(Self.members(of: overall))),
      ("domains", .array(domains.map { .object([("domain", $0.domain.json)] + Self.members(of: $0)) })),
      ("comparisons", .array(comparisons.map(Self.json))),
    ]
    members += design?.rakingMembers ?? []
    return .object(members)
  }

  private static func members(of result: DomainParadox) -> [(String, JSONValue)] {
    [
      ("respondents", .integer(result.respondents)),
      ("concerned", json(result.concerned)),
      ("acting", json(result.acting)),
      ("paradox_share", json(result.paradoxShare)),
      ("inaction_given_concern", json(result.inactionGivenConcern)),
      ("phi", json(result.phi)),
      ("odds_ratio", .object([
        ("estimate", .number(result.oddsRatio.estimate)),
        ("standard_error", .number(result.oddsRatio.standardError)),
        ("ci_lower", .number(result.oddsRatio.confidenceInterval.lower)),
        ("ci_upper", .number(result.oddsRatio.confidenceInterval.upper)),
        ("degrees_of_freedom", .integer(result.oddsRatio.degreesOfFreedom)),
        ("log_standard_error", .number(result.oddsRatio.logStandardError)),
      ])),
      ("gap", .object([
        ("estimate", .number(result.gap.estimate)),
        ("standard_error", .number(result.gap.standardError)),
        ("ci_lower", .number(result.gap.confidenceInterval.lower)),
        ("ci_upper", .number(result.gap.confidenceInterval.upper)),
        ("degrees_of_freedom", .integer(result.gap.degreesOfFreedom)),
        ("p_value", .number(result.gap.pValue)),
        ("t_statistic", .number(result.gap.tStatistic)),
      ])),
      ("mcnemar_counts", .object([
        ("concerned_not_acting", .integer(result.mcnemarCounts.concernedNotActing)),
        ("acting_not_concerned", .integer(result.mcnemarCounts.actingNotConcerned)),
      ])),
    ]
  }

  private static func json(_ estimate: IntervalEstimate) -> JSONValue {
    .object([
      ("estimate", .number(estimate.estimate)),
      ("standard_error", .number(estimate.standardError)),
      ("ci_lower", .number(estimate.confidenceInterval.lower)),
      ("ci_upper", .number(estimate.confidenceInterval.upper)),
      ("degrees_of_freedom", .integer(estimate.degreesOfFreedom)),
    ])
  }

  private static func json(_ comparison: DomainComparison) -> JSONValue {
    .object([
      ("measure", .string(comparison.measure.rawValue)),
      ("first", comparison.first.json),
      ("second", comparison.second.json),
      ("difference", .number(comparison.difference.estimate)),
      ("standard_error", .number(comparison.difference.standardError)),
      ("p_value", .number(comparison.pValue)),
      ("p_value_holm", .number(comparison.holmAdjustedPValue)),
      ("ci_lower", .number(comparison.difference.confidenceInterval.lower)),
      ("ci_upper", .number(comparison.difference.confidenceInterval.upper)),
      ("degrees_of_freedom", .integer(comparison.difference.degreesOfFreedom)),
      ("t_statistic", .number(comparison.tStatistic)),
    ])
  }

  // MARK: Tables

  private var levelPercent: String { fixed(level * 100, digits: 0) + "%" }

  /// One row per measure of one result: name, estimate, SE, interval, p-value.
  private func measureRows(_ result: DomainParadox) -> [[String]] {
    func share(_ name: String, _ estimate: IntervalEstimate) -> [String] {
      [name, percent(estimate.estimate) + "%", percent(estimate.standardError) + " pts",
       interval(estimate.confidenceInterval, scale: 100, unit: "%"), ""]
    }
    return [
      share("concerned", result.concerned),
      share("acting", result.acting),
      ["gap (concerned − acting)", points(result.gap.estimate) + " pts", percent(result.gap.standardError) + " pts",
       interval(result.gap.confidenceInterval, scale: 100) + " pts", pValueText(result.gap.pValue)],
      share("paradox share (concerned, not acting)", result.paradoxShare),
      share("inaction among the concerned", result.inactionGivenConcern),
      ["phi", signed(result.phi.estimate, digits: 3), fixed(result.phi.standardError, digits: 3),
       interval(result.phi.confidenceInterval, scale: 1, digits: 3), ""],
      ["odds ratio", fixed(result.oddsRatio.estimate, digits: 2), fixed(result.oddsRatio.standardError, digits: 2),
       interval(result.oddsRatio.confidenceInterval, scale: 1, digits: 2), ""],
    ]
  }

  private var measureHeaders: [String] { ["measure", "estimate", "SE", "\(levelPercent) CI", "p"] }

  private var domainColumns: [String] { domainVariables }

  private var domainHeaders: [String] {
    domainColumns + ["n", "concerned %", "acting %", "gap (pts)", "\(levelPercent) CI (pts)", "p", "paradox %",
                     "inaction %", "phi", "odds ratio"]
  }

  private var domainRows: [[String]] {
    domains.map { result in
      result.domain.levels.map(\.value) + [
        String(result.respondents), percent(result.concerned.estimate), percent(result.acting.estimate),
        points(result.gap.estimate), interval(result.gap.confidenceInterval, scale: 100),
        pValueText(result.gap.pValue), percent(result.paradoxShare.estimate),
        percent(result.inactionGivenConcern.estimate), signed(result.phi.estimate, digits: 3),
        fixed(result.oddsRatio.estimate, digits: 2),
      ]
    }
  }

  private var comparisonHeaders: [String] {
    ["measure", "first", "second", "difference (pts)", "SE (pts)", "\(levelPercent) CI (pts)", "p", "p (Holm)"]
  }

  private var comparisonRows: [[String]] {
    comparisons.map { comparison in
      [comparison.measure == .gap ? "gap" : "paradox share", Self.name(comparison.first), Self.name(comparison.second),
       points(comparison.difference.estimate), percent(comparison.difference.standardError),
       interval(comparison.difference.confidenceInterval, scale: 100), pValueText(comparison.pValue),
       pValueText(comparison.holmAdjustedPValue)]
    }
  }

  private static func name(_ domain: Domain) -> String { domain.levels.map(\.value).joined(separator: " · ") }

  private var header: [String] {
    let overall = overall
    return (design.map { [$0.summaryLines] } ?? []) + [
      "Concerned: \(definition.concernDescription)",
      "Acting:    \(definition.actingDescription)",
      "Intervals: \(method.rawValue) for shares; t on the design degrees of freedom for the gap, phi and odds ratio (log scale); \(levelPercent).",
      "",
      "All respondents who answered every item: n = \(overall.respondents), \(overall.gap.degreesOfFreedom) degrees of freedom",
    ]
  }

  private func mcnemarLine(_ result: DomainParadox) -> String {
    "McNemar counts (unweighted): \(result.mcnemarCounts.concernedNotActing) concerned but not acting, "
      + "\(result.mcnemarCounts.actingNotConcerned) acting but not concerned."
  }

  private func text() -> String {
    var text = header.joined(separator: "\n") + "\n\n"
    text += alignedTable(headers: measureHeaders, rows: measureRows(overall), rightAligned: [1, 2, 3, 4])
    text += mcnemarLine(overall) + "\n"
    if !domains.isEmpty {
      text += "\nBy " + domainColumns.joined(separator: " × ") + "\n\n"
      text += alignedTable(
        headers: domainHeaders, rows: domainRows, rightAligned: Set(domainColumns.count..<domainHeaders.count))
    }
    if !comparisons.isEmpty {
      text += "\nDifferences between domains (first − second; p-values Holm-adjusted across all \(comparisons.count))\n\n"
      text += alignedTable(headers: comparisonHeaders, rows: comparisonRows, rightAligned: Set(3..<8))
    }
    return text
  }

  /// Long format: one row per (scope, domain, measure); comparisons name the second domain in the
  /// `versus_` columns.
  private func csv() -> String {
    let header = ["scope"] + domainColumns + [
      "measure", "estimate", "standard_error", "ci_lower", "ci_upper", "degrees_of_freedom", "t_statistic",
      "p_value", "p_value_holm", "respondents",
    ] + domainColumns.map { "versus_" + $0 }
    var lines = [header.map(csvField).joined(separator: ",")]
    let blankDomain = [String](repeating: "", count: domainColumns.count)
    func add(_ scope: String, _ domain: [String], _ measure: String, _ values: [String], versus: [String]? = nil) {
      lines.append(([scope] + domain + [measure] + values + (versus ?? blankDomain)).map(csvField).joined(separator: ","))
    }
    func measureValues(_ estimate: IntervalEstimate, t: Double? = nil, p: Double? = nil, holm: Double? = nil, n: Int? = nil) -> [String] {
      [number(estimate.estimate), number(estimate.standardError), number(estimate.confidenceInterval.lower),
       number(estimate.confidenceInterval.upper), String(estimate.degreesOfFreedom), t.map(number) ?? "",
       p.map(number) ?? "", holm.map(number) ?? "", n.map(String.init) ?? ""]
    }
    for result in [overall] + domains {
      let scope = result.domain.levels.isEmpty ? "overall" : "domain"
      let domain = result.domain.levels.isEmpty ? blankDomain : result.domain.levels.map(\.value)
      add(scope, domain, "concerned", measureValues(result.concerned, n: result.respondents))
      add(scope, domain, "acting", measureValues(result.acting, n: result.respondents))
      add(scope, domain, "gap", measureValues(result.gap.interval, t: result.gap.tStatistic, p: result.gap.pValue, n: result.respondents))
      add(scope, domain, "paradox_share", measureValues(result.paradoxShare, n: result.respondents))
      add(scope, domain, "inaction_given_concern", measureValues(result.inactionGivenConcern, n: result.respondents))
      add(scope, domain, "phi", measureValues(result.phi, n: result.respondents))
      let odds = result.oddsRatio
      add(scope, domain, "odds_ratio", [
        number(odds.estimate), number(odds.standardError), number(odds.confidenceInterval.lower),
        number(odds.confidenceInterval.upper), String(odds.degreesOfFreedom), "", "", "", String(result.respondents),
      ])
      add(scope, domain, "mcnemar_concerned_not_acting",
          [String(result.mcnemarCounts.concernedNotActing), "", "", "", "", "", "", "", String(result.respondents)])
      add(scope, domain, "mcnemar_acting_not_concerned",
          [String(result.mcnemarCounts.actingNotConcerned), "", "", "", "", "", "", "", String(result.respondents)])
    }
    for comparison in comparisons {
      add("comparison", comparison.first.levels.map(\.value), comparison.measure.rawValue + "_difference",
          measureValues(comparison.difference, t: comparison.tStatistic, p: comparison.pValue,
                        holm: comparison.holmAdjustedPValue),
          versus: comparison.second.levels.map(\.value))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
