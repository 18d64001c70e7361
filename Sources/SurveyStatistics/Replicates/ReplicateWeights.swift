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
  /// The rank of the replicate-weight matrix minus one (R's `degf()` of the design), computed when
  /// first needed (by the first estimate by domains, in its pass over the rows, when it comes
  /// first) and then kept.
  package var degreesOfFreedom: Int {
    if let known = rankCache.rankOfAllRows { return known - 1 }
    let rank = Self.ranks(of: storage, count: count, groupOfRow: nil, groupCount: 1)[0]
    rankCache.rememberRankOfAllRows(rank)
    return rank - 1
  }
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
    cellTotals(cellOfRow: cellOfRow, cellCount: cellCount, valueColumns: [values])[0]
  }

  /// The totals of ``cellTotals(cellOfRow:cellCount:values:)`` for each of `valueColumns` (nil
  /// counts 1), in one pass over each replicate's weights: the numerator and denominator of a
  /// ratio read the weights once. Each total adds the same terms in the same order as on its own.
  func cellTotals(cellOfRow: [Int32], cellCount: Int, valueColumns: [[Double]?]) -> [[Double]] {
    switch storage {
    case .analysisWeights(let columns):
      // The rows that count, with their cell and values, once; then one contiguous pass per
      // replicate column.
      var countedRows: [Int32] = [], countedCells: [Int32] = []
      countedRows.reserveCapacity(cellOfRow.count)
      countedCells.reserveCapacity(cellOfRow.count)
      for (row, cell) in cellOfRow.enumerated() where cell >= 0 {
        countedRows.append(Int32(row))
        countedCells.append(cell)
      }
      let countedValues = valueColumns.map { values in
        values.map { values in countedRows.map { values[Int($0)] } } ?? [Double](repeating: 1, count: countedRows.count)
      }
      let allRows = countedRows.count == cellOfRow.count
      var totals = valueColumns.map { _ in [Double](repeating: 0, count: count * cellCount) }
      let cellCount = cellCount
      let totalsBases = totals.indices.map { index in
        totals[index].withUnsafeMutableBufferPointer { $0.baseAddress.unsafelyUnwrapped }
      }
      let valueBases = countedValues.map { $0.withUnsafeBufferPointer { $0.baseAddress.unsafelyUnwrapped } }
      // The arrays stay alive (and unmoved) until the pass ends: `totals` and `countedValues` hold them.
      withExtendedLifetime((totals, countedValues)) {
        countedRows.withUnsafeBufferPointer { rows in
          countedCells.withUnsafeBufferPointer { cells in
            forEachConcurrently(count) { replicate in
              columns[replicate].withUnsafeBufferPointer { weights in
                Self.addCellTotals(
                  weights: weights, rows: allRows ? nil : rows, cells: cells, values: valueBases,
                  into: totalsBases.map { $0 + replicate * cellCount })
              }
            }
          }
        }
      }
      return totals
    case .psuMultipliers(let multipliers, let psuOfRow, let psuCount, let weights):
      return valueColumns.map { values in
        // Σ wᵢvᵢ by (PSU, cell), then each replicate's multipliers.
        var totals = [Double](repeating: 0, count: count * cellCount)
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
        return totals
      }
    }
  }

  /// Σ weights[row]·values[v][index] into `totals[v][cell]` for the counted rows (all rows, in
  /// order, when `rows` is nil), each row once for every value column.
  private static func addCellTotals(
    weights: UnsafeBufferPointer<Double>, rows: UnsafeBufferPointer<Int32>?, cells: UnsafeBufferPointer<Int32>,
    values: [UnsafePointer<Double>], into totals: [UnsafeMutablePointer<Double>]
  ) {
    if values.count == 2 {
      let top = totals[0], bottom = totals[1], numerator = values[0], denominator = values[1]
      if let rows {
        for index in cells.indices {
          let weight = weights[Int(rows[index])], cell = Int(cells[index])
          top[cell] += weight * numerator[index]
          bottom[cell] += weight * denominator[index]
        }
      } else {
        for index in cells.indices {
          let weight = weights[index], cell = Int(cells[index])
          top[cell] += weight * numerator[index]
          bottom[cell] += weight * denominator[index]
        }
      }
      return
    }
    for (values, totals) in zip(values, totals) {
      if let rows {
        for index in cells.indices { totals[Int(cells[index])] += weights[Int(rows[index])] * values[index] }
      } else {
        for index in cells.indices { totals[Int(cells[index])] += weights[index] * values[index] }
      }
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
    // The rank over all rows, if not yet known, from the same pass (the summary of the estimates
    // needs it).
    let computed = Self.rankDecisions(
      of: storage, count: count, groupOfRow: groupOfRow, groupCount: uncomputed.count,
      includingAllRows: rankCache.rankOfAllRows == nil)
    for (group, domain) in uncomputed.enumerated() {
      ranks[domain] = computed.groups[group].rank
      rankCache.remember(computed.groups[group].rank, forRows: rows[domain])
    }
    if let allRows = computed.allRows { rankCache.rememberRankOfAllRows(allRows.rank) }
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
  static func rankDecisions(
    of storage: Storage, count: Int, groupOfRow: [Int32]?, groupCount: Int
  ) -> [(rank: Int, route: RankRoute)] {
    rankDecisions(of: storage, count: count, groupOfRow: groupOfRow, groupCount: groupCount, includingAllRows: false)
      .groups
  }

  /// The rank over the rows of each group (all rows in group 0 when `groupOfRow` is nil), and
  /// which computation decided it; with `includingAllRows`, also the rank over all rows when the
  /// same pass can give it (nil otherwise: compute it on its own).
  ///
  /// Supplied weights: a group of at least 4R rows takes the rank from its R × R cross products
  /// (``ReplicateCrossProducts``, ``CrossProductRank``), which reach R's decision without a copy of
  /// the weights; a column they cannot decide is decided from its residual on the kept columns,
  /// computed from the rows (``ReplicateColumnResiduals``: one pass for all groups waiting); a
  /// smaller group, or one with a column too close to call even from the data, from a QR of its
  /// rows (``linpackRank(columnMajor:rowCount:columnCount:tolerance:)``), as R computes it. The
  /// rows of no large group then form one more group of the same pass, and the cross products over
  /// all rows are the sum of the groups' (the bound of ``CrossProductRank`` counting the groups
  /// summed: ``ReplicateCrossProducts/relativeError(rowCount:summedGroups:)``), so that all rows
  /// cost no second pass; their doubtful columns take a pass of their own.
  ///
  /// Created replicates: a QR of a matrix with one row per PSU, its multipliers times √(Σ wᵢ²)
  /// over the PSU's rows — the same cross-product matrix as the rows themselves, so the same R
  /// factor.
  static func rankDecisions(
    of storage: Storage, count: Int, groupOfRow: [Int32]?, groupCount: Int, includingAllRows: Bool
  ) -> (groups: [(rank: Int, route: RankRoute)], allRows: (rank: Int, route: RankRoute)?) {
    var decisions = [(rank: Int, route: RankRoute)](repeating: (-1, .qr), count: groupCount)
    var allRowsDecision: (rank: Int, route: RankRoute)?
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
      let groupOfRowAmongLarge = groupOfRow.map { $0.map { $0 >= 0 ? largeOfGroup[Int($0)] : -1 } }
      // All rows from the same pass: the rows of no large group as one more group.
      let allRowsFromGroups = includingAllRows && groupOfRow != nil && rowCount >= 4 * count
      var productGroupOfRow = groupOfRowAmongLarge
      var productGroupCount = largeGroups.count
      if allRowsFromGroups, let among = groupOfRowAmongLarge, among.contains(-1) {
        let rest = Int32(largeGroups.count)
        productGroupOfRow = among.map { $0 >= 0 ? $0 : rest }
        productGroupCount += 1
      }
      if productGroupCount > 0 {
        let products = ReplicateCrossProducts(
          columns: columns, groupOfRow: productGroupOfRow, groupCount: productGroupCount)
        // Sequences 0..<L are the large groups'; sequence L, when present, all rows'.
        var sequences: [CrossProductRank?] = products.matrices.prefix(largeGroups.count).map {
          CrossProductRank(
            crossProduct: $0, count: count, tolerance: 1e-5,
            relativeError: ReplicateCrossProducts.relativeError(rowCount: rowCount))
        }
        if allRowsFromGroups {
          var sum = products.matrices[0]
          for group in 1..<productGroupCount {
            let matrix = products.matrices[group]
            for entry in sum.indices { sum[entry] += matrix[entry] }
          }
          sequences.append(CrossProductRank(
            crossProduct: sum, count: count, tolerance: 1e-5,
            relativeError: ReplicateCrossProducts.relativeError(rowCount: rowCount, summedGroups: productGroupCount)))
        }
        let large = largeGroups.count
        var passes = 0
        var decidedFromRows = [Bool](repeating: false, count: sequences.count)
        func record(_ sequence: Int, _ decision: (rank: Int, route: RankRoute)) {
          if sequence < large { decisions[largeGroups[sequence]] = decision } else { allRowsDecision = decision }
        }
        while true {
          // Each sequence runs to its end or to a doubtful column.
          var requests = [ColumnResidualRequest?](repeating: nil, count: sequences.count)
          for sequence in sequences.indices {
            guard sequences[sequence] != nil else { continue }
            switch sequences[sequence]!.advance() {
            case .decided(let rank):
              record(sequence, (rank, decidedFromRows[sequence] ? .residuals : .crossProducts))
              sequences[sequence] = nil
            case .doubtful(let request):
              requests[sequence] = request
            }
          }
          guard requests.contains(where: { $0 != nil }) else { break }
          guard passes < maximumResidualPasses else { break }  // the QR decides the rest
          var residuals = [ColumnResidual?](repeating: nil, count: sequences.count)
          if requests.prefix(large).contains(where: { $0 != nil }) {
            residuals.replaceSubrange(0..<large, with: ReplicateColumnResiduals.residuals(
              columns: columns, groupOfRow: groupOfRowAmongLarge, requests: Array(requests.prefix(large))))
          }
          if allRowsFromGroups, let request = requests[large] {
            residuals[large] = ReplicateColumnResiduals.residuals(columns: columns, groupOfRow: nil, requests: [request])[0]
          }
          passes += 1
          for sequence in sequences.indices {
            guard let residual = residuals[sequence] else { continue }
            decidedFromRows[sequence] = true
            if sequences[sequence]!.decide(residual) == .tooClose { sequences[sequence] = nil }  // the QR decides
          }
        }
      }
    }
    // The QR for every group not decided above.
    let remaining = (0..<groupCount).filter { decisions[$0].rank < 0 }
    guard !remaining.isEmpty else { return (decisions, allRows(decisions)) }
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
    return (decisions, allRows(decisions))

    /// All rows' decision: group 0's when it holds every row.
    func allRows(_ decisions: [(rank: Int, route: RankRoute)]) -> (rank: Int, route: RankRoute)? {
      guard includingAllRows else { return nil }
      return groupOfRow == nil && groupCount == 1 ? decisions[0] : allRowsDecision
    }
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
