extension ProportionEstimate {
  /// The estimate under the NCHS Data Presentation Standards for Proportions, with the
  /// degrees-of-freedom adjustment (NCHS's default): see ``ReliabilityAssessment``.
  ///
  /// ```swift
  /// let estimates = try design.proportions(of: "prot_exercised_gdpr_right", by: ["region"])
  /// let publishable = estimates.filter { $0.reliability.outcome != .suppress }
  /// ```
  package var reliability: ReliabilityAssessment { ReliabilityAssessment(self) }
}
