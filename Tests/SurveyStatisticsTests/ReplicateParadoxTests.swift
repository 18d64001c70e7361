import SurveyStatistics
import Testing

/// The privacy-paradox analysis on replicate-weight designs (JK1 created and supplied with scale
/// and MSE, JKn with MSE, Fay, bootstrap) against R survey 4.1 (`make-replicates.R`, section 5c):
/// shares as `svymean` with `svyciprop()` intervals (logit, Wald, Korn–Graubard), the gap as
/// `svycontrast(svymean(~C + A, d), c(1, -1))`, φ and the odds ratio by `svycontrast` on the cell
/// means, inaction as `svyratio`, all on `degf()` of each (domain) design, and the between-domain
/// comparisons from `svyby(…, covmat = TRUE)` with Holm's adjustment.
///
/// Tolerances: estimates and standard errors 1e-9 relative; interval bounds, t statistics and
/// p-values 1e-7 relative; degrees of freedom and counts exact.
@Suite struct ReplicateParadoxTests {
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7
  static let fixture = ReplicateFixture.shared
  static var caseNames: [String] { fixture.paradox.map(\.design) }

  static let methods: [String: IntervalMethod] = ["logit": .logit, "mean": .mean, "beta": .beta]

  @Test func fixtureHasTheParadoxCases() {
    #expect(Self.fixture.paradox.count == 5)
    #expect(Self.fixture.paradox.reduce(0) { $0 + $1.comparisons.count } == 24)
  }

  @Test(arguments: caseNames)
  func matchesR(designName: String) throws {
    let testCase = Self.fixture.paradox.first { $0.design == designName }!
    try Self.expectR(try Self.fixture.design(designName), testCase, label: "replicate paradox \(designName)")
  }

  /// Expects the file path's paradox analysis of `testCase`'s definition on `design`, with the
  /// logit, Wald and Korn–Graubard intervals, to be R's (every measure of the whole sample and of
  /// each domain, and the comparisons), and prints the largest relative differences.
  static func expectR(_ design: SurveyDesign, _ testCase: ReplicateParadoxCase, label caseLabel: String) throws {
    let definition = ParadoxDefinition(
      concern: Indicator(variable: testCase.concern.variable, values: testCase.concern.values),
      actions: testCase.actions.map { Indicator(variable: $0.variable, values: $0.values) })
    var worst: [String: Double] = [:]
    for (methodName, method) in Self.methods {
      let analysis = try design.paradox(definition, by: testCase.by, method: method, level: 0.95)
      let label = "\(caseLabel) \(methodName)"
      compare(analysis.overall, with: testCase.overall, method: methodName, label: label + " overall", worst: &worst)
      #expect(analysis.domains.count == testCase.domains.count, "\(label) domains")
      for (actual, expected) in zip(analysis.domains, testCase.domains) {
        let levels = Dictionary(uniqueKeysWithValues: actual.domain.levels.map { ($0.variable, $0.value) })
        #expect(levels == expected.domain, "\(label) domain order")
        compare(actual, with: expected, method: methodName, label: "\(label) \(levels)", worst: &worst)
      }
      #expect(analysis.comparisons.count == testCase.comparisons.count, "\(label) comparisons")
      for (actual, expected) in zip(analysis.comparisons, testCase.comparisons) {
        let name = "\(label) \(expected.measure ?? "") \(expected.first ?? "")−\(expected.second ?? "")"
        #expect(actual.measure.rawValue == expected.measure)
        #expect(actual.first.levels.first?.value == expected.first && actual.second.levels.first?.value == expected.second)
        #expect(actual.difference.degreesOfFreedom == expected.degreesOfFreedom, "\(name) df")
        record("comparison", actual.difference.estimate, expected.estimate, Self.estimateTolerance, name, &worst)
        record("comparison SE", actual.difference.standardError, expected.standardError, Self.estimateTolerance, name, &worst)
        record("comparison t", actual.tStatistic, expected.tStatistic, Self.boundTolerance, name, &worst)
        record("comparison p", actual.pValue, expected.pValue, Self.boundTolerance, name, &worst)
        record("comparison Holm p", actual.holmAdjustedPValue, expected.holmAdjustedPValue, Self.boundTolerance, name, &worst)
        record("comparison bounds", actual.difference.confidenceInterval.lower, expected.interval[0], Self.boundTolerance, name, &worst)
        record("comparison bounds", actual.difference.confidenceInterval.upper, expected.interval[1], Self.boundTolerance, name, &worst)
      }
    }
    print("\(caseLabel), largest relative differences: "
      + worst.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; "))
  }

  private static func compare(
    _ actual: DomainParadox, with expected: ReplicateParadoxCase.Measures, method: String, label: String,
    worst: inout [String: Double]
  ) {
    #expect(actual.respondents == expected.respondents, "\(label) respondents")
    let proportions: [(String, IntervalEstimate, ReplicateParadoxCase.Proportion)] = [
      ("concerned", actual.concerned, expected.concerned), ("acting", actual.acting, expected.acting),
      ("paradox share", actual.paradoxShare, expected.paradoxShare),
      ("inaction", actual.inactionGivenConcern, expected.inactionGivenConcern),
    ]
    for (name, ours, theirs) in proportions {
      let what = "\(label) \(name)"
      #expect(ours.degreesOfFreedom == theirs.degreesOfFreedom, "\(what) df \(ours.degreesOfFreedom)")
      record(name, ours.estimate, theirs.estimate, Self.estimateTolerance, what, &worst)
      record(name + " SE", ours.standardError, theirs.standardError, Self.estimateTolerance, what, &worst)
      let bounds = theirs.intervals[method]!
      record(name + " bounds", ours.confidenceInterval.lower, bounds[0], Self.boundTolerance, what, &worst)
      record(name + " bounds", ours.confidenceInterval.upper, bounds[1], Self.boundTolerance, what, &worst)
    }
    for (name, ours, theirs) in [("gap", actual.gap.interval, expected.gap), ("phi", actual.phi, expected.phi)] {
      let what = "\(label) \(name)"
      #expect(ours.degreesOfFreedom == theirs.degreesOfFreedom, "\(what) df")
      #expect(ours.degreesOfFreedom == expected.degreesOfFreedom, "\(what) df")
      record(name, ours.estimate, theirs.estimate, Self.estimateTolerance, what, &worst)
      record(name + " SE", ours.standardError, theirs.standardError, Self.estimateTolerance, what, &worst)
      record(name + " bounds", ours.confidenceInterval.lower, theirs.interval[0], Self.boundTolerance, what, &worst)
      record(name + " bounds", ours.confidenceInterval.upper, theirs.interval[1], Self.boundTolerance, what, &worst)
    }
    record("gap t", actual.gap.tStatistic, expected.gap.tStatistic, Self.boundTolerance, label, &worst)
    record("gap p", actual.gap.pValue, expected.gap.pValue, Self.boundTolerance, label, &worst)
    let odds = actual.oddsRatio, theirs = expected.oddsRatio
    #expect(odds.degreesOfFreedom == theirs.degreesOfFreedom, "\(label) odds ratio df")
    record("odds ratio", odds.estimate, theirs.estimate, Self.estimateTolerance, label, &worst)
    record("odds ratio SE", odds.standardError, theirs.standardError, Self.estimateTolerance, label, &worst)
    record("log odds ratio SE", odds.logStandardError, theirs.logStandardError, Self.estimateTolerance, label, &worst)
    record("odds ratio bounds", odds.confidenceInterval.lower, theirs.interval[0], Self.boundTolerance, label, &worst)
    record("odds ratio bounds", odds.confidenceInterval.upper, theirs.interval[1], Self.boundTolerance, label, &worst)
  }

  /// Expects `actual` within `tolerance` (relative) of R's value; where R has none (`nil`: an
  /// infinite or undefined value), expects ours not finite.
  private static func record(
    _ quantity: String, _ actual: Double, _ expected: Double?, _ tolerance: Double, _ label: String,
    _ worst: inout [String: Double]
  ) {
    guard let expected else {
      #expect(!actual.isFinite, "\(label) \(quantity): R has no value, ours \(actual)")
      return
    }
    let difference = relativeDifference(actual, expected)
    worst[quantity] = max(worst[quantity] ?? 0, difference)
    #expect(difference < tolerance, "\(label) \(quantity): \(actual) vs R \(expected)")
  }
}
