extension SurveyDesign {
  /// The replicate covariance of a regression's coefficients: R survey 4.1's
  /// `svyglm.svyrep.design`. Each replicate's weights on the model's rows, divided by their sum
  /// (R's `wi/sum(wi)`), refit the model from the full-sample coefficients `estimates` (R's
  /// `glm.fit(XX, YY, weights = wi/sum(wi), start = beta0, …)`); the replicates' coefficients
  /// give scale · Σ_r rscale_r (β̂_r − c)(β̂_r − c)ᵀ (``ReplicateWeights/covariance(replicates:estimates:)``,
  /// R's `svrVar`).
  ///
  /// - Returns: p × p, row-major.
  /// - Throws: ``ModelError`` when a replicate's fit has collinear columns (a replicate that drops
  ///   every respondent of a category) or does not converge.
  /// - Complexity: O(R·i·n·p²) for R replicates of i iterations on n respondents.
  func replicateCovariance(
    _ replicates: ReplicateWeights, x: [Double], columnNames: [String], frame: ModelFrame, family: ModelFamily,
    estimates: [Double]
  ) throws -> [Double] {
    let p = estimates.count
    var coefficients = [Double](repeating: 0, count: replicates.count * p)
    for replicate in 0..<replicates.count {
      let all = replicates.weights(ofReplicate: replicate)
      var weights = frame.rows.map { all[$0] }
      let total = weights.reduce(0, +)
      for i in weights.indices { weights[i] /= total }
      let fit = try IterativelyReweightedFit(
        x: x, columnNames: columnNames, y: frame.response, weights: weights, family: family, start: estimates)
      for j in 0..<p { coefficients[replicate * p + j] = fit.coefficients[j] }
    }
    return replicates.covariance(replicates: coefficients, estimates: estimates)
  }
}
