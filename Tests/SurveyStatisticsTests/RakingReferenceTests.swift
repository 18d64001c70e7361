import Foundation
import SurveyStatistics
import Testing

/// Raking, post-stratification, trimming and trim-and-rerake against R survey 4.1
/// (`Fixtures/raking/make-raking.R`): every weight, the iteration count, margins, weight
/// diagnostics, and estimates with standard errors and intervals on the weighted designs.
@Suite struct RakingReferenceTests {
  static let reference: RakingReference = {
    let data = try! Data(contentsOf: fixtureURL("raking/reference.json"))
    return try! JSONDecoder().decode(RakingReference.self, from: data)
  }()

  static var caseNames: [String] { reference.cases.map(\.name) }

  /// Weights, estimates and standard errors: 1e-9 relative; interval bounds: 1e-7 relative.
  static let estimateTolerance = 1e-9
  static let boundTolerance = 1e-7

  static func testCase(_ name: String) -> RakingReference.Case {
    reference.cases.first { $0.name == name }!
  }

  static func baseDesign(_ testCase: RakingReference.Case) throws -> SurveyDesign {
    let spec = testCase.design
    let survey = try Survey(
      fixtureCSV: fixtureURL("raking/" + testCase.data).path, numericColumns: Set([spec.weight, spec.fpc].compactMap { $0 }))
    return try SurveyDesign(survey, weights: spec.weight, strata: spec.strata, clusters: spec.psu, fpc: spec.fpc)
  }

  static func margins(_ testCase: RakingReference.Case) throws -> PopulationMargins {
    try PopulationMargins(fixtureTargets: fixtureURL("raking/" + testCase.targets!).path, populationSize: testCase.population)
  }

  static func bound(_ text: String?) -> WeightBound? {
    guard let text else { return nil }
    if text.hasSuffix("median") { return .timesMedian(Double(text.dropLast(6))!) }
    return .absolute(Double(text)!)
  }

  @Test(arguments: caseNames)
  func matchesR(caseName: String) throws {
    let testCase = Self.testCase(caseName)
    let base = try Self.baseDesign(testCase)
    let design: SurveyDesign
    var before = base
    switch testCase.kind {
    case "rake":
      let options = RakingControl(
        maxIterations: testCase.maxIterations!,
        tolerance: testCase.tolerance == "absolute" ? .absolute(testCase.epsilon!) : .relativeToWeightTotal(testCase.epsilon!),
        allowsNonconvergence: !testCase.converged!)
      let result = try base.raking(to: Self.margins(testCase), options: options)
      #expect(result.iterations == testCase.iterations, "\(caseName): sweeps")
      #expect(result.converged == testCase.converged, "\(caseName): converged")
      check(result, testCase)
      design = result.design
    case "post-stratify":
      let margins = try Self.margins(testCase)
      let result = try base.postStratification(to: margins.margins[0], populationSize: margins.populationSize)
      check(result, testCase)
      design = result.design
    case "trim":
      let trim = testCase.trim!
      let untrimmed = testCase.targets == nil ? base : try base.raked(to: Self.margins(testCase))
      let trimming = WeightTrimming(upper: Self.bound(trim.upper), lower: Self.bound(trim.lower), strict: trim.strict)
      let bounds = trimming.bounds(for: untrimmed.weights)
      record("trimming bound", relativeDifference(bounds.upper, trim.upperValue), caseName)
      if let lower = trim.lowerValue { record("trimming bound", relativeDifference(bounds.lower, lower), caseName) }
      design = try untrimmed.trimmed(trimming)
      before = untrimmed
    case "trim-rerake":
      let trim = testCase.trim!
      let result = try base.rakingWithTrimming(
        to: Self.margins(testCase),
        trimming: WeightTrimming(upper: Self.bound(trim.upper), lower: Self.bound(trim.lower), strict: trim.strict),
        rerake: true)
      #expect(result.rounds == testCase.rounds, "\(caseName): rounds")
      #expect(result.boundsHold == testCase.boundsHold, "\(caseName): bounds hold")
      check(result.lastRaking, testCase, checkBefore: false)
      design = result.design
    default:
      Issue.record("unknown kind \(testCase.kind)")
      return
    }
    #expect(design.weights.count == testCase.weights.count)
    for (row, (weight, expected)) in zip(design.weights, testCase.weights).enumerated() {
      check("weight", weight, expected, Self.estimateTolerance, "\(caseName) row \(row + 1)")
    }
    if let expected = testCase.weightsBefore { check(before.weightDiagnostics, expected, caseName) }
    check(design.weightDiagnostics, testCase.weightsAfter, caseName)
    #expect(design.degreesOfFreedom == testCase.degreesOfFreedom, "\(caseName): degrees of freedom")
    try checkEstimates(design, testCase)
    if Self.finished.increment() == Self.caseNames.count {
      print("Largest relative differences to R (weighting):\n" + DifferenceLog.raking.summary)
    }
  }

  /// Counts finished cases, to print the differences once after the last.
  static let finished = Counter()

  // MARK: Checks

  private func check(_ result: RakingResult, _ testCase: RakingReference.Case, checkBefore: Bool = true) {
    guard let expected = testCase.margins else { return }
    let cells = result.margins.flatMap { margin in margin.cells.map { (margin.name, $0) } }
    #expect(cells.count == expected.count, "\(testCase.name): margin cells")
    for (expectedCell, (name, cell)) in zip(expected, cells) {
      let label = "\(testCase.name) \(expectedCell.variable)=\(expectedCell.category)"
      #expect(name == expectedCell.variable && cell.category == expectedCell.category, "\(label): cell order")
      check("margin target", cell.target, expectedCell.target, Self.estimateTolerance, label)
      check("margin achieved", cell.achieved, expectedCell.achieved, Self.estimateTolerance, label)
      if checkBefore { check("margin before", cell.before, expectedCell.before, Self.estimateTolerance, label) }
    }
  }

  private func check(_ diagnostics: WeightDiagnostics, _ expected: RakingReference.Diagnostics, _ name: String) {
    let pairs: [(String, Double, Double)] = [
      ("weight total", diagnostics.total, expected.total), ("weight min", diagnostics.minimum, expected.min),
      ("weight max", diagnostics.maximum, expected.max), ("weight mean", diagnostics.mean, expected.mean),
      ("weight CV", diagnostics.coefficientOfVariation, expected.cv),
      ("Kish design effect", diagnostics.kishDesignEffect, expected.kishDesignEffect),
      ("effective sample size", diagnostics.effectiveSampleSize, expected.effectiveSampleSize),
      ("weighting efficiency", diagnostics.weightingEfficiency, expected.weightingEfficiency),
    ]
    for (quantity, actual, reference) in pairs { check(quantity, actual, reference, Self.estimateTolerance, name) }
    for (key, probability) in [("p01", 0.01), ("p05", 0.05), ("p50", 0.5), ("p95", 0.95), ("p99", 0.99)] {
      check("weight quantile", diagnostics.quantile(probability) ?? .nan, expected.quantiles[key]!, Self.estimateTolerance,
            "\(name) \(key)")
    }
  }

  private func checkEstimates(_ design: SurveyDesign, _ testCase: RakingReference.Case) throws {
    var proportionCache: [String: [ProportionEstimate]] = [:]
    for expected in testCase.estimates.proportions ?? [] {
      let by = expected.domain.keys.sorted()
      let label = "\(testCase.name) \(expected.variable) \(expected.domain) \(expected.category)"
      for (methodName, bounds) in expected.intervals {
        let method = IntervalMethod(name: methodName)!
        let key = "\(expected.variable)|\(by)|\(methodName)"
        if proportionCache[key] == nil {
          proportionCache[key] = try design.proportions(of: expected.variable, by: by, method: method).estimates
        }
        guard let estimate = proportionCache[key]!.first(where: { estimate in
          estimate.category == expected.category
            && Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) }) == expected.domain
        }) else {
          Issue.record("\(label): no estimate")
          continue
        }
        check("proportion", estimate.proportion, expected.proportion, Self.estimateTolerance, label)
        check("proportion standard error", estimate.standardError, expected.standardError, Self.estimateTolerance, label)
        if let deff = expected.designEffect {
          check("proportion design effect", estimate.designEffect ?? .nan, deff, Self.estimateTolerance, label)
        }
        #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(label): df")
        #expect(estimate.designRows == expected.designRows, "\(label): design rows")
        #expect(estimate.respondents == expected.respondents, "\(label): respondents")
        #expect(estimate.domainRespondents == expected.domainRespondents, "\(label): domain respondents")
        guard let lower = bounds[0], let upper = bounds[1] else {
          Issue.record("\(label): R gave no \(methodName) interval")
          continue
        }
        check("\(methodName) bound", estimate.confidenceInterval.lower, lower, Self.boundTolerance, label)
        check("\(methodName) bound", estimate.confidenceInterval.upper, upper, Self.boundTolerance, label)
      }
    }
    for expected in testCase.estimates.means ?? [] {
      let by = expected.domain.keys.sorted()
      let label = "\(testCase.name) mean \(expected.variable) \(expected.domain)"
      let estimates = try design.means(of: expected.variable, by: by)
      guard let estimate = estimates.first(where: { estimate in
        Dictionary(uniqueKeysWithValues: estimate.domain.levels.map { ($0.variable, $0.value) }) == expected.domain
      }) else {
        Issue.record("\(label): no estimate")
        continue
      }
      check("mean", estimate.mean, expected.mean, Self.estimateTolerance, label)
      check("mean standard error", estimate.standardError, expected.standardError, Self.estimateTolerance, label)
      #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(label): df")
    }
    for expected in testCase.estimates.totals ?? [] {
      let label = "\(testCase.name) total \(expected.variable)"
      let (total, standardError) = try weightedTotal(of: expected.variable, in: design)
      check("total", total, expected.total, Self.estimateTolerance, label)
      check("total standard error", standardError, expected.standardError, Self.estimateTolerance, label)
    }
  }

  /// Σ wᵢyᵢ and its standard error through the public row-level covariance entry point, with
  /// influence values zᵢ = wᵢyᵢ (R's `svytotal(~y, design, na.rm = TRUE)`).
  private func weightedTotal(of variable: String, in design: SurveyDesign) throws -> (Double, Double) {
    let values: [Double?]
    switch try design.survey.variable(named: variable).values {
    case .numeric(let numbers): values = numbers.values.indices.map { numbers.value(at: $0) }
    case .categorical(let text): values = text.codes.indices.map { text.value(at: $0).flatMap(Double.init) }
    }
    var influence = [Double](repeating: 0, count: values.count)
    var total = 0.0
    for row in values.indices {
      if let value = values[row] {
        influence[row] = design.weights[row] * value
        total += influence[row]
      }
    }
    let variance = design.covariance(rowInfluence: influence, statisticCount: 1, isActive: { values[$0] != nil })[0]
    return (total, variance.squareRoot())
  }

  private func check(_ quantity: String, _ actual: Double, _ expected: Double, _ tolerance: Double, _ label: String) {
    let difference = relativeDifference(actual, expected)
    record(quantity, difference, label)
    #expect(difference <= tolerance, "\(label): \(quantity) \(actual) vs R \(expected)")
  }

  private func record(_ quantity: String, _ difference: Double, _ label: String) {
    DifferenceLog.raking.record(quantity, difference)
  }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()

  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}

extension DifferenceLog {
  /// Differences to R of the weighting tests.
  static let raking = DifferenceLog()
}
