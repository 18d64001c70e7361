/// What to do with a stratum that has a single primary sampling unit (PSU), whose variance
/// contribution cannot be estimated. The cases and their effect are those of R survey's
/// `options(survey.lonely.psu = …)` (`onestrat()` in R/multistage.R).
public enum LonelyPSUPolicy: String, Sendable, CaseIterable, Codable {
  /// Stop with an error naming the stratum (R's default).
  case fail
  /// The stratum contributes nothing to the variance.
  case remove
  /// The single PSU was sampled with certainty: it contributes nothing to the variance.
  case certainty
  /// Centre the lone PSU at the grand mean instead of the stratum mean (R 4.1: its total is
  /// used uncentred, which for means and proportions is the same); a conservative choice.
  case adjust
  /// Replace the lone stratum's contribution by the average of the other strata: the variance
  /// of the strata with two or more PSUs is multiplied by (number of strata) / (number of strata
  /// with two or more PSUs).
  case average
}
