import Testing

@testable import SurveyStatistics

/// Paradox definitions: who is concerned, who acts, who is left out, and the messages a researcher
/// sees when a definition cannot work.
@Suite struct ParadoxDefinitionTests {
  func survey() throws -> Survey {
    try Survey(variables: [
      Variable(name: "concern", numbers: [5, 4, 2, nil, 1, 5]),
      Variable(name: "settings", categories: ["1", "2", "1", "1", nil, "2"]),
      Variable(name: "vpn", categories: ["yes", "no", "no", "yes", "no", "yes"]),
    ])
  }

  @Test func cellsCodeConcernAndActionAndMaskIncompleteRespondents() throws {
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concern", values: ["4", "5"]),
      actions: [Indicator(variable: "settings", values: ["1"]), Indicator(variable: "vpn", values: ["yes"])])
    // 2·C + A; respondent 4 has no concern answer, respondent 5 no settings answer.
    #expect(try definition.cells(in: survey()) == [3, 2, 1, -1, -1, 3])
    var both = definition
    both.minimumActions = 2
    #expect(try both.cells(in: survey()) == [3, 2, 0, -1, -1, 2])
  }

  @Test func numbersMatchWhateverTheirSpelling() throws {
    let survey = try Survey(variables: [Variable(name: "q", categories: ["04", "4.0", "3", " 4"])])
    #expect(try Indicator(variable: "q", values: ["4"]).codes(in: survey, role: "concern item") == [1, 1, 0, 1])
  }

  @Test func descriptionsSayWhoIsActing() {
    let a = Indicator(variable: "a", values: ["1"]), b = Indicator(variable: "b", values: ["1", "2"])
    let c = Indicator(variable: "c", values: ["yes"])
    let concern = Indicator(variable: "concern", values: ["4", "5"])
    #expect(concern.description == "concern in {4,5}")
    #expect(ParadoxDefinition(concern: concern, actions: [a]).actingDescription == "a in {1}")
    #expect(ParadoxDefinition(concern: concern, actions: [a, b]).actingDescription == "a in {1} or b in {1,2}")
    #expect(ParadoxDefinition(concern: concern, actions: [a, b], minimumActions: 2).actingDescription
      == "a in {1} and b in {1,2}")
    #expect(ParadoxDefinition(concern: concern, actions: [a, b, c], minimumActions: 2).actingDescription
      == "at least 2 of: a in {1}, b in {1,2}, c in {yes}")
  }

  @Test func aValueNobodyHasIsReportedWithTheValuesPresent() throws {
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concern", values: ["4", "5"]), actions: [Indicator(variable: "vpn", values: ["1"])])
    let error = ParadoxError.valuesNeverObserved(
      indicator: Indicator(variable: "vpn", values: ["1"]), role: "action item", observed: ["no", "yes"])
    #expect(throws: error) { try definition.cells(in: survey()) }
    #expect(error.description == "no respondent has vpn in {1} (the action item), so that indicator is 0 for everybody. "
      + "The values present in 'vpn' are: no, yes. Write the values as they appear in the file, e.g. vpn=no.")
  }

  @Test func minimumActionsMustBeBetweenOneAndTheNumberOfActions() throws {
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concern", values: ["5"]), actions: [Indicator(variable: "vpn", values: ["yes"])],
      minimumActions: 2)
    #expect(throws: ParadoxError.invalidMinimumActions(minimum: 2, actionCount: 1)) { try definition.cells(in: survey()) }
    #expect(ParadoxError.invalidMinimumActions(minimum: 2, actionCount: 1).description
      == "acting cannot need at least 2 of 1 action item: the minimum number of actions must be between 1 "
      + "(any of them, the default) and 1 (all of them).")
    let none = ParadoxDefinition(concern: Indicator(variable: "concern", values: ["5"]), actions: [])
    #expect(throws: ParadoxError.noActions) { try none.cells(in: survey()) }
  }

  @Test func anUnknownVariableSuggestsTheClosestName() throws {
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concen", values: ["5"]), actions: [Indicator(variable: "vpn", values: ["yes"])])
    #expect { try definition.cells(in: survey()) } throws: { error in
      String(describing: error).contains("Did you mean 'concern'?")
    }
  }

  @Test func noCompleteRespondentIsAnError() throws {
    let survey = try Survey(variables: [
      Variable(name: "concern", numbers: [5, nil]), Variable(name: "vpn", categories: [nil, "yes"]),
    ])
    let definition = ParadoxDefinition(
      concern: Indicator(variable: "concern", values: ["5"]), actions: [Indicator(variable: "vpn", values: ["yes"])])
    #expect(throws: ParadoxError.noCompleteRespondents(definition: definition)) {
      try SurveyDesign(survey).paradox(definition)
    }
  }
}
