/// What a question is about in a privacy survey, as the codebook declares it (`role:`): the report
/// lays its questions out in one section per role, and finds the concern and the protective
/// behaviours of the privacy paradox among them.
///
/// Without a declared role, a report falls back on the question's variable name (`trust_…`,
/// `concern_…`, `prot_…`); a question with neither is reported among the other questions.
///
/// ```yaml
/// variables:
///   qb10:
///     label: How concerned are you about your personal data online?
///     role: concern
/// ```
package enum QuestionRole: String, Sendable, Hashable, CaseIterable {
  /// Trust in organisations to protect personal data.
  case trust
  /// Privacy concern.
  case concern
  /// Willingness to share personal data.
  case sharing
  /// Protective behaviour: something the respondent did to protect their data (yes/no).
  case behaviour
  /// Knowledge of data-protection law and rights.
  case awareness
  /// Westin's privacy-segmentation items.
  case westin
  /// Who the respondents are: sex, age, country, education…
  case demographics
  /// Any other question.
  case other
}
