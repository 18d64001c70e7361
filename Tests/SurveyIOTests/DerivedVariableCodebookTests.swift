import Foundation
import SurveyIO
import SurveyStatistics
import Testing

/// The codebook's `derived:` block and `--derive`: every kind, strict keys, messages word for word,
/// and the values the derived variables take on a survey.
@Suite struct DerivedVariableCodebookTests {
  static let codebook = """
    derived:
      westin_segment:
        kind: westin
        label: Westin segment
        items: [westin_a, westin_b, westin_c]
      trust_score:
        kind: scale
        items: [trust1, trust2, trust3]
        reverse: [trust3]
        range: [1, 5]
        min_items: 2
      concern_top2:
        kind: indicator
        variable: concern
        values: [4, 5]
      protections:
        kind: count
        items: [protect_a, protect_b]
        values: 1
      westin_reversed_codes:
        kind: westin
        items: [westin_a, westin_b, westin_c]
        agree: [4, 3]
        disagree: [2, 1]

    """

  @Test func readsEveryKindInFileOrder() throws {
    let codebook = try Codebook(yaml: Self.codebook, file: "codebook.yaml")
    #expect(codebook.derived == [
      DerivedVariable(
        name: "westin_segment", label: "Westin segment",
        definition: .westinSegment(
          WestinSegmentation(lostControl: "westin_a", businessesProper: "westin_b", lawsProtect: "westin_c"))),
      DerivedVariable(
        name: "trust_score",
        definition: .scaleScore(ScaleDefinition(
          items: ["trust1", "trust2", "trust3"], reversedItems: ["trust3"], range: 1...5, minimumAnsweredItems: 2))),
      DerivedVariable(name: "concern_top2", definition: .indicator(variable: "concern", values: ["4", "5"])),
      DerivedVariable(name: "protections", definition: .count(items: ["protect_a", "protect_b"], values: ["1"])),
      DerivedVariable(
        name: "westin_reversed_codes",
        definition: .westinSegment(WestinSegmentation(
          lostControl: "westin_a", businessesProper: "westin_b", lawsProtect: "westin_c",
          agreeCodes: ["4", "3"], disagreeCodes: ["2", "1"]))),
    ])
  }

  @Test func aFlagReadsLikeTheBlock() throws {
    let derived = try Codebook.derivedVariables(
      yaml: "segment: {kind: westin, items: [a, b, c]}", source: "--derive")
    #expect(derived == [DerivedVariable(
      name: "segment", definition: .westinSegment(WestinSegmentation(lostControl: "a", businessesProper: "b", lawsProtect: "c")))])
  }

  @Test func anUnknownKeySuggestsTheKey() {
    let yaml = "derived:\n  score:\n    kind: scale\n    itmes: [a, b]\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "c.yaml") }
    #expect(
      error?.description
        == "c.yaml:4:5: unknown key 'itmes' in derived variable 'score'. Did you mean 'items'? "
        + "The keys allowed there are: kind, label, items, reverse, range, min_items, variable, values, agree, disagree.")
  }

  @Test func aKeyOfAnotherKindIsRefused() {
    let yaml = "derived:\n  segment:\n    kind: westin\n    items: [a, b, c]\n    reverse: [b]\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "c.yaml") }
    #expect(
      error?.description
        == "c.yaml:5:5: unknown key 'reverse' in derived variable 'segment' (kind westin). "
        + "The keys allowed there are: kind, label, items, agree, disagree.")
  }

  @Test func aMissingKindOrKeyIsNamed() {
    let noKind = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "derived:\n  score:\n    items: [a, b]\n", file: "c.yaml")
    }
    #expect(
      noKind?.description
        == "c.yaml:3:5: derived variable 'score' should be a mapping with 'kind: westin|scale|indicator|count', "
        + "but it is one without a kind.")
    let noValues = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "derived:\n  top:\n    kind: indicator\n    variable: concern\n", file: "c.yaml")
    }
    #expect(
      noValues?.description
        == "c.yaml:3:5: derived variable 'top' (kind indicator) should be a 'values': a list of values such as [4, 5], "
        + "but it is one without 'values'.")
  }

  @Test func badKindAndBadValuesAreExplained() {
    let kind = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "derived:\n  s:\n    kind: scales\n    items: [a]\n", file: "c.yaml")
    }
    #expect(
      kind?.description
        == "c.yaml:3:11: 'scales' is not a valid kind in derived variable 's'. Did you mean 'scale'? "
        + "Use one of: westin, scale, indicator, count.")
    let westin = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "derived:\n  w:\n    kind: westin\n    items: [a, b]\n", file: "c.yaml")
    }
    #expect(
      westin?.description
        == "c.yaml:4:12: the items of derived variable 'w' should be a list of three column names [A, B, C], "
        + "but it is a list of 2.")
    let range = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "derived:\n  s:\n    kind: scale\n    items: [a, b]\n    range: [5, 1]\n", file: "c.yaml")
    }
    #expect(
      range?.description
        == "c.yaml:5:12: the range of 's' should be two numbers [lowest, highest] such as [1, 5], but it is [5, 1].")
    let minimum = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "derived:\n  s:\n    kind: scale\n    items: [a, b]\n    min_items: two\n", file: "c.yaml")
    }
    #expect(
      minimum?.description
        == "c.yaml:5:16: 'min_items' of 's' should be a whole number such as 2, but it is the text 'two'.")
  }

  // MARK: Values

  static let survey: Survey = try! Survey(variables: [
    Variable(name: "westin_a", categories: ["1", "4", "2", "3", nil, "2"]),
    Variable(name: "westin_b", categories: ["4", "1", "3", "2", "1", "2"]),
    Variable(name: "westin_c", categories: ["3", "2", "2", "1", "1", "4"]),
    Variable(name: "trust1", numbers: [5, 1, nil, 4, nil, 2]),
    Variable(name: "trust2", numbers: [4, 2, 3, nil, nil, 2]),
    Variable(name: "trust3", numbers: [1, 5, 3, 2, 4, 2]),
    Variable(name: "concern", categories: ["5", "4.0", "3", nil, "1", "4"]),
    Variable(name: "protect_a", numbers: [1, 0, 1, 0, nil, 1]),
    Variable(name: "protect_b", numbers: [1, 1, 0, 0, 1, 1]),
  ], origin: DataOrigin(file: "survey.csv"))

  @Test func derivedValuesFollowTheirRules() throws {
    let codebook = try Codebook(yaml: Self.codebook, file: "codebook.yaml")
    let survey = try Self.survey.addingDerivedVariables(codebook.derived)
    func values(_ name: String) throws -> [String?] {
      let categorical = try survey.variable(named: name).categorical
      return (0..<survey.respondentCount).map { categorical.value(at: $0) }
    }
    // A agrees and B, C disagree → fundamentalist; A disagrees, B, C agree → unconcerned; a missing
    // statement → no segment.
    #expect(try values("westin_segment") == ["fundamentalist", "unconcerned", "pragmatist", "unconcerned", nil, "pragmatist"])
    #expect(try survey.variable(named: "westin_segment").label == "Westin segment")
    // trust3 reversed (6 − x); at least 2 of 3 answered.
    #expect(try values("trust_score") == [String(14.0 / 3), "1.3333333333333333", "3", "4", nil, "2.6666666666666665"])
    #expect(try values("concern_top2") == ["1", "1", "0", nil, "0", "1"])
    #expect(try values("protections") == ["2", "1", "1", "0", nil, "2"])
  }

  @Test func aDerivedVariableNeverReplacesAColumn() {
    #expect(throws: DerivedVariableError.nameTaken(name: "concern")) {
      try Self.survey.addingDerivedVariables([
        DerivedVariable(name: "concern", definition: .indicator(variable: "concern", values: ["5"])),
      ])
    }
  }

  @Test func anUnexpectedWestinAnswerIsAnErrorWithItsLine() {
    let survey = try! Survey(variables: [
      Variable(name: "a", categories: ["1", "8"]), Variable(name: "b", categories: ["3", "3"]),
      Variable(name: "c", categories: ["4", "4"]),
    ], origin: DataOrigin(file: "survey.csv"))
    let error = #expect(throws: DerivedVariableError.self) {
      try survey.westinSegments(WestinSegmentation(lostControl: "a", businessesProper: "b", lawsProtect: "c"), named: "s")
    }
    #expect(
      error?.description
        == "survey.csv:3: column 'a': the answer '8' is neither an agree code (1, 2) nor a disagree code (3, 4), "
        + "so the Westin segment cannot be decided. Declare 8 a missing code of 'a', "
        + "or give the codes with 'agree:' and 'disagree:' in the derived variable.")
  }

  @Test func aScaleAnswerOutsideTheRangeIsAnError() {
    let error = #expect(throws: DerivedVariableError.self) {
      try Self.survey.scaleScores(ScaleDefinition(items: ["trust1", "trust3"], range: 1...4))
    }
    #expect(
      error?.description
        == "survey.csv:2: column 'trust1': the answer 5 is outside the scale's range 1–4. "
        + "If it means \"don't know\" or \"refused\", declare 5 a missing code of 'trust1' ('missing:' in the codebook); "
        + "otherwise widen the range.")
  }

  @Test func scaleDefinitionsAreChecked() {
    #expect(throws: DerivedVariableError.invalidScale(problem: "the item 'a' is listed twice")) {
      try ScaleDefinition(items: ["a", "b", "a"]).validate()
    }
    #expect(throws: DerivedVariableError.invalidScale(problem: "the reverse-keyed item 'c' is not one of the items (a, b)")) {
      try ScaleDefinition(items: ["a", "b"], reversedItems: ["c"]).validate()
    }
    #expect(throws: DerivedVariableError.invalidScale(
      problem: "the minimum number of answered items is 3, but it must be between 1 and 2")) {
      try ScaleDefinition(items: ["a", "b"], minimumAnsweredItems: 3).validate()
    }
  }

  @Test func theCodebookRangeLeavesOutMissingCodes() throws {
    let yaml = """
      variables:
        trust1:
          categories: {1: Pas du tout, 5: Tout à fait, 9: Ne sait pas}
          missing: [9]
        trust2:
          categories: {1: Pas du tout, 5: Tout à fait}

      """
    let codebook = try Codebook(yaml: yaml, file: "c.yaml")
    #expect(codebook.answerRange(of: ["trust1", "trust2"]) == 1...5)
    #expect(codebook.answerRange(of: ["trust1", "trust3"]) == nil)
  }
}
