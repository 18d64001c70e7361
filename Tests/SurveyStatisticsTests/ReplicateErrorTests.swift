import SurveyStatistics
import Testing

/// Bad replicate input: every error names what is wrong and where (file, line and column; the
/// stratum), word for word.
@Suite struct ReplicateErrorTests {
  /// Eight respondents in four strata of two PSUs, with two replicate-weight columns.
  func survey(
    repw1: [Double?] = [2, 0, 2, 0, 2, 0, 2, 0], repw2: [String?]? = nil, strata: [String?]? = nil
  ) throws -> Survey {
    var variables = [
      Variable(name: "id", categories: (1...8).map { String($0) }),
      Variable(name: "w", numbers: [Double](repeating: 1, count: 8)),
      Variable(name: "stratum", categories: strata ?? ["a", "a", "b", "b", "c", "c", "d", "d"]),
      Variable(name: "psu", categories: ["1", "2", "1", "2", "1", "2", "1", "2"]),
      Variable(name: "y", numbers: [1, 2, 3, 4, 5, 6, 7, 8]),
      Variable(name: "repw1", numbers: repw1),
    ]
    if let repw2 {
      variables.append(Variable(name: "repw2", categories: repw2))
    } else {
      variables.append(Variable(name: "repw2", numbers: [0, 2, 0, 2, 0, 2, 0, 2]))
    }
    return try Survey(variables: variables, origin: DataOrigin(file: "replicates.csv"))
  }

  func supplied(_ method: ReplicateMethod, pattern: String = "repw[0-9]+", fayRho: Double? = nil, rscales: [Double]? = nil)
    -> DesignDeclaration
  {
    DesignDeclaration(
      weights: "w",
      replicates: ReplicateDeclaration(
        source: .columns(matching: pattern), method: method, fayRho: fayRho, replicateScales: rscales))
  }

  func created(_ method: ReplicateMethod, strata: String? = "stratum", fayRho: Double? = nil) -> DesignDeclaration {
    DesignDeclaration(
      weights: "w", strata: strata, clusters: "psu", lonelyPSU: .remove,
      replicates: ReplicateDeclaration(source: .created(), method: method, fayRho: fayRho))
  }

  func message(_ body: () throws -> Any) -> String {
    do {
      _ = try body()
      return "no error"
    } catch {
      #expect(error is ReplicateError || error is SurveyError)
      return String(describing: error)
    }
  }

  @Test func patternMatchingNoColumn() throws {
    let survey = try survey()
    #expect(message { try SurveyDesign(survey, declaration: supplied(.jackknife, pattern: "^rep_")) } ==
      "replicates.csv: no column name matches the replicate-weight pattern '^rep_'. The columns are: id, w, stratum, psu, y, repw1, repw2. "
      + "Give a regular expression that matches the replicate columns' names (for example 'repw[0-9]+').")
    #expect(message { try SurveyDesign(survey, declaration: supplied(.jackknife, pattern: "repw[")) } ==
      "the replicate-weight pattern 'repw[' is not a regular expression. Give one that matches the replicate columns' names, for example 'repw[0-9]+'.")
  }

  @Test func singleReplicate() throws {
    #expect(message { try SurveyDesign(survey(), declaration: supplied(.jackknife, pattern: "repw1")) } ==
      "replicates.csv: only one column matches the replicate-weight pattern (repw1), but a variance needs at least two replicates. Check the pattern.")
  }

  @Test func missingNegativeOrTextReplicateWeights() throws {
    let advice = " Replicate weights must be finite numbers, zero or positive: correct the value, or check that the pattern matches only replicate-weight columns."
    #expect(message { try SurveyDesign(survey(repw1: [2, 0, 2, nil, 2, 0, 2, 0]), declaration: supplied(.jackknife)) } ==
      "replicates.csv:5: column 'repw1': the replicate weight is missing." + advice)
    #expect(message { try SurveyDesign(survey(repw1: [2, 0, 2, 0, 2, -1, 2, 0]), declaration: supplied(.jackknife)) } ==
      "replicates.csv:7: column 'repw1': the replicate weight '-1' is negative." + advice)
    // The first bad value in the file: row 3 of repw2 comes before row 6 of repw1.
    let text = ["0", "2", "n/a", "2", "0", "2", "0", "2"]
    #expect(message {
      try SurveyDesign(survey(repw1: [2, 0, 2, 0, 2, -1, 2, 0], repw2: text), declaration: supplied(.jackknife))
    } == "replicates.csv:4: column 'repw2': the replicate weight 'n/a' is not a number." + advice)
  }

  @Test func fayRhoOutsideZeroOne() throws {
    let survey = try survey()
    for rho in [0.0, 1, 1.5, -0.2] {
      #expect(message { try SurveyDesign(survey, declaration: supplied(.fay, fayRho: rho)) }.hasPrefix(
        "Fay's ρ must lie strictly between 0 and 1 (PSUs left out weigh ρ, those kept 2 − ρ), but it is"))
      #expect(message { try SurveyDesign(survey, declaration: created(.fay, fayRho: rho)) }.hasPrefix("Fay's ρ must lie"))
    }
    #expect(message { try SurveyDesign(survey, declaration: supplied(.fay)) }.hasPrefix("Fay's method needs its ρ"))
    #expect(message { try SurveyDesign(survey, declaration: supplied(.fay, fayRho: 0)) }.hasSuffix(
      "but it is 0. With ρ = 0 the method is BRR."))
  }

  @Test func typesThatNeedStrata() throws {
    let survey = try survey()
    for method in [ReplicateMethod.stratifiedJackknife, .brr, .fay] {
      #expect(message { try SurveyDesign(survey, declaration: created(method, strata: nil, fayRho: 0.5)) } ==
        "replicates.csv: \(method.rName) replicates are made within strata, but the design declares none. "
        + "Declare the strata, or use the jackknife (JK1) or the bootstrap for an unstratified design.")
    }
    #expect(message { try SurveyDesign(survey, declaration: created(.jackknife)) } ==
      "the unstratified jackknife (JK1) cannot be used on a stratified design. Use the stratified jackknife (JKn), BRR, Fay or the bootstrap.")
    #expect(message { try SurveyDesign(survey, declaration: created(.successiveDifference)) }.hasPrefix(
      "successive-difference replicates cannot be created"))
    #expect(message { try SurveyDesign(survey, declaration: supplied(.stratifiedJackknife)) }.hasPrefix(
      "a stratified jackknife (JKn) needs one scale per replicate"))
  }

  @Test func balancedReplicationNeedsPairs() throws {
    // Stratum c holds one PSU, stratum d three.
    let lonely = try survey(strata: ["a", "a", "b", "b", "c", "d", "d", "d"])
    #expect(message { try SurveyDesign(lonely, declaration: created(.brr)) } ==
      "replicates.csv:6: column 'stratum': stratum 'c' (from this row on) has 1 PSU, but BRR replicates need two PSUs per stratum "
      + "(or an even number, split into pairs). Merge or split strata, or use the stratified jackknife (JKn) or the bootstrap.")
    let odd = try Survey(variables: [
      Variable(name: "w", numbers: [Double](repeating: 1, count: 5)),
      Variable(name: "stratum", categories: ["a", "a", "b", "b", "b"]),
      Variable(name: "psu", categories: ["1", "2", "1", "2", "3"]),
    ], origin: DataOrigin(file: "odd.csv"))
    #expect(message { try SurveyDesign(odd, declaration: created(.fay, fayRho: 0.5)) }.hasPrefix(
      "odd.csv:4: column 'stratum': stratum 'b' (from this row on) has 3 PSUs, but Fay replicates need two PSUs per stratum"))
  }

  @Test func lonelyPSUUnderFailStopsTheJackknife() throws {
    var declaration = created(.stratifiedJackknife)
    declaration.lonelyPSU = .fail
    let lonely = try survey(strata: ["a", "a", "b", "b", "c", "d", "d", "d"])
    #expect(message { try SurveyDesign(lonely, declaration: declaration) }.hasPrefix(
      "replicates.csv:6: column 'stratum': stratum 'c' (from this row on) has only one PSU"))
  }

  @Test func analysesNotYetAvailableSayWhat() throws {
    let design = try SurveyDesign(survey(), declaration: supplied(.brr))
    // Regression models are available (R's svyglm on a svyrep.design); proportional-odds models are not.
    #expect(message { try design.regression(Formula("stratum ~ y"), family: .proportionalOdds) } ==
      "A proportional-odds model is not available yet on a design with replicate weights. "
      + "Analyse it on the strata and PSUs of the design (linearized variance) instead.")
    #expect(message { try design.postStratified(on: ["stratum"], to: [["a"]: 1, ["b"]: 1, ["c"]: 1, ["d"]: 1]) }.hasPrefix(
      "Post-stratification is not available yet"))
    let plain = try SurveyDesign(survey(), weights: "w", strata: "stratum", clusters: "psu")
    #expect(message { try plain.quantiles(of: "y", probabilities: [0.5], interval: .replicateQuantiles) } ==
      "quantile intervals from replicate quantiles need a design with replicate weights; on this design use Woodruff intervals.")
    let raked = try plain.postStratified(on: ["stratum"], to: [["a"]: 2, ["b"]: 2, ["c"]: 2, ["d"]: 2])
    #expect(message { try raked.replicated(.stratifiedJackknife) }.hasPrefix(
      "replicate weights must be added before post-stratifying or raking"))
    #expect(message { try plain.replicated(.bootstrap, count: 1) } ==
      "1 bootstrap replicates were asked for, but a variance needs at least two (R's default is 50).")
  }

  @Test func errorsAreDataErrorsExceptRequests() {
    #expect(ReplicateError.invalidFayRho(2).kind == .data)
    #expect(ReplicateError.noMatchingColumn(pattern: "x", available: [], origin: DataOrigin()).kind == .data)
    #expect(ReplicateError.notAvailable(analysis: "Raking").kind == .usage)
  }
}
