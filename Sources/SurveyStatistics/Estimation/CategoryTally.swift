/// One pass over the rows of a variable that gathers everything its proportions need, for every
/// domain at once: weighted category totals per (domain, PSU) slot, and per-domain counts and
/// weight sums. The slots, the weights in slot order and the logistic fit's per-row terms come
/// from ``DomainSlots``, found once for all the variables analysed over a partition.
struct CategoryTally {
  /// Per-domain sums.
  struct DomainSummary {
    /// Rows of the domain, missing values included.
    var designRows = 0
    /// Rows of the domain with a value.
    var respondents = 0
    /// Σw over rows of the domain with a value.
    var weightTotal = 0.0
    /// Σw² over them.
    var weightSquares = 0.0
    /// Σw over all rows of the domain.
    var designWeightTotal = 0.0
    /// PSUs − strata among the PSUs holding rows of the domain.
    var degreesOfFreedom = 0
    /// The first step of R's logistic fit, summed over the respondents with a value
    /// (``InterceptOnlyLogisticFit/RowTerms``); zero unless the tally fits the logit.
    var logitSignedSum = 0.0
    var logitWeight = 0.0
    var logitDeviance = 0.0
  }

  let categoryCount: Int
  private(set) var domains: [DomainSummary]
  /// Per (domain, category), flat at `domain * categoryCount + category`.
  private var categoryRespondents: [Int]
  private var categoryWeight: [Double]
  private var categoryLogitSignedSum: [Double]
  /// w / mean(w) over the rows of each domain's design: the prior weights of R's `svyglm`.
  private let priorWeightScale: [Double]
  /// The PSU of each (domain, PSU) slot, and the first slot of each domain then the number of
  /// slots (``DomainSlots/slotPSU``, ``DomainSlots/domainSlotStart``).
  private let slotPSU: [Int32]
  private let domainSlotStart: [Int]
  /// Per slot: the rows with a value.
  private var slotActiveRows: [Int32]
  /// Per slot: K category weight totals and the slot's weight total.
  private var slotWeights: [Double]
  /// When every row is a PSU and each slot is a stratum of a domain (``GroupSums/rowsArePSUs``):
  /// per slot, K category sums of w² (laid out as ``slotWeights``, the total's place unused); empty
  /// otherwise.
  private var slotWeightSquares: [Double] = []
  /// Whether each level has at least one respondent.
  private(set) var categoryIsObserved: [Bool]

  /// Tallies `values` over the domains of `slots`, reading the rows in the slots' order; when the
  /// slots carry the logistic terms (made for ``IntervalMethod/logit``), also the first step of R's
  /// logistic fit.
  ///
  /// - Complexity: O(n + s·K) for n rows in the domains, s slots and K categories.
  init(values: CategoricalValues, slots: DomainSlots) {
    let totals = Totals(categoryCount: values.levels.count, slots: slots)
    defer { totals.deallocate() }
    values.codes.withUnsafeBufferPointer { codes in
      switch slots.order {
      case .file(let slotOfRow):
        slotOfRow.withUnsafeBufferPointer { slotOfRow in
          for row in 0..<codes.count {
            let slot = Int(slotOfRow[row]), code = Int(codes[row])
            if slot >= 0, code >= 0 { totals.add(code: code, position: row, slot: slot) }
          }
        }
      case .bySlot(let rows, let slotRowStart):
        rows.withUnsafeBufferPointer { rows in
          for slot in 0..<slots.slotCount {
            for position in slotRowStart[slot]..<slotRowStart[slot + 1] {
              let code = Int(codes[Int(rows[position])])
              if code >= 0 { totals.add(code: code, position: position, slot: slot) }
            }
          }
        }
      }
    }
    categoryCount = totals.categoryCount
    priorWeightScale = slots.priorWeightScale
    slotPSU = slots.slotPSU
    domainSlotStart = slots.domainSlotStart
    domains = Array(totals.domains)
    categoryRespondents = Array(totals.categoryRespondents)
    categoryWeight = Array(totals.categoryWeight)
    categoryLogitSignedSum = Array(totals.categoryLogitSignedSum)
    slotActiveRows = Array(totals.slotActiveRows)
    slotWeights = Array(totals.slotWeights)
    categoryIsObserved = [Bool](repeating: false, count: totals.categoryCount)
    for cell in categoryRespondents.indices where categoryRespondents[cell] > 0 {
      categoryIsObserved[cell % totals.categoryCount] = true
    }
  }

  /// A tally from sums gathered elsewhere (``GroupSums``): the same sums that ``init(values:slots:)``
  /// adds up row by row.
  init(
    categoryCount: Int, domains: [DomainSummary], categoryRespondents: [Int], categoryWeight: [Double],
    categoryLogitSignedSum: [Double], priorWeightScale: [Double], slotPSU: [Int32], domainSlotStart: [Int],
    slotActiveRows: [Int32], slotWeights: [Double], slotWeightSquares: [Double] = []
  ) {
    self.slotWeightSquares = slotWeightSquares
    self.categoryCount = categoryCount
    self.domains = domains
    self.categoryRespondents = categoryRespondents
    self.categoryWeight = categoryWeight
    self.categoryLogitSignedSum = categoryLogitSignedSum
    self.priorWeightScale = priorWeightScale
    self.slotPSU = slotPSU
    self.domainSlotStart = domainSlotStart
    self.slotActiveRows = slotActiveRows
    self.slotWeights = slotWeights
    categoryIsObserved = [Bool](repeating: false, count: categoryCount)
    for cell in categoryRespondents.indices where categoryRespondents[cell] > 0 {
      categoryIsObserved[cell % categoryCount] = true
    }
  }

  /// The sums a tally adds rows to, in buffers that the tally owns while it adds the rows (so that
  /// the additions of the inner loop are plain stores, without the copy-on-write checks of arrays).
  private struct Totals {
    let categoryCount: Int
    let fitsLogit: Bool
    let domains: UnsafeMutableBufferPointer<DomainSummary>
    let categoryRespondents: UnsafeMutableBufferPointer<Int>
    let categoryWeight: UnsafeMutableBufferPointer<Double>
    let categoryLogitSignedSum: UnsafeMutableBufferPointer<Double>
    let slotActiveRows: UnsafeMutableBufferPointer<Int32>
    let slotWeights: UnsafeMutableBufferPointer<Double>
    /// The weights, logistic terms and domains of the slots (read only).
    private let weights: [Double]
    private let logitTerms: [InterceptOnlyLogisticFit.RowTerms]
    private let slotDomain: [Int32]

    init(categoryCount: Int, slots: DomainSlots) {
      let domainCount = slots.partition.domains.count
      self.categoryCount = categoryCount
      fitsLogit = !slots.orderedLogitTerms.isEmpty
      func zeros<Element>(_ count: Int, _ zero: Element) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: count)
        buffer.initialize(repeating: zero)
        return buffer
      }
      domains = zeros(domainCount, DomainSummary())
      for domain in 0..<domainCount {
        domains[domain].designRows = slots.designRows[domain]
        domains[domain].designWeightTotal = slots.designWeightTotal[domain]
        domains[domain].degreesOfFreedom = slots.degreesOfFreedom[domain]
      }
      categoryRespondents = zeros(domainCount * categoryCount, 0)
      categoryWeight = zeros(domainCount * categoryCount, 0)
      categoryLogitSignedSum = zeros(fitsLogit ? domainCount * categoryCount : 0, 0)
      slotActiveRows = zeros(slots.slotCount, 0)
      slotWeights = zeros(slots.slotCount * (categoryCount + 1), 0)
      weights = slots.orderedWeights
      logitTerms = slots.orderedLogitTerms
      slotDomain = slots.slotDomain
    }

    func deallocate() {
      domains.deallocate()
      categoryRespondents.deallocate()
      categoryWeight.deallocate()
      categoryLogitSignedSum.deallocate()
      slotActiveRows.deallocate()
      slotWeights.deallocate()
    }

    /// Adds the row at `position` of the reading order, whose value is `code`, to `slot`.
    @inline(__always)
    func add(code: Int, position: Int, slot: Int) {
      let weight = weights[position]
      let domain = Int(slotDomain[slot])
      let cell = domain * categoryCount + code
      let slotBase = slot * (categoryCount + 1)
      slotActiveRows[slot] += 1
      slotWeights[slotBase + code] += weight
      slotWeights[slotBase + categoryCount] += weight
      domains[domain].respondents += 1
      domains[domain].weightTotal += weight
      domains[domain].weightSquares += weight * weight
      categoryRespondents[cell] += 1
      categoryWeight[cell] += weight
      if fitsLogit {
        let terms = logitTerms[position]
        domains[domain].logitSignedSum += terms.signedSum
        domains[domain].logitWeight += terms.weight
        domains[domain].logitDeviance += terms.deviance
        categoryLogitSignedSum[cell] += terms.signedSum
      }
    }
  }

  /// R's fitted logit coefficient β̂ of `category` in domain `domainIndex` and its fitted mean,
  /// when the tally was made with `fitsLogit`.
  func logitFit(category: Int, domainIndex: Int) -> (coefficient: Double, mean: Double)? {
    guard !categoryLogitSignedSum.isEmpty else { return nil }
    let summary = domains[domainIndex]
    let cell = domainIndex * categoryCount + category
    let coefficient = InterceptOnlyLogisticFit.coefficient(
      proportion: categoryWeight[cell] / summary.weightTotal,
      scaledWeightTotal: priorWeightScale[domainIndex] * summary.weightTotal,
      firstStepSumOfCategory: categoryLogitSignedSum[cell], firstStepSumOfAll: summary.logitSignedSum,
      firstStepWeight: summary.logitWeight, startingDeviance: summary.logitDeviance)
    return (coefficient, InterceptOnlyLogisticFit.mean(coefficient))
  }

  /// The design variances of Σ wᵢ(1[xᵢ = c] − centre_c)/Σwᵢ over one domain for each of
  /// `categories`, from the PSU slots, in one pass over the domain's slots.
  func slotVariances(domainIndex: Int, categories: [Int], centres: [Double], design: TallyDesign) -> [Double] {
    let stride = categoryCount + 1
    let k = categories.count
    let total = domains[domainIndex].weightTotal
    let domainSlots = domainSlotStart[domainIndex]..<domainSlotStart[domainIndex + 1]
    var influence = InfluenceTotals(statisticCount: k)
    influence.psus.reserveCapacity(domainSlots.count)
    influence.totals.reserveCapacity(domainSlots.count * k)
    for slot in domainSlots where slotActiveRows[slot] > 0 {
      influence.psus.append(slotPSU[slot])
      let slotTotal = slotWeights[slot * stride + categoryCount]
      for (column, category) in categories.enumerated() {
        influence.totals.append((slotWeights[slot * stride + category] - centres[column] * slotTotal) / total)
      }
    }
    let covariance = design.structure.covariance(of: influence, lonelyPSU: design.lonelyPSU, diagonalOnly: true)
    return (0..<k).map { covariance[$0 * k + $0] }
  }

  /// ``slotVariances(domainIndex:categories:centres:design:)`` when every row is its own PSU and
  /// each slot is a stratum of the domain (made with `slotWeightSquares`): a row of category c′
  /// has the influence value zᵢ = wᵢ·(1[c′ = c] − centre_c)/Σw, so the stratum's Σzᵢ is
  /// (T_hc − centre_c·W_h)/Σw, as a PSU's total, and its Σzᵢ² is
  /// (Σw²_hc·(1 − centre_c)² + Σ_{c′≠c} Σw²_hc′·centre_c²)/(Σw)², with T_hc and Σw²_hc the slot's sums
  /// over its rows of category c and W_h over all its rows with a value
  /// (``DesignStructure/rowCovariance(sums:squareSums:presentRows:statisticCount:lonelyPSU:diagonalOnly:)``). The
  /// other categories' Σw² are added one by one, not taken from the slot's: a centre near 0 or 1
  /// (a category nearly everyone chose) would otherwise lose Σzᵢ² to cancellation.
  func rowVariances(domainIndex: Int, categories: [Int], centres: [Double], design: TallyDesign) -> [Double] {
    let stride = categoryCount + 1
    let k = categories.count, strata = design.structure.stratumNames.count
    let total = domains[domainIndex].weightTotal
    var sums = [Double](repeating: 0, count: strata * k), squareSums = sums
    var presentRows = [Int](repeating: 0, count: strata)
    for slot in domainSlotStart[domainIndex]..<domainSlotStart[domainIndex + 1] where slotActiveRows[slot] > 0 {
      let stratum = Int(design.structure.stratumOfPSU[Int(slotPSU[slot])])
      presentRows[stratum] = Int(slotActiveRows[slot])
      let slotTotal = slotWeights[slot * stride + categoryCount]
      let squares = slotWeightSquares[(slot * stride)..<(slot * stride + categoryCount)]
      for (column, category) in categories.enumerated() {
        let centre = centres[column], own = squares[slot * stride + category]
        var others = 0.0
        for other in squares.indices where other != slot * stride + category { others += squares[other] }
        sums[stratum * k + column] = (slotWeights[slot * stride + category] - centre * slotTotal) / total
        squareSums[stratum * k + column] =
          (own * (1 - centre) * (1 - centre) + others * centre * centre) / (total * total)
      }
    }
    return design.structure.rowCovariance(
      sums: sums, squareSums: squareSums, presentRows: presentRows, statisticCount: k, lonelyPSU: design.lonelyPSU,
      diagonalOnly: true)
  }

  /// The weighted proportion of `category` in domain `domainIndex`.
  func proportion(category: Int, domainIndex: Int) -> Double {
    categoryWeight[domainIndex * categoryCount + category] / domains[domainIndex].weightTotal
  }

  /// The estimate of `category` in domain `domainIndex`.
  ///
  /// - Parameter variance: the variance of p̂, from ``slotVariances(domainIndex:categories:centres:design:)``
  ///   or, on a calibrated design, from projected row-level influence values
  ///   row-level influence values (``SurveyDesign/calibratedProportionVariances(values:partition:domainIndex:tally:)``);
  ///   `nil` computes it from the PSU slots.
  /// - Parameter replicateLogitVariance: on a replicate design, the replicate variance of the logit
  ///   coefficient (for the logit and likelihood intervals).
  func estimate(
    category: Int, domainIndex: Int, domain: Domain, variable: Variable, levels: [String],
    method: IntervalMethod, level: Double, design: TallyDesign, variance: Double,
    logitVariance: Double?, replicateLogitVariance: Double? = nil
  ) -> ProportionEstimate {
    var summary = domains[domainIndex]
    let cell = domainIndex * categoryCount + category
    let total = summary.weightTotal
    let p = categoryWeight[cell] / total
    var logitCoefficient: LogitCoefficient?
    if method == .logit, let fit = logitFit(category: category, domainIndex: domainIndex), let centred = logitVariance {
      // svy.varcoef: the influence values are centred at the fitted mean, and scaled by dμ/dη.
      let slope = InterceptOnlyLogisticFit.meanDerivative(fit.coefficient)
      logitCoefficient = LogitCoefficient(estimate: fit.coefficient, variance: centred / (slope * slope))
    }
    // On a replicate design svyglm's coefficient variance is that of its replicates.
    let replicateFit = design.hasReplicates ? logitFit(category: category, domainIndex: domainIndex) : nil
    if method == .logit, let fit = replicateFit, let replicateLogitVariance {
      logitCoefficient = LogitCoefficient(estimate: fit.coefficient, variance: replicateLogitVariance)
    }
    // R's subset() of a calibrated design keeps every row (weight 0 outside the domain), so
    // nrow() of a domain is the whole file; the svyglm prior weights are rescaled over all rows,
    // and its Pearson residuals over all rows minus those with a missing value.
    let keepsAllRows = design.isCalibrated
    let dispersion: Double
    if keepsAllRows {
      summary.designRows = design.designRows(ofDomainWith: summary.designRows)
      let n = Double(summary.respondents)
      dispersion = n > 1 ? summary.weightTotal / summary.designWeightTotal * n / (n - 1) : .nan
    } else if design.hasReplicates {
      dispersion = replicateDispersion(summary: summary, proportion: p, mean: replicateFit?.mean ?? p)
    } else {
      dispersion = pearsonDispersion(summary: summary)
    }
    let n = Double(summary.respondents)
    var designEffect: Double?
    if total >= n, n > 1 {
      let simpleRandomVariance = n / (n - 1) * p * (1 - p) * (total - n) / (total * n)
      designEffect = variance / simpleRandomVariance
    }
    // deff = "replace": svyvar(x)/nobs, without the finite-population factor.
    var designEffectWithReplacement: Double?
    if n > 1, p > 0, p < 1 {
      designEffectWithReplacement = variance / (n / (n - 1) * p * (1 - p) / n)
    }
    // svyglm's prior weights are w / mean(w) over the domain's rows.
    let rescale = Double(summary.designRows) / summary.designWeightTotal
    // λ = cov.unscaled / naive.cov of the replicate fit: V̂(β̂)·Σw̃·μ̂(1 − μ̂).
    var coefficientDesignEffect: Double?
    if method == .likelihood, let fit = replicateFit, let replicateLogitVariance {
      coefficientDesignEffect = replicateLogitVariance * rescale * total * fit.mean * (1 - fit.mean)
    }
    let inputs = ProportionIntervalInputs(
      proportion: p, variance: variance, degreesOfFreedom: Double(summary.degreesOfFreedom),
      designRows: summary.designRows, scaledWeightTotal: rescale * total, dispersion: dispersion,
      logitCoefficient: logitCoefficient, coefficientDesignEffect: coefficientDesignEffect)
    let value = levels[category]
    return ProportionEstimate(
      variable: variable.name, category: value, categoryLabel: variable.label(ofCategory: value),
      domain: domain, proportion: p, standardError: variance.squareRoot(),
      confidenceInterval: ConfidenceInterval(proportion: inputs, method: method, level: level),
      respondents: categoryRespondents[cell], domainRespondents: summary.respondents,
      designRows: summary.designRows, degreesOfFreedom: summary.degreesOfFreedom,
      designEffect: designEffect, designEffectWithReplacement: designEffectWithReplacement,
      effectiveSampleSize: total * total / summary.weightSquares, weightTotal: total)
  }

  /// The quasibinomial dispersion φ̂ of `summary.svyglm`: the design-based variance of the
  /// Pearson residuals rᵢ = (yᵢ − μ̂)·√(w̃ᵢ/w̃′ᵢ)/√(μ̂(1−μ̂)) of `residuals.svyglm`, where w̃ are the
  /// weights rescaled to mean 1 over the domain's rows and w̃′ over its respondents with a value.
  /// The ratio is the constant c = mean(w | respondents) / mean(w | rows), and at μ̂ = p̂ the
  /// residuals have weighted mean 0, so φ̂ = c · n/(n − 1).
  /// The quasibinomial dispersion of a replicate design's `summary.svrepglm` with R 4.5's Pearson
  /// residuals rᵢ = (yᵢ − μ̂)·√c/√(μ̂(1−μ̂)): φ̂ = Σwr²/Σw = c·(p̂(1−p̂) + (p̂ − μ̂)²)/(μ̂(1−μ̂)), with c
  /// the ratio of ``pearsonDispersion(summary:)`` (no n/(n − 1), no centring). R 4.1 divides the
  /// residuals by wᵢ/Σw instead of wᵢ/mean(w), which makes φ̂ n times too large.
  private func replicateDispersion(summary: DomainSummary, proportion p: Double, mean mu: Double) -> Double {
    let n = Double(summary.respondents)
    guard n > 0 else { return .nan }
    let ratio = (summary.weightTotal / n) / (summary.designWeightTotal / Double(summary.designRows))
    return ratio * (p * (1 - p) + (p - mu) * (p - mu)) / (mu * (1 - mu))
  }

  private func pearsonDispersion(summary: DomainSummary) -> Double {
    let n = Double(summary.respondents)
    guard n > 1 else { return .nan }
    let ratio = (summary.weightTotal / n) / (summary.designWeightTotal / Double(summary.designRows))
    return ratio * n / (n - 1)
  }
}
