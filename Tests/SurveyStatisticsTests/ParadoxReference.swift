import Foundation

/// The shape of `Fixtures/paradox/reference.json`, written by `make-paradox.R` with R survey 4.1.
struct ParadoxReference: Decodable {
  let generatedBy: String
  let cases: [Case]

  enum CodingKeys: String, CodingKey { case generatedBy = "generated_by", cases }

  struct Item: Decodable {
    let variable: String
    let values: [String]
  }

  struct Case: Decodable {
    let name: String
    let data: String
    let design: ProportionReference.Design
    /// The targets file of a case raked with R's `rake(…, control = list(maxit = 100, epsilon = 1e-10))`.
    let targetsFile: String?
    let concern: Item
    let actions: [Item]
    let minimumActions: Int
    let by: [String]
    let missingCodes: [String: [String]]
    let summary: Summary
    let overall: Measures
    let domains: [Measures]
    let comparisons: [Comparison]

    enum CodingKeys: String, CodingKey {
      case name, data, design, concern, actions, minimumActions = "minimum_actions", by
      case missingCodes = "missing_codes", summary, overall, domains, comparisons
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      name = try container.decode(String.self, forKey: .name)
      data = try container.decode(String.self, forKey: .data)
      design = try container.decode(ProportionReference.Design.self, forKey: .design)
      targetsFile = try container.nestedContainer(keyedBy: DesignKeys.self, forKey: .design)
        .decodeIfPresent(String.self, forKey: .targetsFile)
      concern = try container.decode(Item.self, forKey: .concern)
      actions = try container.decode([Item].self, forKey: .actions)
      minimumActions = try container.decode(Int.self, forKey: .minimumActions)
      by = try container.decode([String].self, forKey: .by)
      missingCodes = try container.decode([String: [String]].self, forKey: .missingCodes)
      summary = try container.decode(Summary.self, forKey: .summary)
      overall = try container.decode(Measures.self, forKey: .overall)
      domains = try container.decode([Measures].self, forKey: .domains)
      comparisons = try container.decode([Comparison].self, forKey: .comparisons)
    }

    private enum DesignKeys: String, CodingKey { case targetsFile = "targets_file" }
  }

  struct Summary: Decodable {
    let respondents: Int
    let completeRespondents: Int
    let completeDegreesOfFreedom: Int

    enum CodingKeys: String, CodingKey {
      case respondents, completeRespondents = "complete_respondents"
      case completeDegreesOfFreedom = "complete_degrees_of_freedom"
    }
  }

  /// Every measure of one domain (`domain` is absent for the overall results).
  struct Measures: Decodable {
    let domain: [String: String]?
    let respondents: Int
    let degreesOfFreedom: Int
    let concerned: Proportion
    let acting: Proportion
    let paradoxShare: Proportion
    let inactionGivenConcern: Proportion
    let phi: TMeasure
    let oddsRatio: OddsRatio
    let gap: TMeasure
    let cellProportions: [Double]
    let mcnemarCounts: [String: Int]

    enum CodingKeys: String, CodingKey {
      case domain, respondents, degreesOfFreedom = "degrees_of_freedom", concerned, acting
      case paradoxShare = "paradox_share", inactionGivenConcern = "inaction_given_concern", phi
      case oddsRatio = "odds_ratio", gap, cellProportions = "cell_proportions", mcnemarCounts = "mcnemar_counts"
    }
  }

  /// A proportion with `svyciprop` intervals: level → method → [lower, upper] (null where R failed).
  struct Proportion: Decodable {
    let estimate: Double
    let standardError: Double
    let degreesOfFreedom: Int
    let designRows: Int
    let intervals: [String: [String: [Double]?]]
    let likelihoodProfileRoot: [String: [Double]?]

    enum CodingKeys: String, CodingKey {
      case estimate, standardError = "standard_error", degreesOfFreedom = "degrees_of_freedom"
      case designRows = "design_rows", intervals, likelihoodProfileRoot = "likelihood_profile_root"
    }
  }

  /// An estimate with a t interval and a two-sided t test on `degrees_of_freedom`.
  struct TMeasure: Decodable {
    let estimate: Double?
    let standardError: Double?
    let degreesOfFreedom: Int
    let tStatistic: Double?
    let pValue: Double?
    let intervals: [String: [Double?]]

    enum CodingKeys: String, CodingKey {
      case estimate, standardError = "standard_error", degreesOfFreedom = "degrees_of_freedom"
      case tStatistic = "t_statistic", pValue = "p_value", intervals
    }
  }

  struct OddsRatio: Decodable {
    let estimate: Double?
    let standardError: Double?
    let logStandardError: Double?
    let degreesOfFreedom: Int
    let intervals: [String: [Double?]]

    enum CodingKeys: String, CodingKey {
      case estimate, standardError = "standard_error", logStandardError = "log_standard_error"
      case degreesOfFreedom = "degrees_of_freedom", intervals
    }
  }

  struct Comparison: Decodable {
    let measure: String
    let first: [String: String]
    let second: [String: String]
    let difference: Double
    let standardError: Double
    let degreesOfFreedom: Int
    let tStatistic: Double
    let pValue: Double
    let pValueHolm: Double
    let intervals: [String: [Double?]]

    enum CodingKeys: String, CodingKey {
      case measure, first, second, difference, standardError = "standard_error"
      case degreesOfFreedom = "degrees_of_freedom", tStatistic = "t_statistic", pValue = "p_value"
      case pValueHolm = "p_value_holm", intervals
    }
  }
}
