extension SurveyDesign {
  /// The share of respondents for whom `indicator` holds in every group of `groupVariable`, and
  /// every pairwise difference with its design-based t test and Holm-adjusted p-value: R's
  /// `svycontrast(svyby(~y, ~group, subset(design, !is.na(y)), svymean, covmat = TRUE), …)` with
  /// `p.adjust(p, "holm")` (see ``ShareComparisons`` for the formulas).
  ///
  /// Respondents without an answer, or without a group, are left out (masked: every PSU of the
  /// design keeps its place). Groups without any respondent with an answer are left out.
  ///
  /// Under the `average` lonely-PSU policy the covariance rescales by the strata holding any
  /// compared row (one joint computation), where each group's own variance rescales by the strata
  /// holding that group.
  ///
  /// - Parameters:
  ///   - indicator: the answers counted (`protect in {yes}`).
  ///   - groupVariable: the variable whose groups are compared.
  ///   - method: the interval method of each group's share (R's `svyciprop` default, logit).
  ///   - level: the confidence level of every interval.
  /// - Throws: ``SurveyError`` when a variable is missing or the level is not in (0, 1);
  ///   ``ParadoxError/valuesNeverObserved(indicator:role:observed:)`` when no respondent gives the
  ///   counted answers.
  /// - Complexity: O(n·G + e·G²) for n rows, G groups and e PSUs; on a replicate design O(n·R).
  public func shareComparisons(
    of indicator: Indicator, by groupVariable: String, method: IntervalMethod = .logit, level: Double = 0.95
  ) throws -> ShareComparisons {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let codes = try indicator.codes(in: survey, role: "compared answer")
    let values = CategoricalValues(codes: codes.map(Int32.init), levels: ["0", "1"])
    let analysed = try survey.variable(named: indicator.variable)
    let partition = try DomainPartition(survey: survey, by: [groupVariable])
    let shares = try proportions(
      of: analysed, values: values, partition: partition, categories: [1], method: method, level: level)
    // The partition's position of each group that has a share.
    let groups = shares.map { share in partition.domains.firstIndex(of: share.domain)! }
    let isCompared = { (row: Int) in partition.domainOfRow[row] >= 0 && codes[row] >= 0 }
    let covariance = replicates == nil
      ? linearizedShareCovariance(codes: codes, partition: partition, groups: groups, isCompared: isCompared)
      : replicateShareCovariance(codes: codes, partition: partition, groups: groups, shares: shares.map(\.proportion))
    let degreesOfFreedom = degreesOfFreedom(includingRows: isCompared)

    let count = shares.count
    var comparisons: [ShareDifference] = []
    for first in 0..<max(count - 1, 0) {
      for second in first + 1..<count {
        let variance = covariance[first * count + first] + covariance[second * count + second]
          - 2 * covariance[first * count + second]
        let test = GapEstimate(
          estimate: shares[first].proportion - shares[second].proportion, standardError: max(0, variance).squareRoot(),
          degreesOfFreedom: degreesOfFreedom, level: level)
        comparisons.append(ShareDifference(
          first: first, second: second, firstDomain: shares[first].domain, secondDomain: shares[second].domain,
          difference: test.interval, tStatistic: test.tStatistic, pValue: test.pValue, holmAdjustedPValue: .nan,
          respondents: shares[first].domainRespondents + shares[second].domainRespondents))
      }
    }
    let adjusted = holmAdjusted(comparisons.map(\.pValue))
    for index in comparisons.indices { comparisons[index].holmAdjustedPValue = adjusted[index] }
    return ShareComparisons(
      indicator: indicator, groupVariable: groupVariable, shares: shares, covariance: covariance,
      comparisons: comparisons, degreesOfFreedom: degreesOfFreedom, level: level, design: summary)
  }

  /// The linearized covariance of the groups' shares: influence values wᵢ(yᵢ − p̂_g)/Σ_{i∈g}wᵢ in
  /// column g (zero elsewhere), through ``covariance(rowInfluence:statisticCount:isActive:)``.
  private func linearizedShareCovariance(
    codes: [Int8], partition: DomainPartition, groups: [Int], isCompared: (Int) -> Bool
  ) -> [Double] {
    let count = groups.count
    var columnOfDomain = [Int](repeating: -1, count: partition.domains.count)
    for (column, domain) in groups.enumerated() { columnOfDomain[domain] = column }
    var weightTotal = [Double](repeating: 0, count: count)
    var countedTotal = [Double](repeating: 0, count: count)
    for row in 0..<respondentCount where isCompared(row) {
      let column = columnOfDomain[Int(partition.domainOfRow[row])]
      guard column >= 0 else { continue }
      weightTotal[column] += weights[row]
      if codes[row] == 1 { countedTotal[column] += weights[row] }
    }
    var influence = [Double](repeating: 0, count: respondentCount * count)
    for row in 0..<respondentCount where isCompared(row) {
      let column = columnOfDomain[Int(partition.domainOfRow[row])]
      guard column >= 0 else { continue }
      let share = countedTotal[column] / weightTotal[column]
      influence[row * count + column] = weights[row] * (Double(codes[row]) - share) / weightTotal[column]
    }
    return covariance(rowInfluence: influence, statisticCount: count, isActive: isCompared)
  }

  /// The replicate covariance of the groups' shares p̂_rg = Σ_{i∈g} a_ri yᵢ / Σ_{i∈g} a_ri (R's
  /// `svyby(…, covmat = TRUE)` on a `svyrep.design`).
  private func replicateShareCovariance(
    codes: [Int8], partition: DomainPartition, groups: [Int], shares: [Double]
  ) -> [Double] {
    guard let replicates else { preconditionFailure("a design with replicate weights") }
    let cellCount = 2 * partition.domains.count
    let cellOfRow = zip(partition.domainOfRow, codes).map { domain, code in
      domain >= 0 && code >= 0 ? 2 * domain + Int32(code) : -1
    }
    let totals = replicates.cellTotals(cellOfRow: cellOfRow, cellCount: cellCount)
    var replicateShares: [Double] = []
    replicateShares.reserveCapacity(replicates.count * groups.count)
    for replicate in 0..<replicates.count {
      for domain in groups {
        let counted = totals[replicate * cellCount + 2 * domain + 1]
        replicateShares.append(counted / (counted + totals[replicate * cellCount + 2 * domain]))
      }
    }
    return replicates.covariance(replicates: replicateShares, estimates: shares)
  }
}
