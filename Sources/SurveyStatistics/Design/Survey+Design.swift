extension Survey {
  /// The sample design this survey declares (``designDeclaration``: its codebook's `design:`
  /// block and any overrides given when it was loaded), as R survey's `svydesign()` on the
  /// codebook's columns.
  ///
  /// ```swift
  /// let survey = try Survey(contentsOf: "surveys/privacy-france-2025.csv")
  /// let design = try survey.design()
  /// design.degreesOfFreedom  // 90
  /// ```
  ///
  /// - Throws: ``SurveyError`` naming the variable, row and value when a weight is not a positive
  ///   finite number, a design value is missing, the FPC is unusable, or a stratum has a single PSU
  ///   under ``LonelyPSUPolicy/fail``.
  public func design() throws -> SurveyDesign {
    try SurveyDesign(self, declaration: designDeclaration)
  }
}
