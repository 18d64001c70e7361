import Testing

@testable import SurveyStatistics

/// (domain, PSU) slots are numbered in order of first request, whether the index is a direct
/// table (few domains × PSUs) or per-PSU chains (many).
@Suite struct SlotIndexTests {
  @Test(arguments: [(domains: 7, psus: 300), (domains: 50, psus: 200_000)])
  func slotsAreNumberedInOrderOfFirstRequest(domains: Int, psus: Int) {
    var index = SlotIndex(domainCount: domains, psuCount: psus)
    var expected: [Int: Int] = [:]
    var random = ParadoxVarianceTests.Generator(state: 5)
    var created: [Int] = []
    for _ in 0..<100_000 {
      // Clustered requests: a PSU sees a handful of domains, repeatedly.
      let psu = Int.random(in: 0..<min(psus, 5_000), using: &random) * (psus / min(psus, 5_000))
      let domain = (psu + Int.random(in: 0..<4, using: &random) * 13) % domains
      let key = domain * psus + psu
      let slot = index.slot(domain: domain, psu: Int32(psu)) { created.append($0) }
      if let known = expected[key] {
        #expect(slot == known)
      } else {
        #expect(slot == expected.count)
        #expect(created.last == slot)
        expected[key] = slot
      }
    }
    #expect(created == Array(0..<expected.count))
  }
}
