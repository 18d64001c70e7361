import Confiance
import Foundation
import Testing

/// The raking cases of R's golden weighting fixtures (`Tests/SurveyStatisticsTests/Fixtures/raking`,
/// `make-raking.R`): a design, a targets file, the raking control, and R's raked proportions.
struct RakingCase: Decodable {
  struct Design: Decodable {
    let weight: String?
    let strata: String?
    let psu: String?
    let fpc: String?
  }

  struct Proportion: Decodable {
    let variable: String
    let domain: [String: String]
    let category: String
    let proportion: Double
    let standard_error: Double
    let intervals: [String: [Double?]]
  }

  struct Mean: Decodable {
    let variable: String
    let domain: [String: String]
    let mean: Double
    let standard_error: Double
  }

  struct Total: Decodable {
    let variable: String
    let total: Double
    let standard_error: Double
  }

  struct Estimates: Decodable {
    let proportions: [Proportion]?
    let means: [Mean]?
    let totals: [Total]?
  }

  let name: String
  let kind: String
  let data: String
  let design: Design
  let targets: String?
  let population: Double?
  let epsilon: Double?
  let tolerance: String?
  let max_iterations: Int?
  let converged: Bool?
  let estimates: Estimates
  /// R's raked weight of every row, in the data's order.
  let weights: [Double]?
  /// R's diagnostics of the weights before and after raking.
  let weights_before: Diagnostics?
  let weights_after: Diagnostics?

  /// What R says of a set of weights (`make-raking.R`).
  struct Diagnostics: Decodable {
    let total, min, max, mean, cv, kish_design_effect, effective_sample_size, weighting_efficiency: Double
    let quantiles: [String: Double]
  }

  private struct Reference: Decodable { let cases: [RakingCase] }

  static let folder = "Tests/SurveyStatisticsTests/Fixtures/raking/"

  /// Every raking case (the fixture's `rake` kind) with R's raked proportions, by name.
  static let all: [RakingCase] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(folder + "reference.json")))
    return try! JSONDecoder().decode(Reference.self, from: data).cases.filter {
      $0.kind == "rake" && !($0.estimates.proportions ?? []).isEmpty
    }
  }()

  static var names: [String] { all.map(\.name) }

  /// Every raking case of the fixture (the `rake` kind), with or without R's estimates.
  static let everyRaking: [RakingCase] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(folder + "reference.json")))
    return try! JSONDecoder().decode(Reference.self, from: data).cases.filter { $0.kind == "rake" }
  }()

  static func raking(_ name: String) -> RakingCase { everyRaking.first { $0.name == name }! }

  static func named(_ name: String) -> RakingCase { all.first { $0.name == name }! }

  /// The database table of the case (`.ci/postgres-fixtures.py`, `.ci/spark-fixtures.py`).
  var table: String { "raking_" + name.replacingOccurrences(of: "-", with: "_") }

  /// The design as a database declares it: the row number is the PSU of a design without one.
  var declaration: DesignDeclaration {
    DesignDeclaration(weights: design.weight, strata: design.strata, clusters: design.psu ?? "row_id", fpc: design.fpc)
  }

  var margins: PopulationMargins {
    get throws { try PopulationMargins(targetsFile: repositoryPath(Self.folder + targets!), populationSize: population) }
  }

  var options: RakingControl {
    RakingControl(
      maxIterations: max_iterations!,
      tolerance: tolerance == "absolute" ? .absolute(epsilon!) : .relativeToWeightTotal(epsilon!),
      allowsNonconvergence: !converged!)
  }

  /// The file path's raked design.
  func fileDesign() throws -> SurveyDesign {
    try Survey(
      contentsOf: repositoryPath(Self.folder + data),
      options: SurveyLoadOptions(
        design: DesignOverrides(weights: design.weight, strata: design.strata, clusters: design.psu, fpc: design.fpc))
    ).design().raked(to: margins, options: options)
  }

  /// The variable and domain variables of every analysis R estimated.
  var analyses: [(variable: String, by: [String])] {
    var seen = Set<[String]>()
    return (estimates.proportions ?? []).compactMap { expected in
      let key = [expected.variable] + expected.domain.keys.sorted()
      return seen.insert(key).inserted ? (expected.variable, Array(key.dropFirst())) : nil
    }
  }

  /// The numeric variable and domain variables of every mean R estimated, then every total
  /// (no domain), and whether it is a total.
  var numericAnalyses: [(variable: String, by: [String], isTotal: Bool)] {
    (estimates.means ?? []).map { ($0.variable, $0.domain.keys.sorted(), false) }
      + (estimates.totals ?? []).map { ($0.variable, [], true) }
  }

  /// R's mean (or total) and standard error of `variable` in `domain` (overall for a total).
  func expected(_ variable: String, domain: [String: String], isTotal: Bool) -> (Double, Double)? {
    if isTotal { return estimates.totals?.first { $0.variable == variable }.map { ($0.total, $0.standard_error) } }
    return estimates.means?.first { $0.variable == variable && $0.domain == domain }.map { ($0.mean, $0.standard_error) }
  }

  /// Expects the raked proportions of `variable` by `by` to be R's where R estimated them:
  /// proportions and standard errors to 1e-9 relative, interval bounds to 1e-7.
  func expectMatchesR(
    _ estimates: ProportionEstimates, variable: String, by: [String], method: IntervalMethod, _ label: String
  ) {
    for expected in self.estimates.proportions ?? [] where expected.variable == variable {
      guard expected.domain.keys.sorted() == by,
        let estimate = estimates.estimates.first(where: {
          $0.category == expected.category
            && Dictionary(uniqueKeysWithValues: $0.domain.levels.map { ($0.variable, $0.value) }) == expected.domain
        })
      else { continue }
      #expect(relative(estimate.proportion, expected.proportion) < 1e-9, "\(label) R proportion")
      #expect(relative(estimate.standardError, expected.standard_error) < 1e-9, "\(label) R SE")
      if let bounds = expected.intervals[method.rawValue], let lower = bounds[0], let upper = bounds[1] {
        #expect(relative(estimate.confidenceInterval.lower, lower) < 1e-7, "\(label) R lower")
        #expect(relative(estimate.confidenceInterval.upper, upper) < 1e-7, "\(label) R upper")
      }
    }
  }

  /// A result's JSON compared with the file path's: everything, or — when the declarations differ
  /// (the row number as PSU) — the estimates and the design's raking summary.
  func comparable(_ json: JSONValue) -> JSONValue {
    guard design.psu == nil, case .object(let members) = json else { return json }
    let raking = members.first { $0.0 == "design" }.flatMap { member -> JSONValue? in
      guard case .object(let design) = member.1 else { return nil }
      return design.first { $0.0 == "raking" }?.1
    }
    return .object(members.filter { $0.0 != "design" } + [("raking", raking ?? .null)])
  }
}
