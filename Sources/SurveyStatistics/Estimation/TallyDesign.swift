/// What a ``CategoryTally``'s variances and estimates need to know about the design: its strata
/// and PSUs, the lonely-PSU policy, and whether its weights were calibrated or carry replicates.
/// A ``SurveyDesign`` gives it (``SurveyDesign/tallyDesign``), and so does a table of group sums
/// (``GroupSums``), which has no rows.
struct TallyDesign: Sendable {
  /// Strata, PSUs, PSU counts n_h and finite population corrections.
  var structure: DesignStructure
  /// The lonely-PSU policy.
  var lonelyPSU: LonelyPSUPolicy
  /// Whether the weights were post-stratified or raked (``SurveyDesign/isCalibrated``).
  var isCalibrated: Bool
  /// Whether the variances come from replicate weights.
  var hasReplicates: Bool
  /// The number of rows of the design.
  var rowCount: Int

  /// R's `nrow(subset(design, domain))` (``SurveyDesign/designRows(ofDomainWith:)``).
  func designRows(ofDomainWith domainRows: Int) -> Int {
    isCalibrated ? rowCount : domainRows
  }
}

extension SurveyDesign {
  /// What a tally needs to know about this design.
  var tallyDesign: TallyDesign {
    TallyDesign(
      structure: structure, lonelyPSU: lonelyPSU, isCalibrated: isCalibrated, hasReplicates: replicates != nil,
      rowCount: respondentCount)
  }
}
