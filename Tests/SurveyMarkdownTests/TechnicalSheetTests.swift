import Testing

@testable import SurveyMarkdown
@testable import SurveyStatistics

/// The report's technical sheet and its language: the codebook's survey metadata, the labels in
/// the report's language, the margin of error of a 50% share.
@Suite struct TechnicalSheetTests {
  /// 100 respondents, 50 with weight 1 and 50 with weight 3 (Kish's deff = 100·500/200² = 1.25),
  /// half women; a concern question answered 1, 2 or "don't know" (8).
  static func report(_ language: ReportLanguage) throws -> String {
    let count = 100
    let survey = try Survey(variables: [
      Variable(name: "w", numbers: (0..<count).map { $0 < 50 ? 1 : 3 }),
      Variable(name: "sex", categories: (0..<count).map { $0 % 2 == 0 ? "F" : "M" }),
      Variable(name: "concern", values: .categorical(CategoricalValues((0..<count).map { ["1", "2", "2", "8"][$0 % 4] })),
               measurement: .ordinal),
    ])
    var codebook = Codebook(variables: [
      .init(name: "sex", label: "Sexe", categories: [.init(value: "F", label: "Femme"), .init(value: "M", label: "Homme")]),
      .init(name: "concern", label: "Êtes-vous inquiet ?", measurement: .ordinal,
            categories: [.init(value: "1", label: "Pas inquiet"), .init(value: "2", label: "Inquiet"),
                         .init(value: "8", label: "Ne sait pas")]),
    ])
    codebook.variables[0].labelTranslations = ["fr": "Sexe", "en": "Sex"]
    codebook.variables[0].categories[0].labelTranslations = ["fr": "Femme", "en": "Female"]
    codebook.variables[0].categories[1].labelTranslations = ["fr": "Homme", "en": "Male"]
    codebook.variables[1].labelTranslations = ["fr": "Êtes-vous inquiet ?", "en": "Are you worried?"]
    codebook.variables[1].dontKnowCodes = ["8"]
    codebook.metadata = Codebook.Metadata(
      title: LocalizedText(translations: ["fr": "Baromètre", "en": "Barometer"], defaultText: "Baromètre"),
      organisation: LocalizedText("Institut X"),
      population: LocalizedText(translations: ["fr": "Adultes", "en": "Adults"], defaultText: "Adultes"),
      mode: LocalizedText(translations: ["fr": "Téléphone", "en": "Telephone"], defaultText: "Téléphone"),
      fieldworkStart: "2025-03-03", fieldworkEnd: "2025-03-21")
    let report = try Report(
      survey: survey.applying(codebook), declaration: DesignDeclaration(weights: "w"), codebook: codebook,
      options: SurveyReportOptions(language: language, provenance: ReportProvenance(
        software: "confiance 9.9", command: "confiance report s.csv --force")))
    return report.render()
  }

  @Test func theEnglishReportIsInEnglish() throws {
    let text = try Self.report(.english)
    #expect(text.hasPrefix("# Barometer\n"))
    #expect(text.contains("## Technical sheet"))
    #expect(text.contains("| Organisation | Institut X |"))
    #expect(text.contains("| Population | Adults |"))
    #expect(text.contains("| Mode of interview | Telephone |"))
    #expect(text.contains("| Fieldwork | 3–21 March 2025 |"))
    #expect(text.contains("| Software | confiance 9.9 |"))
    #expect(text.contains("confiance report s.csv --force"))
    #expect(text.contains("| Sex | Female |"))
    #expect(text.contains("Are you worried?"))
    #expect(!text.contains("Sexe") && !text.contains("Femme"))
  }

  @Test func theFrenchReportIsInFrench() throws {
    let text = try Self.report(.french)
    #expect(text.hasPrefix("# Baromètre\n"))
    #expect(text.contains("## Fiche technique"))
    #expect(text.contains("| Dates de terrain | du 3 au 21 mars 2025 |"))
    #expect(text.contains("| Sexe | Femme |"))
    #expect(text.contains("Êtes-vous inquiet\u{202F}?"))
  }

  /// t·√(deff·0.25/n) with t = qt(0.975, 99) = 1.9842169515 (R), deff = 1.25, n = 100: 11.09 points;
  /// each sex has 25 respondents of each weight: the same deff, n = 50, 15.69 points.
  @Test func theMarginOfErrorIncludesTheDesignEffectOfTheWeights() throws {
    let english = try Self.report(.english)
    #expect(english.contains("±11.1 points for a 50% share, whole sample (95% confidence, design effect 1.25)"))
    #expect(english.contains("| All respondents |  | 100 | 1.25 | ±11.1 |"))
    #expect(english.contains("| Sex | Male | 50 | 1.25 | ±15.7 |"))
    #expect(english.contains("t = 1.98 (Student, 99 design degrees of freedom)"))
    let french = try Self.report(.french)
    let line = french.split(separator: "\n").first { $0.contains("| Marge d'erreur |") }.map(String.init) ?? ""
    #expect(line.contains("±11,1 points pour une proportion de 50"), "\(line)")
  }

  @Test func dontKnowIsAnAnswerButNeverCounted() throws {
    let codebook = Codebook(variables: [.init(
      name: "q", measurement: .ordinal,
      categories: [.init(value: "1", label: "Low"), .init(value: "2", label: "Mid"), .init(value: "3", label: "High"),
                   .init(value: "8", label: "Unsure")])])
    var withDontKnow = codebook
    withDontKnow.variables[0].dontKnowCodes = ["8"]
    let variable = Variable(name: "q", values: .categorical(CategoricalValues(["1", "2", "3", "8"])), measurement: .ordinal)
    // "Unsure" is not recognised by its label: only the dont_know code keeps it out of the box.
    #expect(SurveyItem.item(for: variable, codebook: codebook)?.headlineValues == ["3", "8"])
    #expect(SurveyItem.item(for: variable, codebook: withDontKnow)?.headlineValues == ["3"])
    #expect(SurveyItem.item(for: variable, codebook: withDontKnow)?.categories.map(\.value) == ["1", "2", "3", "8"])
  }

  @Test func fieldworkDatesReadAsWords() {
    #expect(FieldworkDates(start: "2025-02-28", end: "2025-03-01")?.text(.english) == "28 February – 1 March 2025")
    #expect(FieldworkDates(start: "2025-02-28", end: "2025-03-01")?.text(.french) == "du 28 février au 1er mars 2025")
    #expect(FieldworkDates(start: "2024-12-30", end: "2025-01-05")?.text(.english) == "30 December 2024 – 5 January 2025")
    #expect(FieldworkDates(start: "2025-03-03", end: nil)?.text(.french) == "le 3 mars 2025")
    #expect(FieldworkDates(start: "spring 2025", end: nil)?.text(.english) == "spring 2025")
    #expect(FieldworkDates(start: nil, end: nil) == nil)
  }
}
