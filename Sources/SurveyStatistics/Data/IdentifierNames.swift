/// Recognises columns that identify respondents by their name (`respondent_id`, `email`,
/// `phone`), so that their values are never printed even when no codebook declares them.
///
/// A name is cut into words at every character that is not a letter or digit, and where a
/// lower-case letter is followed by a capital (`respondentId` → `respondent`, `id`). It looks
/// like an identifier when one of its words is in ``words``.
///
/// ```swift
/// IdentifierNames.looksLikeIdentifier("respondent_id")  // true
/// IdentifierNames.looksLikeIdentifier("paid")           // false: no word "id"
/// ```
package enum IdentifierNames {
  /// The words that mark an identifier or contact detail (English and French).
  package static let words: Set<String> = [
    "id", "identifier", "identifiant", "uuid", "guid", "email", "mail", "courriel", "phone", "telephone",
    "téléphone", "tel", "tél", "mobile", "ip", "name", "firstname", "lastname", "surname", "fullname", "nom",
    "prenom", "prénom", "address", "adresse",
  ]

  /// Whether the column name `name` looks like that of an identifier.
  package static func looksLikeIdentifier(_ name: String) -> Bool {
    words(of: name).contains { Self.words.contains($0) }
  }

  /// The lower-cased words of a name.
  static func words(of name: String) -> [String] {
    var words: [String] = []
    var current = ""
    var previousIsLower = false
    for character in name {
      guard character.isLetter || character.isNumber else {
        if !current.isEmpty { words.append(current.lowercased()) }
        current = ""
        previousIsLower = false
        continue
      }
      if character.isUppercase, previousIsLower, !current.isEmpty {
        words.append(current.lowercased())
        current = ""
      }
      current.append(character)
      previousIsLower = character.isLowercase
    }
    if !current.isEmpty { words.append(current.lowercased()) }
    return words
  }
}
