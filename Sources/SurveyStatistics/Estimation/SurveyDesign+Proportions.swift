extension SurveyDesign {
  /// The weighted proportion of every category of a categorical variable, overall or in every
  /// domain of `domainVariables`, with linearized standard errors, design effects and confidence
  /// intervals: R survey's `svyby(~factor(x), ~by, design, svymean, na.rm = TRUE, deff = TRUE)` with
  /// `svyciprop(~I(x == c), subset(design, by == level), method:, level:)`.
  ///
  /// The estimate is Hájek's ratio p̂ = Σ wᵢ yᵢ / Σ wᵢ; its influence values zᵢ = wᵢ(yᵢ − p̂)/Σwᵢ are
  /// summed by PSU and fed to the stratified variance (`DesignStructure`). Respondents without a
  /// value, and rows outside the domain, are masked (weight 0), never dropped, so every PSU of the
  /// design keeps its place (Lumley 2010, §2.3; Särndal, Swensson & Wretman 1992, §10.3).
  ///
  /// - Parameters:
  ///   - variable: the analysed variable; its categories are the distinct non-missing values.
  ///   - domainVariables: the `--by` variables; several are crossed.
  ///   - method: the interval method (R's default, ``IntervalMethod/logit``).
  ///   - level: the confidence level.
  /// - Returns: one estimate per domain and category: domains in the order of their levels, and
  ///   categories in `CategoricalValues.sortedLevelIndices()` order.
  /// On a calibrated (post-stratified or raked) design the influence values are computed per row and
  /// projected on the calibration before they are summed by PSU, as R's `svyrecvar()` does for a
  /// design returned by `postStratify()` or `rake()`; a domain then keeps every row (weight 0 outside
  /// it), so its `ProportionEstimate.designRows` is the number of rows in the file, as R's
  /// `nrow(subset(design, …))`.
  ///
  /// On a replicate design (`replicates`) the variance is that of the replicate proportions
  /// p̂_r = Σ a_ri 1[xᵢ = c] / Σ a_ri (R's `svymean` on a `svyrep.design`), the degrees of freedom
  /// the rank of the domain's replicate weights minus one, and the intervals those of R's
  /// `svyciprop()` there: for ``IntervalMethod/logit`` and ``IntervalMethod/likelihood`` the
  /// variance of the logit coefficient comes from its replicates, each R's `glm.fit()` started at
  /// the full-sample coefficient (`InterceptOnlyLogisticFit.replicateCoefficient(proportion:start:)`);
  /// the likelihood interval uses R 4.5's quasibinomial dispersion (R 4.1's is n times too large on
  /// replicate designs and its interval NA).
  ///
  /// - Complexity: O(n + e·K) for n rows, e (domain, PSU) pairs and K categories: one pass over the
  ///   rows; on a calibrated design O(c·n·K) per domain for a projection of cost c per column; on a
  ///   replicate design O(n·R) for R replicates, plus the ranks of the domains' replicate weights.
  public func proportions(
    of variable: String, by domainVariables: [String] = [], method: IntervalMethod = .logit,
    level: Double = 0.95
  ) throws -> ProportionEstimates {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let analysed = try survey.variable(named: variable)
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    return ProportionEstimates(
      try proportions(
        of: analysed, values: analysed.categorical, partition: partition, categories: nil, method: method,
        level: level),
      design: summary)
  }

  /// The weighted proportions of every category of each of `variables`, overall or in every domain
  /// of `domainVariables`: the estimates of ``proportions(of:by:method:level:)`` for each variable
  /// in turn, computed together.
  ///
  /// The domains, their (domain, PSU) slots and the per-row terms of the logistic fit are found
  /// once for all the variables (`DomainSlots`); each variable then costs one pass over its codes.
  /// Variables are tallied on every processor at once; the estimates do not depend on the number
  /// of processors.
  ///
  /// ```swift
  /// let estimates = try design.proportions(of: ["q1", "q2", "q3"], by: ["age_band"])
  /// ```
  ///
  /// - Returns: the estimates of the first variable, then those of the second, and so on.
  /// - Throws: the error of the first variable (in the order given) that cannot be estimated.
  /// - Complexity: O(n + e) for the slots, plus O(n + e·K) per variable, for n rows, e (domain,
  ///   PSU) pairs and K categories.
  public func proportions(
    of variables: [String], by domainVariables: [String] = [], method: IntervalMethod = .logit,
    level: Double = 0.95
  ) throws -> ProportionEstimates {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let analysed = try variables.map { try survey.variable(named: $0) }
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let slots = DomainSlots(partition: partition, design: self, fitsLogit: fitsLogit(method))
    var results = [Result<[ProportionEstimate], any Error>](repeating: .success([]), count: analysed.count)
    results.withUnsafeMutableBufferPointer { results in
      forEachConcurrently(analysed.count) { index in
        results[index] = Result {
          try proportions(
            of: analysed[index], values: analysed[index].categorical, slots: slots, categories: nil,
            method: method, level: level)
        }
      }
    }
    return ProportionEstimates(try results.flatMap { try $0.get() }, design: summary)
  }

  /// The proportions of the categories of `values` in every domain of `partition`, in one pass.
  ///
  /// - Parameters:
  ///   - analysed: the variable the values belong to (its name and category labels are reported).
  ///   - values: the categories of each respondent; may be derived (an interaction, a box).
  ///   - categories: the level indices to estimate, in order, observed or not (a category nobody
  ///     chose has proportion 0); `nil` for the observed levels in sorted order.
  /// - Returns: one estimate per domain with respondents and category; domains without respondents
  ///   with a value are left out (an error when the partition has a single domain).
  func proportions(
    of analysed: Variable, values: CategoricalValues, partition: DomainPartition, categories requested: [Int]?,
    method: IntervalMethod, level: Double
  ) throws -> [ProportionEstimate] {
    let slots = DomainSlots(partition: partition, design: self, fitsLogit: fitsLogit(method))
    return try proportions(
      of: analysed, values: values, slots: slots, categories: requested, method: method, level: level)
  }

  /// The proportions of the categories of `values` over the domains of `slots`.
  func proportions(
    of analysed: Variable, values: CategoricalValues, slots: DomainSlots, categories requested: [Int]?,
    method: IntervalMethod, level: Double
  ) throws -> [ProportionEstimate] {
    let partition = slots.partition
    let tally = CategoryTally(values: values, slots: slots)
    let categories = requested ?? values.sortedLevelIndices().filter { tally.categoryIsObserved[$0] }
    // With replicate weights: Σ a_ri over the rows of every (domain, category), per replicate.
    let replicateTotals = replicates?.cellTotals(
      cellOfRow: zip(partition.domainOfRow, values.codes).map { domain, code in
        domain >= 0 && code >= 0 ? domain * Int32(values.levels.count) + code : -1
      },
      cellCount: partition.domains.count * values.levels.count)
    var estimates: [ProportionEstimate] = []
    for (domainIndex, domain) in partition.domains.enumerated() {
      let summary = tally.domains[domainIndex]
      guard summary.weightTotal > 0 else {
        if partition.domains.count == 1 {
          throw SurveyError.emptyDomain(variable: analysed.name, domain: "in the sample")
        }
        continue
      }
      // R's logit coefficient has its variance from influence values centred at the fitted mean.
      let fittedMeans = method == .logit
        ? categories.map { tally.logitFit(category: $0, domainIndex: domainIndex)?.mean ?? .nan } : nil
      let variances: [Double]
      var logitVariances: [Double]?
      if let replicateTotals {
        let replicate = replicateProportionVariances(
          replicateTotals, tally: tally, domainIndex: domainIndex, categoryCount: values.levels.count,
          domainCount: partition.domains.count, categories: categories, fitsLogit: fitsLogit(method))
        for (position, category) in categories.enumerated() {
          estimates.append(tally.estimate(
            category: category, domainIndex: domainIndex, domain: domain, variable: analysed,
            levels: values.levels, method: method, level: level, design: tallyDesign,
            variance: replicate.variances[position], logitVariance: nil,
            replicateLogitVariance: replicate.logitVariances?[position]))
        }
        continue
      }
      if isCalibrated {
        variances = calibratedProportionVariances(
          values: values, partition: partition, domainIndex: domainIndex, categories: categories)
        if let fittedMeans {
          logitVariances = calibratedProportionVariances(
            values: values, partition: partition, domainIndex: domainIndex, categories: categories,
            centres: fittedMeans)
        }
      } else {
        let proportions = categories.map { tally.proportion(category: $0, domainIndex: domainIndex) }
        variances = tally.slotVariances(domainIndex: domainIndex, categories: categories, centres: proportions, design: tallyDesign)
        if let fittedMeans {
          logitVariances = tally.slotVariances(
            domainIndex: domainIndex, categories: categories, centres: fittedMeans, design: tallyDesign)
        }
      }
      for (position, category) in categories.enumerated() {
        estimates.append(tally.estimate(
          category: category, domainIndex: domainIndex, domain: domain, variable: analysed,
          levels: values.levels, method: method, level: level, design: tallyDesign,
          variance: variances[position], logitVariance: logitVariances?[position]))
      }
    }
    return estimates
  }
}

extension SurveyDesign {
  /// The variances of the proportions of `categories` in one domain of a calibrated design, from
  /// row-level influence values zᵢ = wᵢ(1[xᵢ = c] − p̂_c)/Σw (0 outside the domain and where x is
  /// missing) passed through ``covariance(rowInfluence:statisticCount:isActive:)``, which projects
  /// them on the calibration. Categories are processed in blocks of 16 to bound memory.
  ///
  /// - Parameter centres: the value each category's indicator is centred at (default p̂; R's
  ///   fitted mean for the logit interval's coefficient).
  func calibratedProportionVariances(
    values: CategoricalValues, partition: DomainPartition, domainIndex: Int, categories: [Int],
    centres: [Double]? = nil
  ) -> [Double] {
    let domain = Int32(domainIndex)
    let isActive = { (row: Int) in partition.domainOfRow[row] == domain && values.codes[row] >= 0 }
    var total = 0.0
    var categoryTotal = [Double](repeating: 0, count: values.levels.count)
    for row in 0..<respondentCount where isActive(row) {
      total += weights[row]
      categoryTotal[Int(values.codes[row])] += weights[row]
    }
    var variances: [Double] = []
    var start = 0
    while start < categories.count {
      let block = Array(categories[start..<min(start + 16, categories.count)])
      let k = block.count
      var influence = [Double](repeating: 0, count: respondentCount * k)
      for row in 0..<respondentCount where isActive(row) {
        let code = Int(values.codes[row])
        for (column, category) in block.enumerated() {
          let indicator = code == category ? 1.0 : 0.0
          let centre = centres?[start + column] ?? categoryTotal[category] / total
          influence[row * k + column] = weights[row] * (indicator - centre) / total
        }
      }
      let covariance = covariance(rowInfluence: influence, statisticCount: k, isActive: isActive)
      for column in 0..<k { variances.append(covariance[column * k + column]) }
      start += k
    }
    return variances
  }
}

extension SurveyDesign {
  /// Whether the tally fits R's intercept-only logistic model: for the logit interval, and for the
  /// likelihood interval on a replicate design (whose coefficient variance comes from replicates).
  func fitsLogit(_ method: IntervalMethod) -> Bool {
    method == .logit || (method == .likelihood && replicates != nil)
  }

  /// The replicate variances of the proportions of `categories` in one domain, and of their logit
  /// coefficients when the tally fits them (``ReplicateWeights/proportionVariances(_:tally:domainIndex:categoryCount:domainCount:categories:fitsLogit:)``).
  func replicateProportionVariances(
    _ totals: [Double], tally: CategoryTally, domainIndex: Int, categoryCount: Int, domainCount: Int,
    categories: [Int], fitsLogit: Bool
  ) -> (variances: [Double], logitVariances: [Double]?) {
    guard let replicates else { preconditionFailure("a design with replicate weights") }
    return replicates.proportionVariances(
      totals, tally: tally, domainIndex: domainIndex, categoryCount: categoryCount, domainCount: domainCount,
      categories: categories, fitsLogit: fitsLogit)
  }
}
