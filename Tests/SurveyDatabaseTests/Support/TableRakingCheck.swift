import Confiance
import Foundation
import SurveyDatabase
import Testing

/// `confiance rake` on a table against the same command on the case's file (which matches R's
/// `rake()`: `RakingReferenceTests`).
extension RakingCase {
  /// The design of `confiance rake`: the weights alone.
  var rakeDeclaration: DesignDeclaration { DesignDeclaration(weights: design.weight) }

  /// The file path's `confiance rake` report (the base weights raked, no trimming) and the survey.
  func fileRakeReport() throws -> (report: WeightingReport, survey: Survey) {
    let survey = try Survey(
      contentsOf: repositoryPath(Self.folder + data),
      options: SurveyLoadOptions(design: DesignOverrides(weights: design.weight)))
    let base = try SurveyDesign(survey, weights: design.weight)
    let report = try WeightingReport(
      raking: base, to: margins, control: options, trimming: nil, rerake: false, maxRounds: 1)
    return (report, survey)
  }

  /// Expects a table's raking to be the file's: the report's JSON (convergence, weight diagnostics
  /// before and after with their extremes and quantiles, every margin) to 1e-9, and every row's
  /// raked ÷ base weight equal to its cell's factor to 1e-12 (the file's) and 1e-9 (R's).
  ///
  /// - Returns: the largest relative differences to the file's and to R's ratios.
  @discardableResult
  func expectTableRaking(_ raking: GroupSumsRaking, _ label: String) throws -> (file: Double, r: Double) {
    let (file, survey) = try fileRakeReport()
    let fromTable = WeightingReport(cellRaking: raking, table: table, maxIterations: options.maxIterations)
    expectSame(withoutRoundingNoise(fromTable.json), withoutRoundingNoise(file.json), label)
    // The last sweep's change and the distances to the targets are differences of cell totals:
    // rounding noise, compared with the weight total.
    let scale = 1e-9 * (file.summary.weights.total)
    #expect(abs(fromTable.lastChange - file.lastChange) <= scale, "\(label): last change")
    for (tableMargin, fileMargin) in zip(fromTable.margins, file.margins) {
      #expect(abs(tableMargin.largestDistance - fileMargin.largestDistance) <= scale, "\(label): \(fileMargin.name)")
    }
    // A coefficient of variation of constant weights is 0 in R and in the table's two-pass sums,
    // rounding noise (1e-15) on the file path: compared in absolute terms.
    for (table, file) in [(fromTable.before, file.before), (fromTable.summary.weights, file.summary.weights)] {
      #expect(abs(table.coefficientOfVariation - file.coefficientOfVariation) <= 1e-12, "\(label): CV")
    }
    // And every diagnostic against R's.
    for (diagnostics, expected, when) in [
      (fromTable.before, weights_before, "before"), (fromTable.summary.weights, weights_after, "after"),
    ] {
      guard let expected else { continue }
      let pairs: [(String, Double, Double)] = [
        ("total", diagnostics.total, expected.total), ("min", diagnostics.minimum, expected.min),
        ("max", diagnostics.maximum, expected.max), ("mean", diagnostics.mean, expected.mean),
        ("cv", diagnostics.coefficientOfVariation, expected.cv),
        ("Kish", diagnostics.kishDesignEffect, expected.kish_design_effect),
        ("effective sample size", diagnostics.effectiveSampleSize, expected.effective_sample_size),
        ("efficiency", diagnostics.weightingEfficiency, expected.weighting_efficiency),
      ] + [("p01", 0.01), ("p05", 0.05), ("p50", 0.5), ("p95", 0.95), ("p99", 0.99)].map { key, probability in
        (key, diagnostics.quantile(probability) ?? .nan, expected.quantiles[key] ?? .nan)
      }
      for (name, actual, reference) in pairs {
        #expect(abs(actual - reference) <= 1e-9 * max(abs(reference), 1e-6), "\(label): R's \(name) \(when), \(actual) vs \(reference)")
      }
    }
    let factorOfCell = Dictionary(uniqueKeysWithValues: zip(raking.cells, raking.factors))
    let columns = try raking.variables.map { try survey.variable(named: $0).categorical }
    let base = try SurveyDesign(survey, weights: design.weight).weights, raked = file.design!.weights
    var largest = 0.0, largestToR = 0.0
    for row in raked.indices {
      let cell = columns.map { $0.levels[Int($0.codes[row])] }
      guard let factor = factorOfCell[cell] else {
        Issue.record("\(label): no factor for the cell \(cell) of row \(row + 1)")
        continue
      }
      largest = max(largest, relative(factor, raked[row] / base[row]))
      if let weights { largestToR = max(largestToR, relative(factor, weights[row] / base[row])) }
    }
    #expect(largest <= 1e-12, "\(label): factor vs the file's raked ÷ base weight, \(largest)")
    #expect(largestToR <= 1e-9, "\(label): factor vs R's raked ÷ base weight, \(largestToR)")
    #expect(weights != nil, "\(label): R's raked weights")
    return (largest, largestToR)
  }
}

/// A `rake` report's JSON without its members that are rounding noise (`last_change`,
/// `largest_distances`, and the weights' `cv`, before and after: noise for constant weights).
func withoutRoundingNoise(_ json: JSONValue) -> JSONValue {
  guard case .object(let members) = json else { return json }
  return .object(members.compactMap { key, value in
    switch key {
    case "last_change", "largest_distances", "cv": return nil
    case "weights", "before": return (key, withoutRoundingNoise(value))
    default: return (key, value)
    }
  })
}

/// The same factor for every cell of two rakings of the same rows, to 1e-12, and the same report.
func expectSameFactors(_ raking: GroupSumsRaking, _ other: GroupSumsRaking, _ label: String) {
  let factorOfCell = Dictionary(uniqueKeysWithValues: zip(other.cells, other.factors))
  #expect(Set(raking.cells) == Set(other.cells), "\(label): cells")
  for (cell, factor) in zip(raking.cells, raking.factors) {
    #expect(relative(factor, factorOfCell[cell] ?? .nan) <= 1e-12, "\(label): factor of \(cell)")
  }
  expectSame(
    withoutRoundingNoise(WeightingReport(cellRaking: raking, table: "t", maxIterations: 0).json),
    withoutRoundingNoise(WeightingReport(cellRaking: other, table: "t", maxIterations: 0).json), label)
}

/// The factors file of `raking` written by `confiance rake` and read back: the raking variables'
/// values, then the factor and raked weight total of every cell, each reading back to the same
/// `Double`; a second write without replacing is refused and leaves the file as it was.
func expectFactorsFileRoundTrips(_ raking: GroupSumsRaking, table: String) throws {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("TableRaking-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let path = folder.appendingPathComponent("factors.csv").path
  let report = try WeightingReport(
    factorsOf: raking, table: table, control: RakingControl(), destination: path, weightColumn: "raked_weight",
    replacingExisting: false)
  #expect(report.output?.file == path)
  let written = try String(contentsOfFile: path, encoding: .utf8)
  let lines = written.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  #expect(lines.first == raking.variables + ["factor", "raked_weight_total"])
  #expect(lines.count == raking.cells.count + 1)
  let cells = lines.dropFirst().map { Array($0.prefix(raking.variables.count)) }
  #expect(cells == raking.cells.sorted { $0.lexicographicallyPrecedes($1) }, "cells in order")
  for line in lines.dropFirst() {
    let index = raking.cells.firstIndex(of: Array(line.prefix(raking.variables.count)))!
    #expect(Double(line[raking.variables.count]) == raking.factors[index])
    #expect(Double(line[raking.variables.count + 1]) == raking.rakedCellTotals[index])
  }
  #expect(throws: OutputFileError.self) {
    try WeightingReport(
      factorsOf: raking, table: table, control: RakingControl(), destination: path, weightColumn: "raked_weight",
      replacingExisting: false)
  }
  #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
}
