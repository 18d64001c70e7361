extension SurveyDesign {
  /// The design raked to population margins: R survey's `rake(design, sample.margins,
  /// population.margins, control = list(maxit =, epsilon =))` (`R/surveyrep.R`), by iterative
  /// proportional fitting (Deming & Stephan 1940).
  ///
  /// ```swift
  /// let margins = PopulationMargins([
  ///   Margin(variable: "sex", targets: [("F", 0.52), ("M", 0.48)], scale: .proportions),
  ///   Margin(variable: "region", targets: [("north", 0.4), ("south", 0.6)], scale: .proportions),
  /// ], populationSize: 5_400_000)
  /// let raked = try design.raked(to: margins)
  /// try raked.proportions(of: "concern")   // SEs account for the raking
  /// ```
  ///
  /// Algorithm (as R): every sweep post-stratifies to each margin in order, wᵢ ← wᵢ·T_c / Σ_{k∈c} wₖ
  /// for every cell c of the margin; after the sweep, δ = the largest absolute change of a weighted
  /// cell total of the crossed raking variables since the previous sweep (the first sweep is
  /// compared with the weights before raking). Raking stops when δ < ε, with ε =
  /// `options.tolerance` in weight units; R's `control$epsilon` below 1 is the same fraction of the
  /// weight total. The last margin fits exactly; ``RakingResult/margins`` gives the remaining
  /// distance of every other cell. When the weights stop changing while some cell is still farther
  /// than max(100 ε, 1e-6 × target) from its target — margins that contradict each other, which
  /// R's rule alone reports as converged — raking has not converged either.
  ///
  /// Variance: the design keeps, for every margin, the cell of each row and the weights right after
  /// that margin was fitted in the last sweep. Standard errors then use influence values projected
  /// on the margins, ten cycles of z ← z − w·ave_c(z/w) (R's `svyrecvar()`), so every estimator
  /// accounts for the raking (Lumley 2010, §7.4).
  ///
  /// Raking a design that was already calibrated keeps the earlier calibration for the variance,
  /// as R does.
  ///
  /// On a design with replicate weights (R's `rake()` of a `svyrep.design`), every replicate is
  /// raked in the same sweeps: each margin scales replicate r's weights in cell c by T_c over that
  /// replicate's own total in c (R's `postStratify.svyrep.design()`), and convergence is judged on
  /// the full-sample weights alone. Variances then come from the raked replicates, with no
  /// projection, and the degrees of freedom are the rank of the raked replicate weights minus one.
  /// A replicate with no weight in a cell throws
  /// ``WeightingError/emptyReplicateCell(margin:category:replicate:respondents:origin:)`` (R gives
  /// it NaN weights and drops it from every variance).
  ///
  /// - Parameters:
  ///   - margins: The population margins, fitted in order.
  ///   - options: Iteration limit, tolerance, and whether to accept unconverged weights.
  /// - Returns: The raked design.
  /// - Throws: ``WeightingError`` when the targets do not fit the data (see
  ///   ``PopulationMargins``), or ``WeightingError/notConverged(iterations:change:tolerance:misfits:)``.
  /// - Complexity: O(i·m·n·(R + 1)) for i sweeps over m margins, n rows and R replicates.
  package func raked(to margins: PopulationMargins, options: RakingControl = RakingControl()) throws -> SurveyDesign {
    try raking(to: margins, options: options).design
  }

  /// Raking with its diagnostics: iterations, convergence, and every margin cell before and after.
  /// See `raked(to:options:)`.
  public func raking(to margins: PopulationMargins, options: RakingControl = RakingControl()) throws -> RakingResult {
    try options.validate()
    let cells = try MarginCells.resolve(margins, survey: survey, weightTotal: weightTotal)
    let tolerance = options.tolerance.amount(weightTotal: weightTotal)
    let joint = JointCells(cells)
    var weights = self.weights
    var replicateWeights = replicates.map(RakedReplicateWeights.init)
    var previous = joint.totals(of: weights)
    var sweep: [Calibration.Margin] = []
    var iterations = 0, converged = false, change = Double.infinity
    while iterations < options.maxIterations {
      iterations += 1
      sweep.removeAll(keepingCapacity: true)
      for margin in cells {
        let totals = margin.totals(of: weights)
        let factors = zip(margin.targets, totals).map { $0 / $1 }
        for row in weights.indices { weights[row] *= factors[Int(margin.cellOfRow[row])] }
        try replicateWeights?.postStratify(to: margin)
        sweep.append(Calibration.Margin(cellOfRow: margin.cellOfRow, cellCount: margin.cellCount, weights: weights))
      }
      let current = joint.totals(of: weights)
      change = zip(current, previous).reduce(0) { max($0, abs($1.0 - $1.1)) }
      if change < tolerance {
        converged = true
        break
      }
      previous = current
    }
    // A replicate design takes its variance from the raked replicates (R's svrVar), not from a
    // projection on the margins.
    var raked = SurveyDesign(
      reweighting: self, weights: weights,
      calibrations: replicates == nil ? calibrations + [Calibration(kind: .raking, margins: sweep, frequencies: rowFrequencies)] : calibrations)
    if let replicates, let replicateWeights { raked.replicates = replicates.reweighted(replicateWeights) }
    var result = RakingResult(
      design: raked,
      iterations: iterations, converged: converged, lastChange: change, tolerance: tolerance,
      margins: RakingResult.fits(of: cells, before: self.weights, after: weights))
    // R's rule alone accepts weights that stopped changing without fitting margins that
    // contradict each other; such a fixed point is not convergence.
    let contradictions = result.cellsNotFitting
    if converged, !contradictions.isEmpty {
      result.converged = false
      if !options.allowsNonconvergence {
        throw WeightingError.marginsDoNotFit(iterations: iterations, misfits: contradictions)
      }
    }
    if !converged, !options.allowsNonconvergence {
      throw WeightingError.notConverged(
        iterations: iterations, change: change, tolerance: tolerance, misfits: result.misfits)
    }
    result.design.rakingSummary = RakingSummary(
      converged: result.converged, iterations: iterations, margins: result.margins,
      weights: result.design.weightDiagnostics)
    return result
  }
}

/// The cells of the crossed raking variables, whose weighted totals R's `rake()` compares between
/// sweeps (`svytable(~all raking variables, design)`). Each margin's cell is a function of its
/// variables and every variable is in a margin, so the combination of margin cells is the same
/// partition of the rows.
struct JointCells {
  let cellOfRow: [Int32]
  let cellCount: Int

  init(_ margins: [MarginCells]) {
    let rows = margins.first?.cellOfRow.count ?? 0
    var index: [[Int32]: Int32] = [:]
    var cellOfRow = [Int32](repeating: 0, count: rows)
    var key = [Int32](repeating: 0, count: margins.count)
    // The margin cells in mixed radix index a direct table when their product is small (it nearly
    // always is); a dictionary of the cells otherwise.
    var keySpace = 1, tooMany = false
    for margin in margins {
      let (product, overflow) = keySpace.multipliedReportingOverflow(by: max(margin.cellCount, 1))
      keySpace = product
      tooMany = tooMany || overflow || product > 1 << 22
    }
    var cellOfIndex = [Int32](repeating: -1, count: tooMany ? 0 : keySpace)
    // Each row's index, built one margin at a time (a column at a time, for speed).
    var positionOfRow = [Int](repeating: 0, count: tooMany ? 0 : rows)
    if !tooMany {
      for margin in margins {
        let radix = max(margin.cellCount, 1)
        let cellOfMarginRow = margin.cellOfRow
        for row in 0..<rows { positionOfRow[row] = positionOfRow[row] &* radix &+ Int(cellOfMarginRow[row]) }
      }
    }
    var cellCount: Int32 = 0
    for row in 0..<rows {
      let position = tooMany ? 0 : positionOfRow[row]
      if tooMany {
        for (margin, cells) in margins.enumerated() { key[margin] = cells.cellOfRow[row] }
      }
      let known = tooMany ? index[key] : (cellOfIndex[position] >= 0 ? cellOfIndex[position] : nil)
      if let known {
        cellOfRow[row] = known
      } else {
        if tooMany { index[key] = cellCount } else { cellOfIndex[position] = cellCount }
        cellOfRow[row] = cellCount
        cellCount += 1
      }
    }
    self.cellOfRow = cellOfRow
    self.cellCount = Int(cellCount)
  }

  func totals(of weights: [Double]) -> [Double] {
    var totals = [Double](repeating: 0, count: cellCount)
    for (row, cell) in cellOfRow.enumerated() { totals[Int(cell)] += weights[row] }
    return totals
  }
}
