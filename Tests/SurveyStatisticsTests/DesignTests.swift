import Testing

@testable import SurveyStatistics

/// Declaring a design: structure, R's conventions, and every error message word for word.
@Suite struct DesignTests {
  let origin = DataOrigin(file: "survey.csv")

  func survey(_ variables: [Variable]) throws -> Survey {
    try Survey(variables: variables, origin: origin)
  }

  @Test func unstratifiedDesignTreatsEveryRespondentAsAPSU() throws {
    let design = try SurveyDesign(try survey([Variable(name: "w", numbers: [1, 2, 3])]), weights: "w")
    #expect(design.stratumCount == 1)
    #expect(design.psuCount == 3)
    #expect(design.degreesOfFreedom == 2)
    #expect(design.weightTotal == 6)
  }

  @Test func psusAreNestedInStrata() throws {
    // PSU "1" appears in both strata: two PSUs, as R's svydesign(nest = TRUE).
    let data = try survey([
      Variable(name: "stratum", categories: ["a", "a", "b", "b"]),
      Variable(name: "psu", categories: ["1", "2", "1", "2"]),
    ])
    let design = try SurveyDesign(data, strata: "stratum", clusters: "psu")
    #expect(design.psuCount == 4)
    #expect(design.degreesOfFreedom == 2)
  }

  @Test func weightsComeFromThePopulationCountWhenOnlyAnFPCIsGiven() throws {
    let data = try survey([
      Variable(name: "stratum", categories: ["a", "a", "b", "b", "b"]),
      Variable(name: "N", numbers: [10, 10, 30, 30, 30]),
    ])
    let design = try SurveyDesign(data, strata: "stratum", fpc: "N")
    #expect(design.weights == [5, 5, 10, 10, 10])
  }

  @Test func samplingFractionsAndPopulationCountsGiveTheSameCorrection() throws {
    let counts = try SurveyDesign(try survey([Variable(name: "N", numbers: [8, 8])]), fpc: "N")
    let fractions = try SurveyDesign(try survey([Variable(name: "f", numbers: [0.25, 0.25])]), fpc: "f")
    #expect(counts.structure.finitePopulationFactor == fractions.structure.finitePopulationFactor)
    #expect(counts.structure.finitePopulationFactor == [0.75])
  }

  @Test func negativeWeightNamesFileLineAndColumn() throws {
    let data = try survey([Variable(name: "poids", categories: ["1.5", "-2", "1"])])
    #expect(throws: SurveyError.self) { try SurveyDesign(data, weights: "poids") }
    do {
      _ = try SurveyDesign(data, weights: "poids")
    } catch {
      #expect(String(describing: error) == "survey.csv:3: column 'poids': the weight '-2' is negative. "
        + "Weights must be positive finite numbers: correct the value, or remove the respondent from the file.")
    }
  }

  @Test(arguments: [("0", "is zero, so the respondent would stand for nobody"), ("NaN", "is not a number (NaN)"),
                    ("inf", "is infinite")])
  func invalidWeightsAreRejected(value: String, problem: String) throws {
    let data = try survey([Variable(name: "w", categories: ["1", value])])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, weights: "w") }
    #expect(error == .invalidWeight(variable: "w", row: 1, value: value, problem: problem, origin: origin))
  }

  @Test func textInAWeightColumnIsNotANumber() throws {
    let data = try survey([Variable(name: "w", categories: ["1", "1,5"])])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, weights: "w") }
    #expect(error?.description == "survey.csv:3: column 'w': '1,5' is not a number, but the weight must be numeric. "
      + "Correct the value, or declare it a missing-value code.")
  }

  @Test func missingWeightIsAnError() throws {
    let data = try survey([Variable(name: "w", categories: ["1", nil, "2"])])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, weights: "w") }
    #expect(error?.description == "survey.csv:3: column 'w': the weight is missing. "
      + "Every respondent needs a weight; fill it in or remove the respondent from the file.")
  }

  @Test func unknownDesignVariableSuggestsTheClosestName() throws {
    let data = try survey([Variable(name: "weight", numbers: [1, 2]), Variable(name: "region", categories: ["a", "b"])])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, weights: "wieght") }
    #expect(error?.description == "survey.csv: there is no weight column named 'wieght'. Did you mean 'weight'? "
      + "The columns are: weight, region.")
  }

  @Test func lonelyPSUFailsNamingTheStratum() throws {
    let data = try survey([
      Variable(name: "region", categories: ["north", "north", "south"]),
      Variable(name: "point", categories: ["1", "2", "3"]),
    ])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, strata: "region", clusters: "point") }
    #expect(error?.description == "survey.csv:4: column 'region': stratum 'south' (from this row on) has only one PSU, "
      + "so its variance cannot be estimated. "
      + "Merge it with a similar stratum, or choose a lonely-PSU policy: remove, certainty, adjust or average "
      + "(as R survey's options(survey.lonely.psu)).")
    #expect(throws: Never.self) { try SurveyDesign(data, strata: "region", clusters: "point", lonelyPSU: .remove) }
  }

  @Test func fpcMixingCountsAndFractionsIsAnError() throws {
    let data = try survey([Variable(name: "s", categories: ["a", "a", "b", "b"]), Variable(name: "f", numbers: [0.5, 0.5, 20, 20])])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, strata: "s", fpc: "f") }
    #expect(error?.description == "survey.csv:4: column 'f': the finite population correction '20' mixes population counts "
      + "(above 1) and sampling fractions (below 1) in one column. Give either the number of PSUs in the population "
      + "of the stratum (≥ 1) or the sampling fraction (between 0 and 1), for every respondent.")
  }

  @Test func fpcMustBeConstantWithinAStratum() throws {
    let data = try survey([Variable(name: "s", categories: ["a", "a"]), Variable(name: "N", numbers: [10, 12])])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, strata: "s", fpc: "N") }
    #expect(error == .fpcNotConstantInStratum(variable: "N", stratum: "a", row: 1, origin: origin))
  }

  @Test func fpcSmallerThanTheSampleInAStratumNamesItsFirstRow() throws {
    let data = try survey([Variable(name: "s", categories: ["a", "b", "b"]), Variable(name: "N", numbers: [5, 1, 1])])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, strata: "s", fpc: "N", lonelyPSU: .remove) }
    #expect(error?.description == "survey.csv:3: column 'N': stratum 'b' (from this row on) has 2 sampled PSUs but the "
      + "finite population correction says the population has only 1. Check the FPC column: it should count PSUs in the "
      + "population of the stratum.")
  }

  @Test func fpcSmallerThanTheSampleIsAnError() throws {
    let data = try survey([Variable(name: "N", numbers: [2, 2, 2])])
    let error = #expect(throws: SurveyError.self) { try SurveyDesign(data, fpc: "N") }
    #expect(error?.description == "column 'N': the sample has 3 sampled PSUs but the finite population correction says "
      + "the population has only 2. Check the FPC column: it should count PSUs in the population of the stratum.")
  }

  @Test func rowsSpanningLinesAreLocatedByTheirStartingLine() {
    let origin = DataOrigin(file: "x.csv", lineNumbers: [2, 3, 5])
    #expect(origin.location(ofRow: 2) == "x.csv:5")
    #expect(DataOrigin(file: "y.csv").location(ofRow: 0) == "y.csv:2")
  }
}
