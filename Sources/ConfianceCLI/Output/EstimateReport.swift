import Confiance

/// The result of `confiance estimate`, ready to print in any ``OutputFormat``.
struct EstimateReport: Encodable {
  let design: SurveyDesign
  let estimates: [ProportionEstimate]

  func rendered(as format: OutputFormat) throws -> String {
    switch format {
    case .json: return try encodeJSON(self)
    case .text: return textTable()
    case .markdown: return markdownTable()
    case .csv: return csvTable()
    }
  }

  // MARK: JSON (the documented contract: add fields, never rename them)

  private enum Keys: String, CodingKey { case design, estimates }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(DesignSummary(design), forKey: .design)
    try container.encode(estimates.map(EstimateRecord.init), forKey: .estimates)
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

/// The `design` object of the JSON contract.
struct DesignSummary: Encodable {
  let design: SurveyDesign
  init(_ design: SurveyDesign) { self.design = design }

  private enum Keys: String, CodingKey {
    case respondents, strata, psus, degreesOfFreedom = "degrees_of_freedom", weightTotal = "weight_total"
    case lonelyPSU = "lonely_psu"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(design.respondentCount, forKey: .respondents)
    try container.encode(design.stratumCount, forKey: .strata)
    try container.encode(design.psuCount, forKey: .psus)
    try container.encode(design.degreesOfFreedom, forKey: .degreesOfFreedom)
    try container.encodeNumber(design.weightTotal, forKey: .weightTotal)
    try container.encode(design.lonelyPSU.rawValue, forKey: .lonelyPSU)
  }
}

/// A domain as a JSON object `{"age_band": "18-24"}`, in the order of the `--by` variables.
struct DomainRecord: Encodable {
  let domain: Domain
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: DynamicKey.self)
    for level in domain.levels { try container.encode(level.value, forKey: DynamicKey(level.variable)) }
  }
}

/// One element of `estimates` in the JSON contract.
struct EstimateRecord: Encodable {
  let estimate: ProportionEstimate
  init(_ estimate: ProportionEstimate) { self.estimate = estimate }

  private enum Keys: String, CodingKey {
    case variable, category, label, domain, proportion
    case standardError = "standard_error", ciLower = "ci_lower", ciUpper = "ci_upper", ciMethod = "ci_method"
    case confidenceLevel = "confidence_level", respondents, domainRespondents = "domain_respondents"
    case degreesOfFreedom = "degrees_of_freedom", designEffect = "design_effect"
    case effectiveSampleSize = "effective_sample_size"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(estimate.variable, forKey: .variable)
    try container.encode(estimate.category, forKey: .category)
    try container.encode(estimate.categoryLabel, forKey: .label)
    try container.encode(DomainRecord(domain: estimate.domain), forKey: .domain)
    try container.encodeNumber(estimate.proportion, forKey: .proportion)
    try container.encodeNumber(estimate.standardError, forKey: .standardError)
    try container.encodeNumber(estimate.confidenceInterval.lower, forKey: .ciLower)
    try container.encodeNumber(estimate.confidenceInterval.upper, forKey: .ciUpper)
    try container.encode(estimate.confidenceInterval.method.rawValue, forKey: .ciMethod)
    try container.encode(estimate.confidenceInterval.level, forKey: .confidenceLevel)
    try container.encode(estimate.respondents, forKey: .respondents)
    try container.encode(estimate.domainRespondents, forKey: .domainRespondents)
    try container.encode(estimate.degreesOfFreedom, forKey: .degreesOfFreedom)
    try container.encodeNumber(estimate.designEffect, forKey: .designEffect)
    try container.encodeNumber(estimate.effectiveSampleSize, forKey: .effectiveSampleSize)
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
