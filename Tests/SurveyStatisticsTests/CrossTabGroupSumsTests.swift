import Foundation
import SurveyStatistics
import Testing

/// File → cross-tab group sums → table equals the file's own cross-tab: every field of every
/// table, cell, share and test, for every interval method at two levels, on the R golden fixtures
/// of `Fixtures/crosstabs` that are not raked (a database has no raking). Numbers agree to 1e-11
/// relative (the sums are added in another order); counts, categories and domains exactly.
@Suite struct CrossTabGroupSumsTests {
  static let tolerance = 1e-11

  static var caseNames: [String] {
    CrossTabReference.shared.crosstabs.filter { $0.design.targetsFile == nil }.map(\.name)
  }

  @Test(arguments: caseNames)
  func groupSumsGiveTheFileCrossTabOnTheRFixtures(caseName: String) throws {
    let testCase = CrossTabReference.shared.crosstabs.first { $0.name == caseName }!
    let usesWestin = testCase.row == "westin_segment" || testCase.column == "westin_segment"
    let design = try testCase.design.make(
      data: testCase.data, missingCodes: testCase.missingCodes,
      derived: usesWestin ? [CrossTabReferenceTests.westinSegment] : [])
    let sums = try design.crossTabGroupSums(row: testCase.row, column: testCase.column, by: testCase.by)
    for by in Set([testCase.by, []]) {
      let sums = by == testCase.by
        ? sums : try design.crossTabGroupSums(row: testCase.row, column: testCase.column, by: by)
      for method in IntervalMethod.allCases {
        for level in [0.95, 0.9] {
          let fromFile = try design.crossTab(
            row: testCase.row, column: testCase.column, by: by, method: method, level: level)
          let fromSums = try sums.crossTab(row: testCase.row, column: testCase.column, method: method, level: level)
          compare(fromSums, fromFile, "\(caseName) by \(by) \(method) \(level)")
        }
      }
    }
  }

  /// The logit interval needs the first-step sums; the other methods do without them.
  @Test func logitNeedsTheFirstStepSums() throws {
    let testCase = CrossTabReference.shared.crosstabs.first { $0.name == "concern-by-age" }!
    let design = try testCase.design.make(data: testCase.data, missingCodes: testCase.missingCodes)
    let sums = try design.crossTabGroupSums(row: "concern", column: "age_band", fitsLogit: false)
    #expect(throws: GroupSumsError.missingLogitFirstStep) { try sums.crossTab(row: "concern", column: "age_band") }
    let fromSums = try sums.crossTab(row: "concern", column: "age_band", method: .beta)
    compare(fromSums, try design.crossTab(row: "concern", column: "age_band", method: .beta), "beta without first steps")
  }

  /// A lonely PSU under `fail` is an error from the group sums as from the file.
  @Test func lonelyPSUFailsFromGroupSums() throws {
    let survey = try Survey(variables: [
      Variable(name: "y", categories: ["a", "b", "a", "b", "a"]),
      Variable(name: "x", categories: ["u", "u", "v", "v", "v"]),
      Variable(name: "stratum", categories: ["s1", "s1", "s1", "s2", "s2"]),
      Variable(name: "psu", categories: ["1", "2", "3", "4", "4"]),
    ])
    let design = try SurveyDesign(survey, strata: "stratum", clusters: "psu", lonelyPSU: .remove)
    var sums = try design.crossTabGroupSums(row: "y", column: "x")
    sums.declaration.lonelyPSU = .fail
    #expect(throws: GroupSumsError.lonelyPSU(stratum: "s2", strataVariable: "stratum")) {
      try sums.crossTab(row: "y", column: "x")
    }
  }

  private func compare(_ actual: CrossTab, _ expected: CrossTab, _ label: String) {
    #expect(actual.rowVariable == expected.rowVariable && actual.columnVariable == expected.columnVariable, "\(label)")
    #expect(actual.domainVariables == expected.domainVariables, "\(label) by")
    #expect(actual.method == expected.method && actual.level == expected.level, "\(label) method")
    #expect(actual.design?.respondents == expected.design?.respondents, "\(label) design respondents")
    #expect(actual.design?.psus == expected.design?.psus, "\(label) design PSUs")
    #expect(actual.design?.strata == expected.design?.strata, "\(label) design strata")
    #expect(actual.design?.degreesOfFreedom == expected.design?.degreesOfFreedom, "\(label) design df")
    #expect(actual.design?.declaration == expected.design?.declaration, "\(label) declaration")
    close(actual.design?.weightTotal ?? .nan, expected.design?.weightTotal ?? .nan, "\(label) weight total")
    compare(actual.overall, expected.overall, label + " overall")
    #expect(actual.domains.map(\.domain) == expected.domains.map(\.domain), "\(label) domains")
    for (a, e) in zip(actual.domains, expected.domains) { compare(a, e, "\(label) \(e.domain)") }
  }

  private func compare(_ actual: CrossTabTable, _ expected: CrossTabTable, _ label: String) {
    #expect(actual.domain == expected.domain, "\(label) domain")
    #expect(actual.rowCategories == expected.rowCategories, "\(label) rows")
    #expect(actual.columnCategories == expected.columnCategories, "\(label) columns")
    #expect(actual.respondents == expected.respondents, "\(label) respondents")
    #expect(actual.designRows == expected.designRows, "\(label) design rows")
    #expect(actual.degreesOfFreedom == expected.degreesOfFreedom, "\(label) df")
    #expect(actual.testUnavailableReason == expected.testUnavailableReason, "\(label) reason")
    #expect(actual.cells.count == expected.cells.count, "\(label) cells")
    for (a, e) in zip(actual.cells, expected.cells) {
      let name = "\(label) [\(e.rowCategory) × \(e.columnCategory)]"
      #expect(a.rowCategory == e.rowCategory && a.columnCategory == e.columnCategory, "\(name)")
      #expect(a.respondents == e.respondents, "\(name) respondents")
      close(a.weightedCount, e.weightedCount, "\(name) weighted count")
      compare(a.ofTotal, e.ofTotal, name + " of total")
      compare(a.ofRow, e.ofRow, name + " of row")
      compare(a.ofColumn, e.ofColumn, name + " of column")
    }
    #expect((actual.test == nil) == (expected.test == nil), "\(label) test")
    if let a = actual.test, let e = expected.test {
      close(a.statistic, e.statistic, "\(label) F")
      close(a.numeratorDegreesOfFreedom, e.numeratorDegreesOfFreedom, "\(label) numerator df")
      close(a.denominatorDegreesOfFreedom, e.denominatorDegreesOfFreedom, "\(label) denominator df")
      close(a.pValue, e.pValue, "\(label) p-value", scale: 1e-6)
      close(a.meanGeneralizedDesignEffect, e.meanGeneralizedDesignEffect, "\(label) mean design effect")
      #expect(a.designDegreesOfFreedom == e.designDegreesOfFreedom, "\(label) test ν")
    }
    #expect((actual.pearson == nil) == (expected.pearson == nil), "\(label) Pearson")
    if let a = actual.pearson, let e = expected.pearson {
      close(a.statistic, e.statistic, "\(label) X²")
      close(a.pValue, e.pValue, "\(label) X² p-value", scale: 1e-6)
      #expect(a.degreesOfFreedom == e.degreesOfFreedom, "\(label) X² df")
    }
  }

  private func compare(_ a: ProportionEstimate, _ e: ProportionEstimate, _ name: String) {
    #expect(a.variable == e.variable && a.category == e.category && a.domain == e.domain, "\(name): \(a.category)")
    #expect(a.respondents == e.respondents, "\(name) respondents")
    #expect(a.domainRespondents == e.domainRespondents, "\(name) domain respondents")
    #expect(a.designRows == e.designRows, "\(name) design rows")
    #expect(a.degreesOfFreedom == e.degreesOfFreedom, "\(name) df")
    close(a.proportion, e.proportion, "\(name) proportion")
    close(a.standardError, e.standardError, "\(name) standard error", scale: 1e-12)
    close(a.designEffect ?? .nan, e.designEffect ?? .nan, "\(name) design effect", scale: 1e-12)
    close(a.effectiveSampleSize, e.effectiveSampleSize, "\(name) effective sample size")
    close(a.weightTotal, e.weightTotal, "\(name) weight total")
    // A Wald bound near 0 is a difference of close numbers: its error is relative to p̂.
    close(a.confidenceInterval.lower, e.confidenceInterval.lower, "\(name) lower bound", scale: e.proportion)
    close(a.confidenceInterval.upper, e.confidenceInterval.upper, "\(name) upper bound", scale: e.proportion)
    #expect(a.confidenceInterval.method == e.confidenceInterval.method, "\(name) method")
  }

  private func close(_ actual: Double, _ expected: Double, _ label: String, scale: Double = 0) {
    if actual.isNaN && expected.isNaN { return }
    let difference = abs(actual - expected) / max(abs(expected), abs(scale))
    #expect(actual == expected || difference <= Self.tolerance, "\(label): \(actual) vs \(expected)")
  }
}
