extension GroupSums {
  /// The weighted mean of a numeric variable in every domain, from the group sums alone (the
  /// groups' ``Group/valueSum`` and ``Group/valueSquareSum``, a `nil` category for rows without a
  /// value): the estimates, standard errors, design effects, degrees of freedom and intervals of
  /// ``SurveyDesign/means(of:by:level:)-(String,_,_)`` (R's `svyby(~y, ~by, design, svymean)`), for
  /// a design without calibration or replicate-weight columns, finished by the file path's own code
  /// (`NumericTally`). With replicates created from the strata and PSUs (a declaration with
  /// `ReplicateDeclaration.Source.created`), the variance and degrees of freedom are the replicate
  /// design's (``createdReplicates(_:)``; R's `svymean.svyrep.design`).
  ///
  /// PSU totals of the influence values: z_hj = (Σ_{hj} wy − ȳ_d Σ_{hj} w) / N̂_d; the design
  /// effect's Σw(y − ȳ_d)² = Σwy² − ȳ_d Σwy (Woodruff 1971; Lumley 2010, §2.2).
  ///
  /// - Throws: ``GroupSumsError`` for a lonely PSU under `fail` or an unusable FPC;
  ///   ``SurveyError/emptyDomain(variable:domain:)`` when no respondent has a value;
  ///   ``ReplicateError`` for replicate-weight columns or replicates that do not suit the design.
  package func means(level: Double = 0.95) throws -> NumericEstimates<MeanEstimate> {
    let (tally, domains, design, summary, replicated) = try numericTally(level: level)
    return NumericEstimates(
      tally.means(variable: variable, domains: domains, level: level, design: design, variances: replicated?.means),
      design: summary)
  }

  /// The estimated population total of a numeric variable in every domain, from the group sums
  /// alone: the numbers of ``SurveyDesign/totals(of:by:level:)-(String,_,_)`` (R's
  /// `svyby(~y, ~by, design, svytotal)`), finished by the file path's own code (`NumericTally`),
  /// with PSU totals z_hj = Σ_{hj} wy (Horvitz & Thompson 1952).
  ///
  /// - Throws: as ``means(level:)``.
  package func totals(level: Double = 0.95) throws -> NumericEstimates<TotalEstimate> {
    let (tally, domains, design, summary, replicated) = try numericTally(level: level)
    return NumericEstimates(
      tally.totals(variable: variable, domains: domains, level: level, design: design, variances: replicated?.totals),
      design: summary)
  }

  /// The ``NumericTally`` of the groups, the domains in the file path's order, the design and its
  /// summary, and with created replicates (``createdReplicates(_:)``) the replicate variances of
  /// each domain's mean and total; with `raking`, the design calibrated to it. With `ratio`, the
  /// groups' Σw·x (``Group/denominatorSum``) stands for their Σw: the tally's "mean" is then the
  /// ratio Ŷ/X̂ and its centred slot values Σ w(y − R̂x) (``ratios(denominator:level:raking:)``).
  func numericTally(
    level: Double, raking: GroupSumsRaking? = nil, ratio: Bool = false
  ) throws -> (NumericTally, [Domain], TallyDesign, DesignSummary, (means: [Double], totals: [Double])?) {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    var layout = try designLayout()
    try refuseRakedReplicates(raking)
    if let raking { layout.calibrate(raking) }
    let replicates = try createdReplicates(&layout, raking: raking)
    let domainOrder = orderedDomains()
    let domainIndex = Dictionary(uniqueKeysWithValues: domainOrder.enumerated().map { ($0.element, $0.offset) })
    let domainCount = domainOrder.count
    var domains = [NumericTally.DomainSums](repeating: .init(), count: domainCount)
    var squareSums = [Double](repeating: 0, count: domainCount)
    // Slots of (domain, PSU): every PSU with rows of the domain counts in its degrees of freedom,
    // those with respondents carry the sums.
    var slotOf: [Int: Int] = [:]
    var slotDomain: [Int] = [], slotPSU: [Int32] = [], slotWeight: [Double] = [], slotValue: [Double] = []
    var slotRespondents: [Int] = []
    // Rows are the PSUs: each slot is a stratum of the domain; its rows, and Σw², Σw²y, Σw²y²
    // (for a ratio, Σw²x², Σw²xy, Σw²y²: the same algebra with x in place of 1).
    var slotRows: [Int] = [], slotSquares: [(weight: Double, value: Double, valueSquare: Double)] = []
    for group in groups {
      guard let values = group.domain else { continue }
      let domain = domainIndex[values]!
      let psu = layout.psuIndex[PSUKey(stratum: group.stratum, psu: group.psu)]!
      let key = domain * layout.stratumOfPSU.count + Int(psu)
      let slot = slotOf[key] ?? {
        slotOf[key] = slotDomain.count
        slotDomain.append(domain)
        slotPSU.append(psu)
        slotWeight.append(0)
        slotValue.append(0)
        slotRespondents.append(0)
        slotRows.append(0)
        slotSquares.append((0, 0, 0))
        return slotDomain.count - 1
      }()
      slotRows[slot] += group.rows
      guard group.category != nil else { continue }
      let weightSum = ratio ? group.denominatorSum : group.weightSum
      slotSquares[slot].weight += ratio ? group.weightSquareDenominatorSquareSum : group.weightSquareSum
      slotSquares[slot].value += ratio ? group.weightSquareCrossProductSum : group.weightSquareValueSum
      slotSquares[slot].valueSquare += group.weightSquareValueSquareSum
      domains[domain].respondents += group.rows
      domains[domain].weightTotal += weightSum
      domains[domain].valueTotal += group.valueSum
      squareSums[domain] += group.valueSquareSum
      slotWeight[slot] += weightSum
      slotValue[slot] += group.valueSum
      slotRespondents[slot] += group.rows
    }
    if domainCount == 0 || (domainCount == 1 && domains[0].respondents == 0) {
      throw SurveyError.emptyDomain(variable: variable, domain: "in the sample")
    }
    // Degrees of freedom: PSUs − strata among the domain's PSUs.
    var psuCount = [Int](repeating: 0, count: domainCount)
    var strataSeen = Set<Int>()
    for slot in slotDomain.indices {
      let domain = slotDomain[slot]
      psuCount[domain] += rowsArePSUs ? slotRows[slot] : 1
      strataSeen.insert(domain * layout.strata.count + Int(layout.stratumOfPSU[Int(slotPSU[slot])]))
    }
    var strataCount = [Int](repeating: 0, count: domainCount)
    for key in strataSeen { strataCount[key / layout.strata.count] += 1 }
    for domain in 0..<domainCount {
      domains[domain].degreesOfFreedom = psuCount[domain] - strataCount[domain]
      domains[domain].weightedSquares = squareSums[domain] - domains[domain].mean * domains[domain].valueTotal
    }
    // The slots with respondents, domain by domain, each domain's in PSU order.
    let order = slotDomain.indices.filter { slotRespondents[$0] > 0 }
      .sorted { (slotDomain[$0], slotPSU[$0]) < (slotDomain[$1], slotPSU[$1]) }
    var domainSlotStart = [Int](repeating: 0, count: domainCount + 1)
    for slot in order { domainSlotStart[slotDomain[slot] + 1] += 1 }
    for domain in 0..<domainCount { domainSlotStart[domain + 1] += domainSlotStart[domain] }
    var tally = NumericTally(
      domains: domains, domainSlotStart: domainSlotStart, slotPSU: order.map { slotPSU[$0] },
      slotValue: order.map { slotValue[$0] },
      slotCentredValue: order.map { slotValue[$0] - domains[slotDomain[$0]].mean * slotWeight[$0] })
    if rowsArePSUs {
      // Σw²(y − ȳ_d)² = Σw²y² − ȳ_d·(2Σw²y − ȳ_d·Σw²) and Σw²y² of each slot's respondents; for a
      // ratio, Σw²(y − R̂x)² = Σw²y² − R̂·(2Σw²xy − R̂·Σw²x²).
      tally.rowSquares = order.map { slot in
        let mean = domains[slotDomain[slot]].mean, squares = slotSquares[slot]
        return NumericTally.RowSquares(
          respondents: slotRespondents[slot],
          centredSquares: squares.valueSquare - mean * (2 * squares.value - mean * squares.weight),
          valueSquares: squares.valueSquare)
      }
    }
    let domainValues = domainOrder.map { values in
      Domain(levels: zip(domainVariables, values).map { Domain.Level(variable: $0, value: $1) })
    }
    guard let replicates else { return (tally, domainValues, layout.design, layout.summary, nil) }
    let replicated = replicateNumericVariances(replicates, domainIndex: domainIndex, tally: tally, ratio: ratio)
    for domain in 0..<domainCount { tally.domains[domain].degreesOfFreedom = replicated.degreesOfFreedom[domain] }
    return (tally, domainValues, layout.design, layout.summary, (replicated.means, replicated.totals))
  }
}
