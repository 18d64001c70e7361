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

  /// Collapsed rows raked to `margins` (``raked(to:options:)``), each lying in one raking cell:
  /// iterative proportional fitting on the rows' Σw gives their respondents' factors, and the
  /// variance counts each row as its respondents (``Calibration``). The raking summary's weight
  /// diagnostics come from the rows' Σw² (`weightSquareSums`, in the order of the rows): a row
  /// raked by F = its raked Σw / its Σw has raked Σw² = F²·Σw², so Kish's design effect n·Σw̃²/(Σw̃)²
  /// and the effective sample size are the respondents'; their minimum, maximum and quantiles would
  /// need every weight and are NaN.
  ///
  /// - Throws: as ``raked(to:options:)``.
  package func rakedCollapsedRows(
    to margins: PopulationMargins, options: RakingControl, weightSquareSums: [Double]
  ) throws -> SurveyDesign {
    precondition(weightSquareSums.count == respondentCount, "one Σw² per row")
    var raked = try raked(to: margins, options: options)
    var squares = 0.0
    for row in 0..<respondentCount where weights[row] > 0 {
      let factor = raked.weights[row] / weights[row]
      squares += factor * factor * weightSquareSums[row]
    }
    let diagnostics = WeightDiagnostics(count: respondentTotal, total: raked.weightTotal, squares: squares)
    raked.rakingSummary?.weights = diagnostics
    return raked
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
