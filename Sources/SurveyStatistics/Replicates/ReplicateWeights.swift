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
    /// Analysis weights a_ri, one column of n per replicate. Supplied columns are the survey's own
    /// arrays (shared, not copied), so a design holds its replicate weights once.
    case analysisWeights([[Double]])
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
    self.degreesOfFreedom = Self.ranks(of: storage, count: replicateScales.count, groupOfRow: nil, groupCount: 1)[0] - 1
  }

  /// The number of respondents.
  var rowCount: Int {
    switch storage {
    case .analysisWeights(let columns): return columns.first?.count ?? 0
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
    case .analysisWeights(let columns):
      return columns[replicate]
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
    case .analysisWeights(let columns):
      // The rows that count, with their cell and value, once; then one contiguous pass per
      // replicate column.
      var countedRows: [Int32] = [], countedCells: [Int32] = [], countedValues: [Double] = []
      countedRows.reserveCapacity(cellOfRow.count)
      countedCells.reserveCapacity(cellOfRow.count)
      countedValues.reserveCapacity(cellOfRow.count)
      for (row, cell) in cellOfRow.enumerated() where cell >= 0 {
        countedRows.append(Int32(row))
        countedCells.append(cell)
        countedValues.append(values?[row] ?? 1)
      }
      let allRows = countedRows.count == cellOfRow.count
      totals.withUnsafeMutableBufferPointer { totals in
        let totalsBase = totals.baseAddress.unsafelyUnwrapped
        countedRows.withUnsafeBufferPointer { rows in
          countedCells.withUnsafeBufferPointer { cells in
            countedValues.withUnsafeBufferPointer { values in
              forEachConcurrently(count) { replicate in
                columns[replicate].withUnsafeBufferPointer { weights in
                  Self.addCellTotals(
                    weights: weights, rows: allRows ? nil : rows, cells: cells, values: values,
                    into: totalsBase + replicate * cellCount)
                }
              }
            }
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

  /// Σ weights[row]·value into `totals[cell]` for the counted rows (all rows, in order, when
  /// `rows` is nil).
  private static func addCellTotals(
    weights: UnsafeBufferPointer<Double>, rows: UnsafeBufferPointer<Int32>?, cells: UnsafeBufferPointer<Int32>,
    values: UnsafeBufferPointer<Double>, into totals: UnsafeMutablePointer<Double>
  ) {
    if let rows {
      for index in cells.indices { totals[Int(cells[index])] += weights[Int(rows[index])] * values[index] }
    } else {
      for index in cells.indices { totals[Int(cells[index])] += weights[index] * values[index] }
    }
  }

  /// The rank of the replicate-weight matrix over `rows` (distinct rows; all rows when `nil`), as R's
  /// `qr(weights(design, "analysis"), tol = 1e-5)$rank` (LINPACK `dqrdc2`).
  ///
  /// - Complexity: O(n·R²/2) for n rows; see ``ranks(domainOfRow:domainCount:)``.
  func rank(ofRows rows: [Int]?) -> Int {
    guard let rows, rows.count < rowCount else { return degreesOfFreedom + 1 }  // rows are distinct
    if let known = rankCache.rank(ofRows: rows) { return known }
    var groupOfRow = [Int32](repeating: -1, count: rowCount)
    for row in rows { groupOfRow[row] = 0 }
    let rank = Self.ranks(of: storage, count: count, groupOfRow: groupOfRow, groupCount: 1)[0]
    rankCache.remember(rank, forRows: rows)
    return rank
  }

  /// The rank of the replicate-weight matrix over the rows of each domain (0 for a domain without
  /// rows), R's `degf()` + 1 of `design[rows of the domain, ]`; all domains in one pass over the
  /// rows.
  ///
  /// - Complexity: O(n·R²/2) for supplied weights (the cross products of each domain's rows),
  ///   plus O(n·R) for each pass over the rows that decides columns the cross products cannot,
  ///   and a QR of a domain's rows only when a decision is too close to call even from the rows;
  ///   O(P·R²) per domain of P PSUs for created replicates.
  func ranks(domainOfRow: [Int32], domainCount: Int) -> [Int] {
    var rows = [[Int]](repeating: [], count: domainCount)
    for (row, domain) in domainOfRow.enumerated() where domain >= 0 { rows[Int(domain)].append(row) }
    var ranks = [Int](repeating: 0, count: domainCount)
    var uncomputed: [Int] = []
    for domain in 0..<domainCount where !rows[domain].isEmpty {
      if rows[domain].count == rowCount {
        ranks[domain] = degreesOfFreedom + 1
      } else if let known = rankCache.rank(ofRows: rows[domain]) {
        ranks[domain] = known
      } else {
        uncomputed.append(domain)
      }
    }
    guard !uncomputed.isEmpty else { return ranks }
    var groupOfDomain = [Int32](repeating: -1, count: domainCount)
    for (group, domain) in uncomputed.enumerated() { groupOfDomain[domain] = Int32(group) }
    let groupOfRow = domainOfRow.map { $0 >= 0 ? groupOfDomain[Int($0)] : -1 }
    let computed = Self.ranks(of: storage, count: count, groupOfRow: groupOfRow, groupCount: uncomputed.count)
    for (group, domain) in uncomputed.enumerated() {
      ranks[domain] = computed[group]
      rankCache.remember(computed[group], forRows: rows[domain])
    }
    return ranks
  }

  /// Which computation decided a rank.
  enum RankRoute: Equatable, Sendable {
    /// The R × R cross products alone (``CrossProductRank``).
    case crossProducts
    /// The cross products, and the data for columns they could not decide
    /// (``ReplicateColumnResiduals``, ``CrossProductRank/decide(_:)``).
    case residuals
    /// A QR of the group's rows (``linpackRank(columnMajor:rowCount:columnCount:tolerance:)``).
    case qr
  }

  /// The most passes over the rows for doubtful columns before the QR takes over: each costs
  /// n·K operations against the QR's n·R², so a few are always cheaper.
  static let maximumResidualPasses = 8

  /// The rank over the rows of each group (all rows in group 0 when `groupOfRow` is nil).
  static func ranks(of storage: Storage, count: Int, groupOfRow: [Int32]?, groupCount: Int) -> [Int] {
    rankDecisions(of: storage, count: count, groupOfRow: groupOfRow, groupCount: groupCount).map(\.rank)
  }

  /// The rank over the rows of each group (all rows in group 0 when `groupOfRow` is nil), and
  /// which computation decided it.
  ///
  /// Supplied weights: a group of at least 4R rows takes the rank from its R × R cross products
  /// (``ReplicateCrossProducts``, ``CrossProductRank``), which reach R's decision without a copy of
  /// the weights; a column they cannot decide is decided from its residual on the kept columns,
  /// computed from the rows (``ReplicateColumnResiduals``: one pass for all groups waiting); a
  /// smaller group, or one with a column too close to call even from the data, from a QR of its
  /// rows (``linpackRank(columnMajor:rowCount:columnCount:tolerance:)``), as R computes it.
  ///
  /// Created replicates: a QR of a matrix with one row per PSU, its multipliers times √(Σ wᵢ²)
  /// over the PSU's rows — the same cross-product matrix as the rows themselves, so the same R
  /// factor.
  static func rankDecisions(
    of storage: Storage, count: Int, groupOfRow: [Int32]?, groupCount: Int
  ) -> [(rank: Int, route: RankRoute)] {
    var decisions = [(rank: Int, route: RankRoute)](repeating: (-1, .qr), count: groupCount)
    if case .analysisWeights(let columns) = storage {
      let rowCount = columns.first?.count ?? 0
      var rowsOfGroup = [Int](repeating: 0, count: groupCount)
      if let groupOfRow {
        for group in groupOfRow where group >= 0 { rowsOfGroup[Int(group)] += 1 }
      } else if groupCount > 0 {
        rowsOfGroup[0] = rowCount
      }
      var largeOfGroup = [Int32](repeating: -1, count: groupCount)
      var largeGroups: [Int] = []
      for group in 0..<groupCount where rowsOfGroup[group] >= 4 * count {
        largeOfGroup[group] = Int32(largeGroups.count)
        largeGroups.append(group)
      }
      if !largeGroups.isEmpty {
        let groupOfRowAmongLarge = groupOfRow.map { $0.map { $0 >= 0 ? largeOfGroup[Int($0)] : -1 } }
        let products = ReplicateCrossProducts(
          columns: columns, groupOfRow: groupOfRowAmongLarge, groupCount: largeGroups.count)
        var sequences: [CrossProductRank?] = products.matrices.map {
          CrossProductRank(
            crossProduct: $0, count: count, tolerance: 1e-5,
            relativeError: ReplicateCrossProducts.relativeError(rowCount: rowCount))
        }
        var passes = 0
        var decidedFromRows = [Bool](repeating: false, count: largeGroups.count)
        while true {
          // Each sequence runs to its end or to a doubtful column.
          var requests = [ColumnResidualRequest?](repeating: nil, count: largeGroups.count)
          for large in largeGroups.indices {
            guard sequences[large] != nil else { continue }
            switch sequences[large]!.advance() {
            case .decided(let rank):
              decisions[largeGroups[large]] = (rank, decidedFromRows[large] ? .residuals : .crossProducts)
              sequences[large] = nil
            case .doubtful(let request):
              requests[large] = request
            }
          }
          guard requests.contains(where: { $0 != nil }) else { break }
          guard passes < maximumResidualPasses else { break }  // the QR decides the rest
          let residuals = ReplicateColumnResiduals.residuals(
            columns: columns, groupOfRow: groupOfRowAmongLarge, requests: requests)
          passes += 1
          for large in largeGroups.indices {
            guard let residual = residuals[large] else { continue }
            decidedFromRows[large] = true
            if sequences[large]!.decide(residual) == .tooClose { sequences[large] = nil }  // the QR decides
          }
        }
      }
    }
    // The QR for every group not decided above.
    let remaining = (0..<groupCount).filter { decisions[$0].rank < 0 }
    guard !remaining.isEmpty else { return decisions }
    var rowsOfGroup = [[Int]](repeating: [], count: groupCount)
    if let groupOfRow {
      let wanted = Set(remaining)
      for (row, group) in groupOfRow.enumerated() where group >= 0 && wanted.contains(Int(group)) {
        rowsOfGroup[Int(group)].append(row)
      }
    }
    var computed = [Int](repeating: 0, count: remaining.count)
    computed.withUnsafeMutableBufferPointer { computed in
      forEachConcurrently(remaining.count) { index in
        let group = remaining[index]
        computed[index] = qrRank(of: storage, count: count, rows: groupOfRow == nil ? nil : rowsOfGroup[group])
      }
    }
    for (index, group) in remaining.enumerated() { decisions[group] = (computed[index], .qr) }
    return decisions
  }

  /// The rank from a QR of the weights of `rows` (all rows when nil), in a working copy.
  private static func qrRank(of storage: Storage, count: Int, rows: [Int]?) -> Int {
    // Column-major: one column per replicate.
    var matrix: [Double]
    let rowCount: Int
    switch storage {
    case .analysisWeights(let columns):
      if let rows {
        rowCount = rows.count
        matrix = []
        matrix.reserveCapacity(rowCount * count)
        for column in columns { matrix.append(contentsOf: rows.lazy.map { column[$0] }) }
      } else {
        rowCount = columns.first?.count ?? 0
        matrix = Array(columns.joined())
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
