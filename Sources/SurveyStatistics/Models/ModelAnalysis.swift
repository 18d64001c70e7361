/// A regression model fitted in the whole sample and in every domain, with the Wald tests and the
/// margins asked for: what `confiance model` reports, from
/// ``SurveyDesign/modelAnalysis(_:family:by:tests:margins:level:)``.
///
/// ```swift
/// let analysis = try design.modelAnalysis(
///   Formula("acting ~ factor(concern_data_use) + age_band + sex"), family: .quasibinomial,
///   tests: [["age_band"]], margins: ["concern_data_use"])
/// analysis.overall.fit.coefficients        // R's summary(svyglm(…))
/// analysis.overall.margins[0].effects      // average marginal effects, in percentage points
/// ```
public struct ModelAnalysis: Sendable {
  /// One fitted model with its tests and margins.
  package struct Model: Sendable {
    /// The fit: coefficients, covariance, dispersion, degrees of freedom.
    package var fit: ModelFit
    /// The Wald F tests asked for (R's `regTermTest`), or one per term of the formula when none was.
    package var tests: [TermTest]
    /// The margins of each variable asked for, in the order asked.
    package var margins: [Margins]
  }

  /// The margins of one predictor.
  package struct Margins: Sendable {
    /// The predictor as named in the request.
    package var variable: String
    /// The predictive margin of every level of a categorical predictor; empty for a number.
    package var predictive: [PredictiveMargin]
    /// The average marginal effects: every level but the reference against the reference, or the
    /// slope of a number (percentage points for a logistic model).
    package var effects: [MarginalEffect]
  }

  /// The design the models were fitted on.
  package var design: DesignSummary
  /// The variables whose domains have a model each; empty for the whole sample only.
  package var domainVariables: [String]
  /// The model of the whole sample.
  package var overall: Model
  /// One model per domain of ``domainVariables``, in the order of their levels.
  package var domains: [Model]

  /// The whole sample's model, then each domain's.
  package var models: [Model] { [overall] + domains }
}

extension ModelAnalysis {
  /// The analysis of one fit: its design and a test of each term, without margins — how a
  /// ``ModelFit`` is shown on its own.
  package init(_ fit: ModelFit) {
    self.init(
      design: fit.design, domainVariables: [], overall: Model(fit: fit, tests: fit.termTests, margins: []), domains: [])
  }
}
