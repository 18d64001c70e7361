import SurveyStatistics
import Testing

/// Bad input gets a sentence, not a NaN: each ``ModelError`` case and its message.
@Suite struct ModelErrorTests {
  /// Ten respondents sampled individually with equal weights.
  static func design() throws -> SurveyDesign {
    let survey = try Survey(variables: [
      Variable(name: "y", numbers: [0, 1, 0, 1, 1, 0, 1, 0, 1, 1]),
      Variable(name: "score", numbers: [3.5, 2, 4, 5, 1, 2.5, 3, 4.5, 2, 1.5]),
      Variable(name: "double_score", numbers: [7, 4, 8, 10, 2, 5, 6, 9, 4, 3]),
      Variable(name: "constant", numbers: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]),
      Variable(name: "count", numbers: [0, 3, 1, -1, 2, 0, 4, 1, 2, 0]),
      Variable(name: "sex", categories: ["F", "M", "F", "M", "M", "F", "M", "F", "M", "M"]),
      Variable(name: "group", categories: ["a", "b", "a", "b", "b", "a", "b", "a", "b", "b"]),
      Variable(name: "answer", categories: ["yes", "no", "yes", "no", "no", "yes", "no", "yes", "no", "no"]),
      Variable(name: "only", categories: ["x", "x", "x", "x", "x", "x", "x", "x", "x", nil]),
      Variable(name: "empty", numbers: [Double?](repeating: nil, count: 10)),
      Variable(name: "w", numbers: [1, 2, 1, 2, 1, 2, 1, 2, 1, 2]),
    ])
    return try SurveyDesign(survey, weights: "w")
  }

  @Test func missingColumnSuggestsTheClosestName() throws {
    let design = try Self.design()
    do {
      _ = try design.regression(Formula("y ~ scor"))
      Issue.record("expected an error")
    } catch let error as ModelError {
      guard case .unknownVariable(let name, let suggestion, _) = error else { Issue.record("\(error)"); return }
      #expect(name == "scor" && suggestion == "score")
      #expect(error.description.hasPrefix("the formula names 'scor', but the survey has no such column. Did you mean 'score'?"))
    }
  }

  @Test func logisticOutcomeMustBeZeroOrOne() throws {
    let design = try Self.design()
    #expect(throws: ModelError.outcomeNotBinary(variable: "score", valuesSeen: ["1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"])) {
      try design.regression(Formula("score ~ sex"), family: .quasibinomial)
    }
    #expect(ModelError.outcomeNotBinary(variable: "q", valuesSeen: ["1", "2"]).description
      == "a logistic model needs an outcome coded 0 and 1, but 'q' has the values 1, 2. Recode it into 0/1 first (1 for the outcome of interest).")
    #expect(throws: ModelError.outcomeNotNumeric(variable: "answer", value: "yes")) {
      try design.regression(Formula("answer ~ sex"), family: .quasibinomial)
    }
    #expect(throws: ModelError.negativeCount(variable: "count", value: -1)) {
      try design.regression(Formula("count ~ sex"), family: .quasipoisson)
    }
  }

  @Test func predictorsMustVary() throws {
    let design = try Self.design()
    #expect(throws: ModelError.constantPredictor(variable: "constant", value: "2")) {
      try design.regression(Formula("score ~ constant + sex"))
    }
    #expect(throws: ModelError.singleLevel(variable: "only", level: "x")) {
      try design.regression(Formula("score ~ only"))
    }
    #expect(ModelError.singleLevel(variable: "only", level: "x").description.contains("has only one observed category ('x')"))
  }

  @Test func collinearTermsAreNamedAsRsNACoefficients() throws {
    let design = try Self.design()
    #expect(throws: ModelError.aliasedTerms(["double_score"])) {
      try design.regression(Formula("y ~ score + double_score"))
    }
    #expect(throws: ModelError.aliasedTerms(["groupb"])) {
      try design.regression(Formula("score ~ sex + group"))
    }
    #expect(ModelError.aliasedTerms(["groupb"]).description
      == "the model's terms are collinear: groupb is a combination of the other terms (R reports NA for it). Remove that term, or a variable it repeats.")
  }

  @Test func perfectSeparationNamesTheTerm() throws {
    let survey = try Survey(variables: [
      Variable(name: "y", numbers: [0, 1, 0, 1, 1, 0, 1, 0, 1, 1]),
      Variable(name: "sex", categories: ["F", "M", "F", "M", "M", "F", "M", "F", "F", "M"]),
      Variable(name: "score", numbers: [1, 6, 2, 7, 8, 3, 9, 4, 5.5, 10]),
      Variable(name: "mixed", numbers: [1, 2, 2, 1, 1, 2, 2, 1, 1, 2]),
    ])
    let design = try SurveyDesign(survey)
    #expect(throws: ModelError.perfectSeparation(term: "score", detail: "y is 0 for every respondent with score ≤ 4 and 1 for every respondent with score ≥ 5.5")) {
      try design.regression(Formula("y ~ score"), family: .quasibinomial)
    }
    let sexOnly = try Survey(variables: [
      Variable(name: "y", numbers: [0, 1, 0, 1, 1, 0, 1, 0, 0, 1]),
      Variable(name: "sex", categories: ["F", "M", "F", "M", "M", "F", "M", "F", "F", "M"]),
    ])
    #expect(throws: ModelError.perfectSeparation(term: "sexM", detail: "all 5 respondents with sexM = 1 have y = 1")) {
      try SurveyDesign(sexOnly).regression(Formula("y ~ sex"), family: .quasibinomial)
    }
    #expect(ModelError.perfectSeparation(term: "sexM", detail: "all 6 respondents with sexM = 1 have y = 1").description
      == "perfect separation: all 6 respondents with sexM = 1 have y = 1, so the coefficient of sexM would be infinite. "
      + "Remove sexM, merge its categories, or fit the model on respondents where both outcomes occur.")
  }

  @Test func separationByACombinationNamesTheLargestTerms() throws {
    // y = 1 exactly when x1 > x2: neither predictor alone separates the outcome, their difference does.
    let survey = try Survey(variables: [
      Variable(name: "y", numbers: [0, 1, 0, 1, 0, 1, 0, 1]),
      Variable(name: "x1", numbers: [1, 2, 3, 4, 5, 6, 7, 8]),
      Variable(name: "x2", numbers: [2, 1, 4, 3, 6, 5, 8, 7]),
    ])
    do {
      _ = try SurveyDesign(survey).regression(Formula("y ~ x1 + x2"), family: .quasibinomial)
      Issue.record("expected an error")
    } catch let error as ModelError {
      guard case .separationByCombination(let terms) = error else { Issue.record("\(error)"); return }
      #expect(Set(terms) == ["x1", "x2"])
      #expect(error.description.hasPrefix("perfect separation: the fitted probabilities reach 0 or 1"))
    }
  }

  @Test func emptyModelsAndTooManyCoefficientsAreRefused() throws {
    let design = try Self.design()
    #expect(throws: ModelError.noCompleteRespondents(variables: ["y", "empty"], domain: .wholeSample)) {
      try design.regression(Formula("y ~ empty"))
    }
    let domain = Domain(levels: [.init(variable: "sex", value: "X")])
    #expect(throws: ModelError.unknownDomain(domain)) { try design.regression(Formula("y ~ score"), in: domain) }
    let small = try Survey(variables: [
      Variable(name: "y", numbers: [1, 2, 4, 3]), Variable(name: "a", numbers: [1, 3, 2, 5]),
      Variable(name: "b", numbers: [2, 1, 1, 4]), Variable(name: "c", numbers: [0, 1, 5, 2]),
    ])
    #expect(throws: ModelError.noResidualDegreesOfFreedom(coefficients: 4, designDegreesOfFreedom: 3)) {
      try SurveyDesign(small).regression(Formula("y ~ a + b + c"))
    }
    #expect(throws: ModelError.invalidConfidenceLevel(95)) { try design.regression(Formula("y ~ score"), level: 95) }
  }

  @Test func unknownTermsInTestsAreNamed() throws {
    let fit = try Self.design().regression(Formula("score ~ sex + count"))
    #expect(throws: ModelError.unknownTerm("age", available: ["sex", "count"])) { try fit.waldTest(terms: ["age"]) }
    let joint = try fit.waldTest(terms: ["sex", "count"])
    #expect(joint.numeratorDegreesOfFreedom == 2 && joint.denominatorDegreesOfFreedom == fit.degreesOfFreedom)
    // One term alone equals the summary's test of it, and t² = F for a single coefficient.
    let single = try fit.waldTest(terms: ["count"])
    let t = try #require(fit.coefficient("count")).statistic
    #expect(abs(single.statistic - t * t) <= 1e-9 * t * t)
  }
}
