import Confiance

extension EstimateReport {
  /// The report of estimates on a raked design (`--rake-to`): the usual output, with the raking
  /// summarised (a `raking` member in JSON, a line under the design line in text).
  func rendered(as format: OutputFormat, raking: RakingResult) throws -> String {
    switch format {
    case .json:
      guard case .object(let members) = json else { return json.serialized() }
      return JSONValue.object(members + [("raking", raking.jsonSummary(weights: design.weightDiagnostics))]).serialized()
    case .text:
      let text = try rendered(as: .text)
      guard let firstLine = text.firstIndex(of: "\n") else { return text }
      return String(text[...firstLine]) + raking.summaryLine + "\n" + String(text[text.index(after: firstLine)...])
    case .csv, .markdown:
      return try rendered(as: format)
    }
  }
}

extension RakingResult {
  /// "Raked to 3 margins (sex, region, education): converged in 7 iterations; standard errors
  /// account for the raking."
  var summaryLine: String {
    let names = margins.map(\.name).joined(separator: ", ")
    let outcome = converged
      ? "converged in \(iterations) iteration\(iterations == 1 ? "" : "s")"
      : "NOT converged after \(iterations) iterations (weights of the last sweep kept)"
    return "Weights raked to \(margins.count) margin\(margins.count == 1 ? "" : "s") (\(names)): \(outcome); "
      + "standard errors account for the raking."
  }

  /// `raking` in the `estimate --rake-to` JSON.
  func jsonSummary(weights: WeightDiagnostics) -> JSONValue {
    .object([
      ("converged", .bool(converged)),
      ("iterations", .integer(iterations)),
      ("weight_total", .number(weights.total)),
      ("kish_design_effect", .number(weights.kishDesignEffect)),
      ("effective_sample_size", .number(weights.effectiveSampleSize)),
      ("margins", .array(margins.flatMap { margin in
        margin.cells.map { cell in
          .object([
            ("variable", .string(margin.name)),
            ("category", .string(cell.category)),
            ("target", .number(cell.target)),
            ("achieved", .number(cell.achieved)),
            ("before", .number(cell.before)),
          ])
        }
      })),
    ])
  }
}
