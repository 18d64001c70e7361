internal import Foundation
package import SurveyStatistics

extension Codebook {
  /// A draft of what a file's value labels and question texts say, for `confiance codebook` to
  /// write out and a researcher to check: the codes whose labels mean "don't know", a refusal or a
  /// question not asked, and an obvious role of each question.
  ///
  /// - A labelled code no list declares yet becomes a `dont_know` code when its label says "don't
  ///   know" ("DK", "Don't know", "Ne sait pas", "NSP", "DK/NA"), a `refused` code when it says
  ///   the respondent gave no answer ("Refusal", "Refused", "Refus", "No answer", "NA", GSS's
  ///   convention), and a `not_applicable` code when the respondent was routed past the question
  ///   ("Inap.", "IAP", "Not applicable", "N/A", "Non concerné", "Sans objet"). Labels are
  ///   compared without case, a trailing full stop or a parenthesis ("Refusal (SPONTANEOUS)").
  /// - A code the file declares missing (an SPSS user-missing value) stays out of the base: it
  ///   moves to `refused` or `not_applicable` when its label says so, and stays `missing` when it
  ///   says "don't know" (the file's author chose to leave it out; edit the draft to count it).
  /// - A question without a role gets one when its text names it plainly (see
  ///   ``draftedRole(label:name:)``); the names of those variables are returned so that the YAML
  ///   can mark the guess as a draft. A numeric (or untyped) variable with two or more labelled
  ///   answers becomes `type: categorical`, and a trust, concern or sharing question whose three or
  ///   more numeric answers are labelled `type: ordinal`.
  ///
  /// - Returns: The drafted codebook, and the variables whose role was guessed.
  package func draftingAnswerCodes() -> (codebook: Codebook, guessedRoles: Set<String>) {
    var drafted = self
    var guessed = Set<String>()
    for index in drafted.variables.indices {
      var entry = drafted.variables[index]
      for category in entry.categories {
        guard let kind = Self.nonAnswerKind(ofLabel: category.label) else { continue }
        let declared = entry.dontKnowCodes + entry.refusedCodes + entry.notApplicableCodes
        if declared.contains(category.value) { continue }
        let wasMissing = entry.missingCodes.contains(category.value)
        if wasMissing && kind == .dontKnow { continue }
        entry.missingCodes.removeAll { $0 == category.value }
        switch kind {
        case .dontKnow: entry.dontKnowCodes.append(category.value)
        case .refused: entry.refusedCodes.append(category.value)
        case .notApplicable: entry.notApplicableCodes.append(category.value)
        }
      }
      // A number with two or more labelled answers is a question, not a measurement (SPSS files
      // often mark every numeric variable "scale").
      let labelledAnswers = entry.categories.filter { !(entry.codesOutOfBase + entry.dontKnowCodes).contains($0.value) }
      if entry.measurement == .numeric || entry.measurement == nil, labelledAnswers.count >= 2 {
        entry.measurement = .categorical
      }
      if entry.role == nil, entry.measurement != .identifier, let label = entry.label,
        let role = Self.draftedRole(label: label, name: entry.name)
      {
        entry.role = role
        guessed.insert(entry.name)
        // A trust, concern or sharing question answered on a labelled scale of three or more
        // answers is ordinal, so that its headline is the top of the scale.
        let answers = entry.categories.filter { !(entry.codesOutOfBase + entry.dontKnowCodes).contains($0.value) }
        if [.trust, .concern, .sharing].contains(role), entry.measurement != .ordinal, answers.count >= 3,
          answers.allSatisfy({ Double($0.value) != nil })
        {
          entry.measurement = .ordinal
        }
      }
      drafted.variables[index] = entry
    }
    return (drafted, guessed)
  }

  /// The kinds of non-answer a value label can name.
  enum NonAnswerKind { case dontKnow, refused, notApplicable }

  /// What a value label says, when it says the value is not an answer.
  static func nonAnswerKind(ofLabel label: String) -> NonAnswerKind? {
    var text = label.lowercased()
    // "Refusal (SPONTANEOUS)" → "refusal"; "Inap." → "inap".
    if let parenthesis = text.firstIndex(of: "(") { text = String(text[..<parenthesis]) }
    text = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".:-–*")))
    text = text.replacingOccurrences(of: "’", with: "'")
    let dontKnow: Set<String> = [
      "dk", "don't know", "dont know", "do not know", "ne sait pas", "nsp", "dk/na", "dk/no answer",
      "don't know/no answer", "ne sait pas/sans réponse", "nsp/nrp", "sans opinion", "no opinion", "weiß nicht",
    ]
    let refused: Set<String> = [
      "refusal", "refused", "refus", "refus de répondre", "refuse", "no answer", "na", "sans réponse", "nrp",
      "keine angabe", "not answered",
    ]
    let notApplicable: Set<String> = [
      "inap", "iap", "inapplicable", "not applicable", "n/a", "non concerné", "non concernée", "sans objet",
      "not asked", "trifft nicht zu",
    ]
    if dontKnow.contains(text) || text.hasPrefix("don't know") || text.hasPrefix("ne sait pas") { return .dontKnow }
    if refused.contains(text) || text.hasPrefix("refus") { return .refused }
    if notApplicable.contains(text) || text.hasPrefix("inap") || text.hasPrefix("not applicable") { return .notApplicable }
    return nil
  }

  /// An obvious role from a question's text and name, or `nil` when none is plain: the first of
  /// demographics (age, sex, gender, country, region, education… in a text of at most six words), awareness (GDPR, "heard of"),
  /// protective behaviour (privacy settings, "protect"), trust, concern ("concerned", "worried")
  /// and sharing ("share", "willing to give") whose words the text holds, in English or French.
  static func draftedRole(label: String, name: String) -> QuestionRole? {
    let text = " " + label.lowercased().replacingOccurrences(of: "’", with: "'") + " "
    let words = Set(text.split { !$0.isLetter }.map(String.init))
    let rules: [(QuestionRole, words: [String], phrases: [String])] = [
      (.demographics,
       ["age", "âge", "sex", "sexe", "gender", "genre", "country", "pays", "region", "région", "education",
        "éducation", "diplôme", "occupation", "profession", "nationality", "nationalité", "income", "revenu",
        "marital"],
       ["how old", "year of birth", "année de naissance", "household size", "taille du ménage", "type of community"]),
      (.awareness, ["gdpr", "rgpd", "cnil"], ["heard of", "entendu parler", "aware of", "data protection authority"]),
      (.trust, ["trust", "confiance"], []),
      (.concern, ["concerned", "worried", "concern", "préoccupé", "préoccupée", "inquiet", "inquiète"], []),
      (.behaviour, [],
       ["privacy settings", "paramètres de confidentialité", "to protect", "pour protéger", "have you ever changed",
        "avez-vous déjà modifié", "have you tried", "avez-vous essayé"]),
      (.sharing, [], ["willing to share", "willing to give", "prêt à partager", "prête à partager", "prêt à communiquer"]),
    ]
    for (role, roleWords, phrases) in rules {
      // A demographic word in a long question ("… in your country?") is not a demographic question.
      if role == .demographics && words.count > 6 { continue }
      if roleWords.contains(where: words.contains) || phrases.contains(where: text.contains) { return role }
    }
    return nil
  }
}
