import Confiance
import Foundation
import Testing

/// `confiance rake` on a table with replicate-weight columns against the file path's `rake` of the
/// same rows (R's `rake()` of a `svrepdesign()`, `Fixtures/replicate-raking`), through the factors
/// file the command writes: every row's raked weight is its weight times its cell's `factor`, and
/// its raked replicate weight r its replicate weight times the cell's `factor_rep<r>`.
enum ReplicateTableRaking {
  /// Writes `raking`'s factors file as `confiance rake` does, reads it back, and expects every
  /// row of the replicate-raking case `name` (its file design) to get the file path's raked weight
  /// and raked replicate weights from it, to 1e-9 relative. Returns the largest relative
  /// difference.
  static func expectFileWeights(_ raking: GroupSumsRaking, name: String, label: String) throws -> Double {
    let design = try ReplicateCases.fileDesign(name)
    let raked = try design.raked(to: ReplicateRakingCases.margins(name))
    let count = design.replicates!.count
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ReplicateTableRaking-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("factors.csv").path
    let report = try WeightingReport(
      factorsOf: raking, table: "t", control: RakingControl(), destination: path, weightColumn: "raked_weight",
      replacingExisting: false)
    let columns = (1...count).map { "factor_rep\($0)" }
    #expect(report.replicateFactorColumns == columns, "\(label): replicate factor columns")
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let keys = raking.variables.count
    #expect(lines[0] == raking.variables + ["factor", "raked_weight_total"] + columns, "\(label): header")
    var factorsOfCell: [[String]: [Double]] = [:]
    for line in lines.dropFirst() { factorsOfCell[Array(line.prefix(keys))] = line.dropFirst(keys).map { Double($0)! } }
    #expect(factorsOfCell.count == raking.cells.count, "\(label): one line per cell")
    let cellColumns = try raking.variables.map { try design.survey.variable(named: $0).categorical }
    var largest = 0.0
    for replicate in -1..<count {
      // -1: the full-sample weights and `factor`; r: replicate r and `factor_rep<r + 1>`.
      let before = replicate < 0 ? design.weights : design.replicates!.weights(ofReplicate: replicate)
      let after = replicate < 0 ? raked.weights : raked.replicates!.weights(ofReplicate: replicate)
      for row in before.indices {
        let cell = cellColumns.map { $0.levels[Int($0.codes[row])] }
        guard let factors = factorsOfCell[cell] else {
          Issue.record("\(label): no factors for the cell \(cell) of row \(row + 1)")
          return .infinity
        }
        let weight = before[row] * factors[replicate < 0 ? 0 : replicate + 2]
        largest = max(largest, abs(weight - after[row]) / max(abs(after[row]), 1e-300))
      }
    }
    #expect(largest <= 1e-9, "\(label): raked (replicate) weights from the factors vs the file's, \(largest)")
    return largest
  }
}
