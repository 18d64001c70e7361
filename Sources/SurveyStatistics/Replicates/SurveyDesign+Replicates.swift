extension SurveyDesign {
  /// This design with replicate weights created from its strata and PSUs: R survey 4.1's
  /// `as.svrepdesign(design, type:, fay.rho:, replicates:, mse:)` (see
  /// `ReplicateWeights.init(created:count:seed:fayRho:meanSquaredError:design:)` for each method).
  ///
  /// ```swift
  /// let dclus1 = try SurveyDesign(apiclus1, weights: "pw", clusters: "dnum", fpc: "fpc")
  /// let rclus1 = try dclus1.replicated(.jackknife)          // as.svrepdesign(dclus1)
  /// try rclus1.means(of: "api00")[0]                          // 644.17, SE 26.329
  /// try dclus1.replicated(.jackknife, meanSquaredError: true) // SE 26.335
  /// ```
  ///
  /// - Parameters:
  ///   - method: JK1 (unstratified designs), JKn, BRR, Fay or the bootstrap.
  ///   - count: the number of bootstrap replicates (50 when `nil`, as R); other methods ignore it.
  ///   - seed: the seed of the bootstrap draws (`ReplicateWeights.defaultSeed` when `nil`).
  ///   - fayRho: Fay's ρ in (0, 1), required for ``ReplicateMethod/fay``.
  ///   - meanSquaredError: whether variances are centred at the full-sample estimate.
  /// - Throws: ``ReplicateError`` when the method does not suit the design (see
  ///   ``ReplicateError``), or the design is post-stratified or raked (create replicates first).
  /// - Complexity: O(n + R·P) for R replicates of P PSUs, plus O(P·R²) for the rank.
  public func replicated(
    _ method: ReplicateMethod, count: Int? = nil, seed: UInt64? = nil, fayRho: Double? = nil,
    meanSquaredError: Bool = false
  ) throws -> SurveyDesign {
    try replicated(ReplicateDeclaration(
      source: .created(count: count, seed: seed), method: method, fayRho: fayRho,
      meanSquaredError: meanSquaredError))
  }

  /// This design with the replicate weights `declaration` describes: supplied columns (R's
  /// `svrepdesign()`) or replicates created from its strata and PSUs (R's `as.svrepdesign()`).
  ///
  /// ```swift
  /// let acs = try SurveyDesign(pums, weights: "PWGTP")
  ///   .replicated(ReplicateDeclaration(source: .columns(matching: "PWGTP[0-9]+"), method: .acs))
  /// ```
  ///
  /// - Throws: ``ReplicateError`` for unusable replicate weights, or a post-stratified or raked
  ///   design (replicates must be created or declared before calibrating, as R 4.5 requires).
  public func replicated(_ declaration: ReplicateDeclaration) throws -> SurveyDesign {
    guard !isCalibrated, rakingSummary == nil else { throw ReplicateError.calibratedBeforeReplication }
    var replicatedDeclaration = self.declaration
    replicatedDeclaration.replicates = declaration
    return try SurveyDesign(survey, declaration: replicatedDeclaration)
  }

  /// Throws ``ReplicateError/notAvailable(analysis:)`` on a design with replicate weights.
  func requireNoReplicates(for analysis: String) throws {
    if replicates != nil { throw ReplicateError.notAvailable(analysis: analysis) }
  }

  /// R's `degf()` of the design restricted to the rows of each domain: the rank of the replicate
  /// weights of those rows minus one (−1 for a domain without rows).
  ///
  /// - Complexity: one pass over the rows for all domains, O(n·R²/2) (see
  ///   ``ReplicateWeights/ranks(domainOfRow:domainCount:)``).
  func replicateDegreesOfFreedom(domainOfRow: [Int32], domainCount: Int) -> [Int] {
    guard let replicates else { preconditionFailure("a design with replicate weights") }
    return replicates.ranks(domainOfRow: domainOfRow, domainCount: domainCount).map { $0 - 1 }
  }

  /// The replicate variances of domain ratios of sums, Σ a·y / Σ a·x over the active rows of each
  /// domain (x = 1 when `denominator` is nil: a mean), at the full-sample `estimates`.
  func replicateRatioVariances(
    numerator: [Double], denominator: [Double]?, activeDomainOfRow: [Int32], domainCount: Int, estimates: [Double]
  ) -> [Double] {
    guard let replicates else { preconditionFailure("a design with replicate weights") }
    let totals = replicates.cellTotals(
      cellOfRow: activeDomainOfRow, cellCount: domainCount, valueColumns: [numerator, denominator])
    let top = totals[0], bottom = totals[1]
    return (0..<domainCount).map { domain in
      let values = (0..<replicates.count).map { top[$0 * domainCount + domain] / bottom[$0 * domainCount + domain] }
      return replicates.variance(replicates: values, estimate: estimates[domain])
    }
  }

  /// The replicate variances of domain totals Σ a·y over the active rows of each domain.
  func replicateTotalVariances(
    values: [Double], activeDomainOfRow: [Int32], domainCount: Int, estimates: [Double]
  ) -> [Double] {
    guard let replicates else { preconditionFailure("a design with replicate weights") }
    let totals = replicates.cellTotals(cellOfRow: activeDomainOfRow, cellCount: domainCount, values: values)
    return (0..<domainCount).map { domain in
      let values = (0..<replicates.count).map { totals[$0 * domainCount + domain] }
      return replicates.variance(replicates: values, estimate: estimates[domain])
    }
  }
}

extension ReplicateWeights {
  /// The replicate weights a declaration describes, for `design`.
  init(_ declaration: ReplicateDeclaration, design: SurveyDesign) throws {
    switch declaration.source {
    case .columns(let pattern):
      try self.init(supplied: declaration, pattern: pattern, survey: design.survey)
    case .created(let count, let seed):
      try self.init(
        created: declaration.method, count: count, seed: seed, fayRho: declaration.fayRho,
        meanSquaredError: declaration.meanSquaredError, design: design)
    }
  }
}
