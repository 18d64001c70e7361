extension SurveyDesign {
  /// The variances of a paradox analysis on a replicate design, R survey's
  /// `svymean`/`svycontrast`/`svyby(covmat = TRUE)` on an `svrep.design`: the rows' replicate cell
  /// totals of the whole sample and of every domain, finished by
  /// ``ReplicateWeights/paradoxVariances(overallTotals:domainTotals:domainCount:overallTable:domainTables:domainIndices:degreesOfFreedom:)``
  /// (which a table's group sums share; the formula is there).
  ///
  /// The degrees of freedom are R's `degf()` of each (domain) design: the rank of its complete
  /// respondents' replicate weights minus one (of its concerned respondents' for the inaction
  /// ratio).
  ///
  /// - Complexity: O(n·R) for R replicates (O(n + e·R) for created replicates of e PSUs), plus the
  ///   ranks of the domains' replicate weights and O(R·D²) for the comparison covariance.
  func replicateParadoxVariances(
    cells: [Int8], domainOfRow: [Int32], domainCount: Int, overallTable: ParadoxTable, domainTables: [ParadoxTable],
    domainIndices: [Int]
  ) -> ParadoxVariances {
    guard let replicates else { preconditionFailure("a design with replicate weights") }
    // Σ a_ri over each cell of the whole sample, and of every (domain, cell), replicate after replicate.
    let overallTotals = replicates.cellTotals(cellOfRow: cells.map { Int32($0) }, cellCount: 4)
    let domainCells = zip(cells, domainOfRow).map { cell, domain in
      cell >= 0 && domain >= 0 ? domain * 4 + Int32(cell) : -1
    }
    let domainTotals = domainCount > 0 && !domainIndices.isEmpty
      ? replicates.cellTotals(cellOfRow: domainCells, cellCount: domainCount * 4) : []

    // R's degf() of the complete-case design, of its concerned respondents, and of each domain's.
    let complete = cells.map { $0 >= 0 ? Int32(0) : -1 }
    let concerned = cells.map { $0 >= 2 ? Int32(0) : -1 }
    var degreesOfFreedom = ParadoxReplicateDegreesOfFreedom(
      complete: replicateDegreesOfFreedom(domainOfRow: complete, domainCount: 1)[0],
      concerned: replicateDegreesOfFreedom(domainOfRow: concerned, domainCount: 1)[0])
    if !domainIndices.isEmpty {
      degreesOfFreedom.completeInDomain = replicateDegreesOfFreedom(
        domainOfRow: zip(cells, domainOfRow).map { $0 >= 0 ? $1 : -1 }, domainCount: domainCount)
      degreesOfFreedom.concernedInDomain = replicateDegreesOfFreedom(
        domainOfRow: zip(cells, domainOfRow).map { $0 >= 2 ? $1 : -1 }, domainCount: domainCount)
    }
    return replicates.paradoxVariances(
      overallTotals: overallTotals, domainTotals: domainTotals, domainCount: domainCount, overallTable: overallTable,
      domainTables: domainTables, domainIndices: domainIndices, degreesOfFreedom: degreesOfFreedom)
  }

  /// Replaces the four proportions of every measured domain (concerned, acting, paradox share,
  /// inaction among the concerned) by R's `svyciprop()` on the replicate design, as
  /// ``proportions(of:by:method:level:)`` computes it: the estimate and its replicate SE of
  /// `svymean`, the interval of the chosen method (for logit, from the replicate fits of the
  /// intercept-only model), on `degf()` of `subset(d, by == level)` for the complete-case design d
  /// (and of `subset(d, by == level & C == 1)` for the inaction ratio, whose estimate and SE equal
  /// R's `svyratio(~I(C * (1 - A)), ~C, d)`).
  func replaceReplicateProportions(
    overall: inout DomainParadox, domains: inout [DomainParadox], definition: ParadoxDefinition, cells: [Int8],
    partition: DomainPartition?, method: IntervalMethod, level: Double
  ) throws {
    let variable = try survey.variable(named: definition.concern.variable)
    let indicators: [(measure: WritableKeyPath<DomainParadox, IntervalEstimate>, amongConcerned: Bool, isOne: (Int8) -> Bool)] = [
      (\.concerned, false, { $0 >= 2 }),
      (\.acting, false, { $0 & 1 == 1 }),
      (\.paradoxShare, false, { $0 == 2 }),
      (\.inactionGivenConcern, true, { $0 == 2 }),
    ]
    let wholeSample = DomainPartition(wholeSampleOf: respondentCount)
    for indicator in indicators {
      let values = CategoricalValues(
        codes: cells.map { $0 < 0 || (indicator.amongConcerned && $0 < 2) ? -1 : (indicator.isOne($0) ? 1 : 0) },
        levels: ["0", "1"])
      for (domainPartition, isOverall) in [(wholeSample, true)] + (partition.map { [($0, false)] } ?? []) {
        let restricted = domainPartition.restricted { values.codes[$0] >= 0 }
        // A (domain) design without a respondent in it (nobody concerned) keeps its NaN measures.
        guard let estimates = try? proportions(
          of: variable, values: values, partition: restricted, categories: [1], method: method, level: level)
        else { continue }
        for estimate in estimates {
          let replacement = IntervalEstimate(
            estimate: estimate.proportion, standardError: estimate.standardError,
            confidenceInterval: estimate.confidenceInterval, degreesOfFreedom: estimate.degreesOfFreedom)
          if isOverall {
            overall[keyPath: indicator.measure] = replacement
          } else if let position = domains.firstIndex(where: { $0.domain == estimate.domain }) {
            domains[position][keyPath: indicator.measure] = replacement
          }
        }
      }
    }
  }
}
