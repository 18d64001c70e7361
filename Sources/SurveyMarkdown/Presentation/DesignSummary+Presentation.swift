package import SurveyStatistics

extension DesignSummary {
  /// The `design` object of the JSON contract, shared by every estimating command.
  package var json: JSONValue {
    .object([
      ("respondents", .integer(respondents)),
      ("strata", .integer(strata)),
      ("psus", .integer(psus)),
      ("degrees_of_freedom", .integer(degreesOfFreedom)),
      ("weight_total", .number(weightTotal)),
      ("lonely_psu", .string(declaration.lonelyPSU.rawValue)),
    ] + (replicates.map { [("replicates", $0.json)] } ?? []))
  }

  /// "Design: 1200 respondents · 13 strata · 83 PSUs · 70 degrees of freedom · weights sum to
  /// 1000000.0" ("· 15 JK1 replicates created from the PSUs ·" before the degrees of freedom on
  /// a replicate design), followed by the raking line on a raked design.
  var summaryLines: String {
    var parts = ["\(respondents) respondents"]
    if declaration.strata != nil { parts.append("\(strata) strata") }
    if declaration.clusters != nil { parts.append("\(psus) PSUs") }
    if let replicates { parts.append(replicates.summaryPart) }
    parts.append("\(degreesOfFreedom) degrees of freedom")
    parts.append("weights sum to \(fixed(weightTotal, digits: 1))")
    return "Design: " + parts.joined(separator: " · ") + (raking.map { "\n" + $0.summaryLine } ?? "")
  }

  /// The members every result's JSON ends with: `raking` on a raked design, nothing otherwise.
  var rakingMembers: [(String, JSONValue)] { raking.map { [("raking", $0.json)] } ?? [] }
}

extension ReplicateSummary {
  /// `replicates` in the JSON `design` block: `{"type": "jk1", "count": 15, "scale": 0.91,
  /// "mse": false, "source": "created"}`; `type` as the command line spells it (R's `type` is
  /// ``ReplicateMethod/rName``), `source` `created` or `supplied`.
  package var json: JSONValue {
    .object([
      ("type", .string(method.rawValue)),
      ("count", .integer(count)),
      ("scale", .number(scale)),
      ("mse", .bool(meanSquaredError)),
      ("source", .string(isCreated ? "created" : "supplied")),
    ])
  }

  /// "15 JK1 replicates created from the PSUs", "80 ACS replicates, MSE variances".
  var summaryPart: String {
    "\(count) \(method.rName) replicates" + (isCreated ? " created from the PSUs" : "")
      + (meanSquaredError ? ", MSE variances" : "")
  }
}

extension RakingSummary {
  /// "Weights raked to 3 margins (sex, region, education): converged in 7 iterations; standard
  /// errors account for the raking."
  var summaryLine: String {
    let names = margins.map(\.name).joined(separator: ", ")
    let outcome = converged
      ? "converged in \(iterations) iteration\(iterations == 1 ? "" : "s")"
      : "NOT converged after \(iterations) iterations (weights of the last sweep kept)"
    return "Weights raked to \(margins.count) margin\(margins.count == 1 ? "" : "s") (\(names)): \(outcome); "
      + "standard errors account for the raking."
  }

  /// `raking` in the JSON of results on a raked design.
  package var json: JSONValue {
    .object([
      ("converged", .bool(converged)),
      ("iterations", .integer(iterations)),
      ("weight_total", .number(weights.total)),
      ("kish_design_effect", .number(weights.kishDesignEffect)),
      ("effective_sample_size", .number(weights.effectiveSampleSize)),
      ("margins", RakingResult.MarginFit.json(margins)),
    ])
  }
}

extension RakingResult.MarginFit {
  /// Every cell of the margins, `{"variable", "category", "target", "achieved", "before"}`, in order.
  static func json(_ margins: [RakingResult.MarginFit]) -> JSONValue {
    .array(margins.flatMap { margin in
      margin.cells.map { cell in
        .object([
          ("variable", .string(margin.name)),
          ("category", .string(cell.category)),
          ("target", .number(cell.target)),
          ("achieved", .number(cell.achieved)),
          ("before", .number(cell.before)),
        ])
      }
    })
  }
}

extension Domain {
  /// `{"age_band": "18-24"}`, in the order of the domain variables.
  package var json: JSONValue { .object(levels.map { ($0.variable, .string($0.value)) }) }
}
