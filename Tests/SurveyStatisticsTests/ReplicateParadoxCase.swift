/// One privacy-paradox case of `Fixtures/replicates/reference.json` (section 5c of
/// `make-replicates.R`): the definition, R's measures of the complete-case design d and of each
/// `subset(d, stype == level)`, and the between-domain comparisons from `svyby(…, covmat = TRUE)`.
/// JSON `null` (an infinite or undefined value in R) decodes as `nil`.
struct ReplicateParadoxCase: Decodable, Sendable {
  struct Item: Decodable, Sendable {
    let variable: String
    let values: [String]
  }

  /// A proportion: `svymean` estimate and SE, `degf()`, `svyciprop()` bounds per method at 0.95.
  struct Proportion: Decodable, Sendable {
    let estimate: Double
    let standardError: Double
    let degreesOfFreedom: Int
    let intervals: [String: [Double]]

    enum CodingKeys: String, CodingKey {
      case estimate, standardError = "standard_error", degreesOfFreedom = "degrees_of_freedom", intervals
    }
  }

  /// A t measure (`svycontrast`): estimate, SE, t, two-sided p on `degf()`, the 0.95 interval.
  struct TMeasure: Decodable, Sendable {
    let estimate: Double?
    let standardError: Double?
    let degreesOfFreedom: Int
    let tStatistic: Double?
    let pValue: Double?
    let interval: [Double?]
    let measure: String?
    let first: String?
    let second: String?
    let holmAdjustedPValue: Double?

    enum CodingKeys: String, CodingKey {
      case estimate, standardError = "standard_error", degreesOfFreedom = "degrees_of_freedom"
      case tStatistic = "t_statistic", pValue = "p_value", interval, measure, first, second
      case holmAdjustedPValue = "holm_adjusted_p_value"
    }
  }

  struct OddsRatio: Decodable, Sendable {
    let estimate: Double?
    let standardError: Double?
    let logStandardError: Double?
    let degreesOfFreedom: Int
    let interval: [Double?]

    enum CodingKeys: String, CodingKey {
      case estimate, standardError = "standard_error", logStandardError = "log_standard_error"
      case degreesOfFreedom = "degrees_of_freedom", interval
    }
  }

  struct Measures: Decodable, Sendable {
    let domain: [String: String]?
    let respondents: Int
    let degreesOfFreedom: Int
    let concerned: Proportion
    let acting: Proportion
    let paradoxShare: Proportion
    let inactionGivenConcern: Proportion
    let gap: TMeasure
    let phi: TMeasure
    let oddsRatio: OddsRatio

    enum CodingKeys: String, CodingKey {
      case domain, respondents, degreesOfFreedom = "degrees_of_freedom", concerned, acting
      case paradoxShare = "paradox_share", inactionGivenConcern = "inaction_given_concern", gap, phi
      case oddsRatio = "odds_ratio"
    }
  }

  let design: String
  let by: [String]
  let concern: Item
  let actions: [Item]
  let overall: Measures
  let domains: [Measures]
  let comparisons: [TMeasure]
}
