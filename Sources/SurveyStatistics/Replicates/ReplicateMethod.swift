/// How a set of replicate weights was formed, which fixes how the spread of the replicate
/// estimates becomes a variance: the `type` of R survey's `svrepdesign()` and `as.svrepdesign()`.
///
/// Every method estimates V̂ = scale · Σ_r rscale_r (θ̂_r − θ̄)², over replicates r = 1…R (R survey
/// 4.1, `svrVar()` in R/surveyrep.R). The defaults of `scale` and `rscale_r` below are those of
/// `svrepdesign()` for supplied weights; `ReplicateWeights` documents those of replicates created
/// from strata and PSUs.
///
/// ```swift
/// ReplicateMethod(rawValue: "jk1")   // .jackknife
/// ReplicateMethod.fay.rName          // "Fay"
/// ```
public enum ReplicateMethod: String, Sendable, CaseIterable, Codable {
  /// Balanced repeated replication (McCarthy 1969; Wolter 2007, ch. 3): each replicate keeps one
  /// PSU of every pair, doubled, following the rows of a Hadamard matrix. Scale 1/R.
  case brr
  /// Fay's variant of BRR (Fay 1989; Judkins 1990): the kept PSU weighs 2 − ρ and the other ρ.
  /// Scale 1/(R(1 − ρ)²); ρ must be given.
  case fay
  /// The delete-one-PSU jackknife of an unstratified design (JK1; Wolter 2007, ch. 4): replicate r
  /// drops PSU r and multiplies the others by n/(n − 1). Scale (R − 1)/R.
  case jackknife = "jk1"
  /// The stratified delete-one-PSU jackknife (JKn): replicate r drops one PSU of stratum h and
  /// multiplies the others of h by n_h/(n_h − 1). Scale 1, rscale_r = (n_h − 1)/n_h, which supplied
  /// weights must give.
  case stratifiedJackknife = "jkn"
  /// The with-replacement bootstrap of PSUs within strata (Rao & Wu 1988; Canty & Davison 1999).
  /// Scale 1/(R − 1) for supplied weights.
  case bootstrap
  /// Successive-difference replication (Fay & Train 1995). Scale 4/R.
  case successiveDifference = "sdr"
  /// The American Community Survey's successive-difference replicates (80 of them). Scale 4/R;
  /// R survey 4.5 makes mean-squared-error variances its default, 4.1 does not.
  case acs
  /// Any other replicates: scale and rscales as given (1 when not given).
  case other

  /// The name of R survey's `type` argument: `"BRR"`, `"Fay"`, `"JK1"`, `"JKn"`, `"bootstrap"`,
  /// `"successive-difference"`, `"ACS"` or `"other"`.
  package var rName: String {
    switch self {
    case .brr: return "BRR"
    case .fay: return "Fay"
    case .jackknife: return "JK1"
    case .stratifiedJackknife: return "JKn"
    case .bootstrap: return "bootstrap"
    case .successiveDifference: return "successive-difference"
    case .acs: return "ACS"
    case .other: return "other"
    }
  }

  /// The methods that can be created from a design's strata and PSUs (R's `as.svrepdesign()`).
  package static let creatable: [ReplicateMethod] = [.jackknife, .stratifiedJackknife, .brr, .fay, .bootstrap]
}
