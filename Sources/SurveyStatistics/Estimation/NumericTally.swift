/// What a weighted mean or total of a numeric variable needs, by domain and by (domain, PSU):
/// added up from a file's rows (``SurveyDesign/means(of:by:level:)``) or read from a database's
/// group sums (``GroupSums/means(level:)``), and finished by the same code.
///
/// In domain d, over its respondents (rows of the domain with a value): N̂_d = Σw, Ŷ_d = Σwy and
/// ȳ_d = Ŷ_d / N̂_d. The PSU totals of the influence values are z_hj = Σ_{i∈hj} wᵢ(yᵢ − ȳ_d) / N̂_d
/// for the mean (Woodruff 1971; R's `svymean.survey.design2`) and z_hj = Σ_{i∈hj} wᵢyᵢ for the
/// total (Horvitz & Thompson 1952; `svytotal.survey.design2`); the variance is the stratified sum
/// of ``DesignStructure/covariance(of:lonelyPSU:diagonalOnly:)`` over the domain's PSUs (R's
/// `svyby` on `subset(design, domain)`), with n_h from the full design.
struct NumericTally: Sendable {
  /// The sums of one domain.
  struct DomainSums: Sendable {
    /// Rows of the domain with a value.
    var respondents = 0
    /// N̂_d = Σw over them.
    var weightTotal = 0.0
    /// Ŷ_d = Σwy over them.
    var valueTotal = 0.0
    /// Σw(y − ȳ_d)² over them, for the design effect.
    var weightedSquares = 0.0
    /// PSUs − strata among the PSUs holding rows of the domain (R's `degf()` of the subset).
    var degreesOfFreedom = 0

    /// ȳ_d.
    var mean: Double { valueTotal / weightTotal }
  }

  /// The sums of each domain.
  var domains: [DomainSums]
  /// The (domain, PSU) slots holding respondents, domain by domain: domain d's are
  /// `domainSlotStart[d]..<domainSlotStart[d + 1]`.
  var domainSlotStart: [Int]
  /// The PSU of each slot (an index into the design's PSUs).
  var slotPSU: [Int32]
  /// Σwy over the slot's respondents.
  var slotValue: [Double]
  /// Σw(y − ȳ_d) over the slot's respondents.
  var slotCentredValue: [Double]
  /// When every row is its own PSU and each slot is a stratum of the domain
  /// (``GroupSums/rowsArePSUs``), the slot's sums of squares: the variance is then
  /// ``DesignStructure/rowCovariance(sums:squareSums:presentRows:statisticCount:lonelyPSU:diagonalOnly:)`` with
  /// Σzᵢ = Σw(y − ȳ_d)/N̂_d and Σzᵢ² = Σw²(y − ȳ_d)²/N̂_d² for the mean, Σwy and Σw²y² for the
  /// total. Empty otherwise.
  var rowSquares: [RowSquares] = []

  /// A slot's sums of squares over its respondents, when the rows are the PSUs.
  struct RowSquares: Sendable {
    /// The slot's respondents (the rows of the stratum that hold some).
    var respondents: Int
    /// Σw²(y − ȳ_d)².
    var centredSquares: Double
    /// Σw²y².
    var valueSquares: Double
  }

  /// The variance of domain `domain`'s mean (`total` false) or total (`total` true).
  func variance(domain: Int, total: Bool, design: TallyDesign) -> Double {
    if !rowSquares.isEmpty { return rowVariance(domain: domain, total: total, design: design) }
    var influence = InfluenceTotals(statisticCount: 1)
    let slots = domainSlotStart[domain]..<domainSlotStart[domain + 1]
    influence.psus.reserveCapacity(slots.count)
    influence.totals.reserveCapacity(slots.count)
    let weightTotal = domains[domain].weightTotal
    for slot in slots {
      influence.psus.append(slotPSU[slot])
      influence.totals.append(total ? slotValue[slot] : slotCentredValue[slot] / weightTotal)
    }
    return design.structure.covariance(of: influence, lonelyPSU: design.lonelyPSU, diagonalOnly: true)[0]
  }

  /// ``variance(domain:total:design:)`` from ``rowSquares``: the rows are the PSUs.
  private func rowVariance(domain: Int, total: Bool, design: TallyDesign) -> Double {
    let strata = design.structure.stratumNames.count
    var sums = [Double](repeating: 0, count: strata), squareSums = sums
    var presentRows = [Int](repeating: 0, count: strata)
    let weightTotal = domains[domain].weightTotal
    for slot in domainSlotStart[domain]..<domainSlotStart[domain + 1] {
      let stratum = Int(design.structure.stratumOfPSU[Int(slotPSU[slot])])
      presentRows[stratum] = rowSquares[slot].respondents
      sums[stratum] = total ? slotValue[slot] : slotCentredValue[slot] / weightTotal
      squareSums[stratum] = total
        ? rowSquares[slot].valueSquares : rowSquares[slot].centredSquares / (weightTotal * weightTotal)
    }
    return design.structure.rowCovariance(
      sums: sums, squareSums: squareSums, presentRows: presentRows, statisticCount: 1, lonelyPSU: design.lonelyPSU,
      diagonalOnly: true)[0]
  }

  /// The means of every domain with respondents, in domain order.
  ///
  /// - Parameter variances: the variance of each domain's mean when the design's own (calibrated
  ///   or replicate) variance replaces the PSU slots'; `nil` computes them from the slots.
  func means(
    variable: String, domains domainValues: [Domain], level: Double, design: TallyDesign, variances: [Double]? = nil
  ) -> [MeanEstimate] {
    domains.indices.compactMap { domain -> MeanEstimate? in
      let sums = domains[domain]
      guard sums.weightTotal > 0 else { return nil }
      let mean = sums.mean
      let variance = variances?[domain] ?? self.variance(domain: domain, total: false, design: design)
      let designEffect = simpleRandomSamplingVarianceOfMean(
        weightedSquares: sums.weightedSquares, weightTotal: sums.weightTotal, respondents: sums.respondents
      ).map { variance / $0 }
      let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(sums.degreesOfFreedom))
      let standardError = variance.squareRoot()
      return MeanEstimate(
        variable: variable, domain: domainValues[domain], mean: mean, standardError: standardError,
        confidenceInterval: ConfidenceInterval(
          lower: mean - t * standardError, upper: mean + t * standardError, method: .mean, level: level),
        respondents: sums.respondents, degreesOfFreedom: sums.degreesOfFreedom, designEffect: designEffect)
    }
  }

  /// The totals of every domain with respondents, in domain order (`variances` as for
  /// ``means(variable:domains:level:design:variances:)``).
  func totals(
    variable: String, domains domainValues: [Domain], level: Double, design: TallyDesign, variances: [Double]? = nil
  ) -> [TotalEstimate] {
    domains.indices.compactMap { domain -> TotalEstimate? in
      let sums = domains[domain]
      guard sums.respondents > 0 else { return nil }
      let total = sums.valueTotal, weightTotal = sums.weightTotal
      let variance = variances?[domain] ?? self.variance(domain: domain, total: true, design: design)
      let designEffect = simpleRandomSamplingVarianceOfMean(
        weightedSquares: sums.weightedSquares, weightTotal: weightTotal, respondents: sums.respondents
      ).map { variance / ($0 * weightTotal * weightTotal) }
      let standardError = variance.squareRoot()
      let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(sums.degreesOfFreedom))
      return TotalEstimate(
        variable: variable, domain: domainValues[domain], total: total, standardError: standardError,
        confidenceInterval: ConfidenceInterval(
          lower: total - t * standardError, upper: total + t * standardError, method: .mean, level: level),
        respondents: sums.respondents, degreesOfFreedom: sums.degreesOfFreedom, designEffect: designEffect)
    }
  }
}

extension SurveyDesign {
  /// The ``NumericTally`` of `values` (nil = missing) in every domain of `partition`, from the rows:
  /// one pass for each domain's N̂_d and Ŷ_d, one for Σw(y − ȳ_d)² and the sums by (domain, PSU).
  func numericTally(values: [Double?], partition: DomainPartition) -> NumericTally {
    let domainCount = partition.domains.count
    let domainOfRow = partition.domainOfRow
    var domains = [NumericTally.DomainSums](repeating: .init(), count: domainCount)
    for row in values.indices {
      let domain = Int(domainOfRow[row])
      guard domain >= 0, let value = values[row] else { continue }
      domains[domain].respondents += 1
      domains[domain].weightTotal += weights[row]
      domains[domain].valueTotal += weights[row] * value
    }
    var slots = SlotIndex(domainCount: domainCount, psuCount: psuCount)
    var slotDomain: [Int32] = [], slotPSU: [Int32] = [], slotValue: [Double] = [], slotCentredValue: [Double] = []
    for row in values.indices {
      let domain = Int(domainOfRow[row])
      guard domain >= 0, let value = values[row] else { continue }
      let deviation = value - domains[domain].mean
      domains[domain].weightedSquares += weights[row] * deviation * deviation
      let psu = structure.psuOfRow[row]
      let slot = slots.slot(domain: domain, psu: psu) { _ in
        slotDomain.append(Int32(domain))
        slotPSU.append(psu)
        slotValue.append(0)
        slotCentredValue.append(0)
      }
      slotValue[slot] += weights[row] * value
      slotCentredValue[slot] += weights[row] * deviation
    }
    for (domain, degreesOfFreedom) in domainDegreesOfFreedom(domainOfRow: domainOfRow, domainCount: domainCount).enumerated() {
      domains[domain].degreesOfFreedom = degreesOfFreedom
    }
    // Slots domain by domain, each domain's in order of its first row.
    let order = slotDomain.indices.sorted { (slotDomain[$0], $0) < (slotDomain[$1], $1) }
    var domainSlotStart = [Int](repeating: 0, count: domainCount + 1)
    for domain in slotDomain { domainSlotStart[Int(domain) + 1] += 1 }
    for domain in 0..<domainCount { domainSlotStart[domain + 1] += domainSlotStart[domain] }
    return NumericTally(
      domains: domains, domainSlotStart: domainSlotStart, slotPSU: order.map { slotPSU[$0] },
      slotValue: order.map { slotValue[$0] }, slotCentredValue: order.map { slotCentredValue[$0] })
  }
}
