extension ReliabilityAssessment: CustomStringConvertible {
  /// The outcome, the interval and every rule met, in words:
  /// `suppress: 3.9% (95% CI 1.2–9.1, Korn–Graubard, n* = 119.1); the CI is 7.9 points wide, 203.3% of the estimate (more than 5 points and 130%)`.
  package var description: String {
    var text = "\(outcome): \(Self.oneDecimal(proportion * 100))% (95% CI \(Self.oneDecimal(lowerBound * 100))–"
      + "\(Self.oneDecimal(upperBound * 100)), Korn–Graubard, n* = \(Self.oneDecimal(adjustedEffectiveSampleSize)))"
    let explanations = reasons.map(explanation(of:)) + (complementMayBeUnreliable ? [complementExplanation] : [])
    if !explanations.isEmpty { text += "; " + explanations.joined(separator: "; ") }
    return text
  }

  /// A sentence fragment saying why `reason` applies to this estimate, with its numbers:
  /// "the effective sample size 24.0 is below 30".
  package func explanation(of reason: Reason) -> String {
    switch reason {
    case .effectiveSampleSizeBelow30:
      return "the effective sample size \(Self.oneDecimal(min(effectiveSampleSize, Double(sampleSize)))) is below 30"
    case .confidenceIntervalTooWide:
      return "the CI is \(Self.oneDecimal(widthInPoints)) points wide (30 or more)"
    case .relativeConfidenceIntervalTooWide:
      return "the CI is \(Self.oneDecimal(widthInPoints)) points wide, \(Self.oneDecimal(relativeWidthPercent ?? .nan))% "
        + "of the estimate (more than 5 points and 130%)"
    case .fewDegreesOfFreedom:
      return "the design has \(degreesOfFreedom) degrees of freedom (fewer than 8)"
    case .proportionZeroOrOne:
      return "the estimate is \(proportion == 0 ? "0%" : "100%")"
    case .standardErrorUnavailable:
      return "its standard error could not be estimated"
    }
  }

  /// The complement footnote: "the complement 1 − p̂ may be unreliable: the CI is 182.8% of it".
  package var complementExplanation: String {
    "the complement (100% minus the estimate) may be unreliable: the CI is "
      + "\(Self.oneDecimal(complementRelativeWidthPercent ?? .nan))% of it"
  }

  /// x with one decimal (SAS rounding), without Foundation: `24.0`, `-0.2`.
  static func oneDecimal(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x < 0 ? "-∞" : "∞") }
    let tenths = Int((abs(NCHSArithmetic.round(x)) * 10).rounded())
    return (x < 0 && tenths > 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
  }
}
