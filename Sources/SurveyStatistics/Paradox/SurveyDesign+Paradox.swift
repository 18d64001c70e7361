import RealModule

extension SurveyDesign {
  /// The privacy-paradox measures of ``DomainParadox`` for the whole sample and for every domain of
  /// `domainVariables`, and the between-domain differences of the gap and of the paradox share.
  ///
  /// Respondents missing the concern item or any action item are masked (R:
  /// `d <- subset(design, complete)`), as are rows whose domain variable is missing (they count in
  /// the whole sample only). Each domain is R's `subset(d, by == level)`: its PSUs keep their strata
  /// and the full design's n_h, and its degrees of freedom are PSUs − strata among its respondents.
  /// On a calibrated design (`raked(to:options:)`, post-stratified) the variances project the
  /// influence values on the calibration, and R's `subset()` keeps every row with weight 0, so the
  /// Korn–Graubard and likelihood intervals take `nrow()` as the rows of the whole file
  /// (`designRows(ofDomainWith:)`) while the degrees of freedom still count the domain's PSUs.
  /// On a replicate design (`replicates`) every variance comes from the replicate weights
  /// (`replicateParadoxVariances(cells:domainOfRow:domainCount:overallTable:domainTables:domainIndices:)`)
  /// and the degrees of freedom are the rank of the (domain's) replicate weights minus one.
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
  /// - Complexity: on an uncalibrated design, two passes over the n rows whatever the number of
  ///   domains D, then the comparison covariance from PSU totals: O(e·D²) for e PSUs while e·2D ≤ 2²²
  ///   (bit for bit the row-level result), else from sparse (domain, PSU) totals in O(n + Σ_h k_h²)
  ///   for k_h ≤ 2D domain columns present in stratum h; memory O(e + s + D²) for s (domain, PSU)
  ///   pairs. On a calibrated design the influence values are projected row by row: O(c·n) per
  ///   domain and per comparison column for a projection of cost c, in O(n + e·D) memory.
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

    // The domains with respondents, their tables and linearization coefficients.
    let overallCoefficients = overallTable.influenceCoefficients
    var coefficientsOfDomain = [[[Double]?]?](repeating: nil, count: hasDomains ? partition.domains.count : 0)
    var domainTables: [ParadoxTable] = []
    var domainIndices: [Int] = []
    for index in coefficientsOfDomain.indices {
      var table = ParadoxTable()
      table.counts = Array(domainCounts[index * 4..<index * 4 + 4])
      table.weights = Array(domainWeights[index * 4..<index * 4 + 4])
      guard table.respondents > 0 else { continue }
      coefficientsOfDomain[index] = table.influenceCoefficients
      domainTables.append(table)
      domainIndices.append(index)
    }
    let variances = replicates == nil
      ? paradoxVariances(
        cells: cells, domainOfRow: domainOfRow, overallCoefficients: overallCoefficients,
        coefficientsOfDomain: coefficientsOfDomain, domainIndices: domainIndices)
      : replicateParadoxVariances(
        cells: cells, domainOfRow: domainOfRow, domainCount: partition.domains.count, overallTable: overallTable,
        domainTables: domainTables, domainIndices: domainIndices)

    var overall = tallyDesign.measures(
      of: overallTable, domain: .wholeSample, variances: variances.overall, method: method, level: level)
    var domains = zip(domainTables, zip(domainIndices, variances.domains)).map { table, domain in
      tallyDesign.measures(of: table, domain: partition.domains[domain.0], variances: domain.1, method: method, level: level)
    }
    if replicates != nil {
      try replaceReplicateProportions(
        overall: &overall, domains: &domains, definition: definition, cells: cells,
        partition: hasDomains ? partition : nil, method: method, level: level)
    }
    let comparisons = tallyDesign.compare(
      domains, tables: domainTables, covariance: variances.comparisonCovariance,
      degreesOfFreedom: overall.gap.degreesOfFreedom, level: level)
    return ParadoxAnalysis(
      definition: definition, domainVariables: domainVariables, overall: overall, domains: domains,
      comparisons: comparisons, method: method, level: level, design: summary)
  }
}

extension TallyDesign {
  /// Every measure of one domain (or of the whole sample): estimates from its table, standard
  /// errors and degrees of freedom from `variances`.
  func measures(
    of table: ParadoxTable, domain: Domain, variances: ParadoxVariances.Statistics, method: IntervalMethod,
    level: Double
  ) -> DomainParadox {
    let coefficients = table.influenceCoefficients
    let standardErrors = variances.variances.indices.map { statistic in
      coefficients[statistic] == nil ? Double.nan : max(0, variances.variances[statistic]).squareRoot()
    }
    let domainDegreesOfFreedom = variances.degreesOfFreedom
    let concernedDegreesOfFreedom = variances.concernedDegreesOfFreedom
    let estimates = table.estimates
    let n = table.respondents

    func proportion(_ statistic: ParadoxTable.Statistic, rows: Int, degreesOfFreedom: Int) -> IntervalEstimate {
      let p = estimates[statistic.rawValue], standardError = standardErrors[statistic.rawValue]
      var interval = ConfidenceInterval(lower: .nan, upper: .nan, method: method, level: level)
      if p.isFinite, standardError.isFinite {
        // Every row of the (sub)domain has a value, so svyglm's quasibinomial dispersion is
        // n/(n − 1) and its rescaled weights sum to R's nrow() of the domain design: the domain's
        // rows, or on a calibrated design every row of the file (R's subset() keeps them all with
        // weight 0, and the weights are rescaled to mean 1 over all of them).
        let designRows = designRows(ofDomainWith: rows)
        let inputs = ProportionIntervalInputs(
          proportion: p, variance: standardError * standardError, degreesOfFreedom: Double(degreesOfFreedom),
          designRows: designRows, scaledWeightTotal: Double(designRows),
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
  /// covariance of every domain's two estimates (R's `svyby(…, covmat = TRUE)`; columns 2·position
  /// for the gap and 2·position + 1 for the paradox share), with Holm's adjustment across all of them.
  func compare(
    _ domains: [DomainParadox], tables: [ParadoxTable], covariance matrix: [Double], degreesOfFreedom: Int,
    level: Double
  ) -> [DomainComparison] {
    guard domains.count > 1 else { return [] }
    let count = domains.count
    let statistics = 2 * count
    let coefficients = tables.map { table in
      let all = table.influenceCoefficients
      return [all[ParadoxTable.Statistic.gap.rawValue], all[ParadoxTable.Statistic.paradoxShare.rawValue]]
    }

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
