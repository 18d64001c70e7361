import Foundation
@testable import SurveyStatistics
import Testing

/// The formula parser and the model matrix against R's `terms()` and `model.matrix()` column names
/// (`modelMatrixColumns` in `Fixtures/models/models.json`), and the sentences for bad formulas.
@Suite struct FormulaTests {
  static var formulas: [String] {
    (ModelFixtures.shared.root["modelMatrixColumns"] as? [[String: Any]] ?? []).compactMap { $0["formula"] as? String }
  }

  @Test func fixtureHasFormulas() { #expect(Self.formulas.count == 13) }

  @Test(arguments: formulas)
  func columnNamesMatchR(text: String) throws {
    let entries = ModelFixtures.shared.root["modelMatrixColumns"] as? [[String: Any]] ?? []
    let entry = try #require(entries.first { $0["formula"] as? String == text })
    let survey = try ModelFixtures.survey(columns: ModelFixtures.shared.root["modelMatrixData"] as? [String: Any] ?? [:])
    let formula = try Formula(text)
    // jsonlite writes a single label as a string.
    let labels = entry["termLabels"] as? [String] ?? [entry["termLabels"] as? String].compactMap { $0 }
    #expect(formula.termLabels == labels)
    #expect(formula.hasIntercept == (entry["intercept"] as? Bool ?? !formula.hasIntercept))
    let frame = try ModelFrame(
      formula: formula, survey: survey, domain: .wholeSample,
      isEligible: [Bool](repeating: true, count: survey.respondentCount), outcomeCheck: { _, _ in })
    let matrix = ModelMatrix(formula: formula, frame: frame)
    #expect(matrix.columnNames == (entry["columns"] as? [String] ?? []))
  }

  @Test func termsAreOrderedByDegreeThenAppearance() throws {
    let formula = try Formula("concerned ~ age_band * sex + trust_score")
    #expect(formula.termLabels == ["age_band", "sex", "trust_score", "age_band:sex"])
    #expect(formula.response.name == "concerned")
    #expect(try Formula("y ~ `age band` + factor(wave)").termLabels == ["`age band`", "factor(wave)"])
    #expect(try Formula("y ~ (a + b):c + 1").termLabels == ["a:c", "b:c"])
    #expect(try Formula("y ~ -1 + a").hasIntercept == false)
    #expect(try Formula("y ~ a + 0").hasIntercept == false)
    #expect(try Formula("y ~ a - 1 - 0").hasIntercept == true)
  }

  @Test func syntaxErrorsNameTheCharacter() {
    #expect(throws: ModelError.formulaSyntax(formula: "y ~ a +", position: 7, problem: "the formula ends where a term was expected")) {
      try Formula("y ~ a +")
    }
    #expect(throws: ModelError.formulaSyntax(formula: "~ a", position: 0, problem: "the formula needs an outcome before `~`, as in `concerned ~ age_band + sex`")) {
      try Formula("~ a")
    }
    #expect(throws: ModelError.formulaSyntax(formula: "y ~ log(a)", position: 4, problem: "`log(…)` is not available in model formulas: only factor(x) is; make a new variable instead")) {
      try Formula("y ~ log(a)")
    }
    #expect(throws: ModelError.formulaSyntax(formula: "y ~ a * 1", position: 9, problem: "`1` and `0` cannot be used with `*`")) {
      try Formula("y ~ a * 1")
    }
    #expect(throws: ModelError.formulaSyntax(formula: "y ~ (a + b", position: 10, problem: "a `(` is not closed")) {
      try Formula("y ~ (a + b")
    }
    let message = ModelError.formulaSyntax(formula: "y ~ a +", position: 7, problem: "the formula ends where a term was expected").description
    #expect(message == "the formula 'y ~ a +' cannot be read at character 8: the formula ends where a term was expected. Write it as R does, e.g. 'concerned ~ age_band * sex + trust_score'.")
  }
}
