/// The outcome of raking or post-stratification: the weighted design, how the iteration went,
/// and how every margin cell compares with its target before and after.
public struct RakingResult: Sendable {
  /// How one margin cell compares with its target.
  package struct CellFit: Sendable, Hashable {
    /// One category per variable of the margin.
    package var categories: [String]
    /// The target total (proportions multiplied by the population size).
    package var target: Double
    /// The weighted total after weighting.
    package var achieved: Double
    /// The weighted total with the weights before weighting.
    package var before: Double
    /// Where the target was written.
    package var origin: TargetOrigin?

    /// The categories joined by `*`.
    package var category: String { Margin.label(categories) }
    /// |achieved − target|.
    var distance: Double { abs(achieved - target) }
  }

  /// How one margin fits.
  package struct MarginFit: Sendable, Hashable {
    /// The margin's variables.
    package var variables: [String]
    /// Whether the targets were given as proportions.
    package var scale: Margin.Scale
    /// Every cell, in the order of the targets (cells with a target of 0 and no respondent left out).
    package var cells: [CellFit]

    /// The variables joined by `*`.
    package var name: String { variables.joined(separator: "*") }
    /// The largest remaining distance |achieved − target| over the cells.
    package var largestDistance: Double { cells.map(\.distance).max() ?? 0 }
  }

  /// The design with the new weights and the calibration its variance accounts for.
  public var design: SurveyDesign
  /// The number of sweeps over the margins (1 for post-stratification). R's `rake()` counts one
  /// less internally: its loop counter is not incremented on the sweep that converges.
  public var iterations: Int
  /// Whether the largest change of a weighted cell total in the last sweep was below the tolerance
  /// (R's rule) and every margin cell is then within max(100 × tolerance, 1e-6 × target) of its
  /// target.
  package var converged: Bool
  /// The largest change of a weighted cell total of the crossed raking variables in the last sweep.
  package var lastChange: Double
  /// The tolerance in weight units.
  package var tolerance: Double
  /// Every margin's fit, in the order of the margins.
  package var margins: [MarginFit]

  /// How the raking went, as kept on the design it produced (``DesignSummary/raking``).
  package var summary: RakingSummary {
    design.rakingSummary ?? RakingSummary(
      converged: converged, iterations: iterations, margins: margins, weights: design.weightDiagnostics)
  }

  /// The cells whose achieved total is farther than the tolerance from the target, largest first.
  package var misfits: [WeightingError.Misfit] { Self.misfits(of: margins, tolerance: tolerance) }

  /// The cells of `margins` farther than `tolerance` from their target, largest first (written in
  /// small typed steps: one chained expression took the type checker seconds).
  static func misfits(of margins: [MarginFit], tolerance: Double) -> [WeightingError.Misfit] {
    var misfits: [WeightingError.Misfit] = []
    for margin in margins {
      for cell in margin.cells where cell.distance > tolerance {
        misfits.append(WeightingError.Misfit(
          margin: margin.name, category: cell.category, target: cell.target, achieved: cell.achieved, origin: cell.origin))
      }
    }
    return misfits.sorted { (first: WeightingError.Misfit, second: WeightingError.Misfit) -> Bool in
      abs(first.achieved - first.target) > abs(second.achieved - second.target)
    }
  }

  /// The cells farther than max(100 × tolerance, 1e-6 × target) from their target, largest first:
  /// after the weights have stopped changing, these show margins that contradict each other.
  var cellsNotFitting: [WeightingError.Misfit] { Self.cellsNotFitting(misfits, tolerance: tolerance) }

  /// Those of `misfits` farther than max(100 × tolerance, 1e-6 × target) from their target.
  static func cellsNotFitting(_ misfits: [WeightingError.Misfit], tolerance: Double) -> [WeightingError.Misfit] {
    misfits.filter { abs($0.achieved - $0.target) > max(100 * tolerance, 1e-6 * $0.target) }
  }

  /// The fits of `cells` with the weights `before` and `after`.
  static func fits(of cells: [MarginCells], before: [Double], after: [Double]) -> [MarginFit] {
    cells.map { margin in
      let totalsBefore = margin.totals(of: before), totalsAfter = margin.totals(of: after)
      return MarginFit(
        variables: margin.margin.variables, scale: margin.margin.scale,
        cells: margin.cellIndices.enumerated().map { used, index in
          let cell = margin.margin.cells[index]
          return CellFit(
            categories: cell.categories, target: margin.targets[used], achieved: totalsAfter[used],
            before: totalsBefore[used], origin: cell.origin)
        })
    }
  }
}
