/// The Rao–Scott second-order corrected test of independence of the rows and columns of a
/// weighted two-way table: R survey's `svychisq(~row + column, design)` with its default
/// `statistic = "F"` (R/surveychisq.R; Rao & Scott 1984, Annals of Statistics 12:46–60;
/// Lumley 2010, §6.1).
///
/// With p̂ the r·c weighted cell proportions, V̂ their linearized covariance, C the interaction
/// contrasts (the saturated model's interaction columns after projection on the main effects) and
/// D = diag(p̂):
///
/// - Δ̂ = (CᵀD⁻¹C / N)⁻¹ (CᵀD⁻¹V̂D⁻¹C), the generalized design-effect matrix;
/// - F = X² / tr(Δ̂), where X² is Pearson's statistic of the weighted table scaled to N;
/// - d₀ = tr(Δ̂)² / tr(Δ̂²) numerator and d₀·ν denominator degrees of freedom, ν = PSUs − strata;
/// - p = P(F(d₀, d₀ν) > F).
///
/// N (the number of rows of the design or domain) cancels in F and d₀.
public struct RaoScottTest: Sendable, Hashable {
  /// F = X² / tr(Δ̂).
  public var statistic: Double
  /// d₀ = tr(Δ̂)² / tr(Δ̂²).
  package var numeratorDegreesOfFreedom: Double
  /// d₀·ν.
  package var denominatorDegreesOfFreedom: Double
  /// P(F(d₀, d₀ν) > F).
  public var pValue: Double
  /// ν, the design degrees of freedom of the table's design or domain: PSUs − strata.
  package var designDegreesOfFreedom: Int
  /// The eigenvalue mean tr(Δ̂)/((r−1)(c−1)): the average generalized design effect, by which the
  /// first-order correction divides X² (R's `statistic = "Chisq"`).
  public var meanGeneralizedDesignEffect: Double

  /// Creates a test result.
  package init(
    statistic: Double, numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double,
    pValue: Double, designDegreesOfFreedom: Int, meanGeneralizedDesignEffect: Double
  ) {
    self.statistic = statistic
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    self.pValue = pValue
    self.designDegreesOfFreedom = designDegreesOfFreedom
    self.meanGeneralizedDesignEffect = meanGeneralizedDesignEffect
  }
}

/// Pearson's X² test of the weighted table rescaled to N respondents, without any design
/// correction: R's `chisq.test(svytable(~row + column, design, Ntotal = N), correct = FALSE)`, which
/// `svychisq` computes before correcting it. Shown for reference only: it treats the weighted
/// table as a simple random sample of N and is wrong for complex designs.
package struct PearsonChiSquaredTest: Sendable, Hashable {
  /// X² = Σ (O − E)² / E over the cells of the table scaled to N.
  package var statistic: Double
  /// (r − 1)(c − 1).
  package var degreesOfFreedom: Int
  /// P(χ²((r − 1)(c − 1)) > X²).
  package var pValue: Double

  /// Creates a test result.
  package init(statistic: Double, degreesOfFreedom: Int, pValue: Double) {
    self.statistic = statistic
    self.degreesOfFreedom = degreesOfFreedom
    self.pValue = pValue
  }
}

/// The arithmetic of ``RaoScottTest`` and ``PearsonChiSquaredTest`` on given cell proportions and
/// their covariance: the part of `svychisq` that needs no data.
enum RaoScottComputation {
  /// `svychisq`'s default test and Pearson's X² from the cell proportions p̂ (rows varying
  /// fastest) and their covariance V̂, with N = `designRows` and ν = `degreesOfFreedom`; both
  /// `nil` when Δ̂ cannot be computed.
  static func tests(
    proportions: [Double], covariance: [Double], rowCount: Int, columnCount: Int, designRows: Int,
    degreesOfFreedom: Int
  ) -> (RaoScottTest?, PearsonChiSquaredTest?) {
    let sampleSize = Double(designRows)
    let chiSquared = pearson(
      proportions: proportions, rowCount: rowCount, columnCount: columnCount, sampleSize: sampleSize)
    guard let delta = designEffectMatrix(
      proportions: proportions, covariance: covariance, rowCount: rowCount, columnCount: columnCount,
      sampleSize: sampleSize)
    else { return (nil, nil) }
    let trace = delta.trace
    let numeratorDF = trace * trace / (delta * delta).trace
    let denominatorDF = numeratorDF * Double(degreesOfFreedom)
    let statistic = chiSquared.statistic / trace
    let pValue = denominatorDF > 0 && statistic.isFinite
      ? FDistribution(numeratorDegreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF)
        .survival(statistic)
      : .nan
    let test = RaoScottTest(
      statistic: statistic, numeratorDegreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF,
      pValue: pValue, designDegreesOfFreedom: degreesOfFreedom,
      meanGeneralizedDesignEffect: trace / Double((rowCount - 1) * (columnCount - 1)))
    let pearson = PearsonChiSquaredTest(
      statistic: chiSquared.statistic, degreesOfFreedom: chiSquared.degreesOfFreedom,
      pValue: ChiSquaredDistribution(degreesOfFreedom: Double(chiSquared.degreesOfFreedom))
        .survival(chiSquared.statistic))
    return (test, pearson)
  }

  /// Pearson's X² of the table N·p̂ over the rows and columns with a positive margin, and its
  /// degrees of freedom.
  ///
  /// - Parameters:
  ///   - proportions: p̂ for the r·c cells, rows varying fastest (cell r + r_count·c).
  ///   - rowCount: r.
  ///   - columnCount: c.
  ///   - sampleSize: N.
  static func pearson(
    proportions: [Double], rowCount: Int, columnCount: Int, sampleSize: Double
  ) -> (statistic: Double, degreesOfFreedom: Int) {
    var rowMargin = [Double](repeating: 0, count: rowCount)
    var columnMargin = [Double](repeating: 0, count: columnCount)
    for column in 0..<columnCount {
      for row in 0..<rowCount {
        let p = proportions[row + rowCount * column]
        rowMargin[row] += p
        columnMargin[column] += p
      }
    }
    let total = rowMargin.reduce(0, +)
    var statistic = 0.0
    for column in 0..<columnCount where columnMargin[column] > 0 {
      for row in 0..<rowCount where rowMargin[row] > 0 {
        let observed = sampleSize * proportions[row + rowCount * column]
        let expected = sampleSize * rowMargin[row] * columnMargin[column] / total
        statistic += (observed - expected) * (observed - expected) / expected
      }
    }
    let rows = rowMargin.filter { $0 > 0 }.count, columns = columnMargin.filter { $0 > 0 }.count
    return (statistic, (rows - 1) * (columns - 1))
  }

  /// The generalized design-effect matrix Δ̂ = (CᵀD⁻C/N)⁻¹(CᵀD⁻V̂D⁻C), with D⁻ = diag(1/p̂) and 0
  /// where p̂ = 0; `nil` when CᵀD⁻C is singular.
  ///
  /// - Parameters:
  ///   - proportions: p̂ for the r·c cells, rows varying fastest.
  ///   - covariance: V̂, (r·c)², row-major.
  ///   - rowCount: r ≥ 2.
  ///   - columnCount: c ≥ 2.
  ///   - sampleSize: N.
  static func designEffectMatrix(
    proportions: [Double], covariance: [Double], rowCount: Int, columnCount: Int, sampleSize: Double
  ) -> DenseMatrix? {
    let contrasts = interactionContrasts(rowCount: rowCount, columnCount: columnCount)
    let inverse = proportions.map { $0 == 0 ? 0 : 1 / $0 }
    let cells = proportions.count
    let weighted = contrasts.scalingRows(by: inverse)  // D⁻C
    let denominator = contrasts.transposed * weighted.scalingRows(by: [Double](repeating: 1 / sampleSize, count: cells))
    let numerator = weighted.transposed * DenseMatrix(rowCount: cells, columnCount: cells, elements: covariance) * weighted
    return denominator.solving(numerator)
  }

  /// C: the (r−1)(c−1) interaction columns of the saturated model matrix `~factor(rows) *
  /// factor(cols)` over the r·c cells (rows varying fastest), minus their projection on the
  /// main-effects matrix `~factor(rows) + factor(cols)` (treatment contrasts), as R's
  /// `qr.resid(qr(X1), X12[, -(1:(nr + nc - 1))])`.
  static func interactionContrasts(rowCount: Int, columnCount: Int) -> DenseMatrix {
    let cells = rowCount * columnCount
    let mainEffectCount = rowCount + columnCount - 1
    var mainEffects = DenseMatrix(rowCount: cells, columnCount: mainEffectCount)
    var interactions = DenseMatrix(rowCount: cells, columnCount: (rowCount - 1) * (columnCount - 1))
    for column in 0..<columnCount {
      for row in 0..<rowCount {
        let cell = row + rowCount * column
        mainEffects[cell, 0] = 1
        if row > 0 { mainEffects[cell, row] = 1 }
        if column > 0 { mainEffects[cell, rowCount - 1 + column] = 1 }
        if row > 0, column > 0 { interactions[cell, (row - 1) + (rowCount - 1) * (column - 1)] = 1 }
      }
    }
    return mainEffects.residuals(ofProjecting: interactions)
  }
}
