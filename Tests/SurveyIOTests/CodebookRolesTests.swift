import Foundation
@testable import SurveyIO
import SurveyStatistics
import Testing

/// The codebook's `role:`, `refused` and `not_applicable` keys, and what `confiance codebook`
/// drafts from a file's value labels and question texts.
@Suite struct CodebookRolesTests {
  static let text = """
    variables:
      qb10:
        label: How concerned are you?
        role: concern
        categories: {1: Very, 2: Fairly, 3: Not very, 4: Not at all, 5: DK, 9: Refusal}
        dont_know: [5]
        refused: [9]
      qb11:
        role: behaviour
        categories: {1: "Yes", 2: "No", 9: Inap.}
        not_applicable: [9]

    """

  @Test func rolesAndNonAnswerCodesAreRead() throws {
    let codebook = try Codebook(yaml: Self.text, file: "eb.codebook.yaml")
    let concern = try #require(codebook.entry(named: "qb10"))
    #expect(concern.role == .concern)
    #expect(concern.dontKnowCodes == ["5"])
    #expect(concern.refusedCodes == ["9"])
    #expect(concern.codesOutOfBase == ["9"])
    let action = try #require(codebook.entry(named: "qb11"))
    #expect(action.role == .behaviour)
    #expect(action.notApplicableCodes == ["9"])
    #expect(action.codesOutOfBase == ["9"])
  }

  @Test func theYAMLWrittenReadsBackEqual() throws {
    let codebook = try Codebook(yaml: Self.text, file: nil)
    let written = codebook.yaml()
    #expect(written.contains("    role: concern\n"))
    #expect(written.contains("    refused: [9]\n"))
    #expect(written.contains("    not_applicable: [9]\n"))
    #expect(try Codebook(yaml: written, file: nil) == codebook)
  }

  /// Refused and not-applicable codes are out of the base, as R's NA; "don't know" is in it.
  @Test func refusedAndNotApplicableLeaveTheBase() throws {
    let codebook = try Codebook(yaml: Self.text, file: nil)
    let survey = try Survey(variables: [
      Variable(name: "qb10", categories: ["1", "5", "9", "2"]),
      Variable(name: "qb11", categories: ["1", "9", "2", "2"]),
    ]).applying(codebook)
    let concern = try survey.variable(named: "qb10").categorical
    #expect(concern.codes.map { $0 < 0 } == [false, false, true, false])
    let action = try survey.variable(named: "qb11").categorical
    #expect(action.codes.map { $0 < 0 } == [false, true, false, false])
  }

  @Test func anUnknownRoleIsAnErrorWithASuggestion() throws {
    let error = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "variables:\n  q:\n    role: concerns\n", file: "c.yaml")
    }
    #expect(error?.description == "c.yaml:3:11: 'concerns' is not a valid role in variable 'q'. Did you mean 'concern'? Use one of: trust, concern, sharing, behaviour, awareness, westin, demographics, other.")
  }

  @Test func aCodeOfTwoKindsIsAnError() throws {
    let error = #expect(throws: CodebookError.self) {
      try Codebook(yaml: "variables:\n  q:\n    refused: [8]\n    not_applicable: [9, 8]\n", file: "c.yaml")
    }
    #expect(error?.description.hasPrefix("c.yaml:3:5: variable 'q' declares the code '8' both 'refused' and 'not_applicable'.") == true)
  }

  @Test(arguments: [
    ("DK", "dontKnow"), ("Don't know", "dontKnow"), ("Don’t know (SPONTANEOUS)", "dontKnow"), ("Ne sait pas", "dontKnow"),
    ("NSP", "dontKnow"), ("DK/NA", "dontKnow"), ("Refusal", "refused"), ("Refused", "refused"),
    ("Refusal (SPONTANEOUS)", "refused"), ("No answer", "refused"), ("NA", "refused"), ("Refus de répondre", "refused"),
    ("Inap.", "notApplicable"), ("INAP", "notApplicable"), ("Not applicable", "notApplicable"), ("N/A", "notApplicable"),
    ("Sans objet", "notApplicable"), ("Very concerned", "none"), ("Nation", "none"), ("Dkk", "none"),
  ])
  func valueLabelsAreClassified(label: String, kind: String) {
    let found: String
    switch Codebook.nonAnswerKind(ofLabel: label) {
    case .dontKnow: found = "dontKnow"
    case .refused: found = "refused"
    case .notApplicable: found = "notApplicable"
    case nil: found = "none"
    }
    #expect(found == kind, "\(label)")
  }

  @Test func draftingMovesLabelledCodesAndKeepsTheFileMissingDontKnow() throws {
    var concern = Codebook.Entry(
      name: "qb10", label: "QB10 How concerned are you about your data?",
      categories: [
        .init(value: "1", label: "Very concerned"), .init(value: "2", label: "Fairly concerned"),
        .init(value: "3", label: "Not very concerned"), .init(value: "4", label: "Not at all concerned"),
        .init(value: "5", label: "DK"), .init(value: "8", label: "Ne sait pas"), .init(value: "9", label: "Refusal"),
      ],
      missingCodes: ["8", "9"])
    concern.measurement = .categorical
    let age = Codebook.Entry(name: "d11", label: "D11 Age exact", measurement: .numeric)
    let long = Codebook.Entry(name: "qb2", label: "QB2 Do you use the Internet in your country for banking?")
    let (drafted, guessed) = Codebook(variables: [concern, age, long]).draftingAnswerCodes()
    let entry = try #require(drafted.entry(named: "qb10"))
    #expect(entry.dontKnowCodes == ["5"])
    #expect(entry.missingCodes == ["8"])  // user-missing "don't know": the file's choice is kept
    #expect(entry.refusedCodes == ["9"])
    #expect(entry.role == .concern)
    #expect(entry.measurement == .ordinal)
    #expect(drafted.entry(named: "d11")?.role == .demographics)
    #expect(drafted.entry(named: "qb2")?.role == nil)  // "country" in a long question is not demographics
    #expect(guessed == ["qb10", "d11"])
    let yaml = drafted.yaml(draftedRoles: guessed)
    #expect(yaml.contains("    role: concern  # draft: guessed from the question text; check it\n"))
    #expect(yaml.contains("    role: demographics  # draft: guessed from the question text; check it\n"))
    // The comments are YAML comments: the draft reads back as the drafted codebook.
    #expect(try Codebook(yaml: yaml, file: nil) == drafted)
  }
}
