extension SurveyDesign {
  /// Fits a regression model in the whole sample and in every domain of `domainVariables`, with the
  /// Wald tests and the margins asked for: R's `svyglm` on the design and on
  /// `subset(design, domain)` for each domain, `regTermTest` for each test, and predictive margins
  /// and average marginal effects (see ``ModelFit/predictiveMargins(of:)`` and
  /// ``ModelFit/averageMarginalEffects(of:)``).
  ///
  /// ```swift
  /// let analysis = try design.modelAnalysis(
  ///   Formula("acting ~ factor(concern_data_use) + age_band + sex"), family: .quasibinomial,
  ///   by: ["region"], tests: [["age_band"], ["age_band", "sex"]], margins: ["concern_data_use"])
  /// ```
  ///
  /// - Parameters:
  ///   - formula: The model, in R's syntax.
  ///   - family: Linear, logistic or Poisson.
  ///   - domainVariables: One model per domain of these variables, after the whole sample's.
  ///   - tests: Each a list of terms tested jointly (`[["age_band"], ["age_band", "sex"]]`); with
  ///     none, every term of the formula is tested on its own (``ModelFit/termTests``).
  ///   - margins: The predictors whose margins to compute: predictive margins and average
  ///     marginal effects for a categorical predictor, the average marginal effect of a number.
  ///   - level: The confidence level.
  /// - Throws: ``ModelError``; a problem of the data is ``ModelError/located(file:domain:_:)``,
  ///   naming the survey's file and the domain whose model it stopped.
  public func modelAnalysis(
    _ formula: Formula, family: ModelFamily, by domainVariables: [String] = [], tests: [[String]] = [],
    margins: [String] = [], level: Double = 0.95
  ) throws -> ModelAnalysis {
    let overall = try model(formula, family: family, in: .wholeSample, tests: tests, margins: margins, level: level)
    let domains = domainVariables.isEmpty ? [] : try DomainPartition(survey: survey, by: domainVariables).domains
    return ModelAnalysis(
      design: summary, domainVariables: domainVariables, overall: overall,
      domains: try domains.map { try model(formula, family: family, in: $0, tests: tests, margins: margins, level: level) })
  }

  /// One model with its tests and margins; errors of the data are located.
  private func model(
    _ formula: Formula, family: ModelFamily, in domain: Domain, tests: [[String]], margins: [String], level: Double
  ) throws -> ModelAnalysis.Model {
    do {
      let fit = try regression(formula, family: family, in: domain, level: level)
      let termTests = tests.isEmpty ? fit.termTests : try tests.map { try fit.waldTest(terms: $0) }
      let margins = try margins.map { variable in
        let effects = try fit.averageMarginalEffects(of: variable)
        let isCategorical = effects.first?.level != nil
        return ModelAnalysis.Margins(
          variable: variable, predictive: isCategorical ? try fit.predictiveMargins(of: variable) : [],
          effects: effects)
      }
      return ModelAnalysis.Model(fit: fit, tests: termTests, margins: margins)
    } catch let error as ModelError where error.kind == .data {
      // The sentence of noCompleteRespondents names its domain already.
      if case .noCompleteRespondents = error { throw ModelError.located(file: survey.origin.file, domain: .wholeSample, error) }
      throw ModelError.located(file: survey.origin.file, domain: domain, error)
    }
  }
}
