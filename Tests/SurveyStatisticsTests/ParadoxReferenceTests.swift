import Foundation
import SurveyStatistics
import Testing

/// Every privacy-paradox measure — concerned, acting, paradox share, inaction among the concerned,
/// φ, odds ratio, the gap with its paired test, McNemar counts and the Holm-adjusted between-domain
/// comparisons — against R survey 4.1 (`Fixtures/paradox/make-paradox.R`), for every interval
/// method at levels 0.95 and 0.9, on ordinary designs and on designs raked to population margins.
@Suite struct ParadoxReferenceTests {
  static let reference: ParadoxReference = {
    let data = try! Data(contentsOf: fixtureURL("paradox/reference.json"))
    return try! JSONDecoder().decode(ParadoxReference.self, from: data)
  }()

  static var caseNames: [String] { reference.cases.map(\.name) }

  /// Estimates and standard errors: 1e-9 relative. Interval bounds and p-values (which go through
  /// the t, beta and normal distribution functions): 1e-7 relative.
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7

  /// Largest relative difference per quantity, printed after each case.
  static let log = DifferenceLog()

  static func design(for testCase: ParadoxReference.Case) throws -> SurveyDesign {
    var survey = try Survey(fixtureCSV: fixtureURL("paradox/" + testCase.data).path)
    survey = try survey.markingMissing(codesByVariable: testCase.missingCodes)
    let design = try SurveyDesign(
      survey, weights: testCase.design.weight, strata: testCase.design.strata, clusters: testCase.design.psu,
      fpc: testCase.design.fpc, lonelyPSU: LonelyPSUPolicy(rawValue: testCase.design.lonelyPSU)!)
    guard let targetsFile = testCase.targetsFile else { return design }
    let margins = try PopulationMargins(fixtureTargets: fixtureURL("paradox/" + targetsFile).path)
    return try design.raked(
      to: margins, options: RakingControl(maxIterations: 100, tolerance: .relativeToWeightTotal(1e-10)))
  }

  static func definition(for testCase: ParadoxReference.Case) -> ParadoxDefinition {
    ParadoxDefinition(
      concern: Indicator(variable: testCase.concern.variable, values: testCase.concern.values),
      actions: testCase.actions.map { Indicator(variable: $0.variable, values: $0.values) },
      minimumActions: testCase.minimumActions)
  }

  @Test(arguments: caseNames)
  func matchesR(caseName: String) throws {
    let testCase = Self.reference.cases.first { $0.name == caseName }!
    let design = try Self.design(for: testCase)
    #expect(design.respondentCount == testCase.summary.respondents)
    try check(testCase, caseName) { method, level in
      try design.paradox(Self.definition(for: testCase), by: testCase.by, method: method, level: level)
    }
  }

  /// The path of a database: Σw by stratum × PSU × domain × concern-action cell summed from the
  /// rows (what PostgreSQL and Spark return), then ``GroupSums/paradox(_:method:level:)``.
  @Test(arguments: reference.cases.filter { $0.targetsFile == nil }.map(\.name))
  func groupSumsMatchR(caseName: String) throws {
    let testCase = Self.reference.cases.first { $0.name == caseName }!
    let definition = Self.definition(for: testCase)
    let sums = try Self.design(for: testCase).paradoxGroupSums(definition, by: testCase.by)
    try check(testCase, caseName + " (group sums)") { method, level in
      try sums.paradox(definition, method: method, level: level)
    }
  }

  private func check(
    _ testCase: ParadoxReference.Case, _ caseName: String,
    _ analyse: (IntervalMethod, Double) throws -> ParadoxAnalysis
  ) throws {
    for levelText in ["0.95", "0.9"] {
      for method in IntervalMethod.allCases {
        let analysis = try analyse(method, Double(levelText)!)
        let label = "\(caseName) \(method.rawValue) \(levelText)"
        #expect(analysis.overall.respondents == testCase.summary.completeRespondents, "\(label) respondents")
        #expect(analysis.overall.gap.degreesOfFreedom == testCase.summary.completeDegreesOfFreedom)
        compare(analysis.overall, with: testCase.overall, level: levelText, method: method, label: label + " overall")
        #expect(analysis.domains.count == testCase.domains.count, "\(label) domains")
        for expected in testCase.domains {
          guard let actual = analysis.domains.first(where: { dictionary($0.domain) == expected.domain }) else {
            Issue.record("\(label): domain \(expected.domain ?? [:]) missing")
            continue
          }
          compare(actual, with: expected, level: levelText, method: method, label: "\(label) \(actual.domain)")
        }
        compare(analysis.comparisons, with: testCase.comparisons, level: levelText, label: label)
      }
    }
    print("Paradox measures, largest relative differences to R so far:\n" + Self.log.summary)
  }

  private func dictionary(_ domain: Domain) -> [String: String] {
    Dictionary(uniqueKeysWithValues: domain.levels.map { ($0.variable, $0.value) })
  }

  private func compare(
    _ actual: DomainParadox, with expected: ParadoxReference.Measures, level: String, method: IntervalMethod,
    label: String
  ) {
    #expect(actual.respondents == expected.respondents, "\(label) respondents")
    #expect(actual.mcnemarCounts.concernedNotActing == expected.mcnemarCounts["concerned_not_acting"], "\(label) b")
    #expect(actual.mcnemarCounts.actingNotConcerned == expected.mcnemarCounts["acting_not_concerned"], "\(label) c")
    for (share, reference) in zip(actual.cellShares, expected.cellProportions) {
      check("cell share", share, reference, Self.estimateTolerance, label)
    }
    let proportions: [(String, IntervalEstimate, ParadoxReference.Proportion)] = [
      ("concerned", actual.concerned, expected.concerned), ("acting", actual.acting, expected.acting),
      ("paradox share", actual.paradoxShare, expected.paradoxShare),
      ("inaction given concern", actual.inactionGivenConcern, expected.inactionGivenConcern),
    ]
    for (name, estimate, reference) in proportions {
      check("\(name) estimate", estimate.estimate, reference.estimate, Self.estimateTolerance, label)
      check("\(name) standard error", estimate.standardError, reference.standardError, Self.estimateTolerance, label)
      #expect(estimate.degreesOfFreedom == reference.degreesOfFreedom, "\(label) \(name) df")
      let bounds: [Double]?
      if method == .likelihood {
        // R's own bounds interpolate a spline through a profile grid: recorded, not tested.
        if let spline = reference.intervals[level]?["likelihood"] ?? nil {
          Self.log.record("proportion bounds, likelihood vs R's spline", relativeDifference(estimate.confidenceInterval.lower, spline[0]))
          Self.log.record("proportion bounds, likelihood vs R's spline", relativeDifference(estimate.confidenceInterval.upper, spline[1]))
        }
        bounds = reference.likelihoodProfileRoot[level] ?? nil
      } else {
        bounds = reference.intervals[level]?[method.rawValue] ?? nil
      }
      guard let bounds else { continue }
      check("\(name) bounds", estimate.confidenceInterval.lower, bounds[0], Self.boundTolerance, label)
      check("\(name) bounds", estimate.confidenceInterval.upper, bounds[1], Self.boundTolerance, label)
      for (actualBound, expectedBound) in [(estimate.confidenceInterval.lower, bounds[0]), (estimate.confidenceInterval.upper, bounds[1])] {
        Self.log.record("proportion bounds, \(method.rawValue)\(method == .likelihood ? " (exact root)" : "")",
                        relativeDifference(actualBound, expectedBound))
      }
    }
    checkT("gap", actual.gap.interval, pValue: actual.gap.pValue, tStatistic: actual.gap.tStatistic, expected.gap, level, label)
    checkT("phi", actual.phi, pValue: nil, tStatistic: nil, expected.phi, level, label)

    let oddsRatio = actual.oddsRatio
    #expect(oddsRatio.degreesOfFreedom == expected.oddsRatio.degreesOfFreedom, "\(label) odds ratio df")
    checkOptional("odds ratio estimate", oddsRatio.estimate, expected.oddsRatio.estimate, Self.estimateTolerance, label)
    checkOptional("odds ratio standard error", oddsRatio.standardError, expected.oddsRatio.standardError,
                  Self.estimateTolerance, label)
    checkOptional("odds ratio log standard error", oddsRatio.logStandardError, expected.oddsRatio.logStandardError,
                  Self.estimateTolerance, label)
    let bounds = expected.oddsRatio.intervals[level]!
    checkOptional("odds ratio bounds", oddsRatio.confidenceInterval.lower, bounds[0], Self.boundTolerance, label)
    checkOptional("odds ratio bounds", oddsRatio.confidenceInterval.upper, bounds[1], Self.boundTolerance, label)
  }

  private func checkT(
    _ name: String, _ actual: IntervalEstimate, pValue: Double?, tStatistic: Double?,
    _ expected: ParadoxReference.TMeasure, _ level: String, _ label: String
  ) {
    #expect(actual.degreesOfFreedom == expected.degreesOfFreedom, "\(label) \(name) df")
    checkOptional("\(name) estimate", actual.estimate, expected.estimate, Self.estimateTolerance, label)
    checkOptional("\(name) standard error", actual.standardError, expected.standardError, Self.estimateTolerance, label)
    let bounds = expected.intervals[level]!
    checkOptional("\(name) bounds", actual.confidenceInterval.lower, bounds[0], Self.boundTolerance, label)
    checkOptional("\(name) bounds", actual.confidenceInterval.upper, bounds[1], Self.boundTolerance, label)
    if let tStatistic { checkOptional("\(name) t", tStatistic, expected.tStatistic, Self.estimateTolerance, label) }
    if let pValue { checkOptional("\(name) p-value", pValue, expected.pValue, Self.boundTolerance, label) }
  }

  private func compare(
    _ actual: [DomainComparison], with expected: [ParadoxReference.Comparison], level: String, label: String
  ) {
    #expect(actual.count == expected.count, "\(label) comparisons")
    for reference in expected {
      guard let comparison = actual.first(where: {
        $0.measure.rawValue == reference.measure && dictionary($0.first) == reference.first
          && dictionary($0.second) == reference.second
      }) else {
        Issue.record("\(label): comparison \(reference.measure) \(reference.first) vs \(reference.second) missing")
        continue
      }
      let name = "\(label) \(reference.measure) \(reference.first) vs \(reference.second)"
      #expect(comparison.difference.degreesOfFreedom == reference.degreesOfFreedom, "\(name) df")
      check("difference estimate", comparison.difference.estimate, reference.difference, Self.estimateTolerance, name)
      check("difference standard error", comparison.difference.standardError, reference.standardError,
            Self.estimateTolerance, name)
      check("difference t", comparison.tStatistic, reference.tStatistic, Self.estimateTolerance, name)
      check("difference p-value", comparison.pValue, reference.pValue, Self.boundTolerance, name)
      check("difference Holm p-value", comparison.holmAdjustedPValue, reference.pValueHolm, Self.boundTolerance, name)
      let bounds = reference.intervals[level]!
      checkOptional("difference bounds", comparison.difference.confidenceInterval.lower, bounds[0], Self.boundTolerance, name)
      checkOptional("difference bounds", comparison.difference.confidenceInterval.upper, bounds[1], Self.boundTolerance, name)
    }
  }

  /// R's null (not finite: an empty cell makes the odds ratio infinite) must be non-finite here too.
  private func checkOptional(_ quantity: String, _ actual: Double, _ expected: Double?, _ tolerance: Double, _ label: String) {
    guard let expected else {
      #expect(!actual.isFinite, "\(label): \(quantity) \(actual), R has no finite value")
      return
    }
    check(quantity, actual, expected, tolerance, label)
  }

  private func check(_ quantity: String, _ actual: Double, _ expected: Double, _ tolerance: Double, _ label: String) {
    let difference = relativeDifference(actual, expected)
    Self.log.record(quantity, difference)
    #expect(difference <= tolerance, "\(label): \(quantity) \(actual) vs R \(expected)")
  }
}
