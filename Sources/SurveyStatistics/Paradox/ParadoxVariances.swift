/// What a paradox analysis needs from the design: the variances of the seven linearized
/// statistics (``ParadoxTable/Statistic``) of the whole sample and of every domain with their
/// degrees of freedom, and the joint covariance of every domain's gap and paradox share for the
/// between-domain comparisons.
struct ParadoxVariances {
  /// The variances of one (sub)sample.
  struct Statistics {
    /// The variance of each statistic, in ``ParadoxTable/Statistic`` order.
    var variances: [Double]
    /// PSUs − strata among the PSUs holding its respondents.
    var degreesOfFreedom: Int
    /// PSUs − strata among the PSUs holding its concerned respondents.
    var concernedDegreesOfFreedom: Int
  }

  var overall: Statistics
  /// In the order of the analysed domains.
  var domains: [Statistics]
  /// The 2D × 2D covariance of the domains' gaps (column 2·position) and paradox shares
  /// (2·position + 1), row-major; empty with fewer than two domains.
  var comparisonCovariance: [Double]
}

extension SurveyDesign {
  /// The variances of a paradox analysis.
  ///
  /// On an uncalibrated design, from one pass over the rows (``ParadoxTally``): per-domain
  /// variances identical to the row-level ones, and the comparison covariance from sparse
  /// (domain, PSU) totals (``DesignStructure/covariance(ofSparse:lonelyPSU:)``). On a calibrated
  /// design the influence values are projected on the calibration row by row (as R's
  /// `svyrecvar()`), so they are formed per row: per domain, and a block of comparison columns at a
  /// time (``calibratedCovariance(statisticCount:fill:)``).
  ///
  /// The comparison covariance of an uncalibrated design is computed from the PSU totals of every
  /// column (bit for bit the row-level result) while they take at most `denseComparisonLimit`
  /// values (32 MB by default: clustered designs), and from the sparse totals beyond (element
  /// designs with many domains), equal within rounding.
  ///
  /// - Parameters:
  ///   - cells: the 2×2 cell of every row, −1 for an incomplete row.
  ///   - domainIndices: the analysed domains (those with respondents), in order.
  ///   - coefficientsOfDomain: the coefficients of every domain of the partition (`nil` if unanalysed).
  ///   - denseComparisonLimit: the most PSU × column totals held for the dense comparison covariance.
  /// - Complexity: uncalibrated, one pass over the n rows, then O(e·D²) for the dense comparison
  ///   covariance or O(s + Σ_h k_h²) for the sparse one (e PSUs, D domains, s (domain, PSU) slots,
  ///   k_h ≤ 2D columns present in stratum h), in O(e + s + D²) memory plus at most 2²² totals;
  ///   calibrated, O(c·n·9D) time for a projection of cost c per column, O(7n + 2e·D) memory.
  func paradoxVariances(
    cells: [Int8], domainOfRow: [Int32], overallCoefficients: [[Double]?], coefficientsOfDomain: [[[Double]?]?],
    domainIndices: [Int], denseComparisonLimit: Int = 1 << 22
  ) -> ParadoxVariances {
    var positionOfDomain = [Int](repeating: -1, count: coefficientsOfDomain.count)
    for (position, index) in domainIndices.enumerated() { positionOfDomain[index] = position }
    let comparisonColumns = domainIndices.count > 1 ? 2 * domainIndices.count : 0

    if !isCalibrated {
      let tally = ParadoxTally(
        design: self, cells: cells, domainOfRow: domainOfRow, overallCoefficients: overallCoefficients,
        coefficientsOfDomain: coefficientsOfDomain)
      func statistics(_ totals: InfluenceTotals, degreesOfFreedom: Int, concerned: Int) -> ParadoxVariances.Statistics {
        let matrix = structure.covariance(of: totals, lonelyPSU: lonelyPSU)
        let k = totals.statisticCount
        return .init(
          variances: (0..<k).map { matrix[$0 * k + $0] }, degreesOfFreedom: degreesOfFreedom,
          concernedDegreesOfFreedom: concerned)
      }
      let overall = statistics(
        tally.overall, degreesOfFreedom: tally.overallDegreesOfFreedom(concernedOnly: false),
        concerned: tally.overallDegreesOfFreedom(concernedOnly: true))
      let domains = domainIndices.map { index in
        statistics(
          tally.totals(ofDomain: index),
          degreesOfFreedom: tally.degreesOfFreedom(ofDomain: index, concernedOnly: false),
          concerned: tally.degreesOfFreedom(ofDomain: index, concernedOnly: true))
      }
      var comparison: [Double] = []
      if comparisonColumns > 0 {
        let totals = tally.comparisonTotals(positionOfDomain: positionOfDomain, groupCount: domainIndices.count)
        comparison = totals.psus.count * comparisonColumns <= denseComparisonLimit
          ? structure.covariance(of: totals.stacked, lonelyPSU: lonelyPSU)
          : structure.covariance(ofSparse: totals, lonelyPSU: lonelyPSU)
      }
      return ParadoxVariances(overall: overall, domains: domains, comparisonCovariance: comparison)
    }

    // Calibrated: row-level influence values, zᵢ = wᵢ·a_θ[cell of i] with the coefficients of the
    // whole sample, then refilled with those of each row's domain.
    let statisticCount = ParadoxTable.Statistic.allCases.count
    var influence = [Double](repeating: 0, count: respondentCount * statisticCount)
    func fill(coefficientsOfRow: (Int) -> [[Double]?]?) {
      for row in cells.indices where cells[row] >= 0 {
        guard let coefficients = coefficientsOfRow(row) else { continue }
        let cell = Int(cells[row])
        for statistic in 0..<statisticCount {
          influence[row * statisticCount + statistic] = coefficients[statistic].map { weights[row] * $0[cell] } ?? 0
        }
      }
    }
    func statistics(isActive: (Int) -> Bool) -> ParadoxVariances.Statistics {
      let matrix = covariance(rowInfluence: influence, statisticCount: statisticCount, isActive: isActive)
      return .init(
        variances: (0..<statisticCount).map { matrix[$0 * statisticCount + $0] },
        degreesOfFreedom: degreesOfFreedom(includingRows: isActive),
        concernedDegreesOfFreedom: degreesOfFreedom(includingRows: { isActive($0) && cells[$0] >= 2 }))
    }
    fill { _ in overallCoefficients }
    let overall = statistics { cells[$0] >= 0 }
    if !domainIndices.isEmpty {
      fill { row in domainOfRow[row] >= 0 ? coefficientsOfDomain[Int(domainOfRow[row])] : nil }
    }
    let domains = domainIndices.map { index in
      let domain = Int32(index)
      return statistics { cells[$0] >= 0 && domainOfRow[$0] == domain }
    }
    influence = []
    guard comparisonColumns > 0 else {
      return ParadoxVariances(overall: overall, domains: domains, comparisonCovariance: [])
    }
    let measures = [ParadoxTable.Statistic.gap.rawValue, ParadoxTable.Statistic.paradoxShare.rawValue]
    let comparison = calibratedCovariance(statisticCount: comparisonColumns) { columns, block in
      let width = columns.count
      for row in cells.indices where cells[row] >= 0 && domainOfRow[row] >= 0 {
        let position = positionOfDomain[Int(domainOfRow[row])]
        guard position >= 0, let coefficients = coefficientsOfDomain[Int(domainOfRow[row])] else { continue }
        let cell = Int(cells[row])
        for (offset, measure) in measures.enumerated() {
          let column = 2 * position + offset - columns.lowerBound
          guard column >= 0, column < width, let coefficient = coefficients[measure] else { continue }
          block[row * width + column] = weights[row] * coefficient[cell]
        }
      }
    }
    return ParadoxVariances(overall: overall, domains: domains, comparisonCovariance: comparison)
  }
}
