import Foundation
import SurveyStatistics
import Testing

/// Raking on group sums (what a database returns with the raking variables as keys) gives the file
/// path's raking and raked proportions: R's golden raking fixtures, raked from the file's rows and
/// from its group sums by stratum × PSU × domain × category × raking cell, every method, every
/// field (1e-9 relative; bounds 1e-7), and R's own numbers.
@Suite struct GroupSumsRakingTests {
  static var rakeCases: [String] {
    RakingReferenceTests.reference.cases.filter { $0.kind == "rake" && !($0.estimates.proportions ?? []).isEmpty }.map(\.name)
  }

  static func options(_ testCase: RakingReference.Case) -> RakingControl {
    RakingControl(
      maxIterations: testCase.maxIterations!,
      tolerance: testCase.tolerance == "absolute" ? .absolute(testCase.epsilon!) : .relativeToWeightTotal(testCase.epsilon!),
      allowsNonconvergence: !testCase.converged!)
  }

  /// The raked proportions of `variable` by `by` from the group sums of `base`.
  static func fromGroupSums(
    _ base: SurveyDesign, variable: String, by: [String], margins: PopulationMargins, options: RakingControl,
    method: IntervalMethod, level: Double = 0.95
  ) throws -> ProportionEstimates {
    var sums = try base.groupSums(of: variable, by: by, rakingVariables: margins.variables)
    let raking = try GroupSumsRaking(groups: sums.groups, margins: margins, options: options, source: "the test")
    if method == .logit {
      sums.logitFirstStep = try base.rakedLogitFirstStep(
        of: variable, by: by, rakingVariables: margins.variables, scales: sums.rakedPriorWeightScales(raking))
    }
    return try sums.proportions(method: method, level: level, raking: raking)
  }

  @Test(arguments: rakeCases)
  func groupSumsRakeAsTheFile(caseName: String) throws {
    let testCase = RakingReferenceTests.testCase(caseName)
    let base = try RakingReferenceTests.baseDesign(testCase)
    let margins = try RakingReferenceTests.margins(testCase)
    let options = Self.options(testCase)
    let raked = try base.raking(to: margins, options: options).design
    var analyses = Set<[String]>()
    for expected in testCase.estimates.proportions ?? [] {
      analyses.insert([expected.variable] + expected.domain.keys.sorted())
    }
    #expect(!analyses.isEmpty)
    for analysis in analyses.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      let variable = analysis[0], by = Array(analysis.dropFirst())
      for method in IntervalMethod.allCases {
        let label = "\(caseName) \(variable) by \(by) \(method)"
        let fromFile = try raked.proportions(of: variable, by: by, method: method)
        let fromSums = try Self.fromGroupSums(
          base, variable: variable, by: by, margins: margins, options: options, method: method)
        Self.expectSame(fromSums, fromFile, label)
        // R's numbers.
        for expected in testCase.estimates.proportions ?? [] where expected.variable == variable && expected.domain.keys.sorted() == by {
          guard let estimate = fromSums.estimates.first(where: {
            $0.category == expected.category
              && Dictionary(uniqueKeysWithValues: $0.domain.levels.map { ($0.variable, $0.value) }) == expected.domain
          }) else {
            Issue.record("\(label): no estimate of \(expected.category)")
            continue
          }
          #expect(relativeDifference(estimate.proportion, expected.proportion) < 1e-9, "\(label) R proportion")
          #expect(relativeDifference(estimate.standardError, expected.standardError) < 1e-9, "\(label) R SE")
          if let bounds = expected.intervals[method.rawValue], let lower = bounds[0], let upper = bounds[1] {
            #expect(relativeDifference(estimate.confidenceInterval.lower, lower) < 1e-7, "\(label) R lower")
            #expect(relativeDifference(estimate.confidenceInterval.upper, upper) < 1e-7, "\(label) R upper")
          }
        }
      }
    }
  }

  /// Raked means and totals from group sums with the unweighted Σy equal the file path's and R's.
  @Test(arguments: rakeCases)
  func groupSumsRakeMeansAndTotalsAsTheFile(caseName: String) throws {
    let testCase = RakingReferenceTests.testCase(caseName)
    let base = try RakingReferenceTests.baseDesign(testCase)
    let margins = try RakingReferenceTests.margins(testCase)
    let options = Self.options(testCase)
    let raked = try base.raking(to: margins, options: options).design
    var checked = 0
    for expected in testCase.estimates.means ?? [] {
      let by = expected.domain.keys.sorted()
      let label = "\(caseName) mean \(expected.variable) by \(by)"
      let sums = try base.groupSums(of: expected.variable, by: by, rakingVariables: margins.variables, sumsValues: true)
      let raking = try GroupSumsRaking(groups: sums.groups, margins: margins, options: options, source: "the test")
      let fromSums = try sums.means(level: 0.95, raking: raking)
      let fromFile = try raked.means(of: expected.variable, by: by)
      #expect(fromSums.estimates.count == fromFile.estimates.count, "\(label): count")
      for (a, b) in zip(fromSums.estimates, fromFile.estimates) {
        #expect(a.domain == b.domain, "\(label): domain")
        #expect(relativeDifference(a.mean, b.mean) < 1e-9, "\(label): mean \(a.mean) vs \(b.mean)")
        #expect(relativeDifference(a.standardError, b.standardError) < 1e-9, "\(label): SE \(a.standardError) vs \(b.standardError)")
        #expect(relativeDifference(a.confidenceInterval.lower, b.confidenceInterval.lower) < 1e-7, "\(label): lower")
        #expect(relativeDifference(a.confidenceInterval.upper, b.confidenceInterval.upper) < 1e-7, "\(label): upper")
        #expect(a.degreesOfFreedom == b.degreesOfFreedom && a.respondents == b.respondents, "\(label): df, n")
        if let x = a.designEffect, let y = b.designEffect { #expect(relativeDifference(x, y) < 1e-9, "\(label): deff") }
      }
      if let estimate = fromSums.estimates.first(where: {
        Dictionary(uniqueKeysWithValues: $0.domain.levels.map { ($0.variable, $0.value) }) == expected.domain
      }) {
        #expect(relativeDifference(estimate.mean, expected.mean) < 1e-9, "\(label): R mean")
        #expect(relativeDifference(estimate.standardError, expected.standardError) < 1e-9, "\(label): R SE")
        checked += 1
      }
    }
    for expected in testCase.estimates.totals ?? [] {
      let label = "\(caseName) total \(expected.variable)"
      let sums = try base.groupSums(of: expected.variable, by: [], rakingVariables: margins.variables, sumsValues: true)
      let raking = try GroupSumsRaking(groups: sums.groups, margins: margins, options: options, source: "the test")
      let estimate = try sums.totals(level: 0.95, raking: raking).estimates[0]
      let fromFile = try raked.totals(of: expected.variable).estimates[0]
      #expect(relativeDifference(estimate.total, fromFile.total) < 1e-9, "\(label): file total")
      #expect(relativeDifference(estimate.standardError, fromFile.standardError) < 1e-9, "\(label): file SE")
      #expect(relativeDifference(estimate.total, expected.total) < 1e-9, "\(label): R total")
      #expect(relativeDifference(estimate.standardError, expected.standardError) < 1e-9, "\(label): R SE")
      checked += 1
    }
    #expect(checked > 0)
  }

  /// A raking variable with a missing value is refused with the file path's error.
  @Test func missingRakingValuesAreRefused() throws {
    let testCase = RakingReferenceTests.testCase("clustered-raked")
    let base = try RakingReferenceTests.baseDesign(testCase)
    // opinion has 12 blanks: rake on it.
    let margins = PopulationMargins([
      Margin(variable: "opinion", targets: [("agree", 0.3), ("disagree", 0.3), ("neutral", 0.4)], scale: .proportions)
    ])
    let sums = try base.groupSums(of: "sex", by: [], rakingVariables: margins.variables)
    #expect(throws: WeightingError.missingValues(variable: "opinion", count: 12, locations: [], respondents: 700)) {
      try GroupSumsRaking(groups: sums.groups, margins: margins, options: RakingControl(), source: "the test")
    }
  }

  /// Every field of two sets of raked estimates and their designs.
  static func expectSame(_ actual: ProportionEstimates, _ expected: ProportionEstimates, _ label: String) {
    #expect(actual.estimates.count == expected.estimates.count, "\(label): count")
    func close(_ a: Double?, _ b: Double?, _ tolerance: Double, _ what: String) {
      guard let a, let b else {
        #expect(a == nil && b == nil, "\(label): \(what) \(String(describing: a)) vs \(String(describing: b))")
        return
      }
      if a.isNaN || b.isNaN {
        #expect(a.isNaN && b.isNaN, "\(label): \(what) \(a) vs \(b)")
        return
      }
      #expect(relativeDifference(a, b) < tolerance, "\(label): \(what) \(a) vs \(b)")
    }
    for (a, b) in zip(actual.estimates, expected.estimates) {
      let what = "\(a.domain) \(a.category)"
      #expect(a.category == b.category && a.domain == b.domain, "\(label): \(what) vs \(b.domain) \(b.category)")
      close(a.proportion, b.proportion, 1e-9, "\(what) proportion")
      close(a.standardError, b.standardError, 1e-9, "\(what) SE")
      close(a.designEffect, b.designEffect, 1e-9, "\(what) deff")
      close(a.designEffectWithReplacement, b.designEffectWithReplacement, 1e-9, "\(what) deff replace")
      close(a.effectiveSampleSize, b.effectiveSampleSize, 1e-9, "\(what) ESS")
      close(a.weightTotal, b.weightTotal, 1e-9, "\(what) weight total")
      close(a.confidenceInterval.lower, b.confidenceInterval.lower, 1e-7, "\(what) lower")
      close(a.confidenceInterval.upper, b.confidenceInterval.upper, 1e-7, "\(what) upper")
      #expect(a.respondents == b.respondents, "\(label): \(what) respondents")
      #expect(a.domainRespondents == b.domainRespondents, "\(label): \(what) domain respondents")
      #expect(a.designRows == b.designRows, "\(label): \(what) design rows")
      #expect(a.degreesOfFreedom == b.degreesOfFreedom, "\(label): \(what) df")
    }
    let x = actual.design, y = expected.design
    #expect(x.respondents == y.respondents && x.strata == y.strata && x.psus == y.psus, "\(label): design")
    #expect(x.degreesOfFreedom == y.degreesOfFreedom, "\(label): design df")
    close(x.weightTotal, y.weightTotal, 1e-9, "design weight total")
    guard let r = x.raking, let s = y.raking else {
      Issue.record("\(label): no raking summary")
      return
    }
    #expect(r.converged == s.converged && r.iterations == s.iterations, "\(label): raking \(r.iterations) vs \(s.iterations)")
    close(r.weights.total, s.weights.total, 1e-9, "raked weight total")
    close(r.weights.kishDesignEffect, s.weights.kishDesignEffect, 1e-9, "Kish")
    close(r.weights.effectiveSampleSize, s.weights.effectiveSampleSize, 1e-9, "ESS")
    close(r.weights.coefficientOfVariation, s.weights.coefficientOfVariation, 1e-9, "CV")
    #expect(r.margins.count == s.margins.count, "\(label): margins")
    for (m, n) in zip(r.margins, s.margins) {
      #expect(m.variables == n.variables && m.cells.count == n.cells.count, "\(label): margin \(m.name)")
      for (c, d) in zip(m.cells, n.cells) {
        #expect(c.categories == d.categories, "\(label): \(m.name) cells")
        close(c.target, d.target, 1e-12, "\(m.name) \(c.category) target")
        close(c.achieved, d.achieved, 1e-9, "\(m.name) \(c.category) achieved")
        close(c.before, d.before, 1e-9, "\(m.name) \(c.category) before")
      }
    }
  }
}
