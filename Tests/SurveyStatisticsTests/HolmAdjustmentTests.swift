import Testing

@testable import SurveyStatistics

/// Holm's step-down adjustment against R 4.2's `p.adjust(p, "holm")`.
@Suite struct HolmAdjustmentTests {
  @Test func matchesRWithTiesAndAMissingPValue() {
    // p.adjust(c(0.01, 0.04, 0.03, NA, 0.04, 0.2, 0.0001), "holm")
    let adjusted = holmAdjusted([0.01, 0.04, 0.03, .nan, 0.04, 0.2, 0.0001])
    let expected = [0.05, 0.12, 0.12, Double.nan, 0.12, 0.2, 0.0006]
    for (value, reference) in zip(adjusted, expected) {
      if reference.isNaN { #expect(value.isNaN); continue }
      #expect(abs(value - reference) <= 1e-15 * reference)
    }
  }

  @Test func neverExceedsOne() {
    // p.adjust(c(0.5, 0.6), "holm") == c(1, 1)
    #expect(holmAdjusted([0.5, 0.6]) == [1, 1])
    #expect(holmAdjusted([]) == [])
  }
}
