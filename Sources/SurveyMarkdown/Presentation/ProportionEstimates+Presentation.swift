public import SurveyStatistics

extension ProportionEstimates: Presentation {
  /// The design the estimates were made on.
  public var designSummary: DesignSummary? { design }

  /// `{"design": …, "estimates": […]}` (and `raking` on a raked design).
  public var json: JSONValue {
    .object([("design", design.json), ("estimates", .array(estimates.map(\.json)))] + design.rakingMembers)
  }

  /// The design, the interval method, then one row per domain and category.
  public var textTable: String {
    var text = design.summaryLines + "\n"
    if let first = estimates.first {
      text += "Intervals: \(first.confidenceInterval.method.rawValue), t quantiles with the design degrees of freedom.\n"
    }
    let withReplacement = design.weightsAreNormalized
    if withReplacement {
      text += "Weights normalized (they sum to about the sample size, not to population totals): deff against simple random sampling with replacement (R: deff = \"replace\").\n"
    }
    let domainColumns = estimates.first?.domain.levels.map(\.variable) ?? []
    let level = estimates.first.map { fixed($0.confidenceInterval.level * 100, digits: 0) } ?? "95"
    let headers = domainColumns + ["variable", "category", "label", "%", "SE (pts)", "\(level)% CI", "n", "domain n", "deff"]
    let rows = estimates.map { estimate in
      estimate.domain.levels.map(\.value) + [
        estimate.variable, estimate.category, estimate.categoryLabel ?? "",
        percent(estimate.proportion), percent(estimate.standardError),
        "\(percent(estimate.confidenceInterval.lower))–\(percent(estimate.confidenceInterval.upper))",
        String(estimate.respondents), String(estimate.domainRespondents),
        (withReplacement ? estimate.designEffectWithReplacement : estimate.designEffect).map { fixed($0, digits: 2) } ?? "–",
      ]
    }
    return text + "\n" + alignedTable(headers: headers, rows: rows, rightAligned: Set(domainColumns.count + 3..<headers.count))
  }

  /// One row per domain and category.
  public var csvTable: String {
    let domainColumns = estimates.first?.domain.levels.map(\.variable) ?? []
    let header = domainColumns + [
      "variable", "category", "label", "proportion", "standard_error", "ci_lower", "ci_upper", "ci_method",
      "confidence_level", "respondents", "domain_respondents", "degrees_of_freedom", "design_effect",
      "effective_sample_size", "design_effect_with_replacement",
    ]
    var lines = [header.map(csvField).joined(separator: ",")]
    for estimate in estimates {
      let fields = estimate.domain.levels.map(\.value) + [
        estimate.variable, estimate.category, estimate.categoryLabel ?? "",
        number(estimate.proportion), number(estimate.standardError),
        number(estimate.confidenceInterval.lower), number(estimate.confidenceInterval.upper),
        estimate.confidenceInterval.method.rawValue, number(estimate.confidenceInterval.level),
        String(estimate.respondents), String(estimate.domainRespondents), String(estimate.degreesOfFreedom),
        estimate.designEffect.map(number) ?? "", number(estimate.effectiveSampleSize),
        estimate.designEffectWithReplacement.map(number) ?? "",
      ]
      lines.append(fields.map(csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One table per variable, labelled from the style's survey, in codebook order, small cells
  /// suppressed.
  public func blocks(_ style: PresentationStyle) -> [Block] {
    var variables: [String] = []
    for estimate in estimates where !variables.contains(estimate.variable) { variables.append(estimate.variable) }
    return variables.flatMap { variable in
      ProportionTable(
        estimates.filter { $0.variable == variable }, survey: style.survey, language: style.language,
        minimumCellSize: style.minimumCellSize, codebook: style.codebook
      ).blocks
    }
  }
}

extension ProportionEstimate {
  /// One element of `estimates` in the JSON contract.
  package var json: JSONValue {
    .object([
      ("variable", .string(variable)),
      ("category", .string(category)),
      ("label", .string(categoryLabel)),
      ("domain", domain.json),
      ("proportion", .number(proportion)),
      ("standard_error", .number(standardError)),
      ("ci_lower", .number(confidenceInterval.lower)),
      ("ci_upper", .number(confidenceInterval.upper)),
      ("ci_method", .string(confidenceInterval.method.rawValue)),
      ("confidence_level", .number(confidenceInterval.level)),
      ("respondents", .integer(respondents)),
      ("domain_respondents", .integer(domainRespondents)),
      ("degrees_of_freedom", .integer(degreesOfFreedom)),
      ("design_effect", .number(designEffect)),
      ("effective_sample_size", .number(effectiveSampleSize)),
      ("design_effect_with_replacement", .number(designEffectWithReplacement)),
    ])
  }
}
