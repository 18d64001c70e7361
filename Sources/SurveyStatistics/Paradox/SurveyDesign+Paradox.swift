import RealModule

extension SurveyDesign {
  /// The privacy-paradox measures of ``DomainParadox`` for the whole sample and for every domain of
  /// `domainVariables`, and the between-domain differences of the gap and of the paradox share.
  ///
  /// Respondents missing the concern item or any action item are masked (R:
  /// `d <- subset(design, complete)`), as are rows whose domain variable is missing (they count in
  /// the whole sample only). Each domain is R's `subset(d, by == level)`: its PSUs keep their strata
  /// and the full design's n_h, and its degrees of freedom are PSUs − strata among its respondents.
  ///
  /// ```swift
  /// let analysis = try design.paradox(definition, by: ["age_band"])
  /// analysis.overall.gap.estimate      // P(concerned) − P(acting)
  /// analysis.domains[0].paradoxShare       // P(concerned ∧ ¬acting) among 18–24
  /// analysis.comparisons[0].holmAdjustedPValue
  /// ```
  ///
  /// - Parameters:
  ///   - definition: who is concerned and who acts.
  ///   - domainVariables: the `--by` variables; several are crossed.
  ///   - method: the interval method of the proportions (concerned, acting, paradox share,
  ///     inaction among the concerned); the gap, φ and the odds ratio use t intervals.
  ///   - level: the confidence level of every interval.
  /// - Throws: ``ParadoxError`` for an unusable definition, ``SurveyError`` for unknown variables
  ///   or an invalid level.
  /// - Complexity: O(n) per domain for n rows (one pass for the tables, one per domain for the
  ///   variances), plus O(n·D) memory for the D-domain comparison covariance.
  public func paradox(
    _ definition: ParadoxDefinition, by domainVariables: [String] = [], method: IntervalMethod = .logit,
    level: Double = 0.95
  ) throws -> ParadoxAnalysis {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let cells = try definition.cells(in: survey)
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let domainOfRow = partition.domainOfRow
    let hasDomains = !domainVariables.isEmpty

    // One pass: the weighted 2×2 table of the whole sample and of every domain.
    var overallTable = ParadoxTable()
    var domainCounts = [Int](repeating: 0, count: partition.domains.count * 4)
    var domainWeights = [Double](repeating: 0, count: partition.domains.count * 4)
    for row in cells.indices where cells[row] >= 0 {
      let cell = Int(cells[row])
      overallTable.counts[cell] += 1
      overallTable.weights[cell] += weights[row]
      let domain = Int(domainOfRow[row])
      if hasDomains, domain >= 0 {
        domainCounts[domain * 4 + cell] += 1
        domainWeights[domain * 4 + cell] += weights[row]
      }
    }
    guard overallTable.respondents > 0 else { throw ParadoxError.noCompleteRespondents(definition: definition) }

    // Influence values, row-major (7 statistics per row), each row with its own domain's
    // coefficients: first for the whole sample, then refilled once for every domain.
    let statistics = ParadoxTable.Statistic.allCases.count
    var influence = [Double](repeating: 0, count: respondentCount * statistics)
    let overallCoefficients = overallTable.influenceCoefficients
    fill(&influence, cells: cells) { _ in overallCoefficients }
    let overall = measures(
      of: overallTable, domain: .wholeSample, influence: influence, cells: cells, domainIndex: nil,
      domainOfRow: domainOfRow, method: method, level: level)

    var domains: [DomainParadox] = []
    var domainTables: [ParadoxTable] = []
    var domainIndices: [Int] = []
    if hasDomains {
      var coefficientsOfDomain = [[[Double]?]?](repeating: nil, count: partition.domains.count)
      for index in partition.domains.indices {
        var table = ParadoxTable()
        table.counts = Array(domainCounts[index * 4..<index * 4 + 4])
        table.weights = Array(domainWeights[index * 4..<index * 4 + 4])
        guard table.respondents > 0 else { continue }
        coefficientsOfDomain[index] = table.influenceCoefficients
        domainTables.append(table)
        domainIndices.append(index)
      }
      fill(&influence, cells: cells) { row in
        domainOfRow[row] >= 0 ? coefficientsOfDomain[Int(domainOfRow[row])] : nil
      }
      for (table, index) in zip(domainTables, domainIndices) {
        domains.append(measures(
          of: table, domain: partition.domains[index], influence: influence, cells: cells,
          domainIndex: Int32(index), domainOfRow: domainOfRow, method: method, level: level))
      }
    }
    let comparisons = compare(
      domains, tables: domainTables, domainIndices: domainIndices, domainOfRow: domainOfRow, cells: cells,
      degreesOfFreedom: overall.gap.degreesOfFreedom, level: level)
    return ParadoxAnalysis(
      definition: definition, domainVariables: domainVariables, overall: overall, domains: domains,
      comparisons: comparisons, method: method, level: level)
  }

  /// zᵢ = wᵢ·a_θ[cell of i] for every complete row whose coefficients are given (a statistic
  /// without coefficients gets 0).
  private func fill(_ influence: inout [Double], cells: [Int8], coefficientsOfRow: (Int) -> [[Double]?]?) {
    let statistics = ParadoxTable.Statistic.allCases.count
    for row in cells.indices where cells[row] >= 0 {
      guard let coefficients = coefficientsOfRow(row) else { continue }
      let cell = Int(cells[row])
      for statistic in 0..<statistics {
        influence[row * statistics + statistic] = coefficients[statistic].map { weights[row] * $0[cell] } ?? 0
      }
    }
  }

  /// Every measure of one domain (`domainIndex` in `domainOfRow`, or every row when `nil`):
  /// estimates from its table, variances from one covariance of the seven linearized statistics
  /// whose influence values `influence` holds for the domain's rows.
  private func measures(
    of table: ParadoxTable, domain: Domain, influence: [Double], cells: [Int8], domainIndex: Int32?,
    domainOfRow: [Int32], method: IntervalMethod, level: Double
  ) -> DomainParadox {
    let isActive = { (row: Int) in cells[row] >= 0 && (domainIndex == nil || domainOfRow[row] == domainIndex!) }
    let statistics = ParadoxTable.Statistic.allCases.count
    let coefficients = table.influenceCoefficients
    let matrix = covariance(rowInfluence: influence, statisticCount: statistics, isActive: isActive)
    let standardErrors = (0..<statistics).map { statistic in
      coefficients[statistic] == nil ? Double.nan : max(0, matrix[statistic * statistics + statistic]).squareRoot()
    }
    let domainDegreesOfFreedom = degreesOfFreedom(includingRows: isActive)
    let concernedDegreesOfFreedom = degreesOfFreedom(includingRows: { isActive($0) && cells[$0] >= 2 })
    let estimates = table.estimates
    let n = table.respondents

    func proportion(_ statistic: ParadoxTable.Statistic, rows: Int, degreesOfFreedom: Int) -> IntervalEstimate {
      let p = estimates[statistic.rawValue], standardError = standardErrors[statistic.rawValue]
      var interval = ConfidenceInterval(lower: .nan, upper: .nan, method: method, level: level)
      if p.isFinite, standardError.isFinite {
        // Every row of the (sub)domain has a value, so svyglm's rescaled weights sum to the row
        // count and its quasibinomial dispersion is n/(n − 1).
        let inputs = ProportionIntervalInputs(
          proportion: p, variance: standardError * standardError, degreesOfFreedom: Double(degreesOfFreedom),
          designRows: rows, scaledWeightTotal: Double(rows),
          dispersion: rows > 1 ? Double(rows) / Double(rows - 1) : .nan)
        interval = ConfidenceInterval(proportion: inputs, method: method, level: level)
      }
      return IntervalEstimate(
        estimate: p, standardError: standardError, confidenceInterval: interval, degreesOfFreedom: degreesOfFreedom)
    }

    let shares = table.shares
    let oddsRatio = shares[3] * shares[0] / (shares[2] * shares[1])
    let logStandardError = standardErrors[ParadoxTable.Statistic.logOddsRatio.rawValue]
    let logInterval = IntervalEstimate.wald(
      estimate: Double.log(oddsRatio), standardError: logStandardError, degreesOfFreedom: domainDegreesOfFreedom,
      level: level
    ).confidenceInterval
    return DomainParadox(
      domain: domain, respondents: n,
      concerned: proportion(.concerned, rows: n, degreesOfFreedom: domainDegreesOfFreedom),
      acting: proportion(.acting, rows: n, degreesOfFreedom: domainDegreesOfFreedom),
      paradoxShare: proportion(.paradoxShare, rows: n, degreesOfFreedom: domainDegreesOfFreedom),
      inactionGivenConcern: proportion(
        .inaction, rows: table.concernedRespondents, degreesOfFreedom: concernedDegreesOfFreedom),
      phi: .wald(
        estimate: estimates[ParadoxTable.Statistic.phi.rawValue],
        standardError: standardErrors[ParadoxTable.Statistic.phi.rawValue], degreesOfFreedom: domainDegreesOfFreedom,
        level: level),
      oddsRatio: OddsRatioEstimate(
        estimate: oddsRatio, standardError: oddsRatio * logStandardError, logStandardError: logStandardError,
        confidenceInterval: ConfidenceInterval(
          lower: Double.exp(logInterval.lower), upper: Double.exp(logInterval.upper), method: .mean, level: level),
        degreesOfFreedom: domainDegreesOfFreedom),
      gap: GapEstimate(
        estimate: estimates[ParadoxTable.Statistic.gap.rawValue],
        standardError: standardErrors[ParadoxTable.Statistic.gap.rawValue], degreesOfFreedom: domainDegreesOfFreedom,
        level: level),
      mcnemarCounts: McNemarCounts(concernedNotActing: table.counts[2], actingNotConcerned: table.counts[1]),
      cellShares: [shares[3], shares[2], shares[1], shares[0]])
  }

  /// All pairwise differences of the gap and the paradox share between domains, from the joint
  /// covariance of every domain's two estimates (R's `svyby(…, covmat = TRUE)`), with Holm's
  /// adjustment across all of them.
  private func compare(
    _ domains: [DomainParadox], tables: [ParadoxTable], domainIndices: [Int], domainOfRow: [Int32], cells: [Int8],
    degreesOfFreedom: Int, level: Double
  ) -> [DomainComparison] {
    guard domains.count > 1 else { return [] }
    let count = domains.count
    let statistics = 2 * count
    var positionOfDomain = [Int](repeating: -1, count: (domainIndices.max() ?? 0) + 1)
    for (position, index) in domainIndices.enumerated() { positionOfDomain[index] = position }
    let coefficients = tables.map { table in
      let all = table.influenceCoefficients
      return [all[ParadoxTable.Statistic.gap.rawValue], all[ParadoxTable.Statistic.paradoxShare.rawValue]]
    }
    var influence = [Double](repeating: 0, count: respondentCount * statistics)
    for row in cells.indices where cells[row] >= 0 && domainOfRow[row] >= 0 {
      let position = positionOfDomain[Int(domainOfRow[row])]
      guard position >= 0 else { continue }
      let cell = Int(cells[row])
      for measure in 0..<2 {
        if let coefficient = coefficients[position][measure] {
          influence[row * statistics + 2 * position + measure] = weights[row] * coefficient[cell]
        }
      }
    }
    let matrix = covariance(rowInfluence: influence, statisticCount: statistics, isActive: { cells[$0] >= 0 })

    var comparisons: [DomainComparison] = []
    for (measure, kind) in [ParadoxMeasure.gap, .paradoxShare].enumerated() {
      for first in 0..<count - 1 {
        for second in first + 1..<count {
          let a = 2 * first + measure, b = 2 * second + measure
          let estimate = kind == .gap
            ? domains[first].gap.estimate - domains[second].gap.estimate
            : domains[first].paradoxShare.estimate - domains[second].paradoxShare.estimate
          let isDefined = coefficients[first][measure] != nil && coefficients[second][measure] != nil
          let variance = matrix[a * statistics + a] + matrix[b * statistics + b] - 2 * matrix[a * statistics + b]
          let standardError = isDefined ? max(0, variance).squareRoot() : .nan
          let test = GapEstimate(
            estimate: estimate, standardError: standardError, degreesOfFreedom: degreesOfFreedom, level: level)
          comparisons.append(DomainComparison(
            measure: kind, first: domains[first].domain, second: domains[second].domain, difference: test.interval,
            tStatistic: test.tStatistic, pValue: test.pValue, holmAdjustedPValue: .nan))
        }
      }
    }
    let adjusted = holmAdjusted(comparisons.map(\.pValue))
    for index in comparisons.indices { comparisons[index].holmAdjustedPValue = adjusted[index] }
    return comparisons
  }
}
