public import SurveyStatistics

extension NumericEstimates: Presentation {
  /// The design the estimates were made on.
  public var designSummary: DesignSummary? { design }

  /// `{"design": …, "estimates": […]}` (and `raking` on a raked design).
  public var json: JSONValue {
    .object([("design", design.json), ("estimates", .array(estimates.map(\.json)))] + design.rakingMembers)
  }

  /// The design, the intervals, then one row per variable, domain (and probability).
  public var textTable: String {
    var text = design.summaryLines + "\n"
    guard let first = estimates.first else { return text + "\nNo estimates.\n" }
    text += first.statistic.intervalSentence + "\n"
    let domainColumns = first.domain.levels.map(\.variable)
    let level = fixed(first.confidenceInterval.level * 100, digits: 0)
    let identity = first.statistic.identity.map(\.header)
    var headers = domainColumns + identity + [first.statistic.name, "SE", "\(level)% CI", "n", "df"]
    let hasDesignEffects = !(first is QuantileEstimate)
    if hasDesignEffects { headers.append("deff") }
    let rows = estimates.map { estimate in
      let digits = decimals(of: estimate)
      var row = estimate.domain.levels.map(\.value) + estimate.statistic.identity.map(\.value) + [
        fixed(estimate.estimate, digits: digits), fixed(estimate.standardError, digits: digits + 1),
        bounds(estimate.confidenceInterval, digits: digits),
        String(estimate.respondents), String(estimate.degreesOfFreedom),
      ]
      if hasDesignEffects { row.append(estimate.designEffect.map { fixed($0, digits: 2) } ?? "–") }
      return row
    }
    let firstNumber = domainColumns.count + identity.count - (first.statistic.isQuantile ? 1 : 0)
    return text + "\n" + alignedTable(headers: headers, rows: rows, rightAligned: Set(firstNumber..<headers.count))
  }

  /// One row per variable, domain (and probability), numbers in full precision.
  public var csvTable: String {
    guard let first = estimates.first else { return "" }
    let header = first.domain.levels.map(\.variable) + first.statistic.jsonMembers.map(\.0) + [
      "estimate", "standard_error", "ci_lower", "ci_upper", "confidence_level", "degrees_of_freedom", "respondents",
      "design_effect",
    ]
    var lines = [header.map(csvField).joined(separator: ",")]
    for estimate in estimates {
      let identity = estimate.statistic.jsonMembers.map { _, member -> String in
        switch member {
        case .string(let text): return text
        case .number(let probability): return number(probability)
        default: return ""
        }
      }
      let fields = estimate.domain.levels.map(\.value) + identity + [
        number(estimate.estimate), number(estimate.standardError),
        number(estimate.confidenceInterval.lower), number(estimate.confidenceInterval.upper),
        number(estimate.confidenceInterval.level), String(estimate.degreesOfFreedom), String(estimate.respondents),
        estimate.designEffect.map(number) ?? "",
      ]
      lines.append(fields.map(csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One table per variable (per numerator and denominator for ratios), labelled from the style's
  /// survey, domains in codebook order, cells of fewer than `minimumCellSize` respondents
  /// suppressed.
  public func blocks(_ style: PresentationStyle) -> [Block] {
    NumericTable(
      estimates, survey: style.survey, language: style.language, minimumCellSize: style.minimumCellSize
    ).blocks
  }
}

extension NumericEstimate {
  /// One element of `estimates` in the JSON contract.
  package var json: JSONValue {
    .object(statistic.jsonMembers + [
      ("domain", domain.json),
      ("estimate", .number(estimate)),
      ("standard_error", .number(standardError)),
      ("ci_lower", .number(confidenceInterval.lower)),
      ("ci_upper", .number(confidenceInterval.upper)),
      ("confidence_level", .number(confidenceInterval.level)),
      ("degrees_of_freedom", .integer(degreesOfFreedom)),
      ("respondents", .integer(respondents)),
      ("design_effect", .number(designEffect)),
    ])
  }
}

extension NumericStatistic {
  /// What an estimate is of, first in its JSON object: `variable` and `statistic` (and `quantile`,
  /// the probability), or for a ratio `numerator`, `denominator` and `statistic`.
  var jsonMembers: [(String, JSONValue)] {
    switch self {
    case .mean(let variable), .total(let variable):
      return [("variable", .string(variable)), ("statistic", .string(name))]
    case .ratio(let numerator, let denominator):
      return [("numerator", .string(numerator)), ("denominator", .string(denominator)), ("statistic", .string(name))]
    case .quantile(let variable, let probability):
      return [("variable", .string(variable)), ("statistic", .string(name)), ("quantile", .number(probability))]
    }
  }

  /// The columns of the text table that say what a row estimates.
  var identity: [(header: String, value: String)] {
    switch self {
    case .mean(let variable), .total(let variable): return [("variable", variable)]
    case .ratio(let numerator, let denominator): return [("numerator", numerator), ("denominator", denominator)]
    case .quantile(let variable, let probability): return [("variable", variable), ("p", "\(probability)")]
    }
  }

  var isQuantile: Bool { if case .quantile = self { return true } else { return false } }

  /// How the intervals are computed, in one sentence.
  var intervalSentence: String {
    isQuantile
      ? "Intervals: Woodruff's, the quantiles at the bounds of the t interval of the distribution function, "
        + "on the design degrees of freedom; – where a bound falls beyond the data. SE = interval width / (2t), as R."
      : "Intervals: estimate ± t × SE, t quantiles with the design degrees of freedom."
  }
}

/// The decimals of a numeric estimate: those that show its standard error with two significant
/// digits (SE 0.17 → 2, SE 114 642 → 0), at most 10; without a usable standard error, none for a
/// whole number and 2 otherwise. A quantile and its bounds are values of the data: no more decimals
/// than they are written with.
func decimals(of estimate: some NumericEstimate) -> Int {
  var digits: Int
  var spread = estimate.standardError
  if spread.isFinite, spread > 0 {
    var exponent = 0
    while spread >= 10 { spread /= 10; exponent += 1 }
    while spread < 1 { spread *= 10; exponent -= 1 }
    digits = max(0, min(10, 1 - exponent))
  } else {
    digits = estimate.estimate == estimate.estimate.rounded() ? 0 : 2
  }
  guard estimate.statistic.isQuantile else { return digits }
  let interval = estimate.confidenceInterval
  let values = [estimate.estimate, interval.lower, interval.upper].filter(\.isFinite)
  return min(digits, values.map(exactDecimals).max() ?? 0)
}

/// The fewest decimals, at most 6, that write `value` exactly (0.25 → 2, 652 → 0).
func exactDecimals(_ value: Double) -> Int {
  var scaled = value
  for digits in 0..<6 {
    if abs(scaled.rounded() - scaled) <= 1e-9 * max(1, abs(scaled)) { return digits }
    scaled *= 10
  }
  return 6
}

/// "lower–upper" in the C locale, "lower to upper" when a bound is negative or cannot be computed.
private func bounds(_ interval: ConfidenceInterval, digits: Int) -> String {
  let lower = fixed(interval.lower, digits: digits), upper = fixed(interval.upper, digits: digits)
  let plain = interval.lower >= 0 && interval.upper >= 0
  return lower + (plain ? "–" : " to ") + upper
}
