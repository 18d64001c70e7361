extension ReliabilityAssessment {
  /// What to do with an estimate under the NCHS standards.
  package enum Outcome: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Publish it.
    case present
    /// Publish it only after a statistical review (p̂ is 0 or 1, or the design has fewer than 8
    /// degrees of freedom).
    case review
    /// Do not publish it: it is unreliable.
    case suppress

    /// `present`, `review` or `suppress`.
    package var description: String { rawValue }
  }
}
