import Testing

@testable import SurveyIO
@testable import SurveyStatistics

/// The codebook's texts per language, "don't know" codes and survey metadata.
@Suite struct CodebookLanguagesTests {
  static let yaml = """
    title: {fr: "Baromètre 2025", en: "Barometer 2025"}
    organisation: Institut X
    population:
      en: "Adults aged 18 and over"
      fr: "Adultes de 18 ans et plus"
    frame: "Annuaire"
    mode: {en: Telephone, fr: Téléphone}
    fieldwork: {start: 2025-03-03, end: 2025-03-21}
    targets:
      sex*age_band: {source: {fr: "INSEE, RP2018", en: "INSEE, 2018 census"}, year: 2018}
      region: "INSEE, populations légales"
    variables:
      sex:
        label: {fr: Sexe, en: Sex}
        categories:
          F: {fr: Femme, en: Female}
          M: Homme
      concern:
        label: "Êtes-vous inquiet ?"
        short_label: {fr: "Inquiet", en: "Worried"}
        type: ordinal
        categories:
          1: "Pas du tout"
          2: "Très"
          8: {fr: "Ne sait pas", en: "Don't know"}
          9: "Refus"
        missing: [9]
        dont_know: [8]
    """

  @Test func surveyMetadataAreRead() throws {
    let metadata = try Codebook(yaml: Self.yaml).metadata
    #expect(metadata.title == LocalizedText(translations: ["fr": "Baromètre 2025", "en": "Barometer 2025"], defaultText: "Baromètre 2025"))
    #expect(metadata.organisation == LocalizedText("Institut X"))
    #expect(metadata.population?.text(in: "fr") == "Adultes de 18 ans et plus")
    #expect(metadata.population?.text(in: "de") == "Adults aged 18 and over")  // the first written
    #expect(metadata.frame?.text(in: "en") == "Annuaire")
    #expect(metadata.mode?.text(in: "en") == "Telephone")
    #expect(metadata.fieldworkStart == "2025-03-03" && metadata.fieldworkEnd == "2025-03-21")
    #expect(metadata.targets == [
      .init(margin: "sex*age_band", source: LocalizedText(translations: ["fr": "INSEE, RP2018", "en": "INSEE, 2018 census"], defaultText: "INSEE, RP2018"), year: "2018"),
      .init(margin: "region", source: LocalizedText("INSEE, populations légales")),
    ])
    #expect(try Codebook(yaml: "fieldwork: 2025-03-03\n").metadata.fieldworkEnd == "2025-03-03")
    #expect(try Codebook(yaml: "variables:\n").metadata.isEmpty)
  }

  @Test func labelsPerLanguageKeepTheFirstAsDefault() throws {
    let codebook = try Codebook(yaml: Self.yaml)
    let sex = try #require(codebook.entry(named: "sex"))
    #expect(sex.label == "Sexe")
    #expect(sex.labelTranslations == ["fr": "Sexe", "en": "Sex"])
    #expect(sex.categories.map(\.label) == ["Femme", "Homme"])
    let english = codebook.localized(to: "en")
    #expect(english.entry(named: "sex")?.label == "Sex")
    #expect(english.entry(named: "sex")?.categories.map(\.label) == ["Female", "Homme"])
    #expect(english.entry(named: "concern")?.label == "Êtes-vous inquiet ?")
    #expect(english.entry(named: "concern")?.shortLabel?.defaultText == "Worried")
    #expect(english.entry(named: "concern")?.categories.map(\.label) == ["Pas du tout", "Très", "Don't know", "Refus"])
    #expect(codebook.localized(to: "fr").entry(named: "concern")?.shortLabel?.defaultText == "Inquiet")
  }

  @Test func dontKnowCodesAreAnswersNotMissing() throws {
    let codebook = try Codebook(yaml: Self.yaml)
    let concern = try #require(codebook.entry(named: "concern"))
    #expect(concern.dontKnowCodes == ["8"])
    #expect(concern.missingCodes == ["9"])
    let survey = try Survey(variables: [
      Variable(name: "sex", categories: ["F", "M", "F", "M"]),
      Variable(name: "concern", categories: ["1", "8", "9", "2"]),
    ]).applying(codebook)
    let values = try survey.variable(named: "concern").categorical
    // 9 is missing; 8 stays an answer with its label.
    #expect(values.codes.filter { $0 < 0 }.count == 1)
    #expect(try survey.variable(named: "concern").label(ofCategory: "8") == "Ne sait pas")
  }

  @Test func textsPerLanguageAndDontKnowCodesAreWrittenBack() throws {
    let codebook = try Codebook(yaml: Self.yaml)
    let written = codebook.yaml()
    #expect(written.contains("dont_know: [8]"))
    #expect(written.contains("label: {fr: Sexe, en: Sex}"))
    let reread = try Codebook(yaml: written)
    #expect(reread.variables == codebook.variables)
  }

  @Test func aWrongKeyInTargetsIsNamed() {
    let error = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "targets:\n  region: {sources: INSEE}\n", file: "c.yaml")
    }
    #expect(error?.description.contains("unknown key 'sources' in margin 'region' of 'targets'. Did you mean 'source'?") == true)
  }
}

/// The codebook's `paradox:` block.
@Suite struct CodebookParadoxTests {
  @Test func theParadoxBlockDefinesConcernActionsAndThreshold() throws {
    let codebook = try Codebook(yaml: """
      paradox:
        concern: {concern: [4, 5]}
        actions: {prot_a: [1], prot_b: [1, yes], prot_c: 1}
        threshold: 2
      """)
    #expect(codebook.paradox == ParadoxDefinition(
      concern: Indicator(variable: "concern", values: ["4", "5"]),
      actions: [
        Indicator(variable: "prot_a", values: ["1"]), Indicator(variable: "prot_b", values: ["1", "yes"]),
        Indicator(variable: "prot_c", values: ["1"]),
      ],
      minimumActions: 2))
    #expect(try Codebook(yaml: "paradox:\n  concern: {c: [1]}\n  actions: {a: [1]}\n").paradox?.minimumActions == 1)
  }

  @Test func aThresholdAboveTheActionsIsRefused() {
    let error = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "paradox:\n  concern: {c: [1]}\n  actions: {a: [1]}\n  threshold: 3\n", file: "c.yaml")
    }
    #expect(error?.description.contains("'threshold' in 'paradox' should be a number of actions from 1 to 1") == true, "\(String(describing: error))")
    #expect(throws: CodebookError.self) { try Codebook(yaml: "paradox:\n  actions: {a: [1]}\n") }
  }
}
