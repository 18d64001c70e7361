import Foundation
import SurveyStatistics
import Testing

/// The shape of `Fixtures/crosstabs/reference.json`, written by `make-crosstabs.R` with R survey 4.1.
struct CrossTabReference: Decodable {
  let generatedBy: String
  let crosstabs: [CrossTabCase]
  let scales: [ScaleCase]
  let westin: Westin

  enum CodingKeys: String, CodingKey { case generatedBy = "generated_by", crosstabs, scales, westin }

  static let shared: CrossTabReference = {
    let data = try! Data(contentsOf: fixtureURL("crosstabs/reference.json"))
    return try! JSONDecoder().decode(CrossTabReference.self, from: data)
  }()

  struct Design: Decodable {
    let weight: String?
    let strata: String?
    let psu: String?
    let fpc: String?
    let lonelyPSU: String
    /// The targets file of a design raked with R's `rake(…, control = list(maxit = 100, epsilon = 1e-10))`.
    let targetsFile: String?

    enum CodingKeys: String, CodingKey {
      case weight, strata, psu, fpc, lonelyPSU = "lonely_psu", targetsFile = "targets_file"
    }

    /// The design on a fixture file with the case's missing codes and derived variables, raked
    /// when the case is.
    func make(data: String, missingCodes: [String: [String]], derived: [DerivedVariable] = []) throws -> SurveyDesign {
      let path = data.hasPrefix("../") ? String(data.dropFirst(3)) : "crosstabs/" + data
      var survey = try Survey(fixtureCSV: fixtureURL(path).path)
      survey = try survey.markingMissing(codesByVariable: missingCodes).addingDerivedVariables(derived)
      let design = try SurveyDesign(
        survey, weights: weight, strata: strata, clusters: psu, fpc: fpc,
        lonelyPSU: LonelyPSUPolicy(rawValue: lonelyPSU)!)
      guard let targetsFile else { return design }
      let margins = try PopulationMargins(fixtureTargets: fixtureURL("crosstabs/" + targetsFile).path)
      return try design.raked(to: margins, options: RakingControl(maxIterations: 100, tolerance: .relativeToWeightTotal(1e-10)))
    }
  }

  /// p̂ (or a mean), its SE and interval ([lower, upper], or null where R gives none).
  struct Share: Decodable {
    let estimate: Double
    let standardError: Double
    let ci: [Double]?
    let degreesOfFreedom: Int
    let designEffect: Double?
    let respondents: Int?
    /// R's `nrow()` of the share's design (shares only; the whole file on a raked design).
    let designRows: Int?
    /// With the likelihood method: the exact root of the profile that R's spline interpolates.
    let likelihoodProfileRoot: [Double]?

    /// The bounds a test compares with: the exact likelihood root when there is one, else R's interval.
    var referenceBounds: [Double]? { likelihoodProfileRoot ?? ci }

    enum CodingKeys: String, CodingKey {
      case estimate, standardError = "standard_error", ci, degreesOfFreedom = "degrees_of_freedom"
      case designEffect = "design_effect", respondents, designRows = "design_rows"
      case likelihoodProfileRoot = "likelihood_profile_root"
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      estimate = try container.decode(Double.self, forKey: .estimate)
      standardError = try container.decode(Double.self, forKey: .standardError)
      ci = try? container.decode([Double].self, forKey: .ci)
      degreesOfFreedom = try container.decode(Int.self, forKey: .degreesOfFreedom)
      designEffect = try container.decodeIfPresent(Double.self, forKey: .designEffect)
      respondents = try container.decodeIfPresent(Int.self, forKey: .respondents)
      designRows = try container.decodeIfPresent(Int.self, forKey: .designRows)
      likelihoodProfileRoot = try? container.decode([Double].self, forKey: .likelihoodProfileRoot)
    }
  }

  struct CrossTabCase: Decodable {
    let name: String
    let data: String
    let design: Design
    let row: String
    let column: String
    let by: [String]
    let missingCodes: [String: [String]]
    let method: String
    let level: Double
    let overall: Table
    let domains: [Table]

    enum CodingKeys: String, CodingKey {
      case name, data, design, row, column, by, missingCodes = "missing_codes", method, level, overall, domains
    }
  }

  struct Table: Decodable {
    let domain: [String: String]
    let respondents: Int
    let designRows: Int
    let degreesOfFreedom: Int
    let rowCategories: [String]
    let columnCategories: [String]
    let cells: [Cell]
    let test: Test
    let pearson: Pearson

    enum CodingKeys: String, CodingKey {
      case domain, respondents, designRows = "design_rows", degreesOfFreedom = "degrees_of_freedom"
      case rowCategories = "row_categories", columnCategories = "column_categories", cells, test, pearson
    }
  }

  struct Cell: Decodable {
    let row: String
    let column: String
    let respondents: Int
    let weightedCount: Double
    let ofTotal: Share
    let ofRow: Share
    let ofColumn: Share

    enum CodingKeys: String, CodingKey {
      case row, column, respondents, weightedCount = "weighted_count", ofTotal = "of_total", ofRow = "of_row"
      case ofColumn = "of_column"
    }
  }

  struct Test: Decodable {
    let statistic: Double
    let numeratorDF: Double
    let denominatorDF: Double
    let pValue: Double

    enum CodingKeys: String, CodingKey {
      case statistic, numeratorDF = "numerator_df", denominatorDF = "denominator_df", pValue = "p_value"
    }
  }

  struct Pearson: Decodable {
    let statistic: Double
    let df: Int
    let pValue: Double

    enum CodingKeys: String, CodingKey { case statistic, df, pValue = "p_value" }
  }

  struct ScaleCase: Decodable {
    let name: String
    let data: String
    let design: Design
    let items: [String]
    let reverse: [String]
    let range: [Double]
    let minItems: Int
    let by: [String]
    let box: Int
    let method: String
    let level: Double
    let missingCodes: [String: [String]]
    let overall: ScaleDomain
    let domains: [ScaleDomain]
    let scoresHead: [Double?]

    enum CodingKeys: String, CodingKey {
      case name, data, design, items, reverse, range, minItems = "min_items", by, box, method, level
      case missingCodes = "missing_codes", overall, domains, scoresHead = "scores_head"
    }
  }

  struct ScaleDomain: Decodable {
    let domain: [String: String]
    let score: Share
    let completeRespondents: Int
    let alpha: Double?
    let weightedAlpha: Double?
    let items: [ScaleItem]

    enum CodingKeys: String, CodingKey {
      case domain, score, completeRespondents = "complete_respondents", alpha, weightedAlpha = "weighted_alpha", items
    }
  }

  struct ScaleItem: Decodable {
    let item: String
    let reversed: Bool
    let mean: Share
    let topBox: Share
    let bottomBox: Share
    let itemTotalCorrelation: Double?
    let weightedItemTotalCorrelation: Double?
    let alphaIfDeleted: Double?

    enum CodingKeys: String, CodingKey {
      case item, reversed, mean, topBox = "top_box", bottomBox = "bottom_box"
      case itemTotalCorrelation = "item_total_correlation"
      case weightedItemTotalCorrelation = "weighted_item_total_correlation", alphaIfDeleted = "alpha_if_deleted"
    }
  }

  struct Westin: Decodable {
    let data: String
    let items: [String]
    let segments: [String?]
    let counts: [String: Int]
    let missing: Int
    let overall: [WestinShare]
    let bySex: [WestinDomain]

    enum CodingKeys: String, CodingKey { case data, items, segments, counts, missing, overall, bySex = "by_sex" }
  }

  struct WestinShare: Decodable {
    let category: String
    let proportion: Double
    let standardError: Double

    enum CodingKeys: String, CodingKey { case category, proportion, standardError = "standard_error" }
  }

  struct WestinDomain: Decodable {
    let domain: [String: String]
    let estimates: [WestinShare]
  }
}

extension Domain {
  /// The domain as the fixtures write it: `{"sex": "F"}`.
  var dictionary: [String: String] {
    Dictionary(uniqueKeysWithValues: levels.map { ($0.variable, $0.value) })
  }
}

/// Compares numbers with R's, records the largest relative difference per quantity, and prints
/// the record at the end of each case.
struct ReferenceComparison {
  let log: DifferenceLog

  func check(
    _ quantity: String, _ actual: Double?, _ expected: Double?, tolerance: Double, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let expected else {
      return
    }
    guard let actual else {
      Issue.record("\(label): \(quantity) missing, R gives \(expected)", sourceLocation: sourceLocation)
      return
    }
    let difference = relativeDifference(actual, expected)
    log.record(quantity, difference)
    if !(difference <= tolerance) {
      Issue.record("\(label): \(quantity) \(actual) vs R \(expected) (relative difference \(difference))",
                   sourceLocation: sourceLocation)
    }
  }
}
