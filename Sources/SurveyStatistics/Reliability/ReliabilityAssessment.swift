/// Whether a proportion may be published, under the NCHS Data Presentation Standards for
/// Proportions (Parker et al. 2017), computed exactly as the NCHS SAS macro
/// `calculate_KornGraubard_CIs` v2.0 does.
///
/// ```swift
/// // Ward (2019), second example: p̂ = 0.0388459, SE = 0.0177429, n = 440, df = 1958.
/// let assessment = ReliabilityAssessment(
///   proportion: 0.0388459, standardError: 0.0177429, sampleSize: 440, degreesOfFreedom: 1958)
/// assessment.outcome                // .suppress
/// assessment.reasons                // [.relativeConfidenceIntervalTooWide]
/// assessment.relativeWidthPercent   // 203.3
/// print(assessment)
/// // suppress: 3.9% (95% CI 1.2–9.1, Korn–Graubard, n* = 119.1); the CI is 7.9 points wide,
/// // 203.3% of the estimate (more than 5 points and 130%)
/// ```
///
/// The steps, in the macro's order:
/// 1. p̂ within 1e-12 of 0 or 1 counts as 0 or 1 (SAS `fuzz`).
/// 2. Effective sample size n_eff = p̂(1 − p̂)/SE², or n when p̂ ∈ {0, 1}.
/// 3. Korn–Graubard interval: Clopper–Pearson limits Beta_{α/2}(x, n* − x + 1) and
///    Beta_{1−α/2}(x + 1, n* − x) at 95% with x = p̂·n* and
///    n* = min(n, n_eff·(t_{0.975, n−1}/t_{0.975, df})²), or n* = n when p̂ ∈ {0, 1}.
/// 4. Width CIW = upper − lower. The relative widths CIW/p̂ and CIW/(1 − p̂) are taken from the
///    unrounded width, in percent, rounded to 0.1; then CIW itself is rounded to 0.1 percentage
///    point, and the width rules below use that rounded value (SAS `round`: halves away from zero).
/// 5. **Suppress** when min(n_eff, n) < 30, or CIW ≥ 30 points, or CIW > 5 points and
///    CIW/p̂ > 130%.
/// 6. Otherwise **review** (statistical review before publication) when p̂ ∈ {0, 1} or df < 8.
/// 7. Otherwise **present**; a presented estimate with CIW > 5 points and CIW/(1 − p̂) > 130% gets
///    the footnote that its complement 1 − p̂ may be unreliable.
///
/// How this differs from R survey's `svyciprop(method = "beta")`: R does not cap n* at n (a design
/// effect below 1 gives a narrower interval than the sample allows) and fails at p̂ ∈ {0, 1}.
/// Python `svy`'s `korn-graubard` and Stata's `kg_nchs` apply the df adjustment at p̂ ∈ {0, 1} too
/// (the macro does not). CDC's `surveytable` applies the same rules to unrounded widths, sets the
/// width to 0 at p̂ ∈ {0, 1}, and compares the df-adjusted, capped n* (not n_eff) with 30.
/// Like SAS, where `tinv` has no value (df ≤ 0, or n = 1) or SE = 0, n* falls back to n.
///
/// Sources: Parker JD, Talih M, Malec DJ, et al. (2017), *National Center for Health Statistics
/// Data Presentation Standards for Proportions*, Vital Health Stat 2(175); the NCHS SAS macro
/// `calculate_KornGraubard_CIs` (C. Martin, NCHS, v2.0, 2021); Korn & Graubard (1998), Survey
/// Methodology 24(2):193–201; Ward (2019), Stata Journal 19(3):510–522.
package struct ReliabilityAssessment: Sendable, Hashable {
  /// The proportion assessed, after step 1 (exactly 0 or 1 when within 1e-12 of them).
  package var proportion: Double
  /// The standard error of the proportion.
  package var standardError: Double
  /// The unweighted number of respondents in the denominator, n.
  package var sampleSize: Int
  /// The design degrees of freedom of the estimate's domain: PSUs − strata holding its respondents.
  package var degreesOfFreedom: Int
  /// Whether n_eff was adjusted for the degrees of freedom (and df < 8 sent to review).
  package var adjustment: EffectiveSampleSizeAdjustment
  /// n_eff = p̂(1 − p̂)/SE² (infinite when SE = 0), or n when p̂ ∈ {0, 1}; not capped.
  package var effectiveSampleSize: Double
  /// n*, the degrees-of-freedom-adjusted effective sample size capped at n, used by the interval.
  package var adjustedEffectiveSampleSize: Double
  /// The lower bound of the 95% Korn–Graubard interval (NCHS variant).
  package var lowerBound: Double
  /// The upper bound of the 95% Korn–Graubard interval (NCHS variant).
  package var upperBound: Double
  /// The interval width upper − lower as a proportion, unrounded.
  package var width: Double
  /// The width in percentage points rounded to 0.1, as the width rules see it.
  package var widthInPoints: Double
  /// The width relative to p̂, in percent rounded to 0.1; `nil` when p̂ = 0.
  package var relativeWidthPercent: Double?
  /// The width relative to 1 − p̂, in percent rounded to 0.1; `nil` when p̂ = 1.
  package var complementRelativeWidthPercent: Double?
  /// Present, review or suppress.
  package var outcome: Outcome
  /// Every rule the estimate meets: the suppression rules first, then the review rules (listed even
  /// when the estimate is suppressed).
  package var reasons: [Reason]
  /// Whether a presented estimate needs the footnote that 1 − p̂ may be unreliable.
  package var complementMayBeUnreliable: Bool

  /// The 95% confidence level of the standards.
  package static let confidenceLevel = 0.95

  /// Assesses a proportion from its estimate, standard error, sample size and degrees of freedom.
  ///
  /// - Parameters:
  ///   - proportion: p̂, in [0, 1].
  ///   - standardError: its design-based standard error, ≥ 0.
  ///   - sampleSize: the unweighted denominator n, ≥ 1.
  ///   - degreesOfFreedom: PSUs − strata among the respondents of the estimate's domain.
  ///   - adjustment: ``EffectiveSampleSizeAdjustment/degreesOfFreedom`` (NCHS's default, NHANES)
  ///     or ``EffectiveSampleSizeAdjustment/none`` (NHIS).
  /// A standard error that is NaN or infinite (a variance that could not be estimated) makes the
  /// estimate unassessable: it is suppressed with ``Reason/standardErrorUnavailable`` and its
  /// effective sample sizes, bounds and widths are NaN — unless p̂ is 0 or 1, where the rules do
  /// not use the standard error. (The SAS macro would silently fall back to n* = n.)
  ///
  /// - Precondition: p̂ is in [0, 1], SE is NaN, infinite or ≥ 0, n ≥ 1.
  package init(
    proportion: Double, standardError: Double, sampleSize: Int, degreesOfFreedom: Int,
    adjustment: EffectiveSampleSizeAdjustment = .degreesOfFreedom
  ) {
    precondition(proportion >= 0 && proportion <= 1, "a proportion must lie in [0, 1], got \(proportion)")
    precondition(!(standardError < 0), "a standard error cannot be negative, got \(standardError)")
    precondition(sampleSize >= 1, "the sample size must be at least 1, got \(sampleSize)")
    let p = NCHSArithmetic.fuzz(proportion)
    let n = Double(sampleSize)
    self.proportion = p
    self.standardError = standardError
    self.sampleSize = sampleSize
    self.degreesOfFreedom = degreesOfFreedom
    self.adjustment = adjustment

    let extreme = p == 0 || p == 1
    let unassessable = !extreme && !standardError.isFinite
    if unassessable {
      effectiveSampleSize = .nan
      adjustedEffectiveSampleSize = .nan
    } else if extreme {
      effectiveSampleSize = n
      adjustedEffectiveSampleSize = n
    } else {
      effectiveSampleSize = p * (1 - p) / (standardError * standardError)
      adjustedEffectiveSampleSize = Self.adjustedSize(
        effectiveSampleSize, sampleSize: sampleSize, degreesOfFreedom: degreesOfFreedom, adjustment: adjustment)
    }
    (lowerBound, upperBound) = unassessable ? (.nan, .nan) : Self.kornGraubardBounds(p, adjustedEffectiveSampleSize)

    width = upperBound - lowerBound
    relativeWidthPercent = p > 0 ? NCHSArithmetic.round(width / p * 100) : nil
    complementRelativeWidthPercent = p < 1 ? NCHSArithmetic.round(width / (1 - p) * 100) : nil
    widthInPoints = NCHSArithmetic.round(width * 100)

    var reasons: [Reason] = unassessable ? [.standardErrorUnavailable] : []
    if min(effectiveSampleSize, n) < 30 { reasons.append(.effectiveSampleSizeBelow30) }
    if widthInPoints >= 30 { reasons.append(.confidenceIntervalTooWide) }
    if widthInPoints > 5, let relative = relativeWidthPercent, relative > 130 {
      reasons.append(.relativeConfidenceIntervalTooWide)
    }
    let suppressed = !reasons.isEmpty
    if adjustment == .degreesOfFreedom, degreesOfFreedom < 8 { reasons.append(.fewDegreesOfFreedom) }
    if extreme { reasons.append(.proportionZeroOrOne) }
    self.reasons = reasons
    outcome = suppressed ? .suppress : reasons.isEmpty ? .present : .review
    complementMayBeUnreliable =
      outcome == .present && widthInPoints > 5 && (complementRelativeWidthPercent ?? 0) > 130
  }

  /// Assesses an estimated proportion: its p̂, standard error, respondents with a value in the
  /// domain (n) and domain degrees of freedom.
  ///
  /// ```swift
  /// let estimates = try design.proportions(of: "gdpr_heard", by: ["region"])
  /// for estimate in estimates where ReliabilityAssessment(estimate).outcome == .suppress { … }
  /// ```
  ///
  /// - Parameters:
  ///   - estimate: An estimate from ``SurveyDesign/proportions(of:by:method:level:)-(String,_,_,_)``.
  ///   - adjustment: As in ``init(proportion:standardError:sampleSize:degreesOfFreedom:adjustment:)``.
  package init(_ estimate: ProportionEstimate, adjustment: EffectiveSampleSizeAdjustment = .degreesOfFreedom) {
    self.init(
      proportion: estimate.proportion, standardError: estimate.standardError,
      sampleSize: estimate.domainRespondents, degreesOfFreedom: estimate.degreesOfFreedom, adjustment: adjustment)
  }

  /// n* = min(n, n_eff·(t_{0.975,n−1}/t_{0.975,df})²). A t quantile without a value (df ≤ 0, n = 1)
  /// or an infinite n_eff (SE = 0) is a SAS missing value, which `min` ignores: n* = n.
  static func adjustedSize(
    _ effectiveSize: Double, sampleSize: Int, degreesOfFreedom: Int, adjustment: EffectiveSampleSizeAdjustment
  ) -> Double {
    let n = Double(sampleSize)
    guard effectiveSize.isFinite else { return n }
    switch adjustment {
    case .none:
      return min(n, effectiveSize)
    case .degreesOfFreedom:
      guard sampleSize > 1, degreesOfFreedom > 0 else { return n }
      let ratio = StudentTDistribution(degreesOfFreedom: n - 1).quantile(0.975)
        / StudentTDistribution(degreesOfFreedom: Double(degreesOfFreedom)).quantile(0.975)
      return min(n, effectiveSize * ratio * ratio)
    }
  }

  /// The Clopper–Pearson limits with "n" = n* and "x" = p̂·n* (0 and 1 at the ends).
  static func kornGraubardBounds(_ p: Double, _ size: Double) -> (Double, Double) {
    let x = p * size
    let lower = p == 0 ? 0 : BetaDistribution(alpha: x, beta: size - x + 1).quantile(0.025)
    let upper = p == 1 ? 1 : BetaDistribution(alpha: x + 1, beta: size - x).quantile(0.975)
    return (lower, upper)
  }
}
