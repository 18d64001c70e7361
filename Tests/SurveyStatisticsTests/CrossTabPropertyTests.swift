import Foundation
import SurveyStatistics
import Testing

/// Properties every cross-tab must have, whatever the data: invariance to the scale of the weights,
/// symmetry in rows and columns, and readable refusals.
@Suite struct CrossTabPropertyTests {
  static let survey: Survey = {
    var survey = try! Survey(fixtureCSV: fixtureURL("crosstabs/privacy.csv").path)
    survey = try! survey.markingMissing(codesByVariable: ["concern": ["9"]])
    return survey
  }()

  func design(_ survey: Survey = Self.survey, weights: String = "w") throws -> SurveyDesign {
    try SurveyDesign(survey, weights: weights, strata: "stratum", clusters: "psu")
  }

  @Test func scalingAllWeightsChangesNothingButTheWeightedCounts() throws {
    let scaled = Variable(name: "w1000", numbers: try design().weights.map { $0 * 1000 })
    var survey = Self.survey
    survey.setVariable(scaled)
    let original = try design().crossTab(row: "concern", column: "age_band", by: ["sex"])
    let rescaled = try design(survey, weights: "w1000").crossTab(row: "concern", column: "age_band", by: ["sex"])
    for (a, b) in zip([original.overall] + original.domains, [rescaled.overall] + rescaled.domains) {
      let testA = try #require(a.test), testB = try #require(b.test)
      #expect(relativeDifference(testB.statistic, testA.statistic) < 1e-12)
      #expect(relativeDifference(testB.numeratorDegreesOfFreedom, testA.numeratorDegreesOfFreedom) < 1e-12)
      #expect(relativeDifference(testB.pValue, testA.pValue) < 1e-10)
      for (cellA, cellB) in zip(a.cells, b.cells) {
        #expect(relativeDifference(cellB.weightedCount, cellA.weightedCount * 1000) < 1e-12)
        for (shareA, shareB) in [(cellA.ofTotal, cellB.ofTotal), (cellA.ofRow, cellB.ofRow), (cellA.ofColumn, cellB.ofColumn)] {
          #expect(relativeDifference(shareB.proportion, shareA.proportion) < 1e-12)
          #expect(relativeDifference(shareB.standardError, shareA.standardError) < 1e-10)
        }
      }
    }
  }

  @Test func swappingRowsAndColumnsTransposesTheTable() throws {
    let byRow = try design().crossTab(row: "status", column: "age_band").overall
    let byColumn = try design().crossTab(row: "age_band", column: "status").overall
    let testA = try #require(byRow.test), testB = try #require(byColumn.test)
    #expect(relativeDifference(testB.statistic, testA.statistic) < 1e-12)
    #expect(relativeDifference(testB.numeratorDegreesOfFreedom, testA.numeratorDegreesOfFreedom) < 1e-12)
    #expect(relativeDifference(byColumn.pearson!.statistic, byRow.pearson!.statistic) < 1e-12)
    for cell in byRow.cells {
      let transposed = try #require(byColumn.cell(row: cell.columnCategory, column: cell.rowCategory))
      #expect(transposed.respondents == cell.respondents)
      #expect(relativeDifference(transposed.ofTotal.proportion, cell.ofTotal.proportion) < 1e-12)
      #expect(relativeDifference(transposed.ofRow.proportion, cell.ofColumn.proportion) < 1e-12)
      #expect(relativeDifference(transposed.ofColumn.standardError, cell.ofRow.standardError) < 1e-12)
    }
  }

  @Test func sharesAddUpWithinTheTableRowsAndColumns() throws {
    let table = try design().crossTab(row: "concern", column: "protect").overall
    let total = table.cells.reduce(0) { $0 + $1.ofTotal.proportion }
    #expect(abs(total - 1) < 1e-12)
    for row in table.rowCategories {
      let sum = table.columnCategories.reduce(0) { $0 + table.cell(row: row, column: $1)!.ofRow.proportion }
      #expect(abs(sum - 1) < 1e-12)
    }
    #expect(table.cells.reduce(0) { $0 + $1.respondents } == table.respondents)
  }

  @Test func aVariableCannotBeUsedTwice() throws {
    #expect(throws: CrossTabError.variableUsedTwice(variable: "sex", firstRole: "row", secondRole: "by")) {
      try design().crossTab(row: "sex", column: "protect", by: ["sex"])
    }
    let error = CrossTabError.variableUsedTwice(variable: "sex", firstRole: "row", secondRole: "column")
    #expect(error.description.hasPrefix("'sex' is given both as the row variable and as a column variable."))
  }

  @Test func aTableWithOneColumnHasNoTestAndSaysWhy() throws {
    // A column variable with a single category.
    var survey = Self.survey
    survey.setVariable(Variable(name: "everyone", categories: [String?](repeating: "yes", count: survey.respondentCount)))
    let table = try design(survey).crossTab(row: "protect", column: "everyone").overall
    #expect(table.test == nil)
    #expect(table.pearson == nil)
    #expect(table.testUnavailableReason == "'everyone' has a single category among these respondents, so there is no association to test.")
    #expect(table.cells.count == 2)
  }
}
