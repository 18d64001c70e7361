extension SurveyDesign {
  /// Quantiles of a numeric variable (the median, quartiles, deciles…), overall or in every domain
  /// of `domainVariables`, with Woodruff confidence intervals: R survey 4.1's
  /// `svyquantile(~y, design, probabilities, ci = TRUE, na.rm = TRUE)` with its defaults
  /// `qrule = "math"` and `interval.type = "mean"` (or `svyby(~y, ~by, design, svyquantile, …)`).
  ///
  /// In each domain, over the respondents with a value (R/newsvyquantile.R, R/qrule.R):
  /// 1. the quantile q̂ is the smallest value whose weighted share F̂(q̂) = Σ_{yᵢ ≤ q̂} wᵢ / Σ wᵢ
  ///    reaches p (see `WeightedSample.quantile(_:)` for R 4.1's rule at the edges);
  /// 2. F̂(q̂) is a weighted mean of the indicator 1[yᵢ ≤ q̂], whose linearized standard error comes
  ///    from influence values wᵢ(1[yᵢ ≤ q̂] − F̂)/Σw through the design's stratified variance
  ///    (calibration-aware on raked designs);
  /// 3. the interval F̂ ± t·SE, with t = t_{1−α/2, ν} on the degrees of freedom ν of the domain's
  ///    respondents with a value, is mapped back through the same rule: lower = q̂(F̂ − t·SE),
  ///    upper = q̂(F̂ + t·SE) (Woodruff 1952; Francisco & Fuller 1991), a bound being NaN when the
  ///    probability falls below 0 or above 1;
  /// 4. SE = (upper − lower)/(2t), as R derives it from the interval.
  ///
  /// ```swift
  /// let quartiles = try design.quantiles(of: "api00", probabilities: [0.25, 0.5, 0.75])
  /// // R's apiclus1 example: 552 (492–627), 652 (561–714), 719 (696–777)
  /// ```
  ///
  /// On a replicate design (`replicates`, R 4.1's `svyquantile.svyrep.design`):
  /// - ``QuantileInterval/woodruff`` takes the variance of F̂(q̂) from the replicates
  ///   F̂_r = Σ_{yᵢ ≤ q̂} a_ri / Σ a_ri, with F̂(q̂) = Σ_{yᵢ ≤ q̂} wᵢ / Σ wᵢ (R's `svymean` on a replicate
  ///   design); R 4.1 ignores its other interval types there (`"beta"`, `"xlogit"`, `"asin"` give
  ///   this interval, a slip 4.5 corrected);
  /// - ``QuantileInterval/replicateQuantiles`` recomputes the quantile with each replicate's
  ///   weights (rows of weight 0 left out) and takes q̂ ± t·√V̂ of their replicate variance; SE =
  ///   (upper − lower)/(2t), i.e. √V̂.
  /// The degrees of freedom are the rank of the replicate weights of the domain's respondents with
  /// a value, minus one.
  ///
  /// - Parameters:
  ///   - probabilities: the probabilities, each strictly between 0 and 1.
  ///   - interval: Woodruff (R's default) or, on a replicate design, replicate quantiles.
  /// - Returns: for each domain in order, one estimate per probability in the order given.
  /// - Throws: ``SurveyError`` when the variable is missing, holds text or has no value at all, or
  ///   a probability is not strictly between 0 and 1;
  ///   ``ReplicateError/replicateIntervalWithoutReplicates`` for replicate quantiles on a design
  ///   without replicate weights.
  /// - Complexity: O(n log n) to sort the values of every domain, then O(n·D) per probability for
  ///   the variances of D domains; O(R·n log n) for replicate quantiles.
  public func quantiles(
    of variable: String, probabilities: [Double], by domainVariables: [String] = [], level: Double = 0.95,
    interval: QuantileInterval = .woodruff
  ) throws -> NumericEstimates<QuantileEstimate> {
    try quantiles(
      of: [variable], probabilities: probabilities, by: domainVariables, level: level, interval: interval)
  }

  /// Quantiles of each of `variables`, overall or in every domain of `domainVariables`: the
  /// estimates of ``quantiles(of:probabilities:by:level:interval:)-(String,_,_,_,_)`` for each
  /// variable in turn, on domains found once.
  ///
  /// - Returns: the estimates of the first variable, then those of the second, and so on.
  /// - Throws: ``SurveyError`` when a probability is not strictly between 0 and 1, or for the first
  ///   variable (in the order given) that is missing, holds text, or has no value at all.
  public func quantiles(
    of variables: [String], probabilities: [Double], by domainVariables: [String] = [], level: Double = 0.95,
    interval: QuantileInterval = .woodruff
  ) throws -> NumericEstimates<QuantileEstimate> {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    if let invalid = probabilities.first(where: { !($0 > 0 && $0 < 1) }) {
      throw SurveyError.invalidQuantileProbability(invalid)
    }
    if interval == .replicateQuantiles, replicates == nil { throw ReplicateError.replicateIntervalWithoutReplicates }
    let values = try variables.map {
      try survey.variable(named: $0).optionalNumbers(role: "analysed variable", origin: survey.origin)
    }
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let estimates = try zip(variables, values).flatMap { variable, values in
      try quantiles(
        values: values, name: variable, probabilities: probabilities, partition: partition, level: level,
        interval: interval)
    }
    return NumericEstimates(estimates, design: summary)
  }

  /// The quantiles of `values` (nil or NaN = missing) in every domain of `partition`. Domains
  /// without a value are left out (an error when the partition has a single domain).
  func quantiles(
    values: [Double?], name: String, probabilities: [Double], partition: DomainPartition, level: Double,
    interval: QuantileInterval = .woodruff
  ) throws -> [QuantileEstimate] {
    let domainCount = partition.domains.count
    // Rows with a value belong to their domain; the others to none, for the degrees of freedom too
    // (R's svyquantile() drops them before degf()).
    var answeredDomainOfRow = partition.domainOfRow
    var rowsOfDomain = [[Int]](repeating: [], count: domainCount)
    for row in values.indices {
      let domain = Int(answeredDomainOfRow[row])
      guard domain >= 0 else { continue }
      if let value = values[row], !value.isNaN {
        rowsOfDomain[domain].append(row)
      } else {
        answeredDomainOfRow[row] = -1
      }
    }
    if domainCount == 1, rowsOfDomain[0].isEmpty {
      throw SurveyError.emptyDomain(variable: name, domain: "in the sample")
    }
    let samples = rowsOfDomain.map { rows -> WeightedSample? in
      rows.isEmpty ? nil : WeightedSample(values: rows.map { values[$0]! }, weights: rows.map { weights[$0] })
    }
    let isActive = answeredDomainOfRow.map { $0 >= 0 }
    let degreesOfFreedom = domainDegreesOfFreedom(domainOfRow: answeredDomainOfRow, domainCount: domainCount)

    // For each probability: every domain's quantile, its estimated distribution function and the
    // variance of that estimate, all domains at once.
    var quantiles = [[Double]](repeating: [], count: probabilities.count)
    var shares = [[Double]](repeating: [], count: probabilities.count)
    var variances = [[Double]](repeating: [], count: probabilities.count)
    if replicates != nil, interval == .replicateQuantiles {
      return replicateQuantileIntervals(
        values: values, name: name, probabilities: probabilities, partition: partition, level: level,
        rowsOfDomain: rowsOfDomain, samples: samples, degreesOfFreedom: degreesOfFreedom)
    }
    var influence = [Double](repeating: 0, count: values.count)
    for (index, probability) in probabilities.enumerated() {
      quantiles[index] = samples.map { $0?.quantile(probability) ?? .nan }
      if replicates != nil {
        // F̂ = Σ 1[y ≤ q̂]·w / Σw as R's svymean on a replicate design (colSums(pweights * x) /
        // sum(pweights)), and its replicates.
        var indicator = [Double](repeating: 0, count: values.count)
        for domain in 0..<domainCount {
          let quantile = quantiles[index][domain]
          for row in rowsOfDomain[domain] where values[row]! <= quantile { indicator[row] = 1 }
        }
        shares[index] = (0..<domainCount).map { domain in
          guard let sample = samples[domain] else { return .nan }
          return extendedPrecisionSum(rowsOfDomain[domain].lazy.map { self.weights[$0] * indicator[$0] })
            / sample.weightTotal
        }
        variances[index] = replicateRatioVariances(
          numerator: indicator, denominator: nil, activeDomainOfRow: answeredDomainOfRow, domainCount: domainCount,
          estimates: shares[index])
        continue
      }
      // F̂ = Σ 1[y ≤ q̂]·w/Σw, accumulated as R's colSums(x * pweights / psum).
      shares[index] = (0..<domainCount).map { domain in
        guard let sample = samples[domain] else { return .nan }
        let quantile = quantiles[index][domain]
        return extendedPrecisionSum(rowsOfDomain[domain].lazy.filter { values[$0]! <= quantile }
          .map { self.weights[$0] / sample.weightTotal })
      }
      for domain in 0..<domainCount {
        guard let sample = samples[domain] else { continue }
        let quantile = quantiles[index][domain], share = shares[index][domain]
        for row in rowsOfDomain[domain] {
          let indicator: Double = values[row]! <= quantile ? 1 : 0
          influence[row] = (indicator - share) * weights[row] / sample.weightTotal
        }
      }
      variances[index] = domainVariances(
        rowInfluence: influence, domainOfRow: answeredDomainOfRow, isActive: isActive, domainCount: domainCount)
    }

    var estimates: [QuantileEstimate] = []
    for domain in 0..<domainCount {
      guard let sample = samples[domain] else { continue }
      for (index, probability) in probabilities.enumerated() {
        estimates.append(QuantileEstimate(
          variable: name, probability: probability, domain: partition.domains[domain], sample: sample,
          quantile: quantiles[index][domain], share: shares[index][domain],
          shareError: variances[index][domain].squareRoot(), level: level,
          degreesOfFreedom: degreesOfFreedom[domain]))
      }
    }
    return estimates
  }
}

extension SurveyDesign {
  /// R 4.1's `repCI()`: each domain's quantiles recomputed with every replicate's weights (rows of
  /// weight 0 left out, as R's quantile rules do), the replicate variance V̂ at q̂, and the interval
  /// q̂ ± t·√V̂ with SE = (upper − lower)/(2t).
  func replicateQuantileIntervals(
    values: [Double?], name: String, probabilities: [Double], partition: DomainPartition, level: Double,
    rowsOfDomain: [[Int]], samples: [WeightedSample?], degreesOfFreedom: [Int]
  ) -> [QuantileEstimate] {
    guard let replicates else { preconditionFailure("a design with replicate weights") }
    let domainCount = partition.domains.count
    // replicateQuantiles[domain][replicate * P + probability]
    var replicateQuantiles = [[Double]](repeating: [], count: domainCount)
    for domain in 0..<domainCount where samples[domain] != nil {
      replicateQuantiles[domain] = [Double](repeating: .nan, count: replicates.count * probabilities.count)
    }
    for replicate in 0..<replicates.count {
      let weights = replicates.weights(ofReplicate: replicate)
      for domain in 0..<domainCount where samples[domain] != nil {
        let rows = rowsOfDomain[domain].filter { weights[$0] != 0 }
        guard !rows.isEmpty else { continue }
        let sample = WeightedSample(values: rows.map { values[$0]! }, weights: rows.map { weights[$0] })
        for (index, probability) in probabilities.enumerated() {
          replicateQuantiles[domain][replicate * probabilities.count + index] = sample.quantile(probability)
        }
      }
    }
    var estimates: [QuantileEstimate] = []
    for domain in 0..<domainCount {
      guard let sample = samples[domain] else { continue }
      let t = ConfidenceInterval.tQuantile(level: level, degreesOfFreedom: Double(degreesOfFreedom[domain]))
      for (index, probability) in probabilities.enumerated() {
        let quantile = sample.quantile(probability)
        let reps = (0..<replicates.count).map { replicateQuantiles[domain][$0 * probabilities.count + index] }
        let halfWidth = replicates.variance(replicates: reps, estimate: quantile).squareRoot() * t
        let lower = quantile - halfWidth, upper = quantile + halfWidth
        estimates.append(QuantileEstimate(
          variable: name, probability: probability, domain: partition.domains[domain], quantile: quantile,
          standardError: (upper - lower) / (2 * t),
          confidenceInterval: ConfidenceInterval(lower: lower, upper: upper, method: .mean, level: level),
          respondents: sample.count, degreesOfFreedom: degreesOfFreedom[domain]))
      }
    }
    return estimates
  }
}
