/// The unweighted discordant cells of the concern × action table, the counts of McNemar's test:
/// b = concerned and not acting, c = acting and not concerned.
///
/// McNemar's χ² = (b − c)² / (b + c) assumes a simple random sample; for survey data use the
/// design-based paired test of ``GapEstimate``. The counts say how many respondents the gap rests on.
package struct McNemarCounts: Sendable, Hashable {
  /// b: respondents concerned who do not act (the "concerned non-protectors").
  package var concernedNotActing: Int
  /// c: respondents who act without being concerned.
  package var actingNotConcerned: Int

  /// Creates the counts.
  package init(concernedNotActing: Int, actingNotConcerned: Int) {
    self.concernedNotActing = concernedNotActing
    self.actingNotConcerned = actingNotConcerned
  }
}
