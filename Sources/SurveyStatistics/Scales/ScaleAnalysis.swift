/// The analysis of a multi-item scale (or of a single ordinal item) for the whole sample and every
/// domain: the weighted mean score, reliability, and per item the weighted mean answer and the
/// top-box and bottom-box shares.
///
/// Made by ``SurveyDesign/scaleAnalysis(_:by:boxSize:method:level:)``.
public struct ScaleAnalysis: Sendable {
  /// The scale as defined.
  package var scale: ScaleDefinition
  /// The range of the answer codes used for reverse-keying and the boxes.
  package var range: ClosedRange<Double>
  /// The number of answer codes at each end of the range that make the top and bottom boxes.
  package var boxSize: Int
  /// The `by` variables.
  package var domainVariables: [String]
  /// The whole sample.
  public var overall: ScaleSummary
  /// One summary per domain with at least one score, in the order of ``Domain`` levels.
  public var domains: [ScaleSummary]

  /// The interval method of the shares.
  package var method: IntervalMethod = .logit
  /// The confidence level of every interval.
  package var level: Double = 0.95
  /// The design the analysis was made on.
  package var design: DesignSummary? = nil

  /// Creates an analysis.
  package init(
    scale: ScaleDefinition, range: ClosedRange<Double>, boxSize: Int, domainVariables: [String],
    overall: ScaleSummary, domains: [ScaleSummary]
  ) {
    self.scale = scale
    self.range = range
    self.boxSize = boxSize
    self.domainVariables = domainVariables
    self.overall = overall
    self.domains = domains
  }
}

/// A scale in one domain.
public struct ScaleSummary: Sendable {
  /// The domain.
  package var domain: Domain
  /// The weighted mean of the respondents' scores, R's `svymean(~score, design, na.rm = TRUE)`, with
  /// a t interval on the domain's design degrees of freedom.
  public var score: MeanEstimate
  /// Cronbach's α and the item statistics; `nil` for one item or fewer than two respondents who
  /// answered every item.
  public var reliability: ScaleReliability?
  /// The items, in scale order.
  package var items: [ScaleItemSummary]

  /// Creates a summary.
  package init(domain: Domain, score: MeanEstimate, reliability: ScaleReliability?, items: [ScaleItemSummary]) {
    self.domain = domain
    self.score = score
    self.reliability = reliability
    self.items = items
  }
}

/// One item of a scale in one domain, on the scored answers (a reverse-keyed item turned around).
package struct ScaleItemSummary: Sendable {
  /// The item.
  package var item: String
  /// Whether the item is reverse-keyed (its answers are turned around before everything else).
  package var isReversed: Bool
  /// The weighted mean answer, R's `svymean(~item, design, na.rm = TRUE)`; `nil` when no
  /// respondent of the domain answered the item.
  package var mean: MeanEstimate?
  /// The share answering in the top box (the `boxSize` highest codes), with the interval of
  /// `svyciprop(~I(item >= highest − boxSize + 1))`; category `"top-k box"`.
  package var topBox: ProportionEstimate?
  /// The share answering in the bottom box (the `boxSize` lowest codes); category `"bottom-k box"`.
  package var bottomBox: ProportionEstimate?

  /// Creates an item summary.
  package init(
    item: String, isReversed: Bool, mean: MeanEstimate?, topBox: ProportionEstimate?,
    bottomBox: ProportionEstimate?
  ) {
    self.item = item
    self.isReversed = isReversed
    self.mean = mean
    self.topBox = topBox
    self.bottomBox = bottomBox
  }
}
