import Testing

@testable import SurveyStatistics

/// The two orders in which a tally reads the rows (file order for few slots, slot after slot for
/// many) give the same proportions, and estimating several variables together gives exactly the
/// estimates of one call per variable. File order is the order checked against R survey by the
/// golden tests; slot order only changes the order of the additions.
@Suite struct DomainSlotsTests {
  /// Relative agreement required between the two reading orders: the sums are the same up to the
  /// order of additions (a few units in the last place of ~3,000 terms).
  static let tolerance = 1e-12

  static func relativeDifference(_ a: Double, _ b: Double) -> Double {
    if a == b || (a.isNaN && b.isNaN) { return 0 }
    return abs(a - b) / max(abs(a), abs(b))
  }

  @Test(arguments: ParadoxVarianceTests.layouts, [IntervalMethod.logit, .mean, .beta])
  func readingSlotBySlotGivesTheSameEstimates(layout: ParadoxVarianceTests.Layout, method: IntervalMethod) throws {
    let design = try ParadoxVarianceTests.design(layout, seed: 11)
    let partition = try DomainPartition(survey: design.survey, by: ["group"])
    let fileOrder = DomainSlots(partition: partition, design: design, fitsLogit: method == .logit)
    let slotOrder = DomainSlots(
      partition: partition, design: design, fitsLogit: method == .logit, fileOrderSlotLimit: 0)
    guard case .file = fileOrder.order, case .bySlot = slotOrder.order else {
      Issue.record("the slots were not read in the two orders")
      return
    }
    for name in ["concern", "settings", "cookies"] {
      let variable = try design.survey.variable(named: name)
      let expected = try design.proportions(
        of: variable, values: variable.categorical, slots: fileOrder, categories: nil, method: method, level: 0.95)
      let actual = try design.proportions(
        of: variable, values: variable.categorical, slots: slotOrder, categories: nil, method: method, level: 0.95)
      #expect(actual.count == expected.count)
      for (a, e) in zip(actual, expected) {
        #expect(a.domain == e.domain && a.category == e.category)
        #expect(a.respondents == e.respondents && a.designRows == e.designRows)
        #expect(a.degreesOfFreedom == e.degreesOfFreedom)
        #expect(Self.relativeDifference(a.proportion, e.proportion) < Self.tolerance)
        #expect(Self.relativeDifference(a.standardError, e.standardError) < Self.tolerance)
        #expect(Self.relativeDifference(a.confidenceInterval.lower, e.confidenceInterval.lower) < Self.tolerance)
        #expect(Self.relativeDifference(a.confidenceInterval.upper, e.confidenceInterval.upper) < Self.tolerance)
      }
    }
  }

  @Test func severalVariablesTogetherEqualOneCallEach() throws {
    let design = try ParadoxVarianceTests.design(ParadoxVarianceTests.layouts[0], seed: 3)
    let names = ["concern", "settings", "cookies"]
    let together = try design.proportions(of: names, by: ["group"])
    let separately = try names.flatMap { try design.proportions(of: $0, by: ["group"]) }
    #expect(together.estimates == separately)
  }

  @Test func aMissingVariableAmongSeveralIsNamed() throws {
    let design = try ParadoxVarianceTests.design(ParadoxVarianceTests.layouts[0], seed: 3)
    let error = #expect(throws: SurveyError.self) { try design.proportions(of: ["concern", "consern"]) }
    #expect(error?.description.contains("'consern'") == true)
  }
}
