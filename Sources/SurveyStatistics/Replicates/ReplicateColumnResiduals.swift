/// What the data must compute for a column the cross products cannot decide: its residual on the
/// columns kept before it, for ``CrossProductRank/decide(_:)``.
package struct ColumnResidualRequest: Equatable, Sendable {
  /// The doubtful column j.
  package let column: Int
  /// The kept columns K, in order.
  package let kept: [Int]
  /// b: column j's coefficients on the kept columns, in the order of `kept`.
  package let coefficients: [Double]
}

/// The residual r̂ = a_j − A_K·b of a doubtful column over a group's rows, as its sums.
package struct ColumnResidual: Sendable {
  /// The coefficients b it was computed with.
  let coefficients: [Double]
  /// s = Σ r̂_i².
  let squaredNorm: Double
  /// c = A_Kᵀ r̂: Σ a_ik·r̂_i for each kept column, in the order of the request's `kept`.
  let products: [Double]
  /// γ_m for the sums s and c (``ReplicateColumnResiduals/relativeError(rowCount:)``; a
  /// database's sums in any order: ``ReplicateRankDecision/relativeError(rowCount:summedGroups:)``).
  let relativeError: Double

  package init(coefficients: [Double], squaredNorm: Double, products: [Double], relativeError: Double) {
    self.coefficients = coefficients
    self.squaredNorm = squaredNorm
    self.products = products
    self.relativeError = relativeError
  }
}

/// The residuals of doubtful columns on the kept columns, computed from the replicate weights in
/// one pass over the rows, every group with its own request: the same groups, `groupOfRow`
/// semantics and blocks of rows as ``ReplicateCrossProducts``.
///
/// Per row, r̂_i = a_ij − Σ_k b_k·a_ik is formed in the order of the kept columns (a dot product
/// of length K + 1, whose rounding ``CrossProductRank/decide(_:)`` bounds); then s = Σ r̂_i² and
/// c_k = Σ a_ik·r̂_i are summed within a block of rows, each block's sums added to the worker's
/// totals, and the workers' totals added in worker order (so the result does not depend on
/// timing).
enum ReplicateColumnResiduals {
  /// The rows taken at a time.
  static let blockRows = 1024

  /// The residual of each group's requested column (nil where a group has no request).
  ///
  /// - Parameters:
  ///   - columns: the R replicate-weight columns, of equal length.
  ///   - groupOfRow: the group of each row; nil puts every row in group 0, and a negative group
  ///     leaves a row out.
  ///   - requests: one per group.
  /// - Complexity: O(n·K) for n rows in groups with a request, on every processor.
  static func residuals(
    columns: [[Double]], groupOfRow: [Int32]?, requests: [ColumnResidualRequest?]
  ) -> [ColumnResidual?] {
    let groupCount = requests.count
    let rowCount = columns.first?.count ?? 0
    guard requests.contains(where: { $0 != nil }), rowCount > 0 else { return requests.map { _ in nil } }
    // Per group: its offset into a worker's sums (s, then c for each kept column).
    var offsets = [Int](repeating: 0, count: groupCount + 1)
    for group in 0..<groupCount { offsets[group + 1] = offsets[group] + (requests[group].map { 1 + $0.kept.count } ?? 0) }
    let width = offsets[groupCount]
    let blocks = (rowCount + blockRows - 1) / blockRows
    let workers = max(1, min(availableProcessorCount(), blocks))
    var workerSums = [[Double]](repeating: [], count: workers)
    let pointers = columns.map { $0.withUnsafeBufferPointer { $0.baseAddress.unsafelyUnwrapped } }
    withExtendedLifetime(columns) {
      workerSums.withUnsafeMutableBufferPointer { workerSums in
        forEachConcurrently(workers) { worker in
          let firstBlock = blocks * worker / workers, endBlock = blocks * (worker + 1) / workers
          workerSums[worker] = accumulate(
            columns: pointers, rows: (firstBlock * blockRows)..<min(endBlock * blockRows, rowCount),
            groupOfRow: groupOfRow, requests: requests, offsets: offsets, width: width)
        }
      }
    }
    return (0..<groupCount).map { group in
      guard let request = requests[group] else { return nil }
      var sums = [Double](repeating: 0, count: 1 + request.kept.count)
      for worker in 0..<workers {
        for entry in sums.indices { sums[entry] += workerSums[worker][offsets[group] + entry] }
      }
      return ColumnResidual(
        coefficients: request.coefficients, squaredNorm: sums[0], products: Array(sums.dropFirst()),
        relativeError: relativeError(rowCount: rowCount))
    }
  }

  /// γ_m = mε/(1 − mε) for the sums of a pass over `rowCount` rows (all rows, whatever the
  /// group: a group's rows may lie in every block), m the longest chain of additions a term goes
  /// through: within its block (up to `blockRows`), into its worker's total (one per block), into
  /// the workers' sum.
  static func relativeError(rowCount: Int) -> Double {
    let m = Double(blockRows + rowCount / blockRows + 2 * availableProcessorCount() + 2)
    return m * Double.ulpOfOne / (1 - m * Double.ulpOfOne)
  }

  /// The sums of the groups' residuals over `rows`: for each group with a request, s then c, at
  /// its offset.
  private static func accumulate(
    columns: [UnsafePointer<Double>], rows: Range<Int>, groupOfRow: [Int32]?, requests: [ColumnResidualRequest?],
    offsets: [Int], width: Int
  ) -> [Double] {
    var totals = [Double](repeating: 0, count: width)
    guard !rows.isEmpty else { return totals }
    let groupCount = requests.count
    let longest = requests.reduce(0) { max($0, ($1?.kept.count ?? 0) + 1) }
    // The gathered values of one group in one block: the requested column, then the kept ones,
    // each `blockRows` long; and the residuals.
    let values = UnsafeMutablePointer<Double>.allocate(capacity: longest * blockRows)
    defer { values.deallocate() }
    let residuals = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
    defer { residuals.deallocate() }
    var positions = [[Int]](repeating: [], count: groupCount)
    var start = rows.lowerBound
    while start < rows.upperBound {
      let end = min(start + blockRows, rows.upperBound)
      if let groupOfRow {
        for group in 0..<groupCount { positions[group].removeAll(keepingCapacity: true) }
        for row in start..<end {
          let group = Int(groupOfRow[row])
          if group >= 0 && requests[group] != nil { positions[group].append(row - start) }
        }
      }
      for group in 0..<groupCount {
        guard let request = requests[group] else { continue }
        let gathered = groupOfRow == nil ? end - start : positions[group].count
        guard gathered > 0 else { continue }
        let needed = [request.column] + request.kept
        for (slot, column) in needed.enumerated() {
          let source = columns[column] + start
          let target = values + slot * blockRows
          if groupOfRow == nil {
            target.update(from: source, count: gathered)
          } else {
            for (index, position) in positions[group].enumerated() { target[index] = source[position] }
          }
        }
        // r̂ = a_j − Σ_k b_k·a_k, k in order.
        residuals.update(from: values, count: gathered)
        for (k, coefficient) in request.coefficients.enumerated() {
          let kept = values + (k + 1) * blockRows
          for index in 0..<gathered { residuals[index] -= coefficient * kept[index] }
        }
        let offset = offsets[group]
        totals[offset] += dot(residuals, residuals, count: gathered)
        for k in request.kept.indices {
          totals[offset + 1 + k] += dot(values + (k + 1) * blockRows, residuals, count: gathered)
        }
      }
      start = end
    }
    return totals
  }

  /// Σ x_i·y_i, in order.
  private static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
    var sum = 0.0
    for index in 0..<count { sum += x[index] * y[index] }
    return sum
  }
}
