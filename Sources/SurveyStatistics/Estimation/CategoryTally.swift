/// One pass over the rows that gathers everything the proportions of a categorical variable
/// need, for every domain at once: weighted category totals per (domain, PSU), and per-domain
/// counts and weight sums.
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
  private var priorWeightScale: [Double]
  /// (domain, PSU) slots: each holds K category weight totals and the slot's weight total.
  private var slotPSU: [Int32] = []
  private var slotActiveRows: [Int] = []
  private var slotWeights: [Double] = []
  private var slotsOfDomain: [[Int]]
  /// Whether each level has at least one respondent.
  private(set) var categoryIsObserved: [Bool]

  /// Tallies `values` by domain; with `fitsLogit`, also the first step of R's logistic fit for
  /// ``IntervalMethod/logit`` (one more pass over the domain column and weights beforehand).
  init(values: CategoricalValues, partition: DomainPartition, design: SurveyDesign, fitsLogit: Bool = false) {
    let structure = design.structure
    let weights = design.weights
    let categories = values.levels.count
    let domainCount = partition.domains.count
    categoryCount = categories
    domains = [DomainSummary](repeating: DomainSummary(), count: domainCount)
    categoryRespondents = [Int](repeating: 0, count: domainCount * categories)
    categoryWeight = [Double](repeating: 0, count: domainCount * categories)
    categoryLogitSignedSum = fitsLogit ? categoryWeight : []
    priorWeightScale = fitsLogit
      ? Self.priorWeightScales(partition: partition, weights: weights, design: design) : []
    slotsOfDomain = [[Int]](repeating: [], count: domainCount)
    categoryIsObserved = [Bool](repeating: false, count: categories)
    var slots = SlotIndex(domainCount: domainCount, psuCount: structure.stratumOfPSU.count)
    let stride = categories + 1
    for row in 0..<values.codes.count {
      let domain = Int(partition.domainOfRow[row])
      guard domain >= 0 else { continue }
      let psu = structure.psuOfRow[row]
      let weight = weights[row]
      let slot = slots.slot(domain: domain, psu: psu) { slot in
        slotPSU.append(psu)
        slotActiveRows.append(0)
        slotWeights.append(contentsOf: repeatElement(0, count: stride))
        slotsOfDomain[domain].append(slot)
      }
      domains[domain].designRows += 1
      domains[domain].designWeightTotal += weight
      let code = Int(values.codes[row])
      guard code >= 0 else { continue }
      categoryIsObserved[code] = true
      slotActiveRows[slot] += 1
      slotWeights[slot * stride + code] += weight
      slotWeights[slot * stride + categories] += weight
      domains[domain].respondents += 1
      domains[domain].weightTotal += weight
      domains[domain].weightSquares += weight * weight
      let cell = domain * categories + code
      categoryRespondents[cell] += 1
      categoryWeight[cell] += weight
      if fitsLogit {
        let terms = InterceptOnlyLogisticFit.RowTerms(scaledWeight: priorWeightScale[domain] * weight)
        domains[domain].logitSignedSum += terms.signedSum
        domains[domain].logitWeight += terms.weight
        domains[domain].logitDeviance += terms.deviance
        categoryLogitSignedSum[cell] += terms.signedSum
      }
    }
    for domain in 0..<domainCount {
      var strata = Set<Int32>()
      for slot in slotsOfDomain[domain] { strata.insert(structure.stratumOfPSU[Int(slotPSU[slot])]) }
      domains[domain].degreesOfFreedom = slotsOfDomain[domain].count - strata.count
    }
  }

  /// 1 / mean(w) over the rows of each domain's design: its domain rows, or every row of the file
  /// on a calibrated design (R's `subset()` keeps them all, with weight 0).
  private static func priorWeightScales(partition: DomainPartition, weights: [Double], design: SurveyDesign) -> [Double] {
    var rows = [Int](repeating: 0, count: partition.domains.count)
    var total = [Double](repeating: 0, count: partition.domains.count)
    for (row, domain) in partition.domainOfRow.enumerated() where domain >= 0 {
      rows[Int(domain)] += 1
      total[Int(domain)] += weights[row]
    }
    return zip(rows, total).map { Double(design.designRows(ofDomainWith: $0)) / $1 }
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
  func slotVariances(domainIndex: Int, categories: [Int], centres: [Double], design: SurveyDesign) -> [Double] {
    let stride = categoryCount + 1
    let k = categories.count
    let total = domains[domainIndex].weightTotal
    var influence = InfluenceTotals(statisticCount: k)
    influence.psus.reserveCapacity(slotsOfDomain[domainIndex].count)
    influence.totals.reserveCapacity(slotsOfDomain[domainIndex].count * k)
    for slot in slotsOfDomain[domainIndex] where slotActiveRows[slot] > 0 {
      influence.psus.append(slotPSU[slot])
      let slotTotal = slotWeights[slot * stride + categoryCount]
      for (column, category) in categories.enumerated() {
        influence.totals.append((slotWeights[slot * stride + category] - centres[column] * slotTotal) / total)
      }
    }
    let covariance = design.structure.covariance(of: influence, lonelyPSU: design.lonelyPSU, diagonalOnly: true)
    return (0..<k).map { covariance[$0 * k + $0] }
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
  func estimate(
    category: Int, domainIndex: Int, domain: Domain, variable: Variable, levels: [String],
    method: IntervalMethod, level: Double, design: SurveyDesign, variance: Double,
    logitVariance: Double?
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
    // R's subset() of a calibrated design keeps every row (weight 0 outside the domain), so
    // nrow() of a domain is the whole file; the svyglm prior weights are rescaled over all rows,
    // and its Pearson residuals over all rows minus those with a missing value.
    let keepsAllRows = design.isCalibrated
    let dispersion: Double
    if keepsAllRows {
      summary.designRows = design.designRows(ofDomainWith: summary.designRows)
      let n = Double(summary.respondents)
      dispersion = n > 1 ? summary.weightTotal / summary.designWeightTotal * n / (n - 1) : .nan
    } else {
      dispersion = pearsonDispersion(summary: summary)
    }
    let n = Double(summary.respondents)
    var designEffect: Double?
    if total >= n, n > 1 {
      let simpleRandomVariance = n / (n - 1) * p * (1 - p) * (total - n) / (total * n)
      designEffect = variance / simpleRandomVariance
    }
    // svyglm's prior weights are w / mean(w) over the domain's rows.
    let rescale = Double(summary.designRows) / summary.designWeightTotal
    let inputs = ProportionIntervalInputs(
      proportion: p, variance: variance, degreesOfFreedom: Double(summary.degreesOfFreedom),
      designRows: summary.designRows, scaledWeightTotal: rescale * total, dispersion: dispersion,
      logitCoefficient: logitCoefficient)
    let value = levels[category]
    return ProportionEstimate(
      variable: variable.name, category: value, categoryLabel: variable.label(ofCategory: value),
      domain: domain, proportion: p, standardError: variance.squareRoot(),
      confidenceInterval: ConfidenceInterval(proportion: inputs, method: method, level: level),
      respondents: categoryRespondents[cell], domainRespondents: summary.respondents,
      designRows: summary.designRows, degreesOfFreedom: summary.degreesOfFreedom,
      designEffect: designEffect, effectiveSampleSize: total * total / summary.weightSquares,
      weightTotal: total)
  }

  /// The quasibinomial dispersion φ̂ of `summary.svyglm`: the design-based variance of the
  /// Pearson residuals rᵢ = (yᵢ − μ̂)·√(w̃ᵢ/w̃′ᵢ)/√(μ̂(1−μ̂)) of `residuals.svyglm`, where w̃ are the
  /// weights rescaled to mean 1 over the domain's rows and w̃′ over its respondents with a value.
  /// The ratio is the constant c = mean(w | respondents) / mean(w | rows), and at μ̂ = p̂ the
  /// residuals have weighted mean 0, so φ̂ = c · n/(n − 1).
  private func pearsonDispersion(summary: DomainSummary) -> Double {
    let n = Double(summary.respondents)
    guard n > 1 else { return .nan }
    let ratio = (summary.weightTotal / n) / (summary.designWeightTotal / Double(summary.designRows))
    return ratio * n / (n - 1)
  }
}
