import Foundation
import SurveyStatistics
import Testing

/// Raking a replicate-weight design against R survey 4.1's `rake()` of a `svyrep.design`
/// (`Fixtures/replicate-raking/reference.json`, written by `make-replicate-raking.R` on the data of
/// `Fixtures/replicates`): raked full-sample and replicate weights, degrees of freedom, means,
/// totals, domain means and `svyciprop()` shares with their intervals.
@Suite struct ReplicateRakingReferenceTests {
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7

  static let reference: ReplicateRakingReference = {
    do {
      let data = try Data(contentsOf: fixtureURL("replicate-raking/reference.json"))
      return try JSONDecoder().decode(ReplicateRakingReference.self, from: data)
    } catch {
      fatalError("Fixtures/replicate-raking/reference.json is missing or malformed: \(error)")
    }
  }()

  /// R's privacy paradox on every raked design (`Fixtures/replicate-raking/paradox.json`, section 3
  /// of `make-replicate-raking.R`: the analysis of `make-replicates.R` section 5c by stype).
  static let paradox: [ReplicateParadoxCase] = {
    struct File: Decodable { let paradox: [ReplicateParadoxCase] }
    do {
      return try JSONDecoder().decode(File.self, from: Data(contentsOf: fixtureURL("replicate-raking/paradox.json"))).paradox
    } catch {
      fatalError("Fixtures/replicate-raking/paradox.json is missing or malformed: \(error)")
    }
  }()

  /// The privacy paradox on the raked replicate design (each replicate raked, R's `rake()` of the
  /// `svyrep.design`, then the paradox's `svymean`, `svycontrast`, `svyratio`, `svyciprop` and
  /// `svyby(covmat = TRUE)`): R's measures, degrees of freedom and comparisons
  /// (``ReplicateParadoxTests/expectR(_:_:label:)``).
  @Test(arguments: reference.cases.map(\.name))
  func paradoxMatchesR(_ name: String) throws {
    let testCase = try #require(Self.reference.cases.first { $0.name == name })
    let golden = try #require(Self.paradox.first { $0.design == name })
    try ReplicateParadoxTests.expectR(try Self.raked(testCase), golden, label: "raked replicate paradox \(name)")
  }

  static func raked(_ testCase: ReplicateRakingReference.Case) throws -> SurveyDesign {
    try design(testCase).raked(to: testCase.populationMargins)
  }

  static func design(_ testCase: ReplicateRakingReference.Case) throws -> SurveyDesign {
    let survey = try ReplicateFixture.shared.survey(testCase.dataset)
    let replicates = testCase.replicates
    let method = try #require(ReplicateMethod(rawValue: replicates.method))
    let source: ReplicateDeclaration.Source =
      replicates.source == "created" ? .created() : .columns(matching: replicates.pattern ?? "")
    return try SurveyDesign(survey, declaration: DesignDeclaration(
      weights: "pw", strata: replicates.strata, clusters: replicates.clusters, fpc: replicates.fpc,
      replicates: ReplicateDeclaration(source: source, method: method, fayRho: replicates.fayRho)))
  }

  @Test(arguments: reference.cases.map(\.name))
  func rakedWeightsMatchR(_ name: String) throws {
    let testCase = try #require(Self.reference.cases.first { $0.name == name })
    let raked = try Self.raked(testCase)
    for (ours, theirs) in zip(raked.weights, testCase.weights) {
      #expect(relativeDifference(ours, theirs) <= Self.estimateTolerance, "\(name): full-sample weight")
    }
    let replicates = try #require(raked.replicates)
    #expect(replicates.count == testCase.replicateCount)
    #expect(raked.degreesOfFreedom == testCase.degreesOfFreedom, "\(name): degrees of freedom")
    for replicate in 0..<replicates.count {
      let sum = replicates.weights(ofReplicate: replicate).reduce(0, +)
      #expect(relativeDifference(sum, testCase.replicateColumnSums[replicate]) <= Self.estimateTolerance,
              "\(name): replicate \(replicate + 1) total")
    }
    for check in testCase.replicateWeights {
      let ours = replicates.weights(ofReplicate: check.replicate - 1)[check.row - 1]
      #expect(relativeDifference(ours, check.weight) <= Self.estimateTolerance,
              "\(name): row \(check.row), replicate \(check.replicate): \(ours) vs R \(check.weight)")
    }
    #expect(raked.summary.raking?.converged == true)
  }

  @Test(arguments: reference.cases.map(\.name))
  func estimatesMatchR(_ name: String) throws {
    let testCase = try #require(Self.reference.cases.first { $0.name == name })
    let raked = try Self.raked(testCase)
    compare(try raked.means(of: testCase.mean.variable!)[0], testCase.mean, "\(name) mean")
    compare(try raked.totals(of: testCase.total.variable!)[0], testCase.total, "\(name) total")
    let domainMeans = try raked.means(of: testCase.domainMeans.variable, by: [testCase.domainMeans.by])
    #expect(domainMeans.count == testCase.domainMeans.estimates.count)
    for expected in testCase.domainMeans.estimates {
      let ours = try #require(domainMeans.first { $0.domain.fixtureKey[testCase.domainMeans.by] == expected.domain })
      compare(ours, expected, "\(name) mean in \(expected.domain ?? "")")
    }
  }

  @Test(arguments: reference.cases.map(\.name))
  func sharesMatchR(_ name: String) throws {
    let testCase = try #require(Self.reference.cases.first { $0.name == name })
    let raked = try Self.raked(testCase)
    for methodName in Self.reference.intervalMethods {
      let method = try #require(IntervalMethod(rawValue: methodName))
      let shares = try raked.proportions(of: testCase.shares.variable, method: method)
      for expected in testCase.shares.estimates {
        let ours = try #require(shares.first { $0.category == expected.category })
        let label = "\(name) \(testCase.shares.variable) = \(expected.category), \(methodName)"
        #expect(relativeDifference(ours.proportion, expected.proportion) <= Self.estimateTolerance, "\(label): share")
        #expect(relativeDifference(ours.standardError, expected.standardError) <= Self.estimateTolerance, "\(label): SE")
        #expect(ours.degreesOfFreedom == expected.degreesOfFreedom, "\(label): df")
        let bounds = try #require(expected.intervals[methodName])
        #expect(relativeDifference(ours.confidenceInterval.lower, bounds[0]) <= Self.boundTolerance, "\(label): lower")
        #expect(relativeDifference(ours.confidenceInterval.upper, bounds[1]) <= Self.boundTolerance, "\(label): upper")
      }
    }
  }

  /// A replicate without weight in a margin cell cannot be raked: R gives it NaN weights, Confiance
  /// names the replicate and the cell. JK1 on apiclus1 leaves out one district per replicate; a
  /// margin cell made of one district's schools is empty in that district's replicate.
  @Test func replicateWithoutWeightInACellIsAnError() throws {
    let survey = try ReplicateFixture.shared.survey("apiclus1")
    let districts = try survey.variable(named: "dnum").categorical
    let schools = districts.codes.filter { $0 == districts.codes[0] }.count
    let inDistrict = districts.codes.map { $0 == districts.codes[0] ? "first" : "other" }
    let marked = try Survey(
      variables: survey.variableNames.map { try survey.variable(named: $0) }
        + [Variable(name: "district", categories: inDistrict)],
      origin: survey.origin)
    let design = try SurveyDesign(marked, declaration: DesignDeclaration(
      weights: "pw", clusters: "dnum", fpc: "fpc", replicates: ReplicateDeclaration(source: .created(), method: .jackknife)))
    let margins = PopulationMargins([
      Margin(variable: "district", targets: [("first", 100), ("other", 6094)])
    ])
    // The replicates are in order of the districts' first appearance, so the first row's district
    // is left out by replicate 1.
    #expect(throws: WeightingError.emptyReplicateCell(
      margin: "district", category: "first", replicate: 1, respondents: schools, origin: nil)
    ) { try design.raked(to: margins) }
  }
}

/// `Fixtures/replicate-raking/reference.json`.
struct ReplicateRakingReference: Decodable, Sendable {
  let generatedBy: String
  let populationSize: Double
  let intervalMethods: [String]
  let cases: [Case]

  enum CodingKeys: String, CodingKey {
    case generatedBy = "generated_by", populationSize = "population_size", intervalMethods = "interval_methods", cases
  }

  struct Case: Decodable, Sendable {
    let name: String
    let dataset: String
    let replicates: Replicates
    let margins: [MarginTargets]
    let scale: String
    let populationSize: Double
    let replicateCount: Int
    let degreesOfFreedom: Int
    let weights: [Double]
    let replicateColumnSums: [Double]
    let replicateWeights: [WeightCheck]
    let mean: Estimate
    let total: Estimate
    let domainMeans: DomainMeans
    let shares: Shares

    enum CodingKeys: String, CodingKey {
      case name, dataset, replicates, margins, scale, populationSize = "population_size"
      case replicateCount = "replicate_count", degreesOfFreedom = "degrees_of_freedom", weights
      case replicateColumnSums = "replicate_column_sums", replicateWeights = "replicate_weights"
      case mean, total, domainMeans = "domain_means", shares
    }

    /// The margins as Confiance takes them: totals, or proportions of the population size.
    var populationMargins: PopulationMargins {
      let proportions = scale == "proportions"
      return PopulationMargins(
        margins.map { margin in
          Margin(
            variable: margin.variable, targets: Array(zip(margin.categories, margin.targets)),
            scale: proportions ? .proportions : .totals)
        },
        populationSize: proportions ? populationSize : nil)
    }
  }

  struct Replicates: Decodable, Sendable {
    let source: String
    let method: String
    let pattern: String?
    let fayRho: Double?
    let strata: String?
    let clusters: String?
    let fpc: String?

    enum CodingKeys: String, CodingKey { case source, method, pattern, fayRho = "fay_rho", strata, clusters, fpc }
  }

  struct MarginTargets: Decodable, Sendable {
    let variable: String
    let categories: [String]
    let targets: [Double]
  }

  struct WeightCheck: Decodable, Sendable {
    let row: Int
    let replicate: Int
    let weight: Double
  }

  struct Estimate: Decodable, Sendable {
    let variable: String?
    let domain: String?
    let estimate: Double
    let standardError: Double
    let ciLower: Double
    let ciUpper: Double
    let degreesOfFreedom: Int

    enum CodingKeys: String, CodingKey {
      case variable, domain, estimate, standardError = "standard_error", ciLower = "ci_lower", ciUpper = "ci_upper"
      case degreesOfFreedom = "degrees_of_freedom"
    }
  }

  struct DomainMeans: Decodable, Sendable {
    let variable: String
    let by: String
    let estimates: [Estimate]
  }

  struct Shares: Decodable, Sendable {
    let variable: String
    let estimates: [Share]
  }

  struct Share: Decodable, Sendable {
    let category: String
    let proportion: Double
    let standardError: Double
    let degreesOfFreedom: Int
    let intervals: [String: [Double]]

    enum CodingKeys: String, CodingKey {
      case category, proportion, standardError = "standard_error", degreesOfFreedom = "degrees_of_freedom", intervals
    }
  }
}

extension ReplicateRakingReferenceTests {
  func compare(_ ours: some SurveyEstimate, _ expected: ReplicateRakingReference.Estimate, _ label: String) {
    #expect(relativeDifference(ours.estimate, expected.estimate) <= Self.estimateTolerance, "\(label): estimate")
    #expect(relativeDifference(ours.standardError, expected.standardError) <= Self.estimateTolerance, "\(label): SE")
    #expect(ours.degreesOfFreedom == expected.degreesOfFreedom, "\(label): df")
    #expect(relativeDifference(ours.confidenceInterval.lower, expected.ciLower) <= Self.boundTolerance, "\(label): lower")
    #expect(relativeDifference(ours.confidenceInterval.upper, expected.ciUpper) <= Self.boundTolerance, "\(label): upper")
  }
}
