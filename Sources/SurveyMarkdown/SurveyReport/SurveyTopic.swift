package import SurveyStatistics

/// The blocks of a consumer-privacy questionnaire that ``Report/init(survey:declaration:codebook:rakedTo:rakingControl:options:)``
/// lays out as sections: the codebook's `role:` of each question (``QuestionRole``) when it
/// declares one, else recognised from the variable names of the schema in the privacy-paradox
/// reference (`trust_*`, `concern_*`, `share_*`, `prot_*`, `westin_*`, `gdpr_*`).
package enum SurveyTopic: String, Sendable, Hashable, CaseIterable {
  /// Trust in organisations to protect personal data (`trust_…`).
  case trust
  /// Privacy concern (`concern_…`, `iuipc_…`).
  case concern
  /// Willingness to share data by type (`share_…`).
  case sharing
  /// Protective behaviours, yes/no (`prot_…`, `protect_…`).
  case behaviour
  /// Westin's privacy-segmentation items (`westin_…`).
  case westin
  /// Knowledge of data-protection law (`gdpr_…`, `rgpd_…`, `cnil_…`).
  case awareness
  /// Who the respondents are: sex, age band, region, education…
  case demographics
  /// Any other question.
  case other

  /// The name prefixes of each topic, tried in order; a name matches when it starts with the
  /// prefix followed by `_` or is the prefix.
  static let prefixes: [(SurveyTopic, [String])] = [
    (.trust, ["trust"]),
    (.concern, ["concern", "iuipc", "worry", "worried"]),
    (.sharing, ["share", "sharing", "willing", "disclose"]),
    (.behaviour, ["prot", "protect", "behaviour", "behavior"]),
    (.westin, ["westin"]),
    (.awareness, ["gdpr", "rgpd", "cnil", "aware"]),
  ]

  /// The names of demographic variables.
  static let demographicNames: Set<String> = [
    "sex", "gender", "sexe", "age", "age_band", "age_group", "region", "education", "diploma", "occupation",
    "pcs", "csp", "agglo_size", "agglomeration", "urban", "internet_freq", "income", "household_size",
  ]

  /// The topic of a question the codebook gives a role.
  package init(_ role: QuestionRole) {
    switch role {
    case .trust: self = .trust
    case .concern: self = .concern
    case .sharing: self = .sharing
    case .behaviour: self = .behaviour
    case .awareness: self = .awareness
    case .westin: self = .westin
    case .demographics: self = .demographics
    case .other: self = .other
    }
  }

  /// The topic of a variable: the role its codebook entry declares, else the topic of its name.
  package static func of(variableNamed name: String, codebook: Codebook?) -> SurveyTopic {
    codebook?.entry(named: name)?.role.map(SurveyTopic.init) ?? of(variableNamed: name)
  }

  /// The topic of a variable from its name.
  package static func of(variableNamed name: String) -> SurveyTopic {
    let lowered = name.lowercased()
    if demographicNames.contains(lowered) { return .demographics }
    for (topic, prefixes) in prefixes {
      for prefix in prefixes where lowered == prefix || lowered.hasPrefix(prefix + "_") {
        return topic
      }
    }
    return .other
  }
}
