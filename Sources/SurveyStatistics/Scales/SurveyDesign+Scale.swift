extension SurveyDesign {
  /// The weighted mean score of a scale with its standard error and confidence interval, Cronbach's
  /// α and the design-weighted α with item–total correlations, and per item the weighted mean
  /// answer and the top-box and bottom-box shares, for the whole sample and every domain of
  /// `domainVariables`.
  ///
  /// A single item (`items: ["concern"]`) gives the ordinal-item analysis: its weighted mean score
  /// (R's `svymean(~concern, design, na.rm = TRUE)`) and its top-2-box and bottom-2-box shares.
  ///
  /// The numbers are R survey 4.1's: the score and item means as ``means(of:by:level:)-(String,_,_)``; the box
  /// shares as ``proportions(of:by:method:level:)-(String,_,_,_)`` of the indicator `item ≥ highest − k + 1`
  /// (`item ≤ lowest + k − 1`) with `svyciprop`'s intervals; the reliability statistics as
  /// ``ScaleReliability``. Scores follow the rules of ``ScaleDefinition``.
  ///
  /// Without calibration or replicate weights the analysis is finished from its group sums
  /// (`scaleGroupSums(_:by:boxSize:fitsLogit:)` then `ScaleGroupSums.analysis(method:level:)`), the
  /// very code that finishes a scale summed by PostgreSQL or Spark, so that both give the same
  /// numbers.
  ///
  /// On a replicate design (`replicates`) the means and box shares take their variances from the
  /// replicates, as ``means(of:by:level:)-([String],_,_)`` and the proportions do; the reliability statistics have
  /// no variance and are unchanged.
  ///
  /// ```swift
  /// let trust = ScaleDefinition(items: ["trust1", "trust2", "trust3"], reversedItems: ["trust3"], range: 1...5)
  /// let analysis = try design.scaleAnalysis(trust, by: ["age_band"])
  /// analysis.overall.score.mean, analysis.overall.reliability?.alpha
  /// ```
  ///
  /// - Parameters:
  ///   - scale: the items, reverse-keyed items, range and missing-item rule.
  ///   - domainVariables: the `by` variables.
  ///   - boxSize: k, the number of codes at each end of the range in the boxes (2 for top-2-box).
  ///   - method: the interval method of the box shares.
  ///   - level: the confidence level.
  /// - Throws: ``DerivedVariableError`` for an invalid scale or box size, or an answer outside the
  ///   range; ``SurveyError`` for unknown or text items, an invalid level, or a sample without
  ///   scores.
  public func scaleAnalysis(
    _ scale: ScaleDefinition, by domainVariables: [String] = [], boxSize: Int = 2, method: IntervalMethod = .logit,
    level: Double = 0.95
  ) throws -> ScaleAnalysis {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    let (scored, range) = try survey.scoredItems(scale)
    let points = range.upperBound - range.lowerBound + 1
    guard boxSize >= 1, Double(boxSize) <= points else {
      throw DerivedVariableError.invalidBoxSize(
        boxSize: boxSize, lowest: range.lowerBound, highest: range.upperBound)
    }
    // Without calibration or replicates, the analysis is finished from its group sums, as from a database's.
    if !isCalibrated, replicates == nil {
      let partition = try DomainPartition(survey: survey, by: domainVariables)
      var analysis = try scaleGroupSums(
        scale, scored: scored, range: range, partition: partition, domainVariables: domainVariables, boxSize: boxSize,
        fitsLogit: method == .logit
      ).analysis(method: method, level: level)
      let rank = Dictionary(uniqueKeysWithValues: partition.domains.enumerated().map { ($1, $0) })
      analysis.domains.sort { rank[$0.domain, default: 0] < rank[$1.domain, default: 0] }
      analysis.design = summary
      return analysis
    }
    let scores = Survey.scores(of: scored, requiredItems: scale.requiredItems)
    let name = scale.items.count == 1 ? scale.items[0] : "score(\(scale.items.joined(separator: ", ")))"
    let boxes = scored.map { values in
      (top: boxValues(values, inBox: { $0 >= range.upperBound - Double(boxSize) + 1 }, name: "top-\(boxSize) box"),
       bottom: boxValues(values, inBox: { $0 <= range.lowerBound + Double(boxSize) - 1 }, name: "bottom-\(boxSize) box"))
    }

    func summaries(_ partition: DomainPartition) throws -> [ScaleSummary] {
      let scoreEstimates = try means(values: scores, name: name, partition: partition, level: level)
      var itemMeans: [[Domain: MeanEstimate]] = []
      var topBoxes: [[Domain: ProportionEstimate]] = [], bottomBoxes: [[Domain: ProportionEstimate]] = []
      for (index, item) in scale.items.enumerated() {
        let answered = scored[index].contains { $0 != nil }
        let means = answered ? try means(values: scored[index], name: item, partition: partition, level: level) : []
        itemMeans.append(Dictionary(uniqueKeysWithValues: means.map { ($0.domain, $0) }))
        func shares(_ box: CategoricalValues) throws -> [Domain: ProportionEstimate] {
          guard answered else { return [:] }
          let variable = Variable(name: item, values: .categorical(box))
          let estimates = try proportions(
            of: variable, values: box, partition: partition, categories: [1], method: method, level: level)
          return Dictionary(uniqueKeysWithValues: estimates.map { ($0.domain, $0) })
        }
        topBoxes.append(try shares(boxes[index].top))
        bottomBoxes.append(try shares(boxes[index].bottom))
      }
      let reliabilities = ScaleReliability.perDomain(
        items: scored, weights: weights, domainOfRow: partition.domainOfRow, domainCount: partition.domains.count)
      let domainIndex = Dictionary(uniqueKeysWithValues: partition.domains.enumerated().map { ($1, $0) })
      return scoreEstimates.map { score in
        ScaleSummary(
          domain: score.domain, score: score, reliability: reliabilities[domainIndex[score.domain]!],
          items: scale.items.enumerated().map { index, item in
            ScaleItemSummary(
              item: item, isReversed: scale.reversedItems.contains(item), mean: itemMeans[index][score.domain],
              topBox: topBoxes[index][score.domain], bottomBox: bottomBoxes[index][score.domain])
          })
      }
    }

    guard let overall = try summaries(DomainPartition(wholeSampleOf: respondentCount)).first else {
      throw SurveyError.emptyDomain(variable: name, domain: "in the sample")
    }
    let domains = domainVariables.isEmpty ? [] : try summaries(DomainPartition(survey: survey, by: domainVariables))
    var analysis = ScaleAnalysis(
      scale: scale, range: range, boxSize: boxSize, domainVariables: domainVariables, overall: overall,
      domains: domains)
    analysis.method = method
    analysis.level = level
    analysis.design = summary
    return analysis
  }

  /// The indicator of a box as categories: level 0 outside the box, level 1 (`name`) inside.
  private func boxValues(_ values: [Double?], inBox: (Double) -> Bool, name: String) -> CategoricalValues {
    CategoricalValues(
      codes: values.map { value in value.map { inBox($0) ? 1 : 0 } ?? -1 },
      levels: ["not in the \(name)", name])
  }
}
