extension ReliabilityAssessment {
  /// A rule of the NCHS Data Presentation Standards for Proportions that an estimate meets.
  /// The first three suppress the estimate, the next two send it to review; the last is
  /// Confiance's own guard for estimates without a usable standard error.
  package enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
    /// min(n_eff, n) < 30. Suppress.
    case effectiveSampleSizeBelow30
    /// The interval is 30 percentage points wide or more (after rounding to 0.1). Suppress.
    case confidenceIntervalTooWide
    /// The interval is wider than 5 percentage points and wider than 130% of the estimate. Suppress.
    case relativeConfidenceIntervalTooWide
    /// The domain has fewer than 8 degrees of freedom. Review.
    case fewDegreesOfFreedom
    /// The estimate is 0 or 1 (no event, or only events). Review.
    case proportionZeroOrOne
    /// The standard error is NaN or infinite, so no interval can be computed. Suppress. (Not an
    /// NCHS rule: the macro assumes a standard error.)
    case standardErrorUnavailable

    /// Whether the rule suppresses the estimate (otherwise it asks for a review).
    package var suppresses: Bool {
      switch self {
      case .effectiveSampleSizeBelow30, .confidenceIntervalTooWide, .relativeConfidenceIntervalTooWide,
        .standardErrorUnavailable:
        true
      case .fewDegreesOfFreedom, .proportionZeroOrOne: false
      }
    }
  }
}
