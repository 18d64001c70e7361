/// The respondents among whom a proportion of a paradox analysis on a replicate design is a domain
/// proportion (R's `subset()` of the design): the complete respondents (every item answered) for
/// the concerned, acting and paradox shares, the concerned ones for the inaction ratio.
package enum ParadoxRespondents: Sendable, Hashable, CaseIterable {
  case complete
  case concerned

  /// Whether a respondent of concern × action cell `cell` (2·C + A) is one of them.
  package func includes(cell: Int) -> Bool { self == .complete ? cell >= 0 : cell >= 2 }
}

/// The respondents of a paradox analysis in the whole sample (`inDomains` false) or within each
/// `by` domain, over which the first step of R's logistic fit of its proportions is summed
/// (``GroupSums/paradoxFirstSteps``).
package struct ParadoxSubsample: Sendable, Hashable {
  package var respondents: ParadoxRespondents
  package var inDomains: Bool

  package init(respondents: ParadoxRespondents, inDomains: Bool) {
    self.respondents = respondents
    self.inDomains = inDomains
  }

  /// The subsamples of an analysis: two for the whole sample, two more with `by` variables.
  package static func all(hasDomains: Bool) -> [ParadoxSubsample] {
    [false, true].filter { !$0 || hasDomains }.flatMap { inDomains in
      ParadoxRespondents.allCases.map { ParadoxSubsample(respondents: $0, inDomains: inDomains) }
    }
  }
}

extension GroupSums {
  /// The concern × action cell (0–3) of a paradox analysis's group, `nil` for a respondent
  /// missing an item.
  static func paradoxCell(of group: Group) -> Int? {
    guard let category = group.category, let cell = Int(category), (0..<4).contains(cell) else { return nil }
    return cell
  }

  /// The privacy paradox on a replicate design from group sums, R's `svrepdesign()` (the groups
  /// carry each replicate's Σ a_r, ``Group/replicateSums``, and ``paradoxRanks`` the ranks of the
  /// respondents' replicate weights) or `as.svrepdesign()` (replicates created from the strata and
  /// PSUs, each replicate's sums the PSUs' Σw times its multipliers), with the file path's
  /// numbers (``SurveyDesign/paradox(_:by:method:level:)``): the replicate cell totals of every
  /// table feed ``ReplicateWeights/paradoxVariances(overallTotals:domainTotals:domainCount:overallTable:domainTables:domainIndices:degreesOfFreedom:)``,
  /// and the four proportions are ``proportions(method:level:)`` of each indicator among its
  /// respondents (``replaceReplicateProportions(overall:domains:method:level:raking:)``). On a
  /// raked design the groups are raked already (``raked(by:)``) and `replicates` carry the raking
  /// (``createdReplicates(_:raking:)``), which the proportions take too.
  func replicateParadox(
    _ definition: ParadoxDefinition, replicates: CreatedReplicates, layout: DesignLayout, overallTable: ParadoxTable,
    domainTables: [ParadoxTable], domainIndices: [Int], domainOrder: [[String]], method: IntervalMethod, level: Double,
    raking: GroupSumsRaking?
  ) throws -> ParadoxAnalysis {
    let domainIndex = Dictionary(uniqueKeysWithValues: domainOrder.enumerated().map { ($0.element, $0.offset) })
    let domainCount = domainOrder.count
    let overallTotals = replicates.totals(
      of: groups, cellCount: 4, cell: Self.paradoxCell(of:), value: \.weightSum, replicateValue: \.replicateSums)
    let domainTotals = domainIndices.isEmpty ? [] : replicates.totals(
      of: groups, cellCount: domainCount * 4,
      cell: { group in
        Self.paradoxCell(of: group).flatMap { cell in group.domain.flatMap { domainIndex[$0] }.map { $0 * 4 + cell } }
      }, value: \.weightSum, replicateValue: \.replicateSums)
    var degreesOfFreedom = ParadoxReplicateDegreesOfFreedom(
      complete: try paradoxRanks(replicates, .complete, domainIndex: nil)[0] - 1,
      concerned: try paradoxRanks(replicates, .concerned, domainIndex: nil)[0] - 1)
    if !domainIndices.isEmpty {
      degreesOfFreedom.completeInDomain = try paradoxRanks(replicates, .complete, domainIndex: domainIndex).map { $0 - 1 }
      degreesOfFreedom.concernedInDomain = try paradoxRanks(replicates, .concerned, domainIndex: domainIndex).map { $0 - 1 }
    }
    let variances = replicates.weights.paradoxVariances(
      overallTotals: overallTotals, domainTotals: domainTotals, domainCount: domainCount, overallTable: overallTable,
      domainTables: domainTables, domainIndices: domainIndices, degreesOfFreedom: degreesOfFreedom)

    let design = layout.design
    var overall = design.measures(
      of: overallTable, domain: .wholeSample, variances: variances.overall, method: method, level: level)
    var domains = zip(domainTables, zip(domainIndices, variances.domains)).map { table, domain in
      let values = domainOrder[domain.0]
      return design.measures(
        of: table, domain: Domain(levels: zip(domainVariables, values).map { Domain.Level(variable: $0, value: $1) }),
        variances: domain.1, method: method, level: level)
    }
    try replaceReplicateProportions(overall: &overall, domains: &domains, method: method, level: level, raking: raking)
    let comparisons = design.compare(
      domains, tables: domainTables, covariance: variances.comparisonCovariance,
      degreesOfFreedom: overall.gap.degreesOfFreedom, level: level)
    return ParadoxAnalysis(
      definition: definition, domainVariables: domainVariables, overall: overall, domains: domains,
      comparisons: comparisons, method: method, level: level, design: layout.summary)
  }

  /// The ranks of the replicate weights of `respondents`: over the whole sample's (`domainIndex`
  /// nil, one rank), or over each domain's, in the order of `domainIndex` (R's `degf()` + 1 of
  /// `subset(d, complete)` or of `subset(d, by == level & C == 1)`). Created replicates: from the
  /// PSUs' Σw² of those respondents (``CreatedReplicates/ranks(of:domainCount:domain:)``);
  /// replicate-weight columns: ``paradoxRanks``, which the database computed.
  private func paradoxRanks(
    _ replicates: CreatedReplicates, _ respondents: ParadoxRespondents, domainIndex: [[String]: Int]?
  ) throws -> [Int] {
    let domainCount = domainIndex?.count ?? 1
    guard replicates.supplied != nil else {
      return replicates.ranks(of: groups, domainCount: domainCount) { group in
        guard let cell = Self.paradoxCell(of: group), respondents.includes(cell: cell) else { return nil }
        guard let domainIndex else { return 0 }
        return group.domain.flatMap { domainIndex[$0] }
      }
    }
    guard let ranks = paradoxRanks[respondents] else {
      throw ReplicateError.notAvailable(
        analysis: "the privacy paradox from group sums without the ranks of its respondents' replicate weights")
    }
    guard let domainIndex else { return [ranks.rankOfAllRows] }
    var result = [Int](repeating: 0, count: domainCount)
    for (values, index) in domainIndex { result[index] = ranks.rankOfDomain[values] ?? 0 }
    return result
  }

  /// Replaces the four proportions of the whole sample and of every domain by R's `svyciprop()`
  /// on the replicate design, as ``SurveyDesign/replaceReplicateProportions(overall:domains:definition:cells:partition:method:level:)``
  /// does on a file: each indicator's proportion of "1" among its respondents
  /// (``ParadoxRespondents``), in the whole sample and within each domain, by
  /// ``proportions(method:level:)`` on the groups re-keyed by that subsample and indicator
  /// (``subsampleSums(_:category:)``), with the subsample's first steps of the logistic fit; on a
  /// raked design (the groups raked by `raking`), the raked replicate design's
  /// (``proportions(method:level:categories:raking:)``).
  private func replaceReplicateProportions(
    overall: inout DomainParadox, domains: inout [DomainParadox], method: IntervalMethod, level: Double,
    raking: GroupSumsRaking?
  ) throws {
    if Self.needsLogitFirstStep(method: method, declaration: declaration), paradoxFirstSteps == nil {
      throw GroupSumsError.missingLogitFirstStep
    }
    let indicators: [(measure: WritableKeyPath<DomainParadox, IntervalEstimate>, respondents: ParadoxRespondents, isOne: (Int) -> Bool)] = [
      (\.concerned, .complete, { $0 >= 2 }),
      (\.acting, .complete, { $0 & 1 == 1 }),
      (\.paradoxShare, .complete, { $0 == 2 }),
      (\.inactionGivenConcern, .concerned, { $0 == 2 }),
    ]
    for indicator in indicators {
      for inDomains in [false] + (domainVariables.isEmpty ? [] : [true]) {
        let sums = subsampleSums(ParadoxSubsample(respondents: indicator.respondents, inDomains: inDomains)) {
          indicator.isOne($0) ? "1" : "0"
        }
        // A (domain) design without a respondent in it (nobody concerned) keeps its NaN measures.
        guard let estimates = try? sums.proportions(method: method, level: level, categories: ["1"], raking: raking)
        else { continue }
        for estimate in estimates.estimates where estimate.category == "1" {
          let replacement = IntervalEstimate(
            estimate: estimate.proportion, standardError: estimate.standardError,
            confidenceInterval: estimate.confidenceInterval, degreesOfFreedom: estimate.degreesOfFreedom)
          if !inDomains {
            overall[keyPath: indicator.measure] = replacement
          } else if let position = domains.firstIndex(where: { $0.domain == estimate.domain }) {
            domains[position][keyPath: indicator.measure] = replacement
          }
        }
      }
    }
  }

  /// The groups of one subsample's domain proportions: a group of its respondents keeps its
  /// domain (the whole sample's `[]` unless `inDomains`) and takes the category `category(cell)`;
  /// every other group keeps its PSU with no domain (as R's `subset()` keeps the design's PSUs),
  /// so created replicates are the same. The ranks are the subsample's (``paradoxRanks``), the
  /// first steps of the logistic fit its own (``paradoxFirstSteps``), each cell's renamed.
  func subsampleSums(_ subsample: ParadoxSubsample, category: (Int) -> String) -> GroupSums {
    let respondents = subsample.respondents
    let rekeyed = groups.map { group in
      var copy = group
      if let cell = Self.paradoxCell(of: group), respondents.includes(cell: cell) {
        copy.domain = subsample.inDomains ? group.domain : []
        copy.category = category(cell)
      } else {
        copy.domain = nil
        copy.category = nil
      }
      return copy
    }
    let firstSteps = paradoxFirstSteps?[subsample].map { steps in
      steps.compactMap { step -> LogitFirstStep? in
        guard let cell = Int(step.category), respondents.includes(cell: cell) else { return nil }
        var renamed = step
        renamed.category = category(cell)
        return renamed
      }
    }
    var sums = GroupSums(
      variable: variable, domainVariables: subsample.inDomains ? domainVariables : [], declaration: declaration,
      groups: rekeyed, finitePopulationCorrection: finitePopulationCorrection, logitFirstStep: firstSteps)
    if let supplied = suppliedReplicates, let ranks = paradoxRanks[respondents] {
      sums.suppliedReplicates = SuppliedReplicateRanks(
        columnNames: supplied.columnNames, rankOfAllRows: supplied.rankOfAllRows,
        rankOfDomain: subsample.inDomains ? ranks.rankOfDomain : [[]: ranks.rankOfAllRows])
    }
    return sums
  }

  /// The scale of R's `svyglm` prior weights in each domain of `subsample` (rows / Σw of its
  /// respondents there), which the database multiplies the weights by for the subsample's
  /// ``paradoxFirstSteps``. With `raking` (the groups not raked), keyed by the domain's values
  /// then the raking cell's: (rows / raked Σw of the domain's respondents)·F(c)
  /// (``rakedPriorWeightScales(_:)``), the first steps then summed by domain × raking cell.
  package func paradoxPriorWeightScales(_ subsample: ParadoxSubsample, raking: GroupSumsRaking? = nil) -> [[String]: Double] {
    let sums = subsampleSums(subsample) { String($0) }
    return raking.map(sums.rakedPriorWeightScales) ?? sums.priorWeightScales
  }
}
