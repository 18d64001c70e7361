import Testing

@testable import SurveyMarkdown
@testable import SurveyStatistics

/// How questions become report items: topics, headline answers, shared question stems.
@Suite struct SurveyItemTests {
  @Test func topicsComeFromTheNames() {
    #expect(SurveyTopic.of(variableNamed: "trust_bank") == .trust)
    #expect(SurveyTopic.of(variableNamed: "concern_control") == .concern)
    #expect(SurveyTopic.of(variableNamed: "share_health") == .sharing)
    #expect(SurveyTopic.of(variableNamed: "prot_read_policy") == .behaviour)
    #expect(SurveyTopic.of(variableNamed: "westin_a") == .westin)
    #expect(SurveyTopic.of(variableNamed: "gdpr_heard") == .awareness)
    #expect(SurveyTopic.of(variableNamed: "age_band") == .demographics)
    #expect(SurveyTopic.of(variableNamed: "trusted") == .other)  // a prefix needs its underscore
  }

  func item(_ labels: [String], measurement: MeasurementLevel = .ordinal, missing: [String] = []) -> SurveyItem? {
    let values = labels.indices.map { String($0 + 1) }
    let variable = Variable(
      name: "q", values: .categorical(CategoricalValues(values)), measurement: measurement
    ).markingMissing(missing)
    let codebook = Codebook(variables: [.init(
      name: "q", measurement: measurement,
      categories: zip(values, labels).map { Codebook.Category(value: $0, label: $1) }, missingCodes: missing)])
    return SurveyItem.item(for: variable, codebook: codebook)
  }

  @Test func scalesCountTheirUpperEnd() {
    #expect(item(["Pas du tout inquiet", "Plutôt pas", "Ni l'un ni l'autre", "Plutôt inquiet", "Très inquiet"])?.headlineValues == ["4", "5"])
    #expect(item(["Tout à fait d'accord", "Plutôt d'accord", "Plutôt pas d'accord", "Pas du tout d'accord"])?.headlineValues == ["1", "2"])
    #expect(item(["Toujours", "Souvent", "Rarement", "Jamais"])?.headlineValues == ["1", "2"])
    #expect(item(["Aucun", "Partiel", "Total"])?.headlineValues == ["3"])
    // A "don't know" answer at the end is not part of the box; a missing code is not an answer.
    #expect(item(["Pas du tout", "Plutôt pas", "Plutôt", "Tout à fait", "Ne sait pas"])?.headlineValues == ["3", "4"])
    #expect(item(["Pas du tout", "Plutôt pas", "Plutôt", "Tout à fait", "Refus"], missing: ["5"])?.categories.count == 4)
  }

  @Test func yesNoQuestionsCountYes() {
    #expect(item(["Non", "Oui"], measurement: .binary)?.headlineValues == ["2"])
    #expect(item(["Oui", "Non", "Ne sait pas"], measurement: .categorical)?.headlineValues == ["1"])
    #expect(item(["Rouge", "Vert", "Bleu"], measurement: .categorical)?.headlineValues == [])
  }

  @Test func sharedQuestionStems() {
    func named(_ name: String, _ label: String) -> SurveyItem {
      SurveyItem(name: name, label: label, topic: .trust, measurement: .ordinal, categories: [], headlineValues: ["1"])
    }
    let (stem, labels) = SurveyItem.sharedStem(of: [named("a", "Trust? — Banks"), named("b", "Trust? — Shops")])
    #expect(stem == "Trust?")
    #expect(labels == ["a": "Banks", "b": "Shops"])
    let (none, full) = SurveyItem.sharedStem(of: [named("a", "Trust? — Banks"), named("b", "Other? — Shops")])
    #expect(none == nil)
    #expect(full == ["a": "Trust? — Banks", "b": "Other? — Shops"])
    let (words, parts) = SurveyItem.sharedStem(of: [
      named("a", "In the last 12 months, did you read a policy?"), named("b", "In the last 12 months, did you use a VPN?"),
    ])
    #expect(words == "In the last 12 months, did you …")
    #expect(parts == ["a": "… read a policy?", "b": "… use a VPN?"])
    #expect(SurveyItem.sharedStem(of: [named("a", "Do you read?"), named("b", "Do you write?")]).stem == nil)
  }
}
