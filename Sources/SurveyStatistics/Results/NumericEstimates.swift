/// The estimates of one statistic of numeric variables — means, totals, ratios or quantiles — in
/// order, with the design they were made on: what ``SurveyDesign/means(of:by:level:)-(String,_,_)``,
/// ``SurveyDesign/totals(of:by:level:)-(String,_,_)``,
/// ``SurveyDesign/ratios(numerator:denominator:by:level:)`` and
/// ``SurveyDesign/quantiles(of:probabilities:by:level:interval:)-(String,_,_,_,_)`` return.
///
/// It is a collection of estimates, and prints as a table:
///
/// ```swift
/// let means = try design.means(of: "api00", by: ["stype"])
/// means.count            // 3 school types
/// means[0].mean          // the mean of the first school type, E
/// print(means)           // Design: 200 respondents · 3 strata · …
/// ```
public struct NumericEstimates<Estimate: NumericEstimate>: Sendable, RandomAccessCollection {
  /// The estimates, variable by variable, then domain by domain (then probability by probability
  /// for quantiles).
  package var estimates: [Estimate]
  /// The design the estimates were made on.
  public var design: DesignSummary

  /// Estimates made on `design`.
  package init(_ estimates: [Estimate], design: DesignSummary) {
    self.estimates = estimates
    self.design = design
  }

  /// The position of the first estimate (`Collection`).
  public var startIndex: Int { estimates.startIndex }
  /// The position after the last estimate (`Collection`).
  public var endIndex: Int { estimates.endIndex }
  /// The estimate at `position`, in the order of the table.
  public subscript(position: Int) -> Estimate { estimates[position] }
}
