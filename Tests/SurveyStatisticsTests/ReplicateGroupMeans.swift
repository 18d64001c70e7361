@testable import SurveyStatistics
import Testing

/// R's `svyby(~y, ~group, design, svymean)` of one domain, as the replicate-rank fixtures
/// (`Fixtures/replicate-ranks/make-*.R`) write it.
protocol ReplicateGroupMeanReference {
  var domain: String { get }
  var degreesOfFreedom: Int { get }
  var estimate: Double { get }
  var standardError: Double { get }
  var ciLower: Double { get }
  var ciUpper: Double { get }
}

extension ReplicateRankTests.Fixture.Domain: ReplicateGroupMeanReference {}
extension ReplicateRankFromRowsTests.Fixture.Domain: ReplicateGroupMeanReference {}

/// The means of y by group on `design` against R's: degrees of freedom exactly, estimates and SEs
/// to 1e-9 relative, interval bounds to 1e-7. Returns the largest differences.
@discardableResult
func expectGroupMeansMatchR(
  _ design: SurveyDesign, _ references: [some ReplicateGroupMeanReference], name: String,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> (estimates: Double, bounds: Double) {
  let means = try design.means(of: "y", by: ["group"])
  #expect(means.count == references.count, sourceLocation: sourceLocation)
  var worstEstimate = 0.0, worstBound = 0.0
  for reference in references {
    guard let mean = means.first(where: { $0.domain.fixtureKey == ["group": reference.domain] }) else {
      Issue.record("\(name): no mean for group \(reference.domain)", sourceLocation: sourceLocation)
      continue
    }
    #expect(mean.degreesOfFreedom == reference.degreesOfFreedom, "\(name) \(reference.domain): degf",
            sourceLocation: sourceLocation)
    worstEstimate = max(
      worstEstimate, relativeDifference(mean.estimate, reference.estimate),
      relativeDifference(mean.standardError, reference.standardError))
    worstBound = max(
      worstBound, relativeDifference(mean.confidenceInterval.lower, reference.ciLower),
      relativeDifference(mean.confidenceInterval.upper, reference.ciUpper))
  }
  #expect(worstEstimate < 1e-9, "\(name): estimates and SEs differ from R's by \(worstEstimate)",
          sourceLocation: sourceLocation)
  #expect(worstBound < 1e-7, "\(name): bounds differ from R's by \(worstBound)", sourceLocation: sourceLocation)
  return (worstEstimate, worstBound)
}
