import Testing

@testable import SurveyStatistics

/// Every error raking and post-stratification can report, word for word, and the small rules
/// around them (proportion scaling, zero targets, numeric categories).
@Suite struct WeightingValidationTests {
  let origin = DataOrigin(file: "survey.csv")

  func design(sex: [String?], region: [String?] = [], weights: [Double]? = nil) throws -> SurveyDesign {
    var variables = [Variable(name: "sex", categories: sex)]
    if !region.isEmpty { variables.append(Variable(name: "region", categories: region)) }
    variables.append(Variable(name: "w", numbers: weights ?? sex.map { _ in 2.0 }))
    return try SurveyDesign(try Survey(variables: variables, origin: origin), weights: "w")
  }

  func at(_ line: Int) -> TargetOrigin { TargetOrigin(file: "targets.csv", line: line) }

  func margin(_ variable: String, _ targets: [(String, Double)], scale: Margin.Scale = .totals, firstLine: Int = 2) -> Margin {
    Margin(
      variables: variable.split(separator: "*").map(String.init),
      cells: targets.enumerated().map { index, pair in
        Margin.Cell(categories: pair.0.split(separator: "*").map(String.init), target: pair.1, origin: at(firstLine + index))
      }, scale: scale)
  }

  func expectError(_ expected: String, _ body: () throws -> Void) {
    do {
      try body()
      Issue.record("expected the error: \(expected)")
    } catch {
      #expect(String(describing: error) == expected)
    }
  }

  @Test func variableNotInTheData() throws {
    let design = try design(sex: ["F", "M"])
    expectError(
      "targets.csv:2: the targets name the variable 'sexe', but the data has no such column. Did you mean 'sex'? "
        + "The columns are: sex, w. Correct the name in the targets file."
    ) { _ = try design.raked(to: PopulationMargins([margin("sexe", [("F", 1), ("M", 1)])])) }
  }

  @Test func missingValuesInARakingVariable() throws {
    let design = try design(sex: ["F", nil, "M", nil])
    expectError(
      "the raking variable 'sex' is missing for 2 of 4 respondents (survey.csv:3, survey.csv:5). Raking needs a "
        + "category for every respondent: impute the missing values, or code them as a category of their own "
        + "(e.g. \"missing\") and give that category a target."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 0.5), ("M", 0.5)], scale: .proportions)])) }
  }

  @Test func dataCategoryWithoutTarget() throws {
    let design = try design(sex: ["F", "M", "X", "X"])
    expectError(
      "targets.csv:2: 'sex' has no target for the category 'X', which 2 respondents have (first at survey.csv:4). "
        + "Add a target row for it, or recode the category into one that has a target."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 10), ("M", 10)])])) }
  }

  @Test func targetCategoryAbsentFromTheData() throws {
    let design = try design(sex: ["F", "M"])
    expectError(
      "targets.csv:4: 'sex' = 'X' has the target 5 but no respondent is in that category, so no weight can reach it "
        + "and raking cannot converge. Merge the category with a neighbouring one in the data and the targets, or "
        + "check its spelling."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 10), ("M", 10), ("X", 5)])])) }
  }

  @Test func aZeroTargetForAnAbsentCategoryIsIgnored() throws {
    let design = try design(sex: ["F", "M"])
    let result = try design.raking(to: PopulationMargins([margin("sex", [("F", 10), ("M", 30), ("X", 0)])]))
    #expect(result.design.weights == [10, 30])
    #expect(result.margins[0].cells.map(\.category) == ["F", "M"])
  }

  @Test func zeroTargetForAnObservedCategory() throws {
    let design = try design(sex: ["F", "M", "M"])
    expectError(
      "targets.csv:3: 'sex' = 'M' has the target 0 but 2 respondents are in that category; their weights would "
        + "become 0. Remove these respondents from the file, or give the category its population count."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 10), ("M", 0)])])) }
  }

  @Test func proportionsNotSummingToOne() throws {
    let design = try design(sex: ["F", "M"])
    expectError(
      "targets.csv:2: the targets of 'sex' are proportions (all at most 1) but sum to 0.9, not 1. Correct them so "
        + "that they sum to 1 (±0.000001), or give population counts instead."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 0.5), ("M", 0.4)], scale: .proportions)])) }
  }

  @Test func negativeTarget() throws {
    let design = try design(sex: ["F", "M"])
    expectError(
      "targets.csv:3: the target -4 of 'sex' = 'M' is negative. Targets are population counts or proportions, 0 or more."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 10), ("M", -4)])])) }
  }

  @Test func targetsThatAreNotFiniteNumbers() throws {
    let design = try design(sex: ["F", "M"])
    expectError(
      "targets.csv:3: the target of 'sex' = 'M' is infinite. Targets are population counts or proportions, 0 or more."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 10), ("M", .infinity)])])) }
    expectError(
      "targets.csv:2: the target of 'sex' = 'F' is NaN (not a number). Targets are population counts or proportions, "
        + "0 or more."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", .nan), ("M", 4)])])) }
  }

  @Test func sumsArePrintedWithoutFloatingPointNoise() throws {
    let design = try design(sex: ["F", "M", "X"])
    // 0.3 + 0.3 + 0.3 is 0.8999999999999999 in binary floating point.
    expectError(
      "targets.csv:2: the targets of 'sex' are proportions (all at most 1) but sum to 0.9, not 1. Correct them so "
        + "that they sum to 1 (±0.000001), or give population counts instead."
    ) {
      _ = try design.raked(
        to: PopulationMargins([margin("sex", [("F", 0.3), ("M", 0.3), ("X", 0.3)], scale: .proportions)]))
    }
  }

  @Test func roundedTextHidesTheLastBits() {
    #expect(0.3 + 0.3 + 0.3 != 0.9)
    #expect(roundedText(0.3 + 0.3 + 0.3) == "0.9")
    #expect(roundedText(33.3 / 100) == "0.333")
    #expect(roundedText(2_100_000) == "2100000")
    #expect(roundedText(-200_000) == "-200000")
    #expect(roundedText(0) == "0")
    #expect(roundedText(1.0000001) == "1.0000001")
    #expect(roundedText(123_456.789) == "123456.789")
    #expect(roundedText(1e-7 * 3) == "3e-07")
    #expect(roundedText(.infinity) == "inf")
  }

  @Test func duplicateTarget() throws {
    let design = try design(sex: ["F", "M"])
    expectError(
      "targets.csv:4: 'sex' = 'F' has a second target (the first is on targets.csv:2). Keep one row per category."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 10), ("M", 10), ("F", 3)])])) }
  }

  @Test func crossedCategoryWithTheWrongNumberOfParts() throws {
    let design = try design(sex: ["F", "M"], region: ["a", "b"])
    expectError(
      "targets.csv:3: the category 'M' of 'sex*region' should name 2 categories joined by '*' (one per crossed "
        + "variable), e.g. F*18-34."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex*region", [("F*a", 10), ("M", 10)])])) }
  }

  @Test func marginsOfDifferentPopulations() throws {
    let design = try design(sex: ["F", "M"], region: ["a", "b"])
    expectError(
      "targets.csv:4: the targets of 'region' sum to 25 but the sum of 'sex' is 20; every margin must describe the "
        + "same population. Correct the totals, or give proportions."
    ) {
      _ = try design.raked(to: PopulationMargins([
        margin("sex", [("F", 10), ("M", 10)]), margin("region", [("a", 10), ("b", 15)], firstLine: 4),
      ]))
    }
    expectError(
      "targets.csv:2: the targets of 'sex' sum to 20 but the population size is 30; every margin must describe the "
        + "same population. Correct the totals, or give proportions."
    ) { _ = try design.raked(to: PopulationMargins([margin("sex", [("F", 10), ("M", 10)])], populationSize: 30)) }
  }

  @Test func proportionsAreScaledToThePopulationTheTotalsOrTheWeights() throws {
    let design = try design(sex: ["F", "M", "M"], region: ["a", "b", "a"])
    let shares = margin("sex", [("F", 0.25), ("M", 0.75)], scale: .proportions)
    #expect(try design.raked(to: PopulationMargins([shares], populationSize: 400)).weightTotal == 400)
    let totals = margin("region", [("a", 60), ("b", 40)], firstLine: 4)
    #expect(abs(try design.raked(to: PopulationMargins([shares, totals])).weightTotal - 100) < 1e-9)
    let weightsOnly = try design.raked(to: PopulationMargins([shares]))
    #expect(weightsOnly.weights == [1.5, 2.25, 2.25])  // Σw = 6 stays
  }

  @Test func numericCategoriesMatchByValue() throws {
    let design = try design(sex: ["1", "2.0", "2"])
    let raked = try design.raked(to: PopulationMargins([margin("sex", [("1.0", 10), ("02", 30)])]))
    #expect(raked.weights == [10, 15, 15])
  }

  @Test func contradictoryMarginsAreNotConvergence() throws {
    // F and a are the same respondents but have different targets: the weights stop changing after
    // two sweeps (R's rule says "converged") while 'sex' misses its targets by 5.
    let design = try design(sex: ["F", "M", "M"], region: ["a", "b", "b"])
    let margins = PopulationMargins([
      margin("sex", [("F", 10), ("M", 20)]), margin("region", [("a", 15), ("b", 15)], firstLine: 4),
    ])
    expectError(
      "raking stopped changing the weights after 2 iterations, but the margins do not fit: 'sex' = 'F' reaches 15 "
        + "for a target of 10 (targets.csv:2); 'sex' = 'M' reaches 15 for a target of 20 (targets.csv:3). The margins "
        + "contradict each other: check that every margin describes the same population and that the crossed margins "
        + "agree with the single ones, or accept the weights of the last sweep."
    ) { _ = try design.raked(to: margins) }
    let accepted = try design.raking(to: margins, options: RakingControl(allowsNonconvergence: true))
    #expect(!accepted.converged)
    #expect(accepted.iterations == 2)
    #expect(accepted.margins[0].largestDistance == 5)
    #expect(accepted.margins[1].largestDistance == 0)
  }

  @Test func nonConvergenceNamesTheMarginAndCells() throws {
    // Nobody is both F and b, yet F needs 10 while a holds only 5: IPF can only approach the
    // margins by driving (M, a) to 0, and still misses them.
    let design = try design(sex: ["F", "M", "M"], region: ["a", "b", "a"])
    let margins = PopulationMargins([
      margin("sex", [("F", 10), ("M", 20)]), margin("region", [("a", 5), ("b", 25)], firstLine: 4),
    ])
    do {
      _ = try design.raked(to: margins, options: RakingControl(maxIterations: 5))
      Issue.record("raking converged")
    } catch let error as WeightingError {
      guard case .notConverged(let iterations, let change, _, let misfits) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(iterations == 5)
      #expect(change > 0.01)
      #expect(misfits.map(\.category) == ["F", "M"])
      let text = String(describing: error)
      #expect(text.hasPrefix("raking did not converge after 5 iterations: the weighted margin totals still changed by "))
      #expect(text.contains("in the last sweep (tolerance 6e-10). Cells that do not fit their targets: 'sex' = 'F' reaches 4.95"))
      #expect(text.contains(" for a target of 10 (targets.csv:2); 'sex' = 'M' reaches 25.04"))
      #expect(text.contains(" for a target of 20 (targets.csv:3). The margins may contradict each other"))
      #expect(text.hasSuffix("check the crossed table of the raking variables, merge sparse categories, raise the "
        + "iteration limit, or accept the weights of the last sweep."))
    }
  }

  @Test func noMarginsAndBadOptions() throws {
    let design = try design(sex: ["F", "M"])
    expectError(
      "no population margin was given, so there is nothing to weight to. Give a targets file with one row per "
        + "category: variable,category,target."
    ) { _ = try design.raked(to: PopulationMargins([])) }
    let sex = PopulationMargins([margin("sex", [("F", 1), ("M", 1)])])
    expectError("the iteration limit 0 is not usable: allow at least 1 sweep.") {
      _ = try design.raked(to: sex, options: RakingControl(maxIterations: 0))
    }
    expectError(
      "the population size -3 is not a positive number; give the number of people the survey represents, e.g. 5400000."
    ) { _ = try design.raked(to: PopulationMargins(sex.margins, populationSize: -3)) }
  }

  @Test func trimmingErrorsAndStrictTwoSidedTrimmingEnds() throws {
    let design = try design(sex: ["F", "M", "M", "F", "M"], weights: [1, 2, 3, 4, 50])
    expectError("the lower trimming bound 5 is not usable: it must be below the upper bound 4.") {
      _ = try design.trimmedWeights(upper: 4, lower: 5)
    }
    expectError(
      "the weights cannot be trimmed: every weight is outside [2.5, 2.6], so there is no weight to give the trimmed "
        + "amount to; widen the bounds."
    ) { _ = try design.trimmedWeights(upper: 2.6, lower: 2.5) }
    // Both bounds, strict: R's recursion would not end here; the loop stops within 1e-12 of the bounds.
    let trimmed = try design.trimmedWeights(upper: 15, lower: 2, strict: true)
    #expect(abs(trimmed.weightTotal - 60) < 1e-9)
    #expect(trimmed.weights.allSatisfy { $0 <= 15 * (1 + 1e-12) && $0 >= 2 * (1 - 1e-12) })
  }

  @Test func trimmingAsRTrimWeights() throws {
    // trimWeights(upper = 10): 50 → 10, the 40 removed is shared by the 4 others (+10 each).
    let design = try design(sex: ["F", "M", "M", "F", "M"], weights: [1, 2, 3, 4, 50])
    #expect(try design.trimmedWeights(upper: 10).weights == [11, 12, 13, 14, 10])
    // × median: the median of 1, 2, 3, 4, 50 is 3.
    #expect(try design.trimmed(WeightTrimming(upper: .timesMedian(10 / 3))).weights.map { ($0 * 1e9).rounded() / 1e9 }
      == [11, 12, 13, 14, 10])
  }

  @Test func diagnosticsFollowTheirDefinitions() {
    let diagnostics = WeightDiagnostics(weights: [1, 2, 3, 4, 10])
    #expect(diagnostics.total == 20)
    #expect(diagnostics.mean == 4)
    #expect(abs(diagnostics.coefficientOfVariation - (10.0).squareRoot() / 4) < 1e-15)  // variance (9+4+1+0+36)/5
    #expect(abs(diagnostics.kishDesignEffect - (1 + 10.0 / 16)) < 1e-15)
    #expect(abs(diagnostics.effectiveSampleSize - 400.0 / 130) < 1e-13)
    #expect(abs(diagnostics.weightingEfficiency - 400.0 / 130 / 5) < 1e-13)
    // type 7: h = 1 + 4p; p = 0.95 → h = 4.8 → 0.2·4 + 0.8·10 = 8.8
    #expect(abs(diagnostics.quantile(0.95)! - 8.8) < 1e-13)
    #expect(diagnostics.quantile(0.5) == 3)
  }
}
