/// The weighted proportions of ``SurveyDesign/proportions(of:by:method:level:)-([String],_,_,_)``: one
/// ``ProportionEstimate`` per domain and category, in order, with the design they were made on.
///
/// It is a collection of estimates, and prints as a table:
///
/// ```swift
/// let shares = try design.proportions(of: "concern_data_use", by: ["age_band"])
/// shares.count                       // 5 categories × 6 age bands
/// shares.first?.proportion           // 0.081…
/// print(shares)                      // Design: 2069 respondents · 14 strata · 104 PSUs · …
/// ```
public struct ProportionEstimates: Sendable, RandomAccessCollection {
  /// The estimates, variable by variable, then domain by domain, then category by category.
  package var estimates: [ProportionEstimate]
  /// The design the estimates were made on.
  public var design: DesignSummary

  /// Estimates made on `design`.
  package init(_ estimates: [ProportionEstimate], design: DesignSummary) {
    self.estimates = estimates
    self.design = design
  }

  /// The position of the first estimate (`Collection`).
  public var startIndex: Int { estimates.startIndex }
  /// The position after the last estimate (`Collection`).
  public var endIndex: Int { estimates.endIndex }
  /// The estimate at `position`, in the order of the table.
  public subscript(position: Int) -> ProportionEstimate { estimates[position] }
}
