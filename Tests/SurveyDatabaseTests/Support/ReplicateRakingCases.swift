import Confiance
import Foundation
import Testing

/// The supplied-replicate cases of `Tests/SurveyStatisticsTests/Fixtures/replicate-raking`
/// (R survey 4.1's `rake()` of a `svrepdesign()`), on the replicate fixtures' tables
/// (`replicates_apiclus1`, `replicates_pairs`, `replicates_apistrat`): the margins, and R's mean,
/// total and domain means with their degrees of freedom.
enum ReplicateRakingCases {
  struct Reference: Decodable {
    struct Case: Decodable {
      struct Replicates: Decodable {
        let source: String
        let method: String
        let strata: String?
        let clusters: String?
        let fpc: String?
      }
      struct MarginTargets: Decodable {
        let variable: String
        let categories: [String]
        let targets: [Double]
      }
      struct Estimate: Decodable {
        let domain: String?
        let estimate: Double
        let standard_error: Double
        let ci_lower: Double
        let ci_upper: Double
        let degrees_of_freedom: Int
      }
      struct DomainMeans: Decodable {
        let variable: String
        let by: String
        let estimates: [Estimate]
      }

      let name: String
      let dataset: String
      let replicates: Replicates
      let margins: [MarginTargets]
      let scale: String
      let population_size: Double
      let mean: Estimate
      let total: Estimate
      let domain_means: DomainMeans
    }

    let cases: [Case]
  }

  static let reference: Reference = {
    let path = repositoryPath("Tests/SurveyStatisticsTests/Fixtures/replicate-raking/reference.json")
    return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  }()

  /// The cases with replicate-weight columns.
  static let suppliedNames = reference.cases.filter { $0.replicates.source == "supplied" }.map(\.name)
  /// The cases with replicates created from the strata and PSUs.
  static let createdNames = reference.cases.filter { $0.replicates.source == "created" }.map(\.name)

  /// A created case's declaration (weights `pw`, its strata, PSUs and FPC, the method's defaults).
  static func createdDeclaration(_ name: String) -> DesignDeclaration {
    let replicates = named(name).replicates
    return DesignDeclaration(
      weights: "pw", strata: replicates.strata, clusters: replicates.clusters, fpc: replicates.fpc,
      replicates: ReplicateDeclaration(source: .created(), method: ReplicateMethod(rawValue: replicates.method)!))
  }

  /// A created case's table and its file design: the file's rows sorted by stratum and PSU, the
  /// order in which a table creates replicates (BRR pairs a stratum's PSUs in that order).
  static func created(_ name: String) throws -> (table: String, file: SurveyDesign) {
    let testCase = named(name)
    return ("replicates_" + testCase.dataset, try ReplicateCases.fileDesign(
      dataset: testCase.dataset, declaration: createdDeclaration(name), sorted: true))
  }

  static func named(_ name: String) -> Reference.Case { reference.cases.first { $0.name == name }! }

  /// The margins as Confiance takes them: totals, or proportions of the population size.
  static func margins(_ name: String) -> PopulationMargins {
    let testCase = named(name), proportions = testCase.scale == "proportions"
    return PopulationMargins(
      testCase.margins.map { margin in
        Margin(
          variable: margin.variable, targets: Array(zip(margin.categories, margin.targets)),
          scale: proportions ? .proportions : .totals)
      },
      populationSize: proportions ? testCase.population_size : nil)
  }

  /// R's estimate, standard error, interval and degrees of freedom, against an engine's.
  static func expectR(_ estimate: any SurveyEstimate, _ expected: Reference.Case.Estimate, _ label: String) -> Double {
    #expect(relative(estimate.estimate, expected.estimate) < 1e-9, "\(label) estimate")
    #expect(relative(estimate.standardError, expected.standard_error) < 1e-9, "\(label) SE")
    #expect(relative(estimate.confidenceInterval.lower, expected.ci_lower) < 1e-7, "\(label) lower")
    #expect(relative(estimate.confidenceInterval.upper, expected.ci_upper) < 1e-7, "\(label) upper")
    #expect(estimate.degreesOfFreedom == expected.degrees_of_freedom, "\(label) df")
    return max(relative(estimate.estimate, expected.estimate), relative(estimate.standardError, expected.standard_error))
  }
}
