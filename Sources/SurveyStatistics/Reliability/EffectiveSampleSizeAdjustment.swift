/// Whether the Korn–Graubard effective sample size is adjusted for the design's degrees of freedom,
/// as the NCHS SAS macro's `df_adjust` option chooses.
package enum EffectiveSampleSizeAdjustment: String, Sendable, Hashable, Codable, CaseIterable {
  /// n* = min(n, n_eff·(t_{0.975, n−1}/t_{0.975, df})²), and df < 8 asks for a review: NCHS's
  /// default (`df_adjust=yes`, alias NHANES).
  case degreesOfFreedom
  /// n* = min(n, n_eff), and no degrees-of-freedom review (`df_adjust=no`, alias NHIS, whose
  /// design has many degrees of freedom).
  case none
}
