extension GroupSums {
  /// The variances of a raked design whose rows are the PSUs (``rowsArePSUs``, R's
  /// `rake(svydesign(ids = ~1, …))`), from the raked groups (``raked(by:)``) alone.
  ///
  /// R's `svyrecvar` first projects every row's influence value on the raking (ten cycles of
  /// z ← z − w_m·ave_g(z/w_m) over the margins), then takes the stratified variance over rows
  /// (`onestrat`). The projection subtracts from row i of raking cell c the multiple w̃ᵢ·B(c) of
  /// its raked weight, the same for every row of the cell
  /// (``GroupSumsRaking/projectedRowSums(groups:stratumOfGroup:strataCount:statisticCount:sums:residualSquares:)``),
  /// so with zᵢ = w̃ᵢ·aᵢ the residual is eᵢ = w̃ᵢ(aᵢ − B(c)), and over a group of rows
  /// Σeᵢ² = Σw̃²a² − 2B·Σw̃²a + B²·Σw̃². Then, per stratum h of n_h rows (every row, in the domain
  /// or not: outside it aᵢ = 0 but eᵢ = −w̃ᵢB(c)),
  /// V̂ = Σ_h f_h·n_h/(n_h − 1)·(Σeᵢ² − (Σeᵢ)²/n_h).
  ///
  /// For a numeric variable y in domain d (one statistic per domain), over a group's respondents:
  /// - a total, aᵢ = yᵢ: Σw̃²a = Σw̃²y, Σw̃²a² = Σw̃²y²;
  /// - a mean, aᵢ = (yᵢ − ȳ_d)/N̂_d: Σw̃²a = (Σw̃²y − ȳ_d·Σw̃²)/N̂_d and
  ///   Σw̃²a² = (Σw̃²y² − ȳ_d(2Σw̃²y − ȳ_d·Σw̃²))/N̂_d²;
  /// - a ratio, aᵢ = (yᵢ − R̂xᵢ)/X̂_d: Σw̃²a = (Σw̃²y − R̂·Σw̃²x)/X̂_d and
  ///   Σw̃²a² = (Σw̃²y² − R̂(2Σw̃²xy − R̂·Σw̃²x²))/X̂_d²,
  ///
  /// with w̃ = w·F(c), so Σw̃²· = F(c)²·Σw²· of the database's groups. A category's share
  /// (``proportions(method:level:categories:raking:)``) has aᵢ = (1[yᵢ = k] − p̂)/N̂_d constant in a
  /// group: Σeᵢ² = Σw̃²·(a − B)².
  ///
  /// - Parameters:
  ///   - domainIndex: the position of each domain in the tally.
  ///   - sums: each group's Σ zᵢ/w̃ᵢ and Σ zᵢ, as for the PSU totals
  ///     (``rakedNumericVariances(_:tally:design:total:ratio:)``).
  func rakedNumericRowVariances(
    _ raking: GroupSumsRaking, tally: NumericTally, design: TallyDesign, total: Bool, ratio: Bool,
    domainIndex: [[String]: Int], sums: (Int) -> (overWeights: [Double], influence: [Double])?
  ) throws -> [Double] {
    let k = tally.domains.count
    let stratumOfGroup = try rowStrata()
    let rowSums = raking.projectedRowSums(
      groups: groups, stratumOfGroup: stratumOfGroup, strataCount: design.structure.stratumNames.count,
      statisticCount: k, sums: sums
    ) { index, shifts in
      let group = groups[index]
      var squares = shifts.map { group.weightSquareSum * $0 * $0 }
      guard let values = group.domain, let domain = domainIndex[values], group.category != nil else { return squares }
      let sums = tally.domains[domain], centre = sums.mean, scale = sums.weightTotal
      let linear: Double, quadratic: Double
      if total {
        (linear, quadratic) = (group.weightSquareValueSum, group.weightSquareValueSquareSum)
      } else if ratio {
        linear = (group.weightSquareValueSum - centre * group.weightSquareDenominatorSum) / scale
        quadratic = (group.weightSquareValueSquareSum
          - centre * (2 * group.weightSquareCrossProductSum - centre * group.weightSquareDenominatorSquareSum))
          / (scale * scale)
      } else {
        linear = (group.weightSquareValueSum - centre * group.weightSquareSum) / scale
        quadratic = (group.weightSquareValueSquareSum
          - centre * (2 * group.weightSquareValueSum - centre * group.weightSquareSum)) / (scale * scale)
      }
      let shift = shifts[domain]
      squares[domain] = quadratic - 2 * shift * linear + shift * shift * group.weightSquareSum
      return squares
    }
    return design.structure.rowCovariance(
      sums: rowSums.sums, squareSums: rowSums.squareSums, presentRows: rowSums.presentRows, statisticCount: k,
      lonelyPSU: design.lonelyPSU, diagonalOnly: true)
  }

  /// The variances of Σ w̃ᵢ(1[yᵢ = k] − centre_k)/N̂_d over domain `domain` for each of
  /// `categories` on a raked design whose rows are the PSUs: the rows' residuals on the raking
  /// (``rakedNumericRowVariances(_:tally:design:total:ratio:domainIndex:sums:)`` gives the formula),
  /// summed by stratum.
  func rakedRowVariances(
    _ raking: GroupSumsRaking, domain: [String], categories: [String], centres: [Double], total: Double,
    design: TallyDesign
  ) throws -> [Double] {
    let k = categories.count
    func unit(_ group: Group) -> [Double]? {
      guard group.domain == domain, let category = group.category else { return nil }
      return (0..<k).map { ((category == categories[$0] ? 1 : 0) - centres[$0]) / total }
    }
    let rowSums = raking.projectedRowSums(
      groups: groups, stratumOfGroup: try rowStrata(), strataCount: design.structure.stratumNames.count,
      statisticCount: k
    ) { index in
      let group = groups[index]
      return unit(group).map { a in (a.map { Double(group.rows) * $0 }, a.map { group.weightSum * $0 }) }
    } residualSquares: { index, shifts in
      let group = groups[index]
      let a = unit(group) ?? [Double](repeating: 0, count: k)
      return (0..<k).map { group.weightSquareSum * (a[$0] - shifts[$0]) * (a[$0] - shifts[$0]) }
    }
    return design.structure.rowCovariance(
      sums: rowSums.sums, squareSums: rowSums.squareSums, presentRows: rowSums.presentRows, statisticCount: k,
      lonelyPSU: design.lonelyPSU, diagonalOnly: true)
  }

  /// The stratum index of every group whose rows are the PSUs, in ``designLayout()``'s order.
  private func rowStrata() throws -> [Int] {
    let layout = try designLayout()
    return groups.map { Int(layout.stratumOfPSU[Int(layout.psuIndex[PSUKey(stratum: $0.stratum, psu: $0.psu)]!)]) }
  }
}
