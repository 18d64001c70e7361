import Foundation
import SurveyStatistics
import Testing

/// Cross-tabs against R survey 4.1 (`Fixtures/crosstabs/make-crosstabs.R`): cell, row and column
/// shares with their SEs and intervals, counts, and `svychisq`'s Rao–Scott F test.
@Suite struct CrossTabReferenceTests {
  /// Estimates, standard errors, F and its degrees of freedom: 1e-9 relative.
  static let estimateTolerance = 1e-9
  /// Interval bounds and p-values: 1e-7 relative.
  static let boundTolerance = 1e-7

  static var caseNames: [String] { CrossTabReference.shared.crosstabs.map(\.name) }

  /// The Westin segment that the westin-protect case cross-tabulates.
  static let westinSegment = DerivedVariable(
    name: "westin_segment",
    definition: .westinSegment(
      WestinSegmentation(lostControl: "westin_a", businessesProper: "westin_b", lawsProtect: "westin_c")))

  let compare = ReferenceComparison(log: DifferenceLog.shared)

  @Test func svychisqHelpExampleIsReproduced() throws {
    let survey = try Survey(fixtureCSV: fixtureURL("proportions/apiclus1.csv").path)
    let design = try SurveyDesign(survey, weights: "pw", clusters: "dnum", fpc: "fpc")
    let test = try #require(try design.crossTab(row: "sch.wide", column: "stype").overall.test)
    // man/svychisq.Rd, as printed by R: F = 5.1933695, ndf = 1.4946398, ddf = 20.9249569, p = 0.02174746.
    #expect(abs(test.statistic - 5.1933695) < 5e-8)
    #expect(abs(test.numeratorDegreesOfFreedom - 1.4946398) < 5e-8)
    #expect(abs(test.denominatorDegreesOfFreedom - 20.9249569) < 5e-8)
    #expect(abs(test.pValue - 0.02174746) < 5e-9)
    #expect(test.designDegreesOfFreedom == 14)
  }

  @Test(arguments: caseNames)
  func matchesR(caseName: String) throws {
    let testCase = CrossTabReference.shared.crosstabs.first { $0.name == caseName }!
    let usesWestin = testCase.row == "westin_segment" || testCase.column == "westin_segment"
    let design = try testCase.design.make(
      data: testCase.data, missingCodes: testCase.missingCodes, derived: usesWestin ? [Self.westinSegment] : [])
    let method = try #require(IntervalMethod(name: testCase.method))
    let crossTab = try design.crossTab(
      row: testCase.row, column: testCase.column, by: testCase.by, method: method, level: testCase.level)
    compareTable(crossTab.overall, testCase.overall, label: testCase.name)
    #expect(crossTab.domains.map(\.domain.dictionary) == testCase.domains.map(\.domain), "\(testCase.name) domains")
    defer { print("Largest relative differences to R so far:\n" + DifferenceLog.shared.summary) }
    for (table, expected) in zip(crossTab.domains, testCase.domains) {
      compareTable(table, expected, label: "\(testCase.name) \(table.domain)")
    }
  }

  private func compareTable(_ table: CrossTabTable, _ expected: CrossTabReference.Table, label: String) {
    #expect(table.rowCategories == expected.rowCategories, "\(label) rows")
    #expect(table.columnCategories == expected.columnCategories, "\(label) columns")
    #expect(table.respondents == expected.respondents, "\(label) respondents")
    #expect(table.designRows == expected.designRows, "\(label) design rows")
    #expect(table.degreesOfFreedom == expected.degreesOfFreedom, "\(label) df")
    for expectedCell in expected.cells {
      guard let cell = table.cell(row: expectedCell.row, column: expectedCell.column) else {
        Issue.record("\(label): no cell \(expectedCell.row) × \(expectedCell.column)")
        continue
      }
      let cellLabel = "\(label) [\(expectedCell.row) × \(expectedCell.column)]"
      #expect(cell.respondents == expectedCell.respondents, "\(cellLabel) respondents")
      compare.check("crosstab weighted count", cell.weightedCount, expectedCell.weightedCount,
                    tolerance: Self.estimateTolerance, cellLabel)
      compareShare("cell share", cell.ofTotal, expectedCell.ofTotal, cellLabel)
      compareShare("row share", cell.ofRow, expectedCell.ofRow, cellLabel)
      compareShare("column share", cell.ofColumn, expectedCell.ofColumn, cellLabel)
    }
    guard let test = table.test, let pearson = table.pearson else {
      Issue.record("\(label): no test (\(table.testUnavailableReason ?? ""))")
      return
    }
    compare.check("Rao-Scott F", test.statistic, expected.test.statistic, tolerance: Self.estimateTolerance, label)
    compare.check("Rao-Scott numerator df", test.numeratorDegreesOfFreedom, expected.test.numeratorDF,
                  tolerance: Self.estimateTolerance, label)
    compare.check("Rao-Scott denominator df", test.denominatorDegreesOfFreedom, expected.test.denominatorDF,
                  tolerance: Self.estimateTolerance, label)
    compare.check("Rao-Scott p-value", test.pValue, expected.test.pValue, tolerance: Self.boundTolerance, label)
    compare.check("Pearson X2", pearson.statistic, expected.pearson.statistic, tolerance: Self.estimateTolerance, label)
    #expect(pearson.degreesOfFreedom == expected.pearson.df, "\(label) Pearson df")
    compare.check("Pearson p-value", pearson.pValue, expected.pearson.pValue, tolerance: Self.boundTolerance, label)
  }

  private func compareShare(
    _ quantity: String, _ estimate: ProportionEstimate, _ expected: CrossTabReference.Share, _ label: String
  ) {
    compare.check("crosstab \(quantity)", estimate.proportion, expected.estimate,
                  tolerance: Self.estimateTolerance, "\(label) \(quantity)")
    compare.check("crosstab \(quantity) SE", estimate.standardError, expected.standardError,
                  tolerance: Self.estimateTolerance, "\(label) \(quantity)")
    #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(label) \(quantity) df")
    if let rows = expected.designRows { #expect(estimate.designRows == rows, "\(label) \(quantity) design rows") }
    if let bounds = expected.referenceBounds {
      compare.check("crosstab \(quantity) bound", estimate.confidenceInterval.lower, bounds[0],
                    tolerance: Self.boundTolerance, "\(label) \(quantity) lower")
      compare.check("crosstab \(quantity) bound", estimate.confidenceInterval.upper, bounds[1],
                    tolerance: Self.boundTolerance, "\(label) \(quantity) upper")
    }
  }
}
