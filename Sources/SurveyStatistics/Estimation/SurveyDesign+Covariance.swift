extension SurveyDesign {
  /// The linearized covariance matrix of k statistics from their row-level influence values.
  ///
  /// This is the general entry point every estimator can use (R survey's `svyrecvar()`):
  /// influence values zᵢ (row-major, `statisticCount` per row, zero outside the domain) are summed
  /// by PSU over the rows for which `isActive` is true, and the stratified variance of
  /// `DesignStructure.covariance(of:lonelyPSU:)` is applied. PSUs without active rows count as
  /// zeros; strata without active rows are absent (as rows dropped by R's `subset`).
  ///
  /// On a calibrated design (post-stratified or raked, ``isCalibrated``) the influence values of
  /// inactive rows are set to 0, projected on the calibration as R's `svyrecvar()` does
  /// (see ``raked(to:options:)``), and summed over every row: as in R, where `subset()` of a
  /// calibrated design keeps all rows with weight 0, every PSU and stratum stays present.
  ///
  /// On a design with replicate weights this is still the linearized covariance over the declared
  /// strata and PSUs; the estimators take their variances from the replicates instead.
  ///
  /// - Parameters:
  ///   - rowInfluence: n × k influence values, row-major.
  ///   - statisticCount: k.
  ///   - isActive: whether a row belongs to the estimation domain and has a value.
  /// - Returns: the k × k covariance, row-major.
  /// - Complexity: O(n·k + e·k²) for e active PSUs.
  package func covariance(
    rowInfluence: [Double], statisticCount: Int, isActive: (Int) -> Bool
  ) -> [Double] {
    precondition(rowInfluence.count == respondentCount * statisticCount, "one row of influence values per respondent")
    if isCalibrated {
      // R keeps every row of a calibrated design (a domain gives weight 0 to the others), projects
      // the influence values on the calibration, then sums them by PSU over all rows.
      var projected = rowInfluence
      for row in 0..<respondentCount where !isActive(row) {
        for statistic in 0..<statisticCount { projected[row * statisticCount + statistic] = 0 }
      }
      calibrations.project(&projected, statisticCount: statisticCount)
      let totals = InfluenceTotals(
        rowInfluence: projected, statisticCount: statisticCount, isActive: { _ in true },
        psuOfRow: structure.psuOfRow, psuCount: psuCount)
      return structure.covariance(of: totals, lonelyPSU: lonelyPSU)
    }
    let totals = InfluenceTotals(
      rowInfluence: rowInfluence, statisticCount: statisticCount, isActive: isActive,
      psuOfRow: structure.psuOfRow, psuCount: psuCount)
    return structure.covariance(of: totals, lonelyPSU: lonelyPSU)
  }

  /// PSUs − strata among the PSUs that hold rows for which `isIncluded` is true (R's `degf()` of
  /// the design restricted to those rows); with replicate weights, the rank of those rows'
  /// replicate weights minus one.
  package func degreesOfFreedom(includingRows isIncluded: (Int) -> Bool) -> Int {
    if let replicates {
      let rows = (0..<respondentCount).filter(isIncluded)
      return rows.isEmpty ? -1 : replicates.rank(ofRows: rows) - 1
    }
    return structure.degreesOfFreedom(includingRows: isIncluded)
  }
}
