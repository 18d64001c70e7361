/// A bound on the weights: a number of weight units, or a multiple of the median weight.
package enum WeightBound: Sendable, Hashable, CustomStringConvertible {
  /// A fixed value.
  case absolute(Double)
  /// A multiple of the median weight (R's `median()`: the mean of the two middle values when the
  /// count is even), taken from the weights before trimming.
  case timesMedian(Double)

  /// The bound for weights with the given median.
  package func value(median: Double) -> Double {
    switch self {
    case .absolute(let value): return value
    case .timesMedian(let factor): return factor * median
    }
  }

  /// The bound written `40`, `0.5` or `3.5median` (also `3.5xmedian`, `3.5*median`, any case,
  /// spaces ignored); `nil` for other text or a factor that is not a positive number.
  package init?(text: String) {
    var text = text.lowercased().filter { $0 != " " }
    guard text.hasSuffix("median") else {
      guard let value = Double(text), value.isFinite else { return nil }
      self = .absolute(value)
      return
    }
    text.removeLast("median".count)
    if text.hasSuffix("x") || text.hasSuffix("*") || text.hasSuffix("×") { text.removeLast() }
    guard let factor = Double(text), factor > 0, factor.isFinite else { return nil }
    self = .timesMedian(factor)
  }

  /// `40` or `3.5median`.
  package var description: String {
    switch self {
    case .absolute(let value): return NumericValues.shortText(value)
    case .timesMedian(let factor): return "\(NumericValues.shortText(factor))median"
    }
  }
}

/// Bounds for the weights and how strictly to enforce them: R survey's
/// `trimWeights(design, upper =, lower =, strict =)`.
package struct WeightTrimming: Sendable, Hashable {
  /// The largest weight allowed; `nil` for none.
  package var upper: WeightBound?
  /// The smallest weight allowed; `nil` for none.
  package var lower: WeightBound?
  /// Repeat the trimming until no weight is outside the bounds (the redistribution can push
  /// weights beyond them).
  package var strict: Bool

  /// Creates trimming bounds.
  package init(upper: WeightBound? = nil, lower: WeightBound? = nil, strict: Bool = false) {
    self.upper = upper
    self.lower = lower
    self.strict = strict
  }

  /// The bounds in weight units for `weights` (medians taken from them): (lower, upper).
  package func bounds(for weights: [Double]) -> (lower: Double, upper: Double) {
    let (low, high) = WeightDiagnostics.quantileRanks(count: weights.count, probability: 0.5)
    let order = OrderStatistics(weights, ranks: [low, high])
    let median = WeightDiagnostics.quantile(low: order[low], high: order[high], count: weights.count, probability: 0.5)
    return (lower?.value(median: median) ?? -.infinity, upper?.value(median: median) ?? .infinity)
  }
}

extension SurveyDesign {
  /// The design with trimmed weights: R survey's `trimWeights()` (`R/grake.R`), with bounds that
  /// may be multiples of the current median weight.
  ///
  /// ```swift
  /// let trimmed = try raked.trimmed(WeightTrimming(upper: .timesMedian(3.5), lower: .absolute(0.3)))
  /// ```
  ///
  /// Weights above `upper` are set to `upper`, weights below `lower` to `lower`, and the amount
  /// removed (or added) is shared equally among the weights that were inside the bounds:
  /// wᵢ += Σ(w − w′) / (number inside). The weight total is unchanged. With `strict`, this is
  /// repeated until no weight is outside the bounds, as R's recursive call; Confiance also stops
  /// when no weight is outside by more than 1e-12 of its bound, where R's recursion can go on
  /// forever (two-sided bounds) and overflow the stack.
  ///
  /// The calibration of a post-stratified or raked design is kept for the variance (R keeps
  /// `design$postStrata`); the trimmed design then no longer fits the margins exactly.
  ///
  /// - Throws: ``WeightingError/invalidOption(name:value:requirement:)`` for bounds that are not
  ///   positive or cross, ``WeightingError/trimmingImpossible(reason:)`` when every weight is outside
  ///   the bounds or strict trimming cannot settle.
  /// - Complexity: O(n log n) for the median, O(n) per trimming pass.
  package func trimmed(_ trimming: WeightTrimming) throws -> SurveyDesign {
    let bounds = trimming.bounds(for: weights)
    return try trimmedWeights(upper: bounds.upper, lower: bounds.lower, strict: trimming.strict)
  }

  /// R's `trimWeights(design, upper, lower, strict)` with bounds in weight units; see ``trimmed(_:)``.
  package func trimmedWeights(upper: Double = .infinity, lower: Double = -.infinity, strict: Bool = false) throws
    -> SurveyDesign
  {
    try requireNoReplicates(for: "Weight trimming")
    guard !upper.isNaN, upper > 0 else {
      throw WeightingError.invalidOption(
        name: "the upper trimming bound", value: NumericValues.shortText(upper), requirement: "it must be positive")
    }
    guard !lower.isNaN, lower < upper else {
      throw WeightingError.invalidOption(
        name: "the lower trimming bound", value: NumericValues.shortText(lower),
        requirement: "it must be below the upper bound \(NumericValues.shortText(upper))")
    }
    var weights = self.weights
    var pass = 0
    while true {
      let tolerance = pass == 0 ? 0 : 1e-12
      let isOutside = weights.map { $0 < lower - tolerance * abs(lower) || $0 > upper + tolerance * abs(upper) }
      let insideCount = isOutside.reduce(0) { $0 + ($1 ? 0 : 1) }
      if insideCount == weights.count { break }
      guard insideCount > 0 else {
        throw WeightingError.trimmingImpossible(
          reason: "every weight is outside [\(NumericValues.shortText(lower)), \(NumericValues.shortText(upper))], "
            + "so there is no weight to give the trimmed amount to; widen the bounds")
      }
      var trimmedAmount = 0.0
      for row in weights.indices {
        let bounded = max(lower, min(weights[row], upper))
        trimmedAmount += weights[row] - bounded
        weights[row] = bounded
      }
      let share = trimmedAmount / Double(insideCount)
      for row in weights.indices where !isOutside[row] { weights[row] += share }
      pass += 1
      if !strict { break }
      guard pass < 10_000 else {
        throw WeightingError.trimmingImpossible(
          reason: "strict trimming did not settle after 10000 passes; the bounds leave too little room for the weight total")
      }
    }
    return SurveyDesign(reweighting: self, weights: weights, calibrations: calibrations)
  }
}
