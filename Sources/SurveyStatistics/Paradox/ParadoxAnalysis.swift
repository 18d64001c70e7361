/// The result of ``SurveyDesign/paradox(_:by:method:level:)``: the measures for the whole sample
/// and for every domain, and the between-domain comparisons of the gap and the paradox share.
public struct ParadoxAnalysis: Sendable {
  /// The definition analysed.
  package var definition: ParadoxDefinition
  /// The `--by` variables (empty for the whole sample only).
  package var domainVariables: [String]
  /// The measures over every respondent who answered every item.
  public var overall: DomainParadox
  /// The measures in each domain, in the order of their levels (first variable slowest); domains
  /// without a complete respondent are left out.
  public var domains: [DomainParadox]
  /// Every pair of domains (in domain order), first for the gap, then for the paradox share.
  public var comparisons: [DomainComparison]
  /// The interval method of the proportions.
  package var method: IntervalMethod
  /// The confidence level of every interval.
  package var level: Double
  /// The design the analysis was made on.
  package var design: DesignSummary? = nil
}
