/// The influence values of groups of rows when every row is its own PSU (``GroupSums/rowsArePSUs``)
/// and the rows of a group share zᵢ/wᵢ: zᵢ = wᵢ·a for the group's coefficients a (a cross-tab's
/// (e_c − p̂)/Σw for the row's cell c, a paradox measure's a_θ[k] for its concern × action cell).
/// A group of rows then enters the stratified covariance through Σzᵢ = (Σw)·a and
/// Σzᵢzᵢᵀ = (Σw²)·a aᵀ, summed over the groups of each stratum, with n_h the stratum's rows
/// (``DesignStructure/rowCovariance(sums:presentRows:statisticCount:lonelyPSU:diagonalOnly:addSquares:)``).
/// The groups are kept, not the strata's k × k sums of squares, so that many statistics (every
/// domain's measures at once) cost memory per group, not per stratum.
struct RowGroupInfluence {
  /// The number of statistics k.
  let statisticCount: Int
  /// The stratum, Σw² and coefficients (k each) of every group.
  private var strata: [Int] = [], weightSquareSums: [Double] = [], coefficients: [Double] = []
  /// Σzᵢ of each stratum and statistic, at `stratum * statisticCount + statistic`.
  private var sums: [Double]
  /// The rows of each stratum that hold respondents of the analysis.
  private(set) var presentRows: [Int]

  init(statisticCount: Int, strataCount: Int) {
    self.statisticCount = statisticCount
    sums = [Double](repeating: 0, count: strataCount * statisticCount)
    presentRows = [Int](repeating: 0, count: strataCount)
  }

  /// Adds a group of `rows` rows of `stratum` with Σw = `weightSum` and Σw² = `weightSquareSum`,
  /// whose rows have zᵢ = wᵢ·`coefficients`.
  mutating func add(stratum: Int, rows: Int, weightSum: Double, weightSquareSum: Double, coefficients a: [Double]) {
    let k = statisticCount
    strata.append(stratum)
    weightSquareSums.append(weightSquareSum)
    coefficients.append(contentsOf: a)
    presentRows[stratum] += rows
    for statistic in 0..<k { sums[stratum * k + statistic] += weightSum * a[statistic] }
  }

  /// The stratified covariance of the k statistics, row-major k × k.
  func covariance(structure: DesignStructure, lonelyPSU: LonelyPSUPolicy) -> [Double] {
    let k = statisticCount
    var groupsOfStratum = [[Int]](repeating: [], count: presentRows.count)
    for (group, stratum) in strata.enumerated() { groupsOfStratum[stratum].append(group) }
    return structure.rowCovariance(
      sums: sums, presentRows: presentRows, statisticCount: k, lonelyPSU: lonelyPSU, diagonalOnly: false
    ) { stratum, scale, result in
      for group in groupsOfStratum[stratum] {
        addOuterProduct(
          Array(coefficients[(group * k)..<(group * k + k)]), scaledBy: scale * weightSquareSums[group], to: &result)
      }
    }
  }
}
