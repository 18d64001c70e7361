/// How the confidence interval of a quantile is found: R survey 4.1's `svyquantile(…,
/// interval.type =)`.
public enum QuantileInterval: String, Sendable, CaseIterable, Codable {
  /// Woodruff (1952): the t interval of the estimated distribution function at the quantile,
  /// mapped back through the quantile rule (R's default `"mean"`). Its variance is linearized, or
  /// from replicate weights on a replicate design.
  case woodruff
  /// On a replicate design only: the quantile recomputed with each replicate's weights, and the
  /// t interval q̂ ± t·√V̂ of their replicate variance (R's `"quantile"`, `repCI()`). R warns that
  /// jackknife replicates may not give valid standard errors for quantiles (the quantile is not a
  /// smooth statistic); BRR, Fay and the bootstrap suit it.
  case replicateQuantiles

  /// Parses `woodruff` (or R's `mean`) and `replicates` (or R's `quantile`).
  package init?(name: String) {
    switch name.lowercased() {
    case "woodruff", "mean": self = .woodruff
    case "replicates", "replicate-quantiles", "quantile": self = .replicateQuantiles
    default: return nil
    }
  }
}
