/// The replicate weights of a design and how their spread becomes a variance: R survey's
/// `svyrep.design` (`svrepdesign()` for weights that come with the data, `as.svrepdesign()` for
/// replicates created from strata and PSUs).
///
/// Each replicate r is a set of analysis weights a_ri, one per respondent. An estimate θ̂ computed
/// with the full-sample weights is computed again with each replicate's weights, θ̂_r, and
///
///   V̂(θ̂) = scale · Σ_r rscale_r (θ̂_r − c)²,
///
/// with c the mean of the replicates that have rscale_r > 0, or θ̂ itself for mean-squared-error
/// variances (R survey 4.1, `svrVar()` in R/surveyrep.R; Wolter 2007, ch. 3–5). A replicate whose
/// estimate cannot be computed (no weight left in a small domain) is left out, as R's `na.omit`
/// does. The degrees of freedom of t intervals are the rank of the replicate-weight matrix minus
/// one (R's `degf.svyrep.design`: `qr(weights(design, "analysis"), tol = 1e-5)$rank - 1`), over the
/// rows of the domain an estimate describes.
///
/// ```swift
/// let replicated = try design.replicated(.jackknife)   // R's as.svrepdesign(dclus1)
/// replicated.replicates?.count                          // 15
/// try replicated.means(of: "api00")[0].standardError     // 26.329 (R: 26.329)
/// ```
package struct ReplicateWeights: Sendable {
  /// How the replicates were formed.
  package let method: ReplicateMethod
  /// The number of replicates R.
  package let count: Int
  /// The overall scale of the variance.
  package let scale: Double
  /// One scale per replicate, rscale_r (R's `rscales`).
  package let replicateScales: [Double]
  /// Whether variances are centred at the full-sample estimate (R's `mse = TRUE`).
  package let meanSquaredError: Bool
  /// Fay's ρ, for ``ReplicateMethod/fay``.
  package let fayRho: Double?
  /// The columns that hold supplied replicate weights, in file order; empty for created ones.
  package let columnNames: [String]
  /// The rank of the replicate-weight matrix minus one (R's `degf()` of the design).
  package let degreesOfFreedom: Int
  /// Whether the replicates were created from the design's strata and PSUs.
  package var isCreated: Bool { columnNames.isEmpty }

  /// The weights themselves.
  let storage: Storage
  /// Ranks over domains' rows already computed.
  private let rankCache = RankCache()

  /// How replicate weights are held.
  enum Storage: Sendable {
    /// Analysis weights a_ri, replicate after replicate (`count` × n).
    case analysisWeights([Double], rowCount: Int)
    /// Created replicates: a multiplier per replicate and PSU (`count` × P), the PSU of each row
    /// and the full-sample weights, a_ri = m_{r, psu(i)} · wᵢ (R's `repweights_compressed`).
    case psuMultipliers([Double], psuOfRow: [Int32], psuCount: Int, weights: [Double])
  }

  init(
    method: ReplicateMethod, scale: Double, replicateScales: [Double], meanSquaredError: Bool, fayRho: Double?,
    columnNames: [String], storage: Storage
  ) {
    self.method = method
    self.scale = scale
    self.replicateScales = replicateScales
    self.meanSquaredError = meanSquaredError
    self.fayRho = fayRho
    self.columnNames = columnNames
    self.storage = storage
    self.count = replicateScales.count
    self.degreesOfFreedom = Self.rank(of: storage, count: replicateScales.count, rows: nil) - 1
  }

  /// The number of respondents.
  var rowCount: Int {
    switch storage {
    case .analysisWeights(_, let rowCount): return rowCount
    case .psuMultipliers(_, let psuOfRow, _, _): return psuOfRow.count
    }
  }

  /// The analysis weights of replicate `replicate`, one per respondent (R's
  /// `weights(design, "analysis")[, replicate + 1]`).
  ///
  /// - Precondition: `0 <= replicate < count`.
  package func weights(ofReplicate replicate: Int) -> [Double] {
    precondition(replicate >= 0 && replicate < count, "no such replicate")
    switch storage {
    case .analysisWeights(let weights, let rowCount):
      return Array(weights[(replicate * rowCount)..<((replicate + 1) * rowCount)])
    case .psuMultipliers(let multipliers, let psuOfRow, let psuCount, let weights):
      return psuOfRow.indices.map { multipliers[replicate * psuCount + Int(psuOfRow[$0])] * weights[$0] }
    }
  }

  /// The replicate variance of an estimate from its replicates: scale · Σ rscale_r (θ̂_r − c)²,
  /// c = θ̂ for mean-squared-error variances and otherwise the mean of the replicates with
  /// rscale_r > 0. Replicates that are NaN are left out (R's `svrVar()` with `na.omit`); NaN when
  /// all are.
  func variance(replicates: [Double], estimate: Double) -> Double {
    precondition(replicates.count == count, "one estimate per replicate")
    var centre = estimate
    if !meanSquaredError {
      var sum = 0.0, n = 0
      for (value, rscale) in zip(replicates, replicateScales) where !value.isNaN && rscale > 0 {
        sum += value
        n += 1
      }
      centre = sum / Double(n)
    }
    var total = 0.0, kept = 0
    for (value, rscale) in zip(replicates, replicateScales) where !value.isNaN {
      total += (value - centre) * (value - centre) * rscale
      kept += 1
    }
    return kept == 0 ? .nan : total * scale
  }

  /// The replicate covariance of k estimates: scale · Σ_r rscale_r (θ̂_r − c)(θ̂_r − c)ᵀ, with c as
  /// in ``variance(replicates:estimate:)`` per statistic; a replicate with a NaN estimate is left
  /// out entirely (R's `svrVar()` on a matrix, `na.omit` of its rows).
  ///
  /// - Parameters:
  ///   - replicates: `count` × k estimates, replicate after replicate.
  ///   - estimates: the k full-sample estimates.
  /// - Returns: the k × k covariance, row-major.
  func covariance(replicates: [Double], estimates: [Double]) -> [Double] {
    let k = estimates.count
    precondition(replicates.count == count * k, "k estimates per replicate")
    let kept = (0..<count).filter { replicate in !(0..<k).contains { replicates[replicate * k + $0].isNaN } }
    guard !kept.isEmpty else { return [Double](repeating: .nan, count: k * k) }
    var centre = estimates
    if !meanSquaredError {
      let centred = kept.filter { replicateScales[$0] > 0 }
      for statistic in 0..<k {
        centre[statistic] = centred.reduce(0.0) { $0 + replicates[$1 * k + statistic] } / Double(centred.count)
      }
    }
    var result = [Double](repeating: 0, count: k * k)
    var deviation = [Double](repeating: 0, count: k)
    for replicate in kept {
      let weight = replicateScales[replicate]
      for statistic in 0..<k { deviation[statistic] = replicates[replicate * k + statistic] - centre[statistic] }
      for i in 0..<k {
        for j in i..<k { result[i * k + j] += weight * deviation[i] * deviation[j] }
      }
    }
    for i in 0..<k {
      for j in i..<k {
        result[i * k + j] *= scale
        result[j * k + i] = result[i * k + j]
      }
    }
    return result
  }

  /// Σᵢ a_ri·vᵢ over the rows of each cell, for every replicate: `count` × `cellCount` values,
  /// replicate after replicate. Rows with a negative cell count nowhere; `values` nil counts 1.
  ///
  /// - Complexity: O(n·R) for supplied weights; O(n + e·R) for created ones, e the number of
  ///   (PSU, cell) pairs with rows.
  func cellTotals(cellOfRow: [Int32], cellCount: Int, values: [Double]? = nil) -> [Double] {
    var totals = [Double](repeating: 0, count: count * cellCount)
    switch storage {
    case .analysisWeights(let weights, let rowCount):
      totals.withUnsafeMutableBufferPointer { totals in
        let totalsBase = totals.baseAddress.unsafelyUnwrapped
        forEachConcurrently(count) { replicate in
          let base = replicate * rowCount, out = totalsBase + replicate * cellCount
          for row in 0..<rowCount {
            let cell = Int(cellOfRow[row])
            guard cell >= 0 else { continue }
            out[cell] += weights[base + row] * (values?[row] ?? 1)
          }
        }
      }
    case .psuMultipliers(let multipliers, let psuOfRow, let psuCount, let weights):
      // Σ wᵢvᵢ by (PSU, cell), then each replicate's multipliers.
      var entryOfKey: [Int: Int] = [:]
      var entryPSU: [Int] = [], entryCell: [Int] = [], entrySum: [Double] = []
      for row in psuOfRow.indices {
        let cell = Int(cellOfRow[row])
        guard cell >= 0 else { continue }
        let psu = Int(psuOfRow[row])
        let key = psu * cellCount + cell
        let entry: Int
        if let known = entryOfKey[key] {
          entry = known
        } else {
          entry = entrySum.count
          entryOfKey[key] = entry
          entryPSU.append(psu)
          entryCell.append(cell)
          entrySum.append(0)
        }
        entrySum[entry] += weights[row] * (values?[row] ?? 1)
      }
      for replicate in 0..<count {
        let base = replicate * psuCount, out = replicate * cellCount
        for entry in entrySum.indices {
          totals[out + entryCell[entry]] += multipliers[base + entryPSU[entry]] * entrySum[entry]
        }
      }
    }
    return totals
  }

  /// The rank of the replicate-weight matrix over `rows` (distinct rows; all rows when `nil`), as R's
  /// `qr(weights(design, "analysis"), tol = 1e-5)$rank` (LINPACK `dqrdc2`, `linpackRank`).
  ///
  /// For created replicates the matrix has one row per PSU, its multipliers times √(Σ wᵢ²) over
  /// the PSU's rows: the same cross-product matrix as the rows themselves, so the same R factor.
  ///
  /// - Complexity: O(m·R²) for m rows (PSUs for created replicates).
  func rank(ofRows rows: [Int]?) -> Int {
    guard let rows, rows.count < rowCount else { return degreesOfFreedom + 1 }  // rows are distinct
    return rankCache.rank(ofRows: rows) { Self.rank(of: storage, count: count, rows: rows) }
  }

  private static func rank(of storage: Storage, count: Int, rows: [Int]?) -> Int {
    // Column-major: one column per replicate.
    var matrix: [Double]
    let rowCount: Int
    switch storage {
    case .analysisWeights(let weights, let allRows):
      guard let rows else {
        matrix = weights
        return linpackRank(columnMajor: &matrix, rowCount: allRows, columnCount: count, tolerance: 1e-5)
      }
      rowCount = rows.count
      matrix = [Double](repeating: 0, count: rowCount * count)
      for replicate in 0..<count {
        let base = replicate * allRows, out = replicate * rowCount
        for (position, row) in rows.enumerated() { matrix[out + position] = weights[base + row] }
      }
    case .psuMultipliers(let multipliers, let psuOfRow, let psuCount, let weights):
      var squares = [Double](repeating: 0, count: psuCount)
      if let rows {
        for row in rows { squares[Int(psuOfRow[row])] += weights[row] * weights[row] }
      } else {
        for row in psuOfRow.indices { squares[Int(psuOfRow[row])] += weights[row] * weights[row] }
      }
      let present = (0..<psuCount).filter { squares[$0] > 0 }
      rowCount = present.count
      matrix = [Double](repeating: 0, count: rowCount * count)
      for replicate in 0..<count {
        let base = replicate * psuCount, out = replicate * rowCount
        for (position, psu) in present.enumerated() {
          matrix[out + position] = multipliers[base + psu] * squares[psu].squareRoot()
        }
      }
    }
    return linpackRank(columnMajor: &matrix, rowCount: rowCount, columnCount: count, tolerance: 1e-5)
  }
}
