import SurveyStatistics
import Testing

/// Cross-tabs and scale analyses on replicate designs: R survey 4.1's `svychisq()` on a
/// `svyrep.design` (the replicate covariance of the cell proportions, ν the rank of the domain's
/// replicate weights minus one) and the shares of the table, from
/// `Fixtures/replicates/reference.json`; and the scale analysis, which is made of means and
/// proportions, against those estimators on the same replicate design.
///
/// Tolerances: shares, standard errors, F and its degrees of freedom 1e-9 relative; p-values 1e-7.
@Suite struct ReplicateTableTests {
  static let fixture = ReplicateFixture.shared

  @Test func crossTabsMatchR() throws {
    #expect(Self.fixture.crosstabs.count == 9)
    var worst: [String: Double] = [:]
    func check(_ quantity: String, _ ours: Double, _ theirs: Double, _ tolerance: Double, _ label: String) {
      let difference = relativeDifference(ours, theirs)
      worst[quantity] = max(worst[quantity] ?? 0, difference)
      #expect(difference <= tolerance, "\(label): \(quantity) \(ours), R \(theirs)")
    }
    for testCase in Self.fixture.crosstabs {
      let design = try Self.fixture.design(testCase.design)
      let table = try design.crossTab(row: testCase.row, column: testCase.column, by: testCase.by)
      let ours = testCase.by.isEmpty ? [table.overall] : table.domains
      #expect(ours.count == testCase.tables.count, "\(testCase.design) \(testCase.row) × \(testCase.column): tables")
      for expected in testCase.tables {
        let label = "\(testCase.design) \(testCase.row) × \(testCase.column) \(expected.domain)"
        guard let mine = ours.first(where: { $0.domain.fixtureKey == expected.domain }) else {
          Issue.record("\(label): no table")
          continue
        }
        #expect(mine.degreesOfFreedom == expected.degreesOfFreedom, "\(label): degrees of freedom")
        if let test = expected.test {
          guard let ourTest = mine.test else {
            Issue.record("\(label): no test (\(mine.testUnavailableReason ?? ""))")
            continue
          }
          check("F", ourTest.statistic, test.statistic, 1e-9, label)
          check("numerator df", ourTest.numeratorDegreesOfFreedom, test.ndf, 1e-9, label)
          check("denominator df", ourTest.denominatorDegreesOfFreedom, test.ddf, 1e-9, label)
          check("p-value", ourTest.pValue, test.pValue, 1e-7, label)
          #expect(ourTest.designDegreesOfFreedom == expected.degreesOfFreedom)
        } else {
          #expect(mine.test == nil, "\(label): R has no test")
        }
        for cell in mine.cells {
          guard let share = expected.cells.first(where: { $0.row == cell.rowCategory && $0.column == cell.columnCategory }),
            let rowShare = expected.rowShares.first(where: { $0.row == cell.rowCategory && $0.column == cell.columnCategory })
          else {
            Issue.record("\(label): R has no share for \(cell.rowCategory) × \(cell.columnCategory)")
            continue
          }
          check("cell share", cell.ofTotal.proportion, share.share, 1e-9, label)
          check("cell share SE", cell.ofTotal.standardError, share.standardError, 1e-9, label)
          check("row share", cell.ofRow.proportion, rowShare.share, 1e-9, label)
          check("row share SE", cell.ofRow.standardError, rowShare.standardError, 1e-9, label)
        }
      }
    }
    print("replicate cross-tabs, largest relative differences: \(worst.sorted { $0.key < $1.key })")
  }

  /// The scale analysis of a single 1–5 item on a replicate design reports the item's replicate
  /// mean and the replicate proportion of its top-2 box, as ``SurveyDesign/means(of:by:level:)``
  /// and ``SurveyDesign/proportions(of:by:method:level:)-(String,_,_,_)`` give them.
  @Test(arguments: ["rclus1", "sup-brr", "rstrat-jkn"])
  func scaleAnalysisUsesTheReplicates(designName: String) throws {
    var survey = try Self.fixture.survey(Self.fixture.designs[designName]!.dataset)
    guard case .numeric(let api00) = try survey.variable(named: "api00").values else {
      Issue.record("api00 is not numeric")
      return
    }
    // Five stars by api00, missing for every tenth school; and its top-2 box as categories.
    let stars: [Double?] = api00.values.enumerated().map { row, value in
      row % 10 == 3 ? nil : Double(min(5, max(1, Int((value - 450) / 80) + 1)))
    }
    survey.setVariable(Variable(name: "stars", numbers: stars))
    survey.setVariable(Variable(name: "top", categories: stars.map { $0.map { $0 >= 4 ? "1" : "0" } }))
    let design = try SurveyDesign(survey, declaration: Self.fixture.declaration(designName))
    let analysis = try design.scaleAnalysis(ScaleDefinition(items: ["stars"], range: 1...5), by: ["stype"])
    let means = try design.means(of: "stars", by: ["stype"])
    let shares = try design.proportions(of: "top", by: ["stype"]).filter { $0.category == "1" }
    #expect(analysis.design?.replicates?.count == design.replicates?.count)
    #expect(analysis.domains.count == means.count)
    for summary in analysis.domains {
      let mean = try #require(means.first { $0.domain == summary.domain })
      #expect(relativeDifference(summary.score.mean, mean.mean) < 1e-14)
      #expect(relativeDifference(summary.score.standardError, mean.standardError) < 1e-12)
      #expect(summary.score.degreesOfFreedom == mean.degreesOfFreedom)
      let share = try #require(shares.first { $0.domain == summary.domain })
      let top = try #require(summary.items.first?.topBox)
      #expect(relativeDifference(top.proportion, share.proportion) < 1e-14)
      #expect(relativeDifference(top.standardError, share.standardError) < 1e-12)
      #expect(relativeDifference(top.confidenceInterval.lower, share.confidenceInterval.lower) < 1e-12)
      #expect(top.degreesOfFreedom == share.degreesOfFreedom)
    }
  }
}
