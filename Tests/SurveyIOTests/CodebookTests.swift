import Foundation
@testable import SurveyIO
import ScratchFolders
import SurveyStatistics
import Testing

@Suite struct CodebookTests {
  static let fullCodebook = """
    # Vague 3, questionnaire « vie privée »
    design:
      weight: poids
      strata: region
      psu: point
      fpc: null            # no finite population correction
      lonely_psu: fail
    variables:
      concern_data_use:
        label: "Êtes-vous inquiet de l'utilisation de vos données par les entreprises ?"
        type: ordinal
        categories:
          1: "Pas du tout inquiet"
          2: "Plutôt pas inquiet"
          3: "Ni l'un ni l'autre"
          4: "Plutôt inquiet"
          5: "Très inquiet"
        missing: [9, 99]
      region:
        type: categorical
        categories:
          "01": Nord
          "02": Sud
          10: Outre-mer
      respondent_id:
        type: identifier
      poids:
      age:
        label: Âge en années révolues
        type: numeric
        missing: -1

    """

  // MARK: - Reading

  @Test func readsAFullCodebookInFileOrder() throws {
    let codebook = try Codebook(yaml: Self.fullCodebook, file: "codebook.yaml")
    let expected = Codebook(
      variables: [
        .init(
          name: "concern_data_use",
          label: "Êtes-vous inquiet de l'utilisation de vos données par les entreprises ?",
          measurement: .ordinal,
          categories: [
            .init(value: "1", label: "Pas du tout inquiet"),
            .init(value: "2", label: "Plutôt pas inquiet"),
            .init(value: "3", label: "Ni l'un ni l'autre"),
            .init(value: "4", label: "Plutôt inquiet"),
            .init(value: "5", label: "Très inquiet"),
          ],
          missingCodes: ["9", "99"]),
        .init(
          name: "region", measurement: .categorical,
          categories: [
            .init(value: "01", label: "Nord"), .init(value: "02", label: "Sud"),
            .init(value: "10", label: "Outre-mer"),
          ]),
        .init(name: "respondent_id", measurement: .identifier),
        .init(name: "poids"),
        .init(name: "age", label: "Âge en années révolues", measurement: .numeric, missingCodes: ["-1"]),
      ],
      design: .init(weights: "poids", strata: "region", clusters: "point", fpc: nil, lonelyPSU: .fail),
      source: "codebook.yaml")
    #expect(codebook == expected)
    #expect(codebook.entry(named: "respondent_id")?.measurement == .identifier)
    #expect(codebook.entry(named: "absent") == nil)
    #expect(codebook.categoryOrder(for: "concern_data_use") == ["1", "2", "3", "4", "5"])
    #expect(codebook.categoryOrder(for: "region") == nil)  // categorical: no declared order
    #expect(codebook.categoryOrder(for: "age") == nil)
  }

  @Test func keepsValuesAsWritten() throws {
    let codebook = try Codebook(
      yaml: """
        variables:
          q1:
            label: 2020
            categories:
              01: zéro-un
              1.0: un virgule zéro
              "null": le mot null
              yes: oui
            missing: [".", NA, 9.0, "-9"]
        """)
    let entry = try #require(codebook.entry(named: "q1"))
    #expect(entry.label == "2020")
    #expect(entry.categories.map(\.value) == ["01", "1.0", "null", "yes"])
    #expect(entry.missingCodes == [".", "NA", "9.0", "-9"])
    #expect(codebook.source == nil)
    #expect(codebook.design == nil)
  }

  @Test func emptyTextIsAnEmptyCodebook() throws {
    #expect(try Codebook(yaml: "# nothing yet\n", file: "c.yaml") == Codebook(source: "c.yaml"))
    #expect(try Codebook(yaml: "variables:\ndesign:\n") == Codebook(variables: [], design: nil))
  }

  @Test func acceptsWindowsLineEndingsAndAByteOrderMark() throws {
    let yaml = "\u{FEFF}variables:\r\n  age:\r\n    type: numeric\r\n    lable: Âge\r\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "c.yaml") }
    #expect(error?.description.hasPrefix("c.yaml:4:5: unknown key 'lable' in variable 'age'.") == true)
    let codebook = try Codebook(yaml: "\u{FEFF}variables:\r\n  age:\r\n    type: numeric\r\n")
    #expect(codebook.variables == [.init(name: "age", measurement: .numeric)])
  }

  @Test func tabIndentationIsASyntaxError() {
    let error = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "variables:\r\n  age:\r\n\ttype: numeric\r\n", file: "c.yaml")
    }
    #expect(
      error
        == .invalidYAML(
          problem: "found character that cannot start any token (while scanning for the next token on line 3); "
            + "this line is indented with a tab, but YAML allows only spaces there",
          location: .init(file: "c.yaml", line: 3, column: 1)))
  }

  @Test func readsAFile() throws {
    let path = try ScratchFolder.make("codebook").appendingPathComponent("confiance-codebook.yaml").path
    try Self.fullCodebook.write(toFile: path, atomically: true, encoding: .utf8)
    let codebook = try Codebook(contentsOfFile: path)
    #expect(codebook == (try Codebook(yaml: Self.fullCodebook, file: path)))
    #expect(codebook.source == path)
  }

  @Test func missingFileIsReported() {
    let error = #expect(throws: CodebookError.self) {
      try Codebook(contentsOfFile: "/nonexistent/codebook.yaml")
    }
    #expect(
      error == .unreadableFile(path: "/nonexistent/codebook.yaml", reason: "there is no such file; check the path"))
    #expect(
      error?.description
        == "/nonexistent/codebook.yaml: cannot read the codebook: there is no such file; check the path.")
  }

  // MARK: - Errors

  @Test func unknownVariableKeyNamesLineAndSuggestsTheKey() {
    let yaml = """
      variables:
        concern:
          type: ordinal
          lable: "Inquiet ?"
      """
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error
        == .unknownKey(
          key: "lable", place: "in variable 'concern'", allowed: ["label", "type", "role", "categories", "missing", "dont_know", "refused", "not_applicable", "short_label"],
          suggestion: "label", location: .init(file: "codebook.yaml", line: 4, column: 5)))
    #expect(
      error?.description
        == "codebook.yaml:4:5: unknown key 'lable' in variable 'concern'. Did you mean 'label'? "
        + "The keys allowed there are: label, type, role, categories, missing, dont_know, refused, not_applicable, short_label.")
  }

  @Test func unknownDesignKeySuggestsTheKey() {
    let yaml = "design:\n  weights: poids\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "c.yaml") }
    #expect(
      error?.description
        == "c.yaml:2:3: unknown key 'weights' in 'design'. Did you mean 'weight'? "
        + "The keys allowed there are: weight, strata, psu, fpc, lonely_psu, replicate_weights, replicate_type, "
        + "replicates, replicate_count, seed, fay_rho, replicate_scale, replicate_rscales, mse.")
  }

  @Test func unknownTopLevelKeyWithoutCloseMatch() {
    let yaml = "variables:\n  age:\n    type: numeric\nconcern:\n  type: ordinal\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml) }
    #expect(
      error?.description
        == "codebook line 4, column 1: unknown key 'concern' at the top level of the codebook. "
        + "The keys allowed there are: design, variables, derived, synthetic, title, organisation, population, frame, mode, fieldwork, targets, paradox.")
  }

  @Test func syntheticDataAreDeclaredAtTheTopLevel() throws {
    #expect(try Codebook(yaml: "synthetic: true\nvariables:\n  q: {}\n").synthetic)
    #expect(try !Codebook(yaml: "synthetic: false\n").synthetic)
    #expect(try !Codebook(yaml: "variables:\n  q: {}\n").synthetic)
    let written = try Codebook(yaml: "synthetic: true\nvariables:\n  q:\n    label: Q\n").yaml()
    #expect(written.hasSuffix("synthetic: true\n"))
    #expect(try Codebook(yaml: written).synthetic)
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: "synthetic: yes please\n", file: "c.yaml") }
    #expect(
      error?.description
        == "c.yaml:1:12: 'yes please' is not a valid synthetic at the top level of the codebook. Use one of: true, false.")
  }

  @Test func badTypeListsTheAllowedValues() {
    let yaml = "variables:\n  concern:\n    type: ordinl\n  age:\n    type: likert\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error
        == .invalidChoice(
          key: "type", value: "ordinl", place: "in variable 'concern'",
          allowed: ["categorical", "ordinal", "binary", "numeric", "identifier"], suggestion: "ordinal",
          location: .init(file: "codebook.yaml", line: 3, column: 11)))
    #expect(
      error?.description
        == "codebook.yaml:3:11: 'ordinl' is not a valid type in variable 'concern'. Did you mean 'ordinal'? "
        + "Use one of: categorical, ordinal, binary, numeric, identifier.")

    let second = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "variables:\n  age:\n    type: likert\n", file: "codebook.yaml")
    }
    #expect(
      second?.description
        == "codebook.yaml:3:11: 'likert' is not a valid type in variable 'age'. "
        + "Use one of: categorical, ordinal, binary, numeric, identifier.")
  }

  @Test func badLonelyPSUListsThePolicies() {
    let yaml = "design:\n  weight: poids\n  lonely_psu: skip\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error
        == .invalidChoice(
          key: "lonely_psu", value: "skip", place: "in 'design'",
          allowed: ["fail", "remove", "certainty", "adjust", "average"], suggestion: nil,
          location: .init(file: "codebook.yaml", line: 3, column: 15)))
    #expect(
      error?.description
        == "codebook.yaml:3:15: 'skip' is not a valid lonely_psu in 'design'. "
        + "Use one of: fail, remove, certainty, adjust, average.")
  }

  @Test func syntaxErrorGivesLineAndTheParsersMessage() {
    let yaml = """
      variables:
        concern:
          label: "Inquiet ?
          type: ordinal
      """
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error
        == .invalidYAML(
          problem: "found unexpected end of stream (while scanning a quoted scalar on line 3)",
          location: .init(file: "codebook.yaml", line: 4, column: 18)))
    #expect(
      error?.description
        == "codebook.yaml:4:18: the codebook is not valid YAML: found unexpected end of stream "
        + "(while scanning a quoted scalar on line 3). Check the indentation and the colons on this line "
        + "and the one before, and put texts that contain ': ' or start with a special character in quotes.")
  }

  @Test func badIndentationIsASyntaxError() {
    let yaml = "variables:\n  concern:\n    type: ordinal\n   label: Inquiet\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error
        == .invalidYAML(
          problem: "did not find expected key (while parsing a block mapping on line 2)",
          location: .init(file: "codebook.yaml", line: 4, column: 4)))
  }

  @Test func repeatedKeyIsReported() {
    let yaml = "variables:\n  concern:\n    label: Inquiet\n    label: Inquiète\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(error == .duplicateKey(key: "label", location: .init(file: "codebook.yaml", line: 3, column: 5)))
    #expect(
      error?.description
        == "codebook.yaml:3:5: the key 'label' is written more than once in the same block. Keep only one of them.")
  }

  @Test func repeatedCategoryIsReported() {
    let yaml = "variables:\n  concern:\n    categories:\n      1: Pas du tout\n      \"1\": Un\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error?.description
        == "codebook.yaml:5:7: variable 'concern' lists the category '1' twice (first on line 4). "
        + "Keep only one of them.")
  }

  @Test func categoriesWrittenAsAListAreRejected() {
    let yaml = "variables:\n  concern:\n    categories:\n      - Pas du tout\n      - Très\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error?.description
        == "codebook.yaml:4:7: the categories of variable 'concern' should be a mapping from values to labels, "
        + "one 'value: label' per line, but it is a list.")
  }

  @Test func categoryWithoutLabelIsRejected() {
    let yaml = "variables:\n  concern:\n    categories:\n      1:\n      2: Très\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error?.description
        == "codebook.yaml:4:9: the label of category '1' of variable 'concern' should be a text, but it is empty.")
  }

  @Test func labelWrittenAsAListIsRejected() {
    let yaml = "variables:\n  concern:\n    label: [Inquiet, Inquiète]\n"
    let error = #expect(throws: CodebookError.self) { try Codebook(yaml: yaml, file: "codebook.yaml") }
    #expect(
      error?.description == "codebook.yaml:3:12: the label of variable 'concern' should be a text, or one text per language such as {en: \"Sex\", fr: \"Sexe\"}, but it is a list.")
  }

  @Test func suggestionsCountASwapAsOneEdit() {
    #expect(closestName(to: "lable", among: ["label", "type"]) == "label")
    #expect(closestName(to: "lonley_psu", among: ["weight", "lonely_psu"]) == "lonely_psu")
    #expect(closestName(to: "Ordinal", among: ["categorical", "ordinal"]) == "ordinal")
    #expect(closestName(to: "questions", among: ["design", "variables"]) == nil)
  }

  // MARK: - Applying to a survey

  static func survey() throws -> Survey {
    try Survey(
      variables: [
        Variable(name: "concern_data_use", categories: ["4", "9", "1", "5", nil, "99", "2"]),
        Variable(name: "age", numbers: [34, -1, 51, 27, 60, 45, -1]),
        Variable(name: "respondent_id", categories: ["a1", "a2", "a3", "a4", "a5", "a6", "a7"]),
        Variable(name: "poids", numbers: [1.5, 2, 0.5, 1, 1, 3, 2]),
        Variable(name: "region", categories: ["01", "02", "01", "10", "02", "01", "10"]),
      ], origin: DataOrigin(file: "responses.csv"))
  }

  @Test func applyingSetsLabelsTypesCategoriesAndMissingCodes() throws {
    let codebook = try Codebook(yaml: Self.fullCodebook, file: "codebook.yaml")
    let survey = try Self.survey().applying(codebook)

    let concern = try survey.variable(named: "concern_data_use")
    #expect(concern.label == "Êtes-vous inquiet de l'utilisation de vos données par les entreprises ?")
    #expect(concern.measurement == .ordinal)
    #expect(
      concern.categoryLabels == [
        "1": "Pas du tout inquiet", "2": "Plutôt pas inquiet", "3": "Ni l'un ni l'autre",
        "4": "Plutôt inquiet", "5": "Très inquiet",
      ])
    #expect(concern.label(ofCategory: "5") == "Très inquiet")
    #expect((0..<7).map { concern.categorical.value(at: $0) } == ["4", nil, "1", "5", nil, nil, "2"])
    #expect(concern.missingCount == 3)
    #expect(codebook.categoryOrder(for: concern.name) == ["1", "2", "3", "4", "5"])

    let age = try survey.variable(named: "age")
    #expect(age.label == "Âge en années révolues")
    #expect(age.measurement == .numeric)
    guard case .numeric(let ages) = age.values else {
      Issue.record("age should stay numeric")
      return
    }
    #expect(ages.isMissing == [false, true, false, false, false, false, true])

    #expect(try survey.variable(named: "respondent_id").measurement == .identifier)
    let region = try survey.variable(named: "region")
    #expect(region.measurement == .categorical)
    #expect(region.categoryLabels == ["01": "Nord", "02": "Sud", "10": "Outre-mer"])
    #expect(region.missingCount == 0)

    // Described without any detail: kept as it was.
    let weight = try survey.variable(named: "poids")
    #expect(weight.label == nil)
    #expect(weight.measurement == .numeric)
    #expect(weight.missingCount == 0)
    #expect(survey.variableNames == ["concern_data_use", "age", "respondent_id", "poids", "region"])
  }

  @Test func applyingKeepsWhatTheCodebookLeavesOut() throws {
    let original = try Survey(variables: [
      Variable(
        name: "q1", values: .categorical(CategoricalValues(["1", "2"])), label: "Ancien libellé",
        measurement: .binary, categoryLabels: ["1": "oui", "2": "non"])
    ])
    let survey = try original.applying(Codebook(variables: [.init(name: "q1", missingCodes: ["2"])]))
    let q1 = try survey.variable(named: "q1")
    #expect(q1.label == "Ancien libellé")
    #expect(q1.measurement == .binary)
    #expect(q1.categoryLabels == ["1": "oui", "2": "non"])
    #expect(q1.missingCount == 1)
  }

  @Test func codebookVariableMissingFromTheDataIsReported() throws {
    let codebook = try Codebook(
      yaml: "variables:\n  age:\n    type: numeric\n  concern_data_us:\n    type: ordinal\n", file: "codebook.yaml")
    let survey = try Self.survey()
    let error = #expect(throws: SurveyError.self) { try survey.applying(codebook) }
    #expect(
      error
        == .unknownVariable(
          name: "concern_data_us", role: "codebook variable", suggestion: "concern_data_use",
          available: ["concern_data_use", "age", "respondent_id", "poids", "region"],
          origin: DataOrigin(file: "responses.csv")))
    #expect(
      error?.description
        == "responses.csv: there is no codebook variable column named 'concern_data_us'. "
        + "Did you mean 'concern_data_use'? The columns are: concern_data_use, age, respondent_id, poids, region.")
  }
}
