extension SurveyDesign {
  /// The covariance of k statistics on a calibrated design from row-level influence values that
  /// are produced a block of columns at a time, so that no n × k matrix is held.
  ///
  /// The result is that of ``covariance(rowInfluence:statisticCount:isActive:)`` on the full
  /// matrix, bit for bit: the projection on the calibration treats every column on its own, and the
  /// PSU totals of each column are summed over all rows in row order, PSUs in order of first
  /// appearance; the stratified variance is then applied once to the stacked totals.
  ///
  /// - Parameters:
  ///   - statisticCount: k.
  ///   - fill: writes the influence values of the columns `columns` into `block`, row-major
  ///     (`columns.count` per row, already zero), leaving zero the rows that are not active.
  /// - Returns: the k × k covariance, row-major.
  /// - Complexity: O(c·n·k + e·k²) time for a projection of cost c per column and e PSUs; memory
  ///   O(n·b + e·k) for blocks of b columns, b·n ≤ 2²².
  func calibratedCovariance(statisticCount k: Int, fill: (Range<Int>, inout [Double]) -> Void) -> [Double] {
    precondition(isCalibrated, "row-level projection is for calibrated designs")
    let n = respondentCount
    let width = max(1, min(k, (1 << 22) / max(n, 1)))
    var entryOfPSU = [Int32](repeating: -1, count: psuCount)
    var psus: [Int32] = []
    for psu in structure.psuOfRow where entryOfPSU[Int(psu)] < 0 {
      entryOfPSU[Int(psu)] = Int32(psus.count)
      psus.append(psu)
    }
    var stacked = InfluenceTotals(statisticCount: k)
    stacked.psus = psus
    stacked.totals = [Double](repeating: 0, count: psus.count * k)
    var block: [Double] = []
    for start in stride(from: 0, to: k, by: width) {
      let columns = start..<min(start + width, k)
      block = [Double](repeating: 0, count: n * columns.count)
      fill(columns, &block)
      calibrations.project(&block, statisticCount: columns.count)
      for row in 0..<n {
        let base = Int(entryOfPSU[Int(structure.psuOfRow[row])]) * k + start
        let rowBase = row * columns.count
        for offset in 0..<columns.count { stacked.totals[base + offset] += block[rowBase + offset] }
      }
    }
    return structure.covariance(of: stacked, lonelyPSU: lonelyPSU)
  }
}
