/// The variance of a weighted mean under simple random sampling without replacement of the same
/// number of respondents, against which R survey's `deff = TRUE` measures a design:
/// V_srs = s²·(N̂ − n)/(N̂·n), with s² = n/(n − 1)·Σwᵢ(yᵢ − ȳ)²/Σwᵢ (R's `svyvar()`, Kish's n − 1
/// divisor) and N̂ = Σwᵢ over the n respondents (`svymean.survey.design2`, R/multistage.R; Kish 1965,
/// §8.2). A total's and a ratio's reference variances are N̂² times that of the mean of their
/// values (`svytotal.survey.design2`).
///
/// - Parameters:
///   - weightedSquares: Σwᵢ(yᵢ − ȳ)² over the respondents.
///   - weightTotal: N̂.
///   - respondents: n.
/// - Returns: `nil` when n < 2 or N̂ < n (weights that do not estimate a population; R gives NA for
///   a mean, and a negative design effect for a total or a ratio).
func simpleRandomSamplingVarianceOfMean(weightedSquares: Double, weightTotal: Double, respondents: Int) -> Double? {
  let n = Double(respondents)
  guard respondents > 1, weightTotal >= n else { return nil }
  let elementVariance = n / (n - 1) * weightedSquares / weightTotal
  return elementVariance * (weightTotal - n) / (weightTotal * n)
}
