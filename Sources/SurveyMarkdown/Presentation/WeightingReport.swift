package import SurveyStatistics

/// What `confiance rake` prints: convergence, weight diagnostics before and after, and every
/// margin cell against its target (with trimming, what the trimming did). For a file, the raked
/// design; for a database table raked where it lives, the raking of its cells, whose factors are
/// written (``factorsCSV``).
package struct WeightingReport: Presentation {
  /// The diagnostics of the weights before raking (base weights).
  package let before: WeightDiagnostics
  /// How the (last) raking went, with the final weights' diagnostics (``RakingSummary/weights``).
  package let summary: RakingSummary
  /// The tolerance in weight units (``RakingResult/tolerance``).
  package let tolerance: Double
  /// The largest change of a crossed cell total in the last sweep (``RakingResult/lastChange``).
  package let lastChange: Double
  /// Every margin cell with the final weights.
  package let margins: [RakingResult.MarginFit]
  /// The trimming result, bounds, and whether raking was repeated.
  package let trimming: (result: TrimmedRakingResult, bounds: WeightTrimming, rerake: Bool)?
  /// The final design, read from a file; `nil` for a table raked where it lives.
  package let design: SurveyDesign?
  /// The raking of a table's cells, whose factors ``factorsCSV`` writes; `nil` for a file.
  package let cellRaking: GroupSumsRaking?
  /// The file written and the new column (for a table's factors, the raked weights' name).
  package var output: (file: String, column: String)?
  /// The data file or table.
  package var input: String?
  /// The iteration limit in force.
  package var maxIterations = 0

  /// The final weights' diagnostics.
  var after: WeightDiagnostics { summary.weights }

  /// A report of `raking` (the last one, after trimming) from `base` to `design`.
  package init(
    base: SurveyDesign, design: SurveyDesign, raking: RakingResult, margins: [RakingResult.MarginFit],
    trimming: (result: TrimmedRakingResult, bounds: WeightTrimming, rerake: Bool)? = nil
  ) {
    before = base.weightDiagnostics
    var summary = raking.summary
    (summary.converged, summary.iterations, summary.margins) = (raking.converged, raking.iterations, raking.margins)
    summary.weights = design.weightDiagnostics
    self.summary = summary
    tolerance = raking.tolerance
    lastChange = raking.lastChange
    self.design = design
    cellRaking = nil
    self.margins = margins
    self.trimming = trimming
  }

  /// A report of a table's raking where it lives (``GroupSumsRaking``, its weight diagnostics
  /// with the extremes and quantiles the engine computed), with `maxIterations` in force.
  package init(cellRaking raking: GroupSumsRaking, table: String, maxIterations: Int) {
    before = raking.weightsBefore
    summary = raking.summary
    tolerance = raking.tolerance
    lastChange = raking.lastChange
    margins = raking.summary.margins
    trimming = nil
    design = nil
    cellRaking = raking
    input = table
    self.maxIterations = maxIterations
  }

  /// `base` raked to `margins` (R's `rake()`) and, with `trimming`, trimmed (R's `trimWeights()`)
  /// and, when `rerake`, raked again until the weights are within the bounds or `maxRounds`.
  ///
  /// - Throws: ``WeightingError`` from raking or trimming.
  package init(
    raking base: SurveyDesign, to margins: PopulationMargins, control: RakingControl,
    trimming: WeightTrimming?, rerake: Bool, maxRounds: Int
  ) throws {
    if let trimming {
      let result = try base.rakingWithTrimming(
        to: margins, trimming: trimming, rerake: rerake, maxRounds: maxRounds, options: control)
      self.init(
        base: base, design: result.design, raking: result.lastRaking, margins: result.margins,
        trimming: (result, trimming, rerake))
    } else {
      let result = try base.raking(to: margins, options: control)
      self.init(base: base, design: result.design, raking: result, margins: result.margins)
    }
    maxIterations = control.maxIterations
  }

  /// The factors of a table's raking cells as CSV, for the user to join back on the raking
  /// variables: one row per cell, sorted by the raking variables' values, those values, `factor`
  /// (F(c), the shortest decimal that reads back to the same number) and `<column>_total`, the
  /// cell's raked weight total, for the output column `column`; with raked replicate-weight
  /// columns, then F_r(c) of each replicate r in `factor_rep1`, `factor_rep2`, … (the raked
  /// replicate weight a_ri·F_r(c), replicates in the order of the table's columns); `nil` for a file.
  package func factorsCSV(column: String) -> String? {
    guard let raking = cellRaking else { return nil }
    let cellCount = raking.cells.count, replicateFactors = raking.replicateFactors ?? []
    var lines = [(raking.variables + ["factor", column + "_total"] + replicateFactorColumns).map(csvField)
      .joined(separator: ",")]
    for index in raking.cells.indices.sorted(by: { raking.cells[$0].lexicographicallyPrecedes(raking.cells[$1]) }) {
      let replicates = stride(from: index, to: replicateFactors.count, by: cellCount).map { "\(replicateFactors[$0])" }
      lines.append((raking.cells[index].map(csvField) + ["\(raking.factors[index])", "\(raking.rakedCellTotals[index])"]
        + replicates).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The columns of a table's replicate factors in ``factorsCSV(column:)``: `factor_rep1`, … (none
  /// without raked replicates).
  package var replicateFactorColumns: [String] {
    let count = (cellRaking?.replicateFactors?.count ?? 0) / max(cellRaking?.cells.count ?? 1, 1)
    return count == 0 ? [] : (1...count).map { "factor_rep\($0)" }
  }

  /// The raked (and trimmed) design; `nil` for a table.
  package var designSummary: DesignSummary? { design?.summary }

  /// The text report.
  package var textTable: String { text }

  /// Every margin cell: target, before and after, in weight units.
  package var csvTable: String {
    var lines = ["variable,category,target,before,achieved"]
    for margin in margins {
      for cell in margin.cells {
        lines.append(
          [margin.name, cell.category, number(cell.target), number(cell.before), number(cell.achieved)]
            .map(csvField).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Every margin before and after raking, in percentages.
  package func blocks(_ style: PresentationStyle) -> [Block] {
    RakingTable(design?.summary.raking ?? summary, survey: style.survey, language: style.language).blocks
  }

  // MARK: JSON (the documented contract: add fields, never rename them)

  /// The JSON contract of `confiance rake`.
  package var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("converged", .bool(summary.converged)),
      ("iterations", .integer(summary.iterations)),
      ("weight_total", .number(after.total)),
      ("weights", Self.weightsJSON(after)),
      ("kish_design_effect", .number(after.kishDesignEffect)),
      ("effective_sample_size", .number(after.effectiveSampleSize)),
      ("margins", RakingResult.MarginFit.json(margins)),
      ("weighting_efficiency", .number(after.weightingEfficiency)),
      ("respondents", .integer(after.count)),
      ("max_iterations", .integer(maxIterations)),
      ("tolerance", .number(tolerance)),
      ("last_change", .number(lastChange)),
      ("largest_distances", .array(margins.map { margin in
        .object([("variable", .string(margin.name)), ("largest_distance", .number(margin.largestDistance))])
      })),
      ("before", .object([
        ("weight_total", .number(before.total)),
        ("weights", Self.weightsJSON(before)),
        ("kish_design_effect", .number(before.kishDesignEffect)),
        ("effective_sample_size", .number(before.effectiveSampleSize)),
        ("weighting_efficiency", .number(before.weightingEfficiency)),
      ])),
    ]
    if let trimming {
      members.append(("trimming", .object([
        ("upper", .string(trimming.bounds.upper?.description)),
        ("lower", .string(trimming.bounds.lower?.description)),
        ("upper_value", .number(trimming.result.upperBound)),
        ("lower_value", .number(trimming.result.lowerBound)),
        ("strict", .bool(trimming.bounds.strict)),
        ("rerake", .bool(trimming.rerake)),
        ("rounds", .integer(trimming.result.rounds)),
        ("bounds_hold", .bool(trimming.result.boundsHold)),
        ("weights_outside_bounds", .integer(trimming.result.weightsOutsideBounds)),
      ])))
    } else {
      members.append(("trimming", .null))
    }
    if let replicates = design?.summary.replicates {
      members.append(("replicates", replicates.json))
    }
    if let output, let cellRaking {
      members.append(("output", .object([
        ("file", .string(output.file)), ("factor_column", .string("factor")),
        ("join_columns", .array(cellRaking.variables.map { .string($0) })), ("cells", .integer(cellRaking.cells.count)),
      ] + (replicateFactorColumns.isEmpty ? [] : [
        ("replicate_factor_columns", .array(replicateFactorColumns.map { .string($0) })),
      ]))))
    } else if let output {
      var written: [(String, JSONValue)] = [("file", .string(output.file)), ("weight_column", .string(output.column))]
      if design?.replicates != nil { written.append(("replicate_columns", .array(replicateColumns.map { .string($0) }))) }
      members.append(("output", .object(written)))
    }
    return .object(members)
  }

  /// The columns of the raked replicate weights in the copy: `<weight column>_rep1`, … (none
  /// without replicates or output).
  package var replicateColumns: [String] {
    guard let output, let replicates = design?.replicates else { return [] }
    return (1...replicates.count).map { "\(output.column)_rep\($0)" }
  }


  static func weightsJSON(_ diagnostics: WeightDiagnostics) -> JSONValue {
    .object([
      ("min", .number(diagnostics.minimum)),
      ("max", .number(diagnostics.maximum)),
      ("mean", .number(diagnostics.mean)),
      ("cv", .number(diagnostics.coefficientOfVariation)),
      ("quantiles", .object(diagnostics.quantiles.map { (quantileKey($0.probability), .number($0.value)) })),
    ])
  }

  /// `p01`, `p05`, `p50`, `p95`, `p99`.
  static func quantileKey(_ probability: Double) -> String {
    let percent = Int((probability * 100).rounded())
    return percent < 10 ? "p0\(percent)" : "p\(percent)"
  }

  // MARK: Text

  var text: String {
    var lines: [String] = []
    let names = margins.map(\.name).joined(separator: ", ")
    let source = input.map { " of \($0)" } ?? ""
    let iterations = summary.iterations
    if summary.converged {
      lines.append("Raked \(after.count) respondents\(source) to \(margins.count) margin\(margins.count == 1 ? "" : "s") "
        + "(\(names)): converged in \(iterations) iteration\(iterations == 1 ? "" : "s").")
    } else {
      lines.append("Raked \(after.count) respondents\(source) to \(margins.count) margins (\(names)): "
        + "NOT converged after \(iterations) iterations (last change \(scientific(lastChange)), "
        + "tolerance \(scientific(tolerance))); the weights of the last sweep are kept.")
    }
    if let trimming {
      let bounds = [trimming.bounds.lower.map { "lower \($0) (\(fixed(trimming.result.lowerBound, digits: 4)))" },
                    trimming.bounds.upper.map { "upper \($0) (\(fixed(trimming.result.upperBound, digits: 4)))" }]
        .compactMap { $0 }.joined(separator: ", ")
      var line = "Trimmed to \(bounds)"
      if trimming.rerake { line += ", re-raked: \(trimming.result.rounds) round\(trimming.result.rounds == 1 ? "" : "s")" }
      line += trimming.result.boundsHold
        ? "; every weight is within the bounds."
        : "; \(trimming.result.weightsOutsideBounds) weights are still outside the bounds."
      if !trimming.rerake { line += " Trimming without re-raking moves the margins off their targets (see below)." }
      lines.append(line)
    }
    if let output, let cellRaking {
      let variables = cellRaking.variables
      let join = variables.count == 1 ? variables[0] : variables.dropLast().joined(separator: ", ") + " and " + variables.last!
      lines.append("Wrote \(output.file) with the factor of each of the \(cellRaking.cells.count) raking cells (the table is "
        + "unchanged): join it to the table on \(join), and multiply the weight by factor to get '\(output.column)'."
        + (replicateFactorColumns.isEmpty ? "" : " Multiply the r-th replicate-weight column (in the table's order) by "
          + "factor_rep<r> for its raked replicate weight ('\(replicateFactorColumns[0])' to "
          + "'\(replicateFactorColumns[replicateFactorColumns.count - 1])')."))
    } else if let output {
      let replicateNote = replicateColumns.isEmpty ? "" : " and the \(replicateColumns.count) raked replicate weights "
        + "('\(replicateColumns[0])' to '\(replicateColumns[replicateColumns.count - 1])')"
      lines.append("Wrote \(output.file) with the new weight column '\(output.column)'\(replicateNote).")
    }
    lines.append("")
    let rows: [[String]] = [
      ["total", number4(before.total), number4(after.total)],
      ["minimum", number4(before.minimum), number4(after.minimum)],
    ] + before.quantiles.indices.map { index in
      ["\(Int((before.quantiles[index].probability * 100).rounded()))% quantile",
       number4(before.quantiles[index].value), number4(after.quantiles[index].value)]
    } + [
      ["maximum", number4(before.maximum), number4(after.maximum)],
      ["mean", number4(before.mean), number4(after.mean)],
      ["coefficient of variation", fixed(before.coefficientOfVariation, digits: 4), fixed(after.coefficientOfVariation, digits: 4)],
      ["Kish design effect (1 + CV²)", fixed(before.kishDesignEffect, digits: 4), fixed(after.kishDesignEffect, digits: 4)],
      ["effective sample size", fixed(before.effectiveSampleSize, digits: 1), fixed(after.effectiveSampleSize, digits: 1)],
      ["weighting efficiency", percent(before.weightingEfficiency) + "%", percent(after.weightingEfficiency) + "%"],
    ]
    var text = lines.joined(separator: "\n") + "\n"
    text += alignedTable(headers: ["weights", "before", "after"], rows: rows, rightAligned: [1, 2])
    text += "Quantiles: R's quantile(type = 7). CV with divisor n.\n\n"
    let marginRows = margins.flatMap { margin in
      margin.cells.map { cell in
        [margin.name, cell.category, number4(cell.target), number4(cell.before), number4(cell.achieved),
         scientific(cell.achieved - cell.target)]
      }
    }
    text += alignedTable(
      headers: ["margin", "category", "target", "before", "achieved", "achieved − target"], rows: marginRows,
      rightAligned: [2, 3, 4, 5])
    return text
  }

  private func number4(_ value: Double) -> String { fixed(value, digits: 4) }

  private func scientific(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    return value == 0 ? "0" : String(format: "%.2e", value)
  }
}
