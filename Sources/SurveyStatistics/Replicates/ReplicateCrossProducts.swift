/// The cross-product matrices AᵀA of the replicate weights over the rows of each group, in one pass
/// over the rows: the input of ``CrossProductRank``, which reproduces the rank R takes from a QR
/// of A itself.
///
/// The rows are taken a block at a time; within a block the rows of each group are gathered into a
/// contiguous R-column buffer and every product Σ a_ir·a_is is accumulated in eight lanes (eight
/// rows at once), as ``WeightedNormalEquations`` does for models. Each block's sums are added to
/// the group's totals, so a product is a sum of at most `blockRows / 8 + 8` terms plus one term per
/// block: ``relativeError(rowCount:)`` bounds the rounding error this leaves.
struct ReplicateCrossProducts {
  /// The rows taken at a time.
  static let blockRows = 1024
  typealias Lanes = SIMD8<Double>

  /// The number of replicates R.
  let count: Int
  /// Per group, AᵀA over its rows: R × R, row-major, both triangles.
  let matrices: [[Double]]
  /// Per group, its number of rows.
  let rowCounts: [Int]

  /// The products of `columns` (R columns of equal length) over the rows of each group;
  /// `groupOfRow` nil puts every row in one group, and a negative group leaves a row out.
  ///
  /// - Complexity: O(n·R²/2), on every processor.
  init(columns: [[Double]], groupOfRow: [Int32]?, groupCount: Int) {
    let count = columns.count
    let rowCount = columns.first?.count ?? 0
    self.count = count
    var rowCounts = [Int](repeating: 0, count: groupCount)
    if let groupOfRow {
      for group in groupOfRow where group >= 0 { rowCounts[Int(group)] += 1 }
    } else if groupCount > 0 {
      rowCounts[0] = rowCount
    }
    self.rowCounts = rowCounts
    let blocks = (rowCount + Self.blockRows - 1) / Self.blockRows
    let workers = max(1, min(availableProcessorCount(), blocks))
    // Each worker adds its blocks into its own matrices; the workers' sums are added at the end,
    // in worker order, so the result does not depend on timing.
    let workerMatrices = (0..<workers).map { _ in
      UnsafeMutablePointer<Double>.allocate(capacity: max(groupCount * count * count, 1))
    }
    defer { for matrix in workerMatrices { matrix.deallocate() } }
    let pointers = columns.map { $0.withUnsafeBufferPointer { $0.baseAddress } }
    // The arrays stay alive (and unmoved) for the whole initializer: `columns` holds them.
    withExtendedLifetime(columns) {
      forEachConcurrently(workers) { worker in
        let sums = workerMatrices[worker]
        sums.initialize(repeating: 0, count: max(groupCount * count * count, 1))
        let firstBlock = blocks * worker / workers, endBlock = blocks * (worker + 1) / workers
        Self.accumulate(
          columns: pointers, rows: (firstBlock * Self.blockRows)..<min(endBlock * Self.blockRows, rowCount),
          groupOfRow: groupOfRow, groupCount: groupCount, count: count, into: sums)
      }
    }
    var matrices = [[Double]](repeating: [], count: groupCount)
    for group in 0..<groupCount {
      var matrix = [Double](repeating: 0, count: count * count)
      for worker in 0..<workers {
        let sums = workerMatrices[worker] + group * count * count
        for entry in 0..<(count * count) { matrix[entry] += sums[entry] }
      }
      for r in 0..<count {
        for s in 0..<r { matrix[r * count + s] = matrix[s * count + r] }
      }
      matrices[group] = matrix
    }
    self.matrices = matrices
  }

  /// A bound on the rounding error of each product relative to √(Σ a_ir²·Σ a_is²), for a pass
  /// over `rowCount` rows (all rows, whatever the group: a group's rows may lie in every block):
  /// the terms of the longest sum times the unit roundoff, doubled. A matrix that is the sum of
  /// `summedGroups` groups' matrices (the rows of all of them) adds as many terms.
  static func relativeError(rowCount: Int, summedGroups: Int = 0) -> Double {
    let terms = blockRows / Lanes.scalarCount + Lanes.scalarCount + rowCount / blockRows + 2 * availableProcessorCount() + 2
      + summedGroups
    return 2 * Double(terms) * Double.ulpOfOne
  }

  /// Adds the products over `rows` into `sums` (the upper triangle of each group's matrix).
  private static func accumulate(
    columns: [UnsafePointer<Double>?], rows: Range<Int>, groupOfRow: [Int32]?, groupCount: Int, count: Int,
    into sums: UnsafeMutablePointer<Double>
  ) {
    guard !rows.isEmpty, count > 0 else { return }
    // R columns and three zero columns (products are taken four columns at a time), each up to
    // `blockRows` long: the gathered rows of one group in one block, padded with zeros to a
    // multiple of 8.
    let paddedCount = count + 3
    let buffer = UnsafeMutableRawPointer.allocate(
      byteCount: paddedCount * blockRows * MemoryLayout<Double>.stride, alignment: 64)
    defer { buffer.deallocate() }
    buffer.initializeMemory(as: Double.self, repeating: 0, count: paddedCount * blockRows)
    var positions = [[Int32]](repeating: [], count: groupCount)
    var start = rows.lowerBound
    while start < rows.upperBound {
      let end = min(start + blockRows, rows.upperBound)
      for group in 0..<groupCount { positions[group].removeAll(keepingCapacity: true) }
      if let groupOfRow {
        for row in start..<end where groupOfRow[row] >= 0 { positions[Int(groupOfRow[row])].append(Int32(row - start)) }
      }
      for group in 0..<groupCount {
        let gathered = groupOfRow == nil ? end - start : positions[group].count
        guard gathered > 0 else { continue }
        let stride = (gathered + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
        let values = buffer.assumingMemoryBound(to: Double.self)
        for column in 0..<count {
          let source = columns[column].unsafelyUnwrapped + start
          let target = values + column * stride
          if groupOfRow == nil {
            target.update(from: source, count: gathered)
          } else {
            positions[group].withUnsafeBufferPointer { positions in
              for (index, position) in positions.enumerated() { target[index] = source[Int(position)] }
            }
          }
          for index in gathered..<stride { target[index] = 0 }
        }
        for column in count..<paddedCount { (values + column * stride).update(repeating: 0, count: stride) }
        addProducts(of: buffer, count: count, stride: stride, into: sums + group * count * count)
      }
      start = end
    }
  }

  /// Adds Σ x_r·x_s over the gathered rows for every r ≤ s: four products at a time, eight rows per
  /// vector operation.
  private static func addProducts(
    of buffer: UnsafeMutableRawPointer, count: Int, stride: Int, into sums: UnsafeMutablePointer<Double>
  ) {
    let vectors = stride / Lanes.scalarCount
    let columnBytes = stride * MemoryLayout<Double>.stride
    let vectorBytes = MemoryLayout<Lanes>.stride
    for r in 0..<count {
      let left = UnsafeRawPointer(buffer) + r * columnBytes
      var s = r
      while s < count {
        let right = UnsafeRawPointer(buffer) + s * columnBytes
        var sum0 = Lanes.zero, sum1 = Lanes.zero, sum2 = Lanes.zero, sum3 = Lanes.zero
        for vector in 0..<vectors {
          let offset = vector * vectorBytes
          let x = left.load(fromByteOffset: offset, as: Lanes.self)
          sum0 += x * right.load(fromByteOffset: offset, as: Lanes.self)
          sum1 += x * right.load(fromByteOffset: offset + columnBytes, as: Lanes.self)
          sum2 += x * right.load(fromByteOffset: offset + 2 * columnBytes, as: Lanes.self)
          sum3 += x * right.load(fromByteOffset: offset + 3 * columnBytes, as: Lanes.self)
        }
        let row = sums + r * count
        row[s] += sum0.sum()
        if s + 1 < count { row[s + 1] += sum1.sum() }
        if s + 2 < count { row[s + 2] += sum2.sum() }
        if s + 3 < count { row[s + 3] += sum3.sum() }
        s += 4
      }
    }
  }
}
