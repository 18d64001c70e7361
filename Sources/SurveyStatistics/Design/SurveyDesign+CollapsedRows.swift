extension SurveyDesign {
  /// A design on collapsed rows: each row of `survey` stands for `frequencies[row]` respondents of
  /// one stratum × PSU (× finite population correction) who share every value an analysis reads,
  /// its weight the sum of theirs. What a database table's `GROUP BY` returns for a regression
  /// model: svyglm's estimating equations Σ wᵢxᵢ(yᵢ − μ(xᵢᵀβ)) = 0, the PSU totals of its
  /// estimating functions, its dispersion and its margins are all sums of wᵢ times a function of
  /// the row's values, so they are the same on the collapsed rows; only the counts of respondents
  /// (``respondentTotal``, ``respondents(in:)``) need the frequencies, and R's starting values of a
  /// logistic fit, which depend on each respondent's own weight, the first step summed over the
  /// respondents of each row (``logisticFirstSteps``).
  ///
  /// `weightSums` are the rows' Σw (their respondents without a weight column), which the
  /// declared weight column of `survey`, if any, holds too.
  ///
  /// - Throws: as ``init(_:declaration:)``.
  package init(
    collapsedRows survey: Survey, frequencies: [Int], weightSums: [Double], declaration: DesignDeclaration
  ) throws {
    precondition(frequencies.count == survey.respondentCount, "one frequency per row")
    self.init(reweighting: try SurveyDesign(survey, declaration: declaration), weights: weightSums, calibrations: [])
    rowFrequencies = frequencies
  }

  /// The number of respondents: the rows, or on collapsed rows the sum of their frequencies.
  package var respondentTotal: Int { rowFrequencies.map { $0.reduce(0, +) } ?? respondentCount }

  /// The number of respondents in `rows` (row indices).
  package func respondents(in rows: [Int]) -> Int {
    guard let rowFrequencies else { return rows.count }
    return rows.reduce(0) { $0 + rowFrequencies[$1] }
  }

  /// The number of respondents in the rows where `mask` is true.
  func respondents(where mask: [Bool]) -> Int {
    var total = 0
    for row in mask.indices where mask[row] { total += rowFrequencies?[row] ?? 1 }
    return total
  }
}
