/// The Wald F test of R survey's `regTermTest(…, method = "Wald")` (`R/regtest.R`).
enum WaldTest {
  /// Tests that the coefficients in `columns` are zero: X² = β̂ᵀV̂⁻¹β̂ over those columns,
  /// F = X²/q on (q, ν) degrees of freedom.
  static func test(
    label: String, columns: [Int], coefficients: [Double], covariance: [Double], degreesOfFreedom: Int
  ) -> TermTest {
    let p = coefficients.count, q = columns.count
    let beta = DenseMatrix(rowCount: q, columnCount: 1, elements: columns.map { coefficients[$0] })
    var block = DenseMatrix(rowCount: q, columnCount: q)
    for (a, i) in columns.enumerated() {
      for (b, j) in columns.enumerated() { block[a, b] = covariance[i * p + j] }
    }
    let chiSquared: Double
    if let solution = block.solving(beta) {
      chiSquared = (0..<q).reduce(0) { $0 + beta[$1, 0] * solution[$1, 0] }
    } else {
      chiSquared = .nan
    }
    let statistic = chiSquared / Double(q)
    let distribution = FDistribution(
      numeratorDegreesOfFreedom: Double(q), denominatorDegreesOfFreedom: Double(degreesOfFreedom))
    return TermTest(
      term: label, statistic: statistic, numeratorDegreesOfFreedom: q,
      denominatorDegreesOfFreedom: degreesOfFreedom, pValue: distribution.survival(statistic))
  }
}

extension ModelFit {
  /// The joint Wald test that every coefficient of `terms` is zero: R's
  /// `regTermTest(fit, ~ term1 + term2)` (`method = "Wald"`, `df = fit$df.residual`).
  ///
  /// ```swift
  /// try fit.waldTest(terms: ["age_band", "age_band:sex"])   // F on (q, ν) degrees of freedom
  /// ```
  ///
  /// A term is named as R labels it (`age_band:sex`); its variables may be written in any order
  /// (`sex:age_band`), as `regTermTest` compares them sorted.
  ///
  /// - Throws: ``ModelError/unknownTerm(_:available:)`` for a term the model does not have.
  public func waldTest(terms: [String]) throws -> TermTest {
    func canonical(_ term: String) -> String {
      term.split(separator: ":").map { $0.trimmingCharacters() }.sorted().joined(separator: ":")
    }
    let labels = formula.termLabels
    let canonicalLabels = labels.map(canonical)
    // A proportional-odds model's coefficients lack the model matrix's intercept column.
    let offset = family == .proportionalOdds ? 1 : 0
    var columns: [Int] = []
    for term in terms {
      guard let index = canonicalLabels.firstIndex(of: canonical(term)) else {
        throw ModelError.unknownTerm(term, available: labels)
      }
      columns += context.matrix.assign.indices.filter { context.matrix.assign[$0] == index + 1 }.map { $0 - offset }
    }
    columns = Array(Set(columns)).sorted()
    let flat = covariance.flatMap { $0 }
    return WaldTest.test(
      label: terms.joined(separator: " + "), columns: columns, coefficients: coefficients.map(\.estimate),
      covariance: flat, degreesOfFreedom: degreesOfFreedom)
  }
}

extension Substring {
  fileprivate func trimmingCharacters() -> String { String(self).trimmingSpaces().description }
}
