extension SurveyDesign {
  /// The design post-stratified to the population of one variable (or of several crossed
  /// variables): R survey's `postStratify(design, ~strata, population)` (`R/survey.R`).
  ///
  /// ```swift
  /// let cells = Margin(variables: ["sex", "age"], cells: [
  ///   .init(categories: ["F", "18-34"], target: 0.14), …], scale: .proportions)
  /// let adjusted = try design.postStratified(to: cells, populationSize: 5_400_000)
  /// ```
  ///
  /// Every weight of post-stratum c is multiplied by T_c / Σ_{k∈c} wₖ, so the weights of each cell
  /// sum to its target. The variance uses influence values zᵢ replaced by zᵢ − wᵢ·m_c with
  /// m_c = Σ_{k∈c} w⁰ₖ zₖ/wₖ / Σ_{k∈c} w⁰ₖ (w⁰ the weights before, w after), as R's `svyrecvar()`
  /// (Lumley 2010, §7.2; Valliant 1993).
  ///
  /// - Parameters:
  ///   - margin: The post-strata and their targets.
  ///   - populationSize: The N that proportions are multiplied by; `nil` uses the current weight total.
  /// - Throws: ``WeightingError`` when the targets do not fit the data.
  /// - Complexity: O(n).
  public func postStratified(to margin: Margin, populationSize: Double? = nil) throws -> SurveyDesign {
    try postStratification(to: margin, populationSize: populationSize).design
  }

  /// Post-stratification on `variables` (crossed when several) with a target for every
  /// combination of their categories, as population totals; see ``postStratified(to:populationSize:)``.
  ///
  /// ```swift
  /// try design.postStratified(on: ["stype"], to: [["E"]: 4421, ["H"]: 755, ["M"]: 1018])
  /// ```
  public func postStratified(on variables: [String], to targets: [[String]: Double]) throws -> SurveyDesign {
    let cells = targets.keys.sorted { $0.lexicographicallyPrecedes($1) }.map {
      Margin.Cell(categories: $0, target: targets[$0]!)
    }
    return try postStratified(to: Margin(variables: variables, cells: cells))
  }

  /// Post-stratification with its diagnostics (one iteration; every cell before and after).
  package func postStratification(to margin: Margin, populationSize: Double? = nil) throws -> RakingResult {
    try requireNoReplicates(for: "Post-stratification")
    let cells = try MarginCells.resolve(
      PopulationMargins([margin], populationSize: populationSize), survey: survey, weightTotal: weightTotal)[0]
    let totals = cells.totals(of: weights)
    let factors = zip(cells.targets, totals).map { $0 / $1 }
    var adjusted = weights
    for row in adjusted.indices { adjusted[row] *= factors[Int(cells.cellOfRow[row])] }
    let calibration = Calibration(
      kind: .postStratification(oldWeights: weights),
      margins: [Calibration.Margin(cellOfRow: cells.cellOfRow, cellCount: cells.cellCount, weights: adjusted)])
    return RakingResult(
      design: SurveyDesign(reweighting: self, weights: adjusted, calibrations: calibrations + [calibration]),
      iterations: 1, converged: true, lastChange: 0, tolerance: 0,
      margins: RakingResult.fits(of: [cells], before: weights, after: adjusted))
  }
}
