import Confiance

/// The result of `confiance estimate`, ready to print in any ``OutputFormat``.
struct EstimateReport {
  let design: SurveyDesign
  let estimates: [ProportionEstimate]

  func rendered(as format: OutputFormat) throws -> String {
    switch format {
    case .json: return json.serialized()
    case .text: return textTable()
    case .markdown: return markdownTable()
    case .csv: return csvTable()
    }
  }

  // MARK: JSON (the documented contract: add fields, never rename them)

  var json: JSONValue {
    .object([
      ("design", design.jsonSummary),
      ("estimates", .array(estimates.map(\.json))),
    ])
  }

  // MARK: Tables

  private var domainColumns: [String] {
    estimates.first?.domain.levels.map(\.variable) ?? []
  }

  private var rows: [[String]] {
    estimates.map { estimate in
      estimate.domain.levels.map(\.value) + [
        estimate.variable, estimate.category, estimate.categoryLabel ?? "",
        percent(estimate.proportion), percent(estimate.standardError),
        "\(percent(estimate.confidenceInterval.lower))–\(percent(estimate.confidenceInterval.upper))",
        String(estimate.respondents), String(estimate.domainRespondents),
        estimate.designEffect.map { fixed($0, digits: 2) } ?? "–",
      ]
    }
  }

  private var headers: [String] {
    let level = estimates.first.map { fixed($0.confidenceInterval.level * 100, digits: 0) } ?? "95"
    return domainColumns + ["variable", "category", "label", "%", "SE (pts)", "\(level)% CI", "n", "domain n", "deff"]
  }

  private func textTable() -> String {
    var text = design.summaryLine + "\n"
    if let first = estimates.first {
      text += "Intervals: \(first.confidenceInterval.method.rawValue), t quantiles with the design degrees of freedom.\n"
    }
    text += "\n" + alignedTable(headers: headers, rows: rows, rightAligned: Set(domainColumns.count + 3..<headers.count))
    return text
  }

  private func markdownTable() -> String {
    let escape = { (cell: String) in cell.replacingOccurrences(of: "|", with: "\\|") }
    var lines = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
    lines.append("|" + headers.indices.map { $0 >= domainColumns.count + 3 ? " ---: |" : " --- |" }.joined())
    for row in rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
    return lines.joined(separator: "\n") + "\n"
  }

  private func csvTable() -> String {
    let header = domainColumns + [
      "variable", "category", "label", "proportion", "standard_error", "ci_lower", "ci_upper", "ci_method",
      "confidence_level", "respondents", "domain_respondents", "degrees_of_freedom", "design_effect",
      "effective_sample_size",
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
      ]
      lines.append(fields.map(csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension SurveyDesign {
  /// The `design` object of the JSON contract, shared by every estimating command.
  var jsonSummary: JSONValue {
    .object([
      ("respondents", .integer(respondentCount)),
      ("strata", .integer(stratumCount)),
      ("psus", .integer(psuCount)),
      ("degrees_of_freedom", .integer(degreesOfFreedom)),
      ("weight_total", .number(weightTotal)),
      ("lonely_psu", .string(lonelyPSU.rawValue)),
    ])
  }
}

extension Domain {
  /// `{"age_band": "18-24"}`, in the order of the `--by` variables.
  var json: JSONValue { .object(levels.map { ($0.variable, .string($0.value)) }) }
}

extension ProportionEstimate {
  /// One element of `estimates` in the JSON contract.
  var json: JSONValue {
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
    ])
  }
}

extension SurveyDesign {
  /// "1,200 respondents · 13 strata · 83 PSUs · 70 df · weights sum to 1,000,000".
  var summaryLine: String {
    var parts = ["\(respondentCount) respondents"]
    if declaration.strata != nil { parts.append("\(stratumCount) strata") }
    if declaration.clusters != nil { parts.append("\(psuCount) PSUs") }
    parts.append("\(degreesOfFreedom) degrees of freedom")
    parts.append("weights sum to \(fixed(weightTotal, digits: 1))")
    return "Design: " + parts.joined(separator: " · ")
  }
}
