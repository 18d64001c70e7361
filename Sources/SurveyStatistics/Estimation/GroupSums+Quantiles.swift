extension GroupSums {
  /// The quantiles of a numeric variable in every domain with Woodruff intervals, from a database
  /// in two steps, with the numbers of ``SurveyDesign/quantiles(of:probabilities:by:level:interval:)-(String,_,_,_,_)``
  /// (R 4.1's `svyquantile`, `qrule = "math"`, `interval.type = "mean"`):
  /// 1. `samples`, each domain's values summed by value (`GROUP BY domain, y`: rows and Σw per
  ///    distinct value, ``WeightedSample/init(summedByValue:)``), give q̂ = `quantile(p)` by the
  ///    file path's own rule;
  /// 2. these group sums, by stratum × PSU × domain × band, where a row's band is the number of its
  ///    domain's quantiles strictly below its value (`nil` without a value), give
  ///    F̂(q̂) = Σ 1[y ≤ q̂]·w / Σw and its variance as the mean of the indicator 1[y ≤ q̂]
  ///    (``means(level:)``): y ≤ q̂_p exactly when the band is at most the number of the domain's
  ///    quantiles strictly below q̂_p. The groups without a value leave their domain, so that
  ///    the degrees of freedom are those of the domain's respondents with a value (R drops the
  ///    others before `degf()`; with replicate-weight columns, ``suppliedReplicates`` must hold
  ///    the ranks over those rows), and the PSUs, strata, FPC, lonely-PSU policy and replicates
  ///    (created, or columns whose Σ a_r the groups carry) are the means';
  /// 3. F̂ ± t·SE maps back through each domain's sample
  ///    (``QuantileEstimate/init(variable:probability:domain:sample:quantile:share:shareError:level:degreesOfFreedom:)``).
  ///
  /// With `raking`, the groups are keyed by raking cell too (``Group/rakingCell``), `samples` hold
  /// the raked weights, and the variance is the raked mean's (``means(level:raking:)``, the
  /// indicator's unweighted Σy its rows below the quantile).
  ///
  /// - Parameters:
  ///   - probabilities: the probabilities, each strictly between 0 and 1, in the order of the bands.
  ///   - samples: each domain's sample, keyed by the domain's values as in ``Group/domain``.
  ///   - raking: the raking of the groups' cells; `nil` for a design without raking.
  /// - Returns: for each domain with a value, in the file path's order, one estimate per probability.
  /// - Throws: ``SurveyError`` for a level or probability out of range, or no value at all; the
  ///   errors of ``means(level:)``.
  package func quantiles(
    probabilities: [Double], samples: [[String]: WeightedSample], level: Double, raking: GroupSumsRaking? = nil
  ) throws -> NumericEstimates<QuantileEstimate> {
    guard level > 0, level < 1 else { throw SurveyError.invalidConfidenceLevel(level) }
    if let invalid = probabilities.first(where: { !($0 > 0 && $0 < 1) }) {
      throw SurveyError.invalidQuantileProbability(invalid)
    }
    // Per domain: q̂ for each probability, and the number of the domain's quantiles strictly below it.
    let quantiles = samples.mapValues { sample in probabilities.map(sample.quantile) }
    let bandLimits = quantiles.mapValues { values in values.map { value in values.filter { $0 < value }.count } }
    var means: [NumericEstimates<MeanEstimate>] = []
    for index in probabilities.indices {
      var indicator = self
      indicator.groups = groups.map { group in
        var group = group
        guard let band = group.category.flatMap({ Int($0) }), let domain = group.domain,
              let limit = bandLimits[domain]?[index] else {
          group.domain = nil
          group.category = nil
          return group
        }
        let below: Double = band <= limit ? 1 : 0
        group.category = ""
        group.valueSum = below * group.weightSum
        group.valueSquareSum = group.valueSum
        group.weightSquareValueSum = below * group.weightSquareSum
        group.weightSquareValueSquareSum = group.weightSquareValueSum
        group.replicateValueSums = group.replicateSums.map { below * $0 }
        group.unweightedValueSum = below * Double(group.rows)
        return group
      }
      means.append(try raking.map { try indicator.means(level: level, raking: $0) } ?? indicator.means(level: level))
    }
    var estimates: [QuantileEstimate] = []
    for (position, share) in means[0].enumerated() {
      let values = share.domain.levels.map(\.value)
      guard let sample = samples[values], let quantiles = quantiles[values] else { continue }
      for (index, probability) in probabilities.enumerated() {
        let mean = means[index][position]
        estimates.append(QuantileEstimate(
          variable: variable, probability: probability, domain: share.domain, sample: sample,
          quantile: quantiles[index], share: mean.mean, shareError: mean.standardError, level: level,
          degreesOfFreedom: mean.degreesOfFreedom))
      }
    }
    return NumericEstimates(estimates, design: means[0].design)
  }
}
