/// The sufficient statistics of a scale analysis (``SurveyDesign/scaleAnalysis(_:by:boxSize:method:level:)``)
/// as a database returns them: for every stratum × PSU × domain, the group sums of the score and of
/// each scored item (rows, Σw, Σw², Σw·y, Σw·y² over the rows with a value, ``GroupSums``), the
/// group sums of each item's top-box and bottom-box indicators, and the moments of the complete
/// respondents that reliability needs (``ReliabilityMoments``). ``analysis(method:level:)``
/// finishes every number from them with the file path's own code: the score and item means with
/// ``GroupSums/means(level:)``, the box shares with the proportions of ``GroupSums``, the
/// reliability with ``ScaleReliability``'s formulas.
///
/// The sums come twice: by domain (``domains``, `nil` without `by` variables) and for the whole
/// sample (``overall``, the same groups with every domain merged, rows outside every domain
/// included), each with its own first step of R's logistic fit for the logit interval.
package struct ScaleGroupSums: Sendable {
  /// The sums of one partition: the whole sample, or the domains.
  package struct Partition: Sendable {
    /// The score (a numeric variable: category `""` for rows with a score, `nil` without).
    package var score: GroupSums
    /// The scored items, in scale order (numeric, as the score).
    package var items: [GroupSums]
    /// Each item's top-box indicator: categories `"top-k box"`, `"not in the top-k box"`, `nil`.
    package var topBoxes: [GroupSums]
    /// Each item's bottom-box indicator, as ``topBoxes``.
    package var bottomBoxes: [GroupSums]
    /// The moments of the complete respondents of each domain, keyed by the domain's values.
    package var reliability: [[String]: ReliabilityMoments]

    package init(
      score: GroupSums, items: [GroupSums], topBoxes: [GroupSums], bottomBoxes: [GroupSums],
      reliability: [[String]: ReliabilityMoments]
    ) {
      self.score = score
      self.items = items
      self.topBoxes = topBoxes
      self.bottomBoxes = bottomBoxes
      self.reliability = reliability
    }

    /// The same sums for the whole sample: every group's domain merged into one (rows outside every
    /// domain included), the moments added up; no logit first step (the whole sample has its own).
    package func wholeSample() -> Partition {
      func merged(_ sums: GroupSums) -> GroupSums {
        var merged = GroupSums(
          variable: sums.variable, domainVariables: [], declaration: sums.declaration,
          groups: sums.groups.map { group in
            var group = group
            group.domain = []
            return group
          }, finitePopulationCorrection: sums.finitePopulationCorrection)
        merged.rowsArePSUs = sums.rowsArePSUs
        return merged
      }
      var total: ReliabilityMoments?
      for moments in reliability.values { total = total.map { $0 + moments } ?? moments }
      return Partition(
        score: merged(score), items: items.map(merged), topBoxes: topBoxes.map(merged),
        bottomBoxes: bottomBoxes.map(merged), reliability: total.map { [[]: $0] } ?? [:])
    }
  }

  /// The scale, its range (declared, or the lowest and highest answers) and the box size.
  package var scale: ScaleDefinition
  package var range: ClosedRange<Double>
  package var boxSize: Int
  /// The `by` variables.
  package var domainVariables: [String]
  /// The whole sample's sums.
  package var overall: Partition
  /// The domains' sums; `nil` without `by` variables.
  package var domains: Partition?
  /// For a raked table, the raking of the groups' cells (every group carries its
  /// ``GroupSums/Group/rakingCell``, the numeric ones their unweighted Σy, and the reliability
  /// moments are already those of the raked weights); `nil` otherwise.
  package var raking: GroupSumsRaking?

  package init(
    scale: ScaleDefinition, range: ClosedRange<Double>, boxSize: Int, domainVariables: [String], overall: Partition,
    domains: Partition?
  ) {
    self.scale = scale
    self.range = range
    self.boxSize = boxSize
    self.domainVariables = domainVariables
    self.overall = overall
    self.domains = domains
  }

  /// The prior-weight scales that a database binds for the first step of R's logistic fit of the
  /// boxes, in key order: by domain (then raking cell, for a raked table), and for the whole sample
  /// (by raking cell when raked, else one scale keyed `[]`); `nil` without rows.
  package var logitScales: (domains: [(key: [String], scale: Double)], overall: [(key: [String], scale: Double)])? {
    func sorted(_ scales: [[String]: Double]) -> [(key: [String], scale: Double)] {
      scales.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { (key: $0.key, scale: $0.value) }
    }
    func scales(_ sums: GroupSums) -> [[String]: Double] {
      raking.map(sums.rakedPriorWeightScales) ?? sums.priorWeightScales
    }
    let overallScales = scales(overall.score)
    guard !overallScales.isEmpty else { return nil }
    return (sorted(domains.map { scales($0.score) } ?? [:]), sorted(overallScales))
  }

  /// With replicate-weight columns (R's `svrepdesign()`: every group carries its replicate sums),
  /// gives every table of sums the ranks of the replicate weights that make R's degrees of freedom:
  /// `ranks` over the domains' rows (and all rows) to the domains' tables, the rank over all rows
  /// to the whole sample's.
  package mutating func supplyReplicateRanks(_ ranks: SuppliedReplicateRanks) {
    func supply(_ partition: inout Partition, _ ranks: SuppliedReplicateRanks) {
      partition.score.suppliedReplicates = ranks
      for index in partition.items.indices {
        partition.items[index].suppliedReplicates = ranks
        partition.topBoxes[index].suppliedReplicates = ranks
        partition.bottomBoxes[index].suppliedReplicates = ranks
      }
    }
    supply(&overall, SuppliedReplicateRanks(
      columnNames: ranks.columnNames, rankOfAllRows: ranks.rankOfAllRows, rankOfDomain: [[]: ranks.rankOfAllRows]))
    if domains != nil { supply(&domains!, ranks) }
  }

  /// The name of the score in estimates: the item for a single item, `score(a, b, c)` otherwise (as
  /// the file path names it).
  package static func scoreName(_ scale: ScaleDefinition) -> String {
    scale.items.count == 1 ? scale.items[0] : "score(\(scale.items.joined(separator: ", ")))"
  }

  /// The categories of the top box and of the bottom box (the file path's labels).
  package static func boxCategories(boxSize: Int) -> (top: String, bottom: String) {
    ("top-\(boxSize) box", "bottom-\(boxSize) box")
  }

  /// The lowest scored answer in the top box, highest − k + 1, and the highest in the bottom box,
  /// lowest + k − 1, computed as the file path computes them.
  package static func boxThresholds(range: ClosedRange<Double>, boxSize: Int) -> (top: Double, bottom: Double) {
    (range.upperBound - Double(boxSize) + 1, range.lowerBound + Double(boxSize) - 1)
  }

  /// The analysis of ``SurveyDesign/scaleAnalysis(_:by:boxSize:method:level:)`` on the same rows,
  /// for a design without calibration or created replicates (with replicate-weight columns, the
  /// means and box shares take their replicate variances and degrees of freedom,
  /// ``supplyReplicateRanks(_:)``); with ``raking``, on the design raked
  /// to its margins (R's `rake()` then `svymean` and `svyciprop`): the means as
  /// ``GroupSums/means(level:raking:)``, the box shares as raked proportions, both with R's
  /// projected variances, and the reliability from the raked moments.
  ///
  /// - Throws: ``SurveyError`` for an invalid level or a sample without scores; ``GroupSumsError``
  ///   for a lonely PSU under `fail`, an unusable FPC or the logit interval without its first step.
  package func analysis(method: IntervalMethod = .logit, level: Double = 0.95) throws -> ScaleAnalysis {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let name = Self.scoreName(scale)
    let box = Self.boxCategories(boxSize: boxSize)
    // An item nobody answered has no mean and no boxes (the file path's rule).
    let answered = overall.items.map { sums in sums.groups.contains { $0.category != nil && $0.rows > 0 } }
    let k = scale.items.count

    func means(_ sums: GroupSums) throws -> [MeanEstimate] {
      try (raking.map { try sums.means(level: level, raking: $0) } ?? sums.means(level: level)).estimates
    }
    func summaries(_ partition: Partition) throws -> [ScaleSummary] {
      let scores = try means(partition.score)
      var itemMeans: [[Domain: MeanEstimate]] = [], topBoxes: [[Domain: ProportionEstimate]] = []
      var bottomBoxes: [[Domain: ProportionEstimate]] = []
      for index in 0..<k {
        guard answered[index] else {
          itemMeans.append([:])
          topBoxes.append([:])
          bottomBoxes.append([:])
          continue
        }
        let itemEstimates = try means(partition.items[index])
        itemMeans.append(Dictionary(uniqueKeysWithValues: itemEstimates.map { ($0.domain, $0) }))
        func shares(_ sums: GroupSums, _ category: String) throws -> [Domain: ProportionEstimate] {
          let estimates = try (raking.map(sums.raked(by:)) ?? sums)
            .proportions(method: method, level: level, categories: [category], raking: raking).estimates
          return Dictionary(uniqueKeysWithValues: estimates.map { ($0.domain, $0) })
        }
        topBoxes.append(try shares(partition.topBoxes[index], box.top))
        bottomBoxes.append(try shares(partition.bottomBoxes[index], box.bottom))
      }
      return scores.map { score in
        let values = score.domain.levels.map(\.value)
        return ScaleSummary(
          domain: score.domain, score: score,
          reliability: k >= 2 ? partition.reliability[values].flatMap { $0.reliability(itemCount: k) } : nil,
          items: scale.items.enumerated().map { index, item in
            ScaleItemSummary(
              item: item, isReversed: scale.reversedItems.contains(item), mean: itemMeans[index][score.domain],
              topBox: topBoxes[index][score.domain], bottomBox: bottomBoxes[index][score.domain])
          })
      }
    }

    guard let overallSummary = try summaries(overall).first else {
      throw SurveyError.emptyDomain(variable: name, domain: "in the sample")
    }
    // Without a row in any domain (every `by` value missing) there are no domain summaries.
    let domainSummaries = try domains.map { $0.score.groups.contains { $0.domain != nil } ? try summaries($0) : [] } ?? []
    var analysis = ScaleAnalysis(
      scale: scale, range: range, boxSize: boxSize, domainVariables: domainVariables, overall: overallSummary,
      domains: domainSummaries)
    analysis.method = method
    analysis.level = level
    let scoreSums = raking.map(overall.score.raked(by:)) ?? overall.score
    var layout = try scoreSums.designLayout()
    if let raking { layout.calibrate(raking) }
    // Replicates: the summary names them, and its degrees of freedom are their rank minus one.
    _ = try scoreSums.createdReplicates(&layout, raking: raking)
    analysis.design = layout.summary
    return analysis
  }
}
