/// R survey's `rake()` on a database's group sums: iterative proportional fitting on the totals of
/// the raking cells (every combination of the raking variables' values present in the data), so
/// that the rows never leave the database.
///
/// Every sweep of `rake()` multiplies each row's weight by a factor of its cell in the margin
/// fitted (``SurveyDesign/raking(to:options:)``), and a row's cell in every margin is a function of
/// its raking cell c, so after raking every row of c has the weight wᵢ·F(c): IPF on the cell
/// totals W_c = Σ_{i∈c} wᵢ gives the same factors as on the rows (the sums are only added in
/// another order), the same convergence rule (the largest change of a crossed cell total between
/// sweeps, R's `svytable(~all raking variables)`), and the same margin fits. The variance needs,
/// for every margin m, the factor F_m(c) after m was fitted in the last sweep: the projection of
/// R's `svyrecvar()` then depends on the rows only through their cells (``GroupSums`` raking
/// variance, Lumley 2010, §7.4).
///
/// ```swift
/// let raking = try GroupSumsRaking(groups: sums.groups, margins: margins, options: RakingControl())
/// let estimates = try sums.proportions(method: .logit, level: 0.95, raking: raking)
/// ```
package struct GroupSumsRaking: Sendable {
  /// The raking variables, in the order of ``PopulationMargins/variables`` (the order of
  /// ``GroupSums/Group/rakingCell``).
  package let variables: [String]
  /// The raking cells, as the values of ``variables``.
  package let cells: [[String]]
  /// The index of each cell in ``cells``.
  let cellIndex: [[String]: Int]
  /// F(c): the raked weight of a row of cell c is its weight times F(c).
  package let factors: [Double]
  /// F_m(c) / F(c) for every margin m of the last sweep (R's `attr(index, "weights")` over the
  /// final weights).
  let marginRatios: [[Double]]
  /// The cell of every margin that each raking cell is in.
  let marginCellOfCell: [[Int32]]
  /// X_mm′ and n_g of ``RakingCellSums`` from the cells' rows.
  let cellSums: RakingCellSums
  /// The rows of each cell.
  package let cellRows: [Int]
  /// The raked weight total of each cell, W_c·F(c) as the last sweep left it.
  package let rakedCellTotals: [Double]
  /// The tolerance in weight units (``RakingResult/tolerance``).
  package let tolerance: Double
  /// The largest change of a crossed cell total in the last sweep (``RakingResult/lastChange``).
  package let lastChange: Double
  /// How the raking went, for the design summary. Its weight diagnostics have no minimum,
  /// maximum or quantiles (NaN) unless the engine computed them (`confiance rake` on a table).
  package var summary: RakingSummary
  /// The diagnostics of the weights before raking, from the cells' Σw and Σw² (no minimum,
  /// maximum or quantiles unless the engine computed them).
  package var weightsBefore: WeightDiagnostics
  /// The margins matched to the cells, each cell a "row" (``MarginCells/cellOfRow``).
  private let marginCells: [MarginCells]
  /// With replicates, F_r(c) for every replicate r and cell c, replicate after replicate (R × the
  /// cells): the raked replicate weight of a row of c is a_ri·F_r(c)
  /// (``rakingReplicates(cellTotals:count:)``); `nil` until the replicates are raked.
  package private(set) var replicateFactors: [Double]?

  /// The raking with every replicate raked as well, as R's `rake()` of a `svyrep.design` and
  /// ``SurveyDesign/raking(to:options:)`` on a file: each replicate's cell totals go through the
  /// same sweeps as the full-sample weights (as many as they took: convergence is judged on the
  /// full sample), every margin scaling replicate r's total in cell c by the target over the
  /// replicate's own total in the margin's cell (`postStratify.svyrep.design()`). Every row of a
  /// raking cell is scaled alike, so the sweeps on the cells' totals give each replicate's factor
  /// F_r(c) = raked total / total (0 for a cell where the replicate has no weight).
  ///
  /// - Parameters:
  ///   - cellTotals: Σ a_r over the rows of each cell of ``cells``, replicate after replicate.
  ///   - count: the number of replicates R.
  /// - Throws: ``WeightingError/emptyReplicateCell(margin:category:replicate:respondents:origin:)``
  ///   when a replicate has no weight in a margin's cell, as on a file.
  package func rakingReplicates(cellTotals: [Double], count: Int) throws -> GroupSumsRaking {
    var raked = RakedReplicateWeights(cellTotals: cellTotals, count: count, cellRows: cellRows)
    for _ in 0..<summary.iterations {
      for margin in marginCells { try raked.postStratify(to: margin) }
    }
    var result = self
    let cellCount = cells.count
    result.replicateFactors = (0..<count).flatMap { replicate in
      (0..<cellCount).map { cell in
        let before = cellTotals[replicate * cellCount + cell]
        return before == 0 ? 0 : raked.columns[replicate][cell] / before
      }
    }
    return result
  }

  /// Rakes the groups' weights to `margins`.
  ///
  /// - Parameters:
  ///   - groups: group sums whose ``GroupSums/Group/rakingCell`` holds the values of
  ///     `margins.variables`.
  ///   - source: where the rows are, for messages (`table 'public.fr2025'`).
  /// - Throws: ``WeightingError`` as ``SurveyDesign/raking(to:options:)``: a raking variable
  ///   missing for some rows, targets that do not fit the cells, no convergence.
  package init(
    groups: [GroupSums.Group], margins: PopulationMargins, options: RakingControl, source: String
  ) throws {
    try options.validate()
    let variables = margins.variables
    let rowCount = groups.reduce(0) { $0 + $1.rows }
    for (position, variable) in variables.enumerated() {
      let missing = groups.reduce(0) { $0 + ($1.rakingCell[position] == nil ? $1.rows : 0) }
      if missing > 0 {
        throw WeightingError.missingValues(variable: variable, count: missing, locations: [], respondents: rowCount)
      }
    }
    // The cells in order of first appearance, with their rows and weights.
    var cellIndex: [[String]: Int] = [:]
    var cells: [[String]] = []
    var cellRows: [Int] = []
    var cellWeights: [Double] = []
    for group in groups {
      let cell = group.rakingCell.map { $0! }
      let index = cellIndex[cell] ?? {
        cellIndex[cell] = cells.count
        cells.append(cell)
        cellRows.append(0)
        cellWeights.append(0)
        return cells.count - 1
      }()
      cellRows[index] += group.rows
      cellWeights[index] += group.weightSum
    }
    let weightTotal = cellWeights.reduce(0, +)
    let marginCells = try MarginCells.resolve(
      margins, cells: cells, variables: variables, cellRows: cellRows, weightTotal: weightTotal, source: source)

    // IPF on the cells, exactly the sweeps of SurveyDesign.raking(to:options:).
    let tolerance = options.tolerance.amount(weightTotal: weightTotal)
    let joint = JointCells(marginCells)
    let before = cellWeights
    var weights = cellWeights
    var factors = [Double](repeating: 1, count: cells.count)
    var marginFactors = [[Double]](repeating: [], count: marginCells.count)
    var previous = joint.totals(of: weights)
    var iterations = 0, converged = false, change = Double.infinity
    while iterations < options.maxIterations {
      iterations += 1
      for (m, margin) in marginCells.enumerated() {
        let totals = margin.totals(of: weights)
        let marginFactor = zip(margin.targets, totals).map { $0 / $1 }
        for cell in weights.indices {
          let factor = marginFactor[Int(margin.cellOfRow[cell])]
          weights[cell] *= factor
          factors[cell] *= factor
        }
        marginFactors[m] = factors
      }
      let current = joint.totals(of: weights)
      change = zip(current, previous).reduce(0) { max($0, abs($1.0 - $1.1)) }
      if change < tolerance {
        converged = true
        break
      }
      previous = current
    }
    let fits = RakingResult.fits(of: marginCells, before: before, after: weights)
    let misfits = RakingResult.misfits(of: fits, tolerance: tolerance)
    let contradictions = RakingResult.cellsNotFitting(misfits, tolerance: tolerance)
    var fitted = converged
    if converged, !contradictions.isEmpty {
      fitted = false
      if !options.allowsNonconvergence {
        throw WeightingError.marginsDoNotFit(iterations: iterations, misfits: contradictions)
      }
    }
    if !converged, !options.allowsNonconvergence {
      throw WeightingError.notConverged(iterations: iterations, change: change, tolerance: tolerance, misfits: misfits)
    }

    // The weights' total and spread before and after raking, from Σw and Σw² by cell.
    var total = 0.0, squares = 0.0, baseSquares = 0.0
    for group in groups {
      let factor = factors[cellIndex[group.rakingCell.map { $0! }]!]
      total += group.weightSum * factor
      squares += group.weightSquareSum * factor * factor
      baseSquares += group.weightSquareSum
    }
    weightsBefore = WeightDiagnostics(count: rowCount, total: weightTotal, squares: baseSquares)

    // The cross weights X_mm′ = Σ_c n_c·F_m′(c)/F_m(c) and the cell sizes of every margin.
    var cross = marginCells.map { margin in
      marginCells.map { other in [Double](repeating: 0, count: margin.cellCount * other.cellCount) }
    }
    var sizes = marginCells.map { [Int](repeating: 0, count: $0.cellCount) }
    for cell in cells.indices {
      for (m, margin) in marginCells.enumerated() {
        let marginCell = Int(margin.cellOfRow[cell])
        sizes[m][marginCell] += cellRows[cell]
        for (other, otherMargin) in marginCells.enumerated() {
          let otherCell = Int(otherMargin.cellOfRow[cell])
          cross[m][other][marginCell * otherMargin.cellCount + otherCell] +=
            Double(cellRows[cell]) * marginFactors[other][cell] / marginFactors[m][cell]
        }
      }
    }

    self.variables = variables
    self.cells = cells
    self.cellRows = cellRows
    rakedCellTotals = weights
    self.tolerance = tolerance
    lastChange = change
    self.cellIndex = cellIndex
    self.marginCells = marginCells
    self.factors = factors
    marginRatios = marginFactors.map { zip($0, factors).map { $0 / $1 } }
    marginCellOfCell = marginCells.map(\.cellOfRow)
    cellSums = RakingCellSums(crossWeights: cross, cellSizes: sizes)
    summary = RakingSummary(
      converged: fitted, iterations: iterations, margins: fits,
      weights: WeightDiagnostics(count: rowCount, total: total, squares: squares))
  }

  /// The index of a group's raking cell.
  package func cell(of group: GroupSums.Group) -> Int { cellIndex[group.rakingCell.map { $0! }]! }

  /// The PSU totals of influence values projected on the raking, as R's `svyrecvar()` (ten cycles
  /// of z ← z − w_m·ave_g(z/w_m)), from two sums per group and statistic (`sums`, `nil` for
  /// zero influence): Σ zᵢ/w̃ᵢ over its rows and Σ zᵢ, with w̃ᵢ the raked weight.
  ///
  /// With w̃ᵢ = wᵢ·F(c) and w_m,i = wᵢ·F_m(c), the cell sums the projection needs are
  /// S_m[g] = Σ_{groups in g} (Σ zᵢ/w̃ᵢ)/r_m(c), with r_m = F_m/F, and the PSU total of the
  /// projected values is Σ_groups (Σ zᵢ − W̃·Σ_m r_m(c)·A_m[g_m(c)]) for W̃ the group's raked Σw.
  /// For a proportion, zᵢ = w̃ᵢ·a with a constant in the group: the sums are rows·a and W̃·a; for a
  /// mean, zᵢ = w̃ᵢ(yᵢ − ȳ)/N̂: (Σy − rows·ȳ)/N̂ and (Σw̃y − ȳ·W̃)/N̂.
  ///
  /// - Parameters:
  ///   - groups: the raked groups (``GroupSums/raked(by:)``).
  ///   - psuOfGroup: the PSU index of each group.
  /// - Returns: totals for every PSU of `psuCount`, row-major.
  func projectedTotals(
    groups: [GroupSums.Group], psuOfGroup: [Int32], psuCount: Int, statisticCount k: Int,
    sums: (Int) -> (overWeights: [Double], influence: [Double])?
  ) -> InfluenceTotals {
    let margins = marginCellOfCell.count
    let (influenceOfGroup, subtracted) = subtractedMeans(groups: groups, statisticCount: k, sums: sums)
    var totals = InfluenceTotals(statisticCount: k)
    totals.psus = (0..<Int32(psuCount)).map { $0 }
    totals.totals = [Double](repeating: 0, count: psuCount * k)
    for (index, group) in groups.enumerated() {
      let cell = self.cell(of: group)
      let base = Int(psuOfGroup[index]) * k
      var values = influenceOfGroup[index] ?? [Double](repeating: 0, count: k)
      for m in 0..<margins {
        let weight = group.weightSum * marginRatios[m][cell], meanBase = Int(marginCellOfCell[m][cell]) * k
        for j in 0..<k { values[j] -= weight * subtracted[m][meanBase + j] }
      }
      for j in 0..<k { totals.totals[base + j] += values[j] }
    }
    return totals
  }

  /// What the projection subtracts, margin by margin (``projectedTotals(groups:psuOfGroup:psuCount:statisticCount:sums:)``):
  /// the influence of each group (`nil` for zero) and the accumulated means A_m of every margin's
  /// cells, k statistics each, after R's ten cycles.
  private func subtractedMeans(
    groups: [GroupSums.Group], statisticCount k: Int, sums: (Int) -> (overWeights: [Double], influence: [Double])?
  ) -> (influence: [[Double]?], subtracted: [[Double]]) {
    var cellTotals = cellSums.cellSizes.map { [Double](repeating: 0, count: $0.count * k) }
    var influenceOfGroup: [[Double]?] = []
    influenceOfGroup.reserveCapacity(groups.count)
    for (index, group) in groups.enumerated() {
      let groupSums = sums(index)
      influenceOfGroup.append(groupSums?.influence)
      guard let groupSums else { continue }
      let cell = self.cell(of: group)
      for m in marginCellOfCell.indices {
        let base = Int(marginCellOfCell[m][cell]) * k
        let ratio = marginRatios[m][cell]
        for j in 0..<k { cellTotals[m][base + j] += groupSums.overWeights[j] / ratio }
      }
    }
    let subtracted = cellSums.subtractedMeans(
      cellSums: cellTotals, statisticCount: k, cycles: Calibration.rakingProjectionCycles)
    return (influenceOfGroup, subtracted)
  }

  /// The influence of each group (`nil` for zero) and, for every raking cell c and statistic j
  /// (at `c * k + j`), the multiple B_j(c) of its raked weight that the projection subtracts from
  /// each row of the cell, B(c) = Σ_m r_m(c)·A_m[g_m(c)]
  /// (``projectedRowSums(groups:stratumOfGroup:strataCount:statisticCount:sums:residualSquares:)``).
  func rowShifts(
    groups: [GroupSums.Group], statisticCount k: Int, sums: (Int) -> (overWeights: [Double], influence: [Double])?
  ) -> (influence: [[Double]?], shifts: [Double]) {
    let (influenceOfGroup, subtracted) = subtractedMeans(groups: groups, statisticCount: k, sums: sums)
    var shifts = [Double](repeating: 0, count: cells.count * k)
    for cell in cells.indices {
      for m in marginCellOfCell.indices {
        let base = Int(marginCellOfCell[m][cell]) * k
        for j in 0..<k { shifts[cell * k + j] += marginRatios[m][cell] * subtracted[m][base + j] }
      }
    }
    return (influenceOfGroup, shifts)
  }

  /// The stratified sums of the projected influence values when every row is its own PSU
  /// (``GroupSums/rowsArePSUs``, R's `ids = ~1`): the projection subtracts from each row i of
  /// raking cell c the same multiple of its raked weight, Σ_m w_m,i·A_m[g_m(c)] = w̃ᵢ·B(c) with
  /// B(c) = Σ_m r_m(c)·A_m[g_m(c)] (r_m = F_m/F; A_m from ``projectedTotals(groups:psuOfGroup:psuCount:statisticCount:sums:)``'s
  /// sums), so the residual of a row with zᵢ = w̃ᵢ·aᵢ is eᵢ = w̃ᵢ(aᵢ − B(c)) — nonzero outside the
  /// domain too (aᵢ = 0 there), as in R, whose `svyrecvar` projects every row of the calibrated
  /// design before `onestrat`. Per stratum h: Σeᵢ = Σ_groups (Σzᵢ − B(c)·W̃) and
  /// Σeᵢ² = Σ_groups Σw̃ᵢ²(aᵢ − B(c))², the latter from each group's `residualSquares`; n_h counts
  /// every row of the stratum.
  ///
  /// - Parameters:
  ///   - stratumOfGroup: the stratum index of each group.
  ///   - residualSquares: Σ_i w̃ᵢ²(aᵢ − B_j)² over group `index`'s rows for every statistic j,
  ///     given its cell's shifts B (k values).
  /// - Returns: Σeᵢ of each stratum and statistic (`stratum * k + j`), Σeᵢ² likewise, and the rows
  ///   of each stratum, for ``DesignStructure/rowCovariance(sums:squareSums:presentRows:statisticCount:lonelyPSU:diagonalOnly:)``.
  func projectedRowSums(
    groups: [GroupSums.Group], stratumOfGroup: [Int], strataCount: Int, statisticCount k: Int,
    sums: (Int) -> (overWeights: [Double], influence: [Double])?,
    residualSquares: (_ index: Int, _ shifts: [Double]) -> [Double]
  ) -> (sums: [Double], squareSums: [Double], presentRows: [Int]) {
    let (influenceOfGroup, shifts) = rowShifts(groups: groups, statisticCount: k, sums: sums)
    var stratumSums = [Double](repeating: 0, count: strataCount * k), squareSums = stratumSums
    var presentRows = [Int](repeating: 0, count: strataCount)
    for (index, group) in groups.enumerated() {
      let cell = self.cell(of: group), stratum = stratumOfGroup[index]
      let shift = Array(shifts[(cell * k)..<(cell * k + k)])
      let squares = residualSquares(index, shift)
      presentRows[stratum] += group.rows
      for j in 0..<k {
        stratumSums[stratum * k + j] += (influenceOfGroup[index]?[j] ?? 0) - group.weightSum * shift[j]
        squareSums[stratum * k + j] += squares[j]
      }
    }
    return (stratumSums, squareSums, presentRows)
  }
}

extension MarginCells {
  /// ``resolve(_:survey:weightTotal:)`` for the raking cells of group sums instead of rows: each
  /// "row" is a raking cell (the values of `variables`), `cellRows` its rows in the data, with the
  /// same checks and messages (a category without a target names `source` for its first row).
  static func resolve(
    _ margins: PopulationMargins, cells: [[String]], variables: [String], cellRows: [Int], weightTotal: Double,
    source: String
  ) throws -> [MarginCells] {
    guard !margins.margins.isEmpty else { throw WeightingError.noMargins }
    if let size = margins.populationSize, !(size > 0 && size.isFinite) {
      throw WeightingError.invalidPopulationSize(size)
    }
    for margin in margins.margins { try validateTargets(of: margin) }
    let populationSize = try Self.populationSize(margins, weightTotal: weightTotal)
    return try margins.margins.map { margin in
      let positions = margin.variables.map { variables.firstIndex(of: $0)! }
      var cellOfKey: [[String]: Int] = [:]
      for (index, cell) in margin.cells.enumerated() { cellOfKey[cell.categories.map(normalizedCategory)] = index }
      // Combinations in order of first appearance, as on rows.
      var combinationOrder: [[String]] = []
      var combinationRows: [[String]: Int] = [:]
      for (cell, values) in cells.enumerated() {
        let categories = positions.map { values[$0] }
        if combinationRows[categories] == nil { combinationOrder.append(categories) }
        combinationRows[categories, default: 0] += cellRows[cell]
      }
      var respondentsOfCell = [Int](repeating: 0, count: margin.cells.count)
      for categories in combinationOrder {
        guard let cell = cellOfKey[categories.map(normalizedCategory)] else {
          throw WeightingError.categoryWithoutTarget(
            margin: margin.name, category: Margin.label(categories), respondents: combinationRows[categories]!,
            firstLocation: source, targets: margin.origin)
        }
        respondentsOfCell[cell] += combinationRows[categories]!
      }
      let (cellIndices, usedIndex) = try Self.usedCells(of: margin, respondentsOfCell: respondentsOfCell)
      let scale = margin.scale == .proportions ? populationSize : 1
      return MarginCells(
        margin: margin, cellIndices: cellIndices,
        cellOfRow: cells.map { values in
          Int32(usedIndex[cellOfKey[positions.map { normalizedCategory(values[$0]) }]!])
        },
        targets: cellIndices.map { margin.cells[$0].target * scale })
    }
  }

  /// A margin matched to rows elsewhere.
  init(margin: Margin, cellIndices: [Int], cellOfRow: [Int32], targets: [Double]) {
    self.margin = margin
    self.cellIndices = cellIndices
    self.cellOfRow = cellOfRow
    self.targets = targets
  }
}

extension WeightDiagnostics {
  /// The diagnostics that sums give: count, total, mean, coefficient of variation (from
  /// Σw² − n·mean²), Kish's design effect, effective sample size and efficiency. The minimum,
  /// maximum and quantiles need the weights themselves: NaN unless given (a database computes
  /// them in queries of their own; `quantiles` in the order of ``quantileProbabilities``).
  package init(
    count: Int, total: Double, squares: Double, minimum: Double = .nan, maximum: Double = .nan,
    quantiles: [Double]? = nil
  ) {
    let n = Double(count)
    let mean = total / n
    self.count = count
    self.total = total
    self.minimum = minimum
    self.maximum = maximum
    self.mean = mean
    self.coefficientOfVariation = (max(0, squares - n * mean * mean) / n).squareRoot() / mean
    self.quantiles = Self.quantileProbabilities.enumerated().map { index, probability in
      Quantile(probability: probability, value: quantiles?[index] ?? .nan)
    }
    self.kishDesignEffect = n * squares / (total * total)
    self.effectiveSampleSize = total * total / squares
    self.weightingEfficiency = effectiveSampleSize / n
  }
}
