/// The fixed phrases of reports and charts, in English and French.
enum ReportText {
  static func confidenceInterval(_ language: ReportLanguage) -> String {
    language == .french ? "IC à 95\u{00A0}%" : "95% CI"
  }
  /// "95% CI" / "IC à 95 %" at any level ("90% CI").
  static func confidenceInterval(_ language: ReportLanguage, level: Double) -> String {
    let percent = language.numbers.percent(level, digits: level * 100 == (level * 100).rounded() ? 0 : 1)
    return language == .french ? "IC à \(percent)" : "\(percent) CI"
  }
  static func gap(_ language: ReportLanguage) -> String { language == .french ? "Écart" : "Gap" }
  static func points(_ language: ReportLanguage) -> String { language == .french ? "pts" : "pts" }
  static func flaggedChartNote(_ language: ReportLanguage) -> String {
    language == .french
      ? "† À interpréter avec prudence : signalé par les normes NCHS (voir les notes du tableau)."
      : "† Interpret with care: flagged by the NCHS standards (see the notes under the table)."
  }
}

extension ReportText {
  /// "a", "a or b", "a, b or c" ("ou" in French).
  static func joinedAlternatives(_ items: [String], _ language: ReportLanguage) -> String {
    let or = language.text(" or ", " ou ")
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + or + (items.last ?? "")
  }

  /// "a", "a and b", "a; b and c" ("et" in French): items that may hold commas themselves.
  static func joinedList(_ items: [String], _ language: ReportLanguage) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: language.text("; ", " ; ")) + language.text(" and ", " et ") + (items.last ?? "")
  }

  /// The heading of a topic's section.
  static func title(of topic: SurveyTopic, _ language: ReportLanguage) -> String {
    switch topic {
    case .trust: return language.text("Trust", "Confiance")
    case .concern: return language.text("Concern", "Inquiétude")
    case .sharing: return language.text("Willingness to share data", "Disposition à partager ses données")
    case .behaviour: return language.text("Protective behaviours", "Comportements de protection")
    case .westin: return language.text("Westin items", "Items de Westin")
    case .awareness: return language.text("Awareness of data-protection law", "Connaissance du droit des données")
    case .demographics: return language.text("Who answered", "Qui a répondu")
    case .other: return language.text("Other questions", "Autres questions")
    }
  }
}

extension ReportText {
  /// The title of a topic's chart: the short question it answers.
  static func chartTitle(of topic: SurveyTopic, _ language: ReportLanguage) -> String {
    switch topic {
    case .trust:
      return language.text(
        "How far are organisations trusted to protect personal data?",
        "Quelle confiance fait-on aux acteurs pour protéger ses données personnelles ?")
    case .concern:
      return language.text("How worried are people about their personal data?", "À quel point s'inquiète-t-on pour ses données personnelles ?")
    case .sharing:
      return language.text(
        "Would people share their data in exchange for a service?", "Communiquerait-on ses données en échange d'un service ?")
    case .behaviour:
      return language.text("What do people do to protect their data?", "Que fait-on pour protéger ses données ?")
    case .westin:
      return language.text("How do people answer Westin's statements?", "Que répond-on aux affirmations de Westin ?")
    case .awareness:
      return language.text("Do people know the data-protection law?", "Connaît-on le droit des données personnelles ?")
    case .demographics:
      return language.text("Who answered?", "Qui a répondu ?")
    case .other:
      return language.text("How do people answer the other questions?", "Que répond-on aux autres questions ?")
    }
  }

  /// The title of the Westin segments' chart.
  static func westinChartTitle(_ language: ReportLanguage) -> String {
    language.text(
      "How many are privacy fundamentalists, pragmatists or unconcerned?",
      "Combien de fondamentalistes, de pragmatiques et de non-concernés ?")
  }

  /// The title of the paradox chart.
  static func paradoxChartTitle(_ language: ReportLanguage) -> String {
    language.text("Do people who are concerned act to protect their data?", "Ceux qui s'inquiètent agissent-ils pour protéger leurs données ?")
  }
}
