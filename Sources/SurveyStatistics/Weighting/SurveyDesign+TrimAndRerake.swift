/// The outcome of raking with trimming: the design, the last raking, and whether the weights
/// ended within the bounds.
package struct TrimmedRakingResult: Sendable {
  /// The final design (raked last when re-raking, trimmed last otherwise).
  package var design: SurveyDesign
  /// The first raking, before any trimming (its `before` totals are those of the base weights).
  package var initialRaking: RakingResult
  /// The last raking (the same as ``initialRaking`` without re-raking).
  package var lastRaking: RakingResult
  /// The number of trim-and-rerake rounds (0 when the raked weights were already within the
  /// bounds; 1 for a single trimming without re-raking).
  package var rounds: Int
  /// The bounds in weight units, from the medians of the first raked weights.
  package var lowerBound: Double
  /// The upper bound in weight units.
  package var upperBound: Double
  /// Whether every final weight is within the bounds (relative tolerance 1e-6).
  package var boundsHold: Bool
  /// The number of final weights outside the bounds.
  package var weightsOutsideBounds: Int
  /// Every margin cell with the final weights (`before`: the weights before raking).
  package var margins: [RakingResult.MarginFit]
}

extension SurveyDesign {
  /// The relative tolerance within which a weight counts as inside its trimming bounds.
  package static let trimmingBoundTolerance = 1e-6

  /// Rakes, then trims the weights, optionally re-raking after every trimming until the weights are
  /// within the bounds or `maxRounds` rounds have run.
  ///
  /// 1. Rake to `margins` (``raking(to:options:)``).
  /// 2. Fix the bounds in weight units (multiples of the median of the raked weights).
  /// 3. Without `rerake`: trim once (R's `trimWeights()`); the margins then fit only approximately.
  ///    With `rerake`: while some weight is outside the bounds by more than 1e-6 of the bound and
  ///    fewer than `maxRounds` rounds have run, trim and rake again. Every raking is kept for the
  ///    variance, as R's `rake()` appends to `design$postStrata`: the result equals R's
  ///    `d <- rake(d0, …); repeat { d <- trimWeights(d, upper, lower); d <- rake(d, …) }`.
  ///
  /// - Throws: ``WeightingError`` from raking or trimming.
  package func rakingWithTrimming(
    to margins: PopulationMargins, trimming: WeightTrimming, rerake: Bool, maxRounds: Int = 20,
    options: RakingControl = RakingControl()
  ) throws -> TrimmedRakingResult {
    let initial = try raking(to: margins, options: options)
    let bounds = trimming.bounds(for: initial.design.weights)
    let outsideCount = { (design: SurveyDesign) in
      design.weights.reduce(0) { count, weight in
        let tolerance = Self.trimmingBoundTolerance
        let outside = weight > bounds.upper + tolerance * abs(bounds.upper)
          || weight < bounds.lower - tolerance * abs(bounds.lower)
        return count + (outside ? 1 : 0)
      }
    }
    var design = initial.design, last = initial, rounds = 0
    if rerake {
      while outsideCount(design) > 0, rounds < maxRounds {
        let trimmed = try design.trimmedWeights(upper: bounds.upper, lower: bounds.lower, strict: trimming.strict)
        last = try trimmed.raking(to: margins, options: options)
        design = last.design
        rounds += 1
      }
    } else if outsideCount(design) > 0 {
      design = try design.trimmedWeights(upper: bounds.upper, lower: bounds.lower, strict: trimming.strict)
      rounds = 1
    }
    let outside = outsideCount(design)
    let cells = try MarginCells.resolve(margins, survey: survey, weightTotal: weightTotal)
    return TrimmedRakingResult(
      design: design, initialRaking: initial, lastRaking: last, rounds: rounds, lowerBound: bounds.lower,
      upperBound: bounds.upper, boundsHold: outside == 0, weightsOutsideBounds: outside,
      margins: RakingResult.fits(of: cells, before: weights, after: design.weights))
  }
}
