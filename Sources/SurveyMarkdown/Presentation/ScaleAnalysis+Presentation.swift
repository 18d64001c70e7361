public import SurveyStatistics

/// A scale analysis as `confiance scale` prints it, and as notebooks show it.
extension ScaleAnalysis: Presentation {
  /// The design the result was computed on.
  public var designSummary: DesignSummary? { design }

  /// The score, reliability, items and boxes, overall and by domain.
  public var textTable: String { text(markdown: false) }

  /// One row per (domain, statistic).
  public var csvTable: String { csvRows() }

  /// The same tables in Markdown (in English: scale tables are not yet translated).
  public func blocks(_ style: PresentationStyle) -> [Block] { [.markdown(text(markdown: true))] }

  private var summaries: [ScaleSummary] { [overall] + domains }

  /// What the score is, in one sentence.
  private var scoreRule: String {
    let items = scale.items.count
    let required = scale.requiredItems
    let rule = required == items
      ? "a respondent gets a score when they answered every item"
      : "a respondent gets a score when they answered at least \(required) of the \(items) items (the mean of those they answered)"
    let reversed = scale.reversedItems.isEmpty
      ? "" : "; reverse-keyed items score \(code(range.lowerBound + range.upperBound)) − answer"
    return "The score is the mean of the items\(reversed); \(rule)."
  }

  /// An answer code as written: `5`, not `5.0`.
  private func code(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  // MARK: JSON (the documented contract: add fields, never rename them)

  /// The JSON contract of `confiance scale`.
  public var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("design", design?.json ?? .null),
      ("scale", .object([
        ("items", .array(scale.items.map { .string($0) })),
        ("reversed", .array(scale.reversedItems.map { .string($0) })),
        ("range", .array([.number(range.lowerBound), .number(range.upperBound)])),
        ("min_items", .integer(scale.requiredItems)),
        ("box_size", .integer(boxSize)),
        ("score_rule", .string(scoreRule)),
      ])),
      ("by", .array(domainVariables.map { .string($0) })),
      ("ci_method", .string(method.rawValue)),
      ("confidence_level", .number(level)),
      ("overall", summaryJSON(overall)),
      ("domains", .array(domains.map(summaryJSON))),
    ]
    members += design?.rakingMembers ?? []
    return .object(members)
  }

  private func summaryJSON(_ summary: ScaleSummary) -> JSONValue {
    var reliability: JSONValue = .null
    if let result = summary.reliability {
      reliability = .object([
        ("respondents", .integer(result.respondents)),
        ("alpha", .number(result.alpha)),
        ("weighted_alpha", .number(result.weightedAlpha)),
      ])
    }
    let items: [JSONValue] = summary.items.enumerated().map { index, item in
        let box: (ProportionEstimate?) -> JSONValue = { $0.map(CrossTab.shareJSON) ?? .null }
        return .object([
          ("item", .string(item.item)),
          ("reversed", .bool(item.isReversed)),
          ("mean", item.mean.map(meanJSON) ?? .null),
          ("top_box", box(item.topBox)),
          ("bottom_box", box(item.bottomBox)),
          ("item_total_correlation", .number(summary.reliability?.itemTotalCorrelations[index])),
          ("weighted_item_total_correlation", .number(summary.reliability?.weightedItemTotalCorrelations[index])),
          ("alpha_if_deleted", .number(summary.reliability?.alphaIfDeleted[index] ?? nil)),
        ])
    }
    return .object([
      ("domain", summary.domain.json),
      ("score", meanJSON(summary.score)),
      ("reliability", reliability),
      ("items", .array(items)),
    ])
  }

  private func meanJSON(_ mean: MeanEstimate) -> JSONValue {
    .object([
      ("estimate", .number(mean.mean)),
      ("standard_error", .number(mean.standardError)),
      ("ci_lower", .number(mean.confidenceInterval.lower)),
      ("ci_upper", .number(mean.confidenceInterval.upper)),
      ("degrees_of_freedom", .integer(mean.degreesOfFreedom)),
      ("design_effect", .number(mean.designEffect)),
      ("respondents", .integer(mean.respondents)),
    ])
  }

  // MARK: Text and Markdown

  private var domainColumns: [String] { domainVariables }

  private func domainCells(_ summary: ScaleSummary) -> [String] {
    summary.domain.levels.isEmpty ? domainColumns.map { _ in "all" } : summary.domain.levels.map(\.value)
  }

  private func text(markdown: Bool) -> String {
    let confidence = "\(fixed(level * 100, digits: 0))%"
    let low = code(range.lowerBound), high = code(range.upperBound)
    let k = boxSize
    var text = (design.map { $0.summaryLines + "\n" } ?? "") + (markdown ? "\n" : "")
    text += "Scale: \(scale.items.joined(separator: ", ")); answers \(low)–\(high). \(scoreRule)\n"
    text += "Top-\(k) box: the \(k) highest answers; bottom-\(k) box: the \(k) lowest. "
    text += "\(confidence) intervals: t for means, \(method.rawValue) for box shares, on the design degrees of freedom.\n"

    let scoreHeaders = domainColumns + ["score", "SE", "\(confidence) CI", "n", "df", "α", "weighted α", "n (all items)"]
    let scoreRows = summaries.map { summary in
      domainCells(summary) + [
        fixed(summary.score.mean, digits: 3), fixed(summary.score.standardError, digits: 3),
        "\(fixed(summary.score.confidenceInterval.lower, digits: 3))–\(fixed(summary.score.confidenceInterval.upper, digits: 3))",
        String(summary.score.respondents), String(summary.score.degreesOfFreedom),
        summary.reliability.map { fixed($0.alpha, digits: 3) } ?? "–",
        summary.reliability.map { fixed($0.weightedAlpha, digits: 3) } ?? "–",
        summary.reliability.map { String($0.respondents) } ?? "–",
      ]
    }
    let itemHeaders = domainColumns + [
      "item", "mean", "\(confidence) CI", "top-\(k) %", "\(confidence) CI", "bottom-\(k) %", "\(confidence) CI",
      "item-total r", "α if deleted",
    ]
    var itemRows: [[String]] = []
    for summary in summaries {
      for (index, item) in summary.items.enumerated() {
        let share = { (estimate: ProportionEstimate?) -> [String] in
          guard let estimate else { return ["–", "–"] }
          return [percent(estimate.proportion),
                  "\(percent(estimate.confidenceInterval.lower))–\(percent(estimate.confidenceInterval.upper))"]
        }
        itemRows.append(domainCells(summary) + [item.isReversed ? "\(item.item) (reversed)" : item.item]
          + [item.mean.map { fixed($0.mean, digits: 3) } ?? "–",
             item.mean.map { "\(fixed($0.confidenceInterval.lower, digits: 3))–\(fixed($0.confidenceInterval.upper, digits: 3))" } ?? "–"]
          + share(item.topBox) + share(item.bottomBox)
          + [summary.reliability.map { fixed($0.itemTotalCorrelations[index], digits: 3) } ?? "–",
             (summary.reliability?.alphaIfDeleted[index] ?? nil).map { fixed($0, digits: 3) } ?? "–"])
      }
    }
    let firstNumeric = domainColumns.count
    if markdown {
      text += "\n## Scores\n\n" + markdownTable(scoreHeaders, scoreRows, rightFrom: firstNumeric)
      text += "\n## Items\n\n" + markdownTable(itemHeaders, itemRows, rightFrom: firstNumeric + 1)
    } else {
      text += "\nScores\n" + alignedTable(headers: scoreHeaders, rows: scoreRows, rightAligned: Set(firstNumeric..<scoreHeaders.count))
      text += "\nItems\n" + alignedTable(headers: itemHeaders, rows: itemRows, rightAligned: Set((firstNumeric + 1)..<itemHeaders.count))
    }
    return text
  }

  private func markdownTable(_ headers: [String], _ rows: [[String]], rightFrom: Int) -> String {
    let escape = { (cell: String) in cell.replacingOccurrences(of: "|", with: "\\|") }
    var lines = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
    lines.append("|" + headers.indices.map { $0 >= rightFrom ? " ---: |" : " --- |" }.joined())
    for row in rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: CSV (one row for the score and one per item, in every domain)

  private func csvRows() -> String {
    let header = domainColumns + [
      "measure", "reversed", "mean", "standard_error", "ci_lower", "ci_upper", "respondents", "degrees_of_freedom",
      "top_box", "top_box_standard_error", "top_box_ci_lower", "top_box_ci_upper",
      "bottom_box", "bottom_box_standard_error", "bottom_box_ci_lower", "bottom_box_ci_upper",
      "alpha", "weighted_alpha", "item_total_correlation", "weighted_item_total_correlation", "alpha_if_deleted",
    ]
    var lines = [header.map(csvField).joined(separator: ",")]
    func meanFields(_ mean: MeanEstimate?) -> [String] {
      guard let mean else { return ["", "", "", "", "", ""] }
      return [number(mean.mean), number(mean.standardError), number(mean.confidenceInterval.lower),
              number(mean.confidenceInterval.upper), String(mean.respondents), String(mean.degreesOfFreedom)]
    }
    func shareFields(_ share: ProportionEstimate?) -> [String] {
      guard let share else { return ["", "", "", ""] }
      return [number(share.proportion), number(share.standardError), number(share.confidenceInterval.lower),
              number(share.confidenceInterval.upper)]
    }
    for summary in summaries {
      let domain = summary.domain.levels.isEmpty
        ? [String](repeating: "", count: domainColumns.count) : summary.domain.levels.map(\.value)
      let reliability = summary.reliability
      lines.append((domain + ["score", ""] + meanFields(summary.score) + shareFields(nil) + shareFields(nil)
        + [reliability.map { number($0.alpha) } ?? "", reliability.map { number($0.weightedAlpha) } ?? "", "", "", ""])
        .map(csvField).joined(separator: ","))
      for (index, item) in summary.items.enumerated() {
        let fields = domain + [item.item, item.isReversed ? "true" : "false"] + meanFields(item.mean)
          + shareFields(item.topBox) + shareFields(item.bottomBox)
          + ["", "", reliability.map { number($0.itemTotalCorrelations[index]) } ?? "",
             reliability.map { number($0.weightedItemTotalCorrelations[index]) } ?? "",
             (reliability?.alphaIfDeleted[index] ?? nil).map(number) ?? ""]
        lines.append(fields.map(csvField).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
