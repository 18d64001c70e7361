import Foundation
import SurveyStatistics
import Testing

/// Published results that the weighting must reproduce, independently of the R script's output:
/// Kalton & Flores-Cervantes (2003) Tables A and B as printed in R survey's `tests/kalton.Rout.save`,
/// and `tests/rakecheck.Rout.save` (statistics.md §5.1–5.2).
@Suite struct RakingPublishedTests {
  func design(_ data: String, weights: String? = nil, clusters: String? = nil, fpc: String? = nil) throws -> SurveyDesign {
    let survey = try Survey(
      fixtureCSV: fixtureURL("raking/" + data).path, numericColumns: Set([weights, fpc].compactMap { $0 }))
    return try SurveyDesign(survey, weights: weights, clusters: clusters, fpc: fpc)
  }

  /// The mean adjustment factor of every (a, b) cell, rounded to 2 decimals, rows a = 1…4.
  func factors(_ design: SurveyDesign) throws -> [[Double]] {
    let a = try design.survey.variable(named: "a").categorical, b = try design.survey.variable(named: "b").categorical
    var sums = [[Double]](repeating: [0, 0, 0], count: 4), counts = sums
    for row in 0..<design.respondentCount {
      let i = Int(a.value(at: row)!)! - 1, j = Int(b.value(at: row)!)! - 1
      sums[i][j] += design.weights[row]
      counts[i][j] += 1
    }
    var rounded: [[Double]] = []
    for i in 0..<4 {
      var row: [Double] = []
      for j in 0..<3 {
        let factor: Double = sums[i][j] / counts[i][j]
        row.append((factor * 100).rounded() / 100)
      }
      rounded.append(row)
    }
    return rounded
  }

  @Test func kaltonTableBRaking() throws {
    let kalton = try design("kalton.csv")
    let margins = try PopulationMargins(fixtureTargets: fixtureURL("raking/kalton-targets.csv").path)
    let raked = try kalton.raked(to: margins, options: RakingControl(maxIterations: 10, tolerance: .relativeToWeightTotal(1e-4)))
    #expect(try factors(raked) == [[1.81, 1.45, 2.02], [1.08, 0.87, 1.21], [2.20, 1.76, 2.45], [1.83, 1.47, 2.04]])
  }

  @Test func kaltonTableAPostStratification() throws {
    let kalton = try design("kalton.csv")
    let cells = try PopulationMargins(fixtureTargets: fixtureURL("raking/kalton-cells.csv").path).margins[0]
    let adjusted = try kalton.postStratified(to: cells)
    #expect(try factors(adjusted) == [[4.00, 1.00, 1.38], [1.20, 1.07, 1.10], [1.70, 1.20, 4.00], [1.83, 1.65, 1.79]])
  }

  @Test func rakecheckDclus1() throws {
    // rake(dclus1, list(~stype, ~sch.wide), …) with R's default control: svymean(~api00) 641.23 (23.704).
    let dclus1 = try design("apiclus1.csv", weights: "pw", clusters: "dnum", fpc: "fpc")
    let margins = try PopulationMargins(fixtureTargets: fixtureURL("raking/api-targets.csv").path)
    let raked = try dclus1.raked(to: margins, options: RakingControl(maxIterations: 10, tolerance: .absolute(1)))
    let mean = try #require(try raked.means(of: "api00").first)
    #expect((mean.mean * 100).rounded() / 100 == 641.23)
    #expect((mean.standardError * 1000).rounded() / 1000 == 23.704)
    // Post-stratification on stype: 642.31 (23.921 printed by an older survey; 23.9205 in 4.1).
    let stype = try PopulationMargins(fixtureTargets: fixtureURL("raking/api-stype-targets.csv").path).margins[0]
    let post = try #require(try dclus1.postStratified(to: stype).means(of: "api00").first)
    #expect((post.mean * 100).rounded() / 100 == 642.31)
    #expect(abs(post.standardError - 23.921) < 1e-3)
  }

  @Test func subsetOfARakedDesignKeepsEveryRow() throws {
    // R: nrow(subset(raked, stype == "H")) is the whole file; degf counts the domain's PSUs.
    let dclus1 = try design("apiclus1.csv", weights: "pw", clusters: "dnum", fpc: "fpc")
    let raked = try dclus1.raked(to: PopulationMargins(fixtureTargets: fixtureURL("raking/api-targets.csv").path))
    #expect(raked.isCalibrated && !dclus1.isCalibrated)
    let raw = try dclus1.proportions(of: "comp.imp", by: ["stype"]).filter { $0.domain.levels[0].value == "H" }
    let calibrated = try raked.proportions(of: "comp.imp", by: ["stype"]).filter { $0.domain.levels[0].value == "H" }
    #expect(raw.allSatisfy { $0.designRows == 14 })
    #expect(calibrated.allSatisfy { $0.designRows == 183 })
    #expect(zip(raw, calibrated).allSatisfy { $0.degreesOfFreedom == $1.degreesOfFreedom })
  }
}
