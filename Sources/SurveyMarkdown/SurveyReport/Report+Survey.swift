public import SurveyStatistics

extension Report {
  /// The standard report of a consumer-privacy survey: key findings, sample and weighting, one
  /// section per block of questions (trust, concern, sharing, protective behaviours…) with a table
  /// and a chart, the privacy paradox overall and by age band, sex and region, each
  /// question's share by group with significance letters (pairwise tests, Holm-adjusted within each
  /// question's table), and the methodology — what
  /// `confiance report` writes.
  ///
  /// ```swift
  /// let survey = try Survey(csvFile: "surveys/example-privacy.csv").applying(codebook)
  /// let report = try Report(survey: survey, declaration: DesignDeclaration(
  ///   weights: "weight", strata: "region", clusters: "point"), codebook: codebook)
  /// try report.write(to: "reports/example-privacy.md")
  /// ```
  ///
  /// What the report offers follows the survey: questions are grouped by the topic of their name
  /// (`SurveyTopic`), answers are ordered and labelled by the codebook, identifier variables and
  /// design variables never appear, and a section whose questions are absent is left out with a
  /// note. Every cell with fewer than `SurveyReportOptions.minimumCellSize` respondents is
  /// suppressed.
  ///
  /// With `margins`, the base weights are raked to the population margins first (R survey's
  /// `rake()`, ``SurveyDesign/raking(to:options:)``): every estimate uses the raked weights, its
  /// standard error accounts for the raking, and the sample section shows each margin before and
  /// after raking against its target.
  ///
  /// - Parameters:
  ///   - survey: The responses, with the codebook applied (labels, missing codes).
  ///   - declaration: The sample design.
  ///   - codebook: The codebook, for the order and labels of answers.
  ///   - margins: Population margins to rake the weights to, or `nil` to keep the design's weights.
  ///   - rakingControl: How raking iterates.
  ///   - options: Language, interval method, disclosure threshold, provenance.
  /// - Throws: ``SurveyError`` when the design cannot be built or an estimate cannot be made;
  ///   ``WeightingError`` when raking fails.
  /// - Complexity: O(n · q) for n respondents and q questions, plus the raking.
  public init(
    survey: Survey, declaration: DesignDeclaration, codebook: Codebook? = nil, rakedTo margins: PopulationMargins? = nil,
    rakingControl: RakingControl = RakingControl(), options: SurveyReportOptions = SurveyReportOptions()
  ) throws {
    let builder = try SurveyReportBuilder(
      survey: survey, declaration: declaration, codebook: codebook, margins: margins, rakingControl: rakingControl,
      options: options)
    self = builder.report()
  }
}
