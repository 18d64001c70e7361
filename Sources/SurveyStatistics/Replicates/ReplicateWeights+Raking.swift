/// The analysis weights of every replicate while a design is raked: R survey 4.1's
/// `postStratify.svyrep.design()`, which `rake()` calls for each margin of each sweep, adjusts
/// every replicate together with the full-sample weights,
///
///   a_ri ← a_ri · T_c / Σ_{k∈c} a_rk   for every row i of cell c,
///
/// the target over the replicate's own cell total (R: `repreweight <- Pop.Freq / replicateFreq`;
/// with `combined.weights = FALSE` R stores multipliers, which gives the same analysis weights).
/// Raking stops on the full-sample weights, so every replicate goes through the same sweeps.
/// Created replicates (PSU multipliers) become full analysis weights, as R's `rake()` expands them
/// (`compress = FALSE` inside the sweeps).
struct RakedReplicateWeights {
  /// Analysis weights, one column of `rowCount` per replicate.
  private(set) var columns: [[Double]]
  let rowCount: Int
  let count: Int
  /// The respondents each "row" stands for, when the rows are a table's raking cells
  /// (``GroupSumsRaking/rakingReplicates(cellTotals:count:)``); `nil` when they are respondents.
  private var respondentsOfRow: [Int]?

  /// The replicates' sums over a table's raking cells, `cellTotals` replicate after replicate
  /// (Σ a_r over the rows of each cell, `cellRows` respondents each): every row of a cell has its
  /// replicate weight multiplied by the same factors, so raking the cells' totals gives each
  /// replicate's factor F_r(c) = raked total / total.
  init(cellTotals: [Double], count: Int, cellRows: [Int]) {
    rowCount = cellRows.count
    self.count = count
    columns = (0..<count).map { Array(cellTotals[($0 * cellRows.count)..<(($0 + 1) * cellRows.count)]) }
    respondentsOfRow = cellRows
  }

  init(_ replicates: ReplicateWeights) {
    rowCount = replicates.rowCount
    count = replicates.count
    switch replicates.storage {
    case .analysisWeights(let columns):
      self.columns = columns
    case .psuMultipliers(let multipliers, let psuOfRow, let psuCount, let fullSample):
      columns = (0..<replicates.count).map { replicate in
        let psuBase = replicate * psuCount
        return psuOfRow.indices.map { multipliers[psuBase + Int(psuOfRow[$0])] * fullSample[$0] }
      }
    }
  }

  /// Post-stratifies every replicate to `margin`'s targets.
  ///
  /// - Throws: ``WeightingError/emptyReplicateCell(margin:category:replicate:respondents:origin:)``
  ///   when a replicate's weights in a cell sum to 0 (R's `rake()` would give that replicate NaN
  ///   weights, and `svrVar()` would drop it with a warning).
  /// - Complexity: O(n·R), the replicates in parallel.
  mutating func postStratify(to margin: MarginCells) throws {
    let cellCount = margin.cellCount, rowCount = self.rowCount
    var emptyCellOfReplicate = [Int](repeating: -1, count: count)
    margin.cellOfRow.withUnsafeBufferPointer { cellOfRow in
      margin.targets.withUnsafeBufferPointer { targets in
        columns.withUnsafeMutableBufferPointer { columns in
          emptyCellOfReplicate.withUnsafeMutableBufferPointer { emptyCellOfReplicate in
            let empty = emptyCellOfReplicate.baseAddress.unsafelyUnwrapped
            forEachConcurrently(count) { replicate in
              // Each replicate's column is written by one thread only (a shared column is copied
              // on its first write).
              columns[replicate].withUnsafeMutableBufferPointer { column in
                var factors = [Double](repeating: 0, count: cellCount)
                for row in 0..<rowCount { factors[Int(cellOfRow[row])] += column[row] }
                for cell in 0..<cellCount {
                  if factors[cell] == 0 {
                    empty[replicate] = cell
                    return
                  }
                  factors[cell] = targets[cell] / factors[cell]
                }
                for row in 0..<rowCount { column[row] *= factors[Int(cellOfRow[row])] }
              }
            }
          }
        }
      }
    }
    if let replicate = emptyCellOfReplicate.firstIndex(where: { $0 >= 0 }) {
      let cell = emptyCellOfReplicate[replicate]
      let position = margin.cellIndices[cell]
      throw WeightingError.emptyReplicateCell(
        margin: margin.margin.name, category: Margin.label(margin.margin.cells[position].categories),
        replicate: replicate + 1,
        respondents: margin.cellOfRow.indices.reduce(0) { total, row in
          total + (margin.cellOfRow[row] == cell ? respondentsOfRow?[row] ?? 1 : 0)
        },
        origin: margin.margin.cells[position].origin)
    }
  }
}

extension ReplicateWeights {
  /// The same replicates (method, scales, columns) with new analysis weights, one column each; the
  /// degrees of freedom are recomputed from them, as R's `rake()` recomputes `degf()`.
  func reweighted(_ raked: RakedReplicateWeights) -> ReplicateWeights {
    ReplicateWeights(
      method: method, scale: scale, replicateScales: replicateScales, meanSquaredError: meanSquaredError,
      fayRho: fayRho, columnNames: columnNames, storage: .analysisWeights(raked.columns))
  }
}
