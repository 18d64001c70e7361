internal import SurveyStatistics

/// The names a regression model's variables, levels and terms get in Markdown: the codebook's
/// question texts and answer labels when the survey has them, R's names otherwise.
///
/// ```swift
/// let labels = ModelLabels(survey: survey, language: .french)
/// labels.term(coefficient)   // "Tranche d'âge : 25 à 34 ans" for `age_band25-34`
/// ```
struct ModelLabels {
  var survey: Survey?
  var language: ReportLanguage

  /// The survey column of a formula variable: `concern` for `factor(concern)`.
  static func column(of variable: String) -> String {
    if variable.hasPrefix("factor("), variable.hasSuffix(")") {
      return String(variable.dropFirst("factor(".count).dropLast())
    }
    return variable
  }

  /// A variable's label (its question text), else its name.
  func variable(_ name: String) -> String {
    let column = Self.column(of: name)
    guard let survey, let found = try? survey.variable(named: column) else { return name }
    return found.label ?? name
  }

  /// A level's answer label, else the level as written.
  func level(_ value: String, of variable: String) -> String {
    guard let survey, let found = try? survey.variable(named: Self.column(of: variable)) else { return value }
    return found.label(ofCategory: value) ?? value
  }

  /// Levels of a variable in the codebook's order of its categories (the questionnaire's), those
  /// the codebook does not list after them in their own order.
  func ordered<Item>(_ items: [Item], of variable: String, level: (Item) -> String?) -> [Item] {
    guard let categories = survey?.codebook?.entry(named: Self.column(of: variable))?.categories else { return items }
    func rank(_ item: Item) -> Int {
      guard let value = level(item) else { return Int.max }
      return categories.firstIndex { $0.value == value } ?? Int.max
    }
    return items.enumerated().sorted { left, right in
      let (a, b) = (rank(left.element), rank(right.element))
      return a != b ? a < b : left.offset < right.offset
    }.map(\.element)
  }

  /// A coefficient: "Intercept", "Trust score", "Age band: 25-34", "Age band: 25-34 × Sex: Male".
  func term(_ coefficient: ModelCoefficient) -> String {
    guard !coefficient.components.isEmpty else { return language.text("Intercept", "Constante") }
    let separator = language.text(": ", "\u{00A0}: ")
    return coefficient.components.map { component in
      let name = variable(component.column)
      return component.level.map { name + separator + level($0, of: component.column) } ?? name
    }.joined(separator: " × ")
  }

  /// A tested term or terms: "Age band", "Age band × Sex", "Age band + Sex".
  func testedTerm(_ term: String) -> String {
    term.split(separator: "+").map { part in
      part.split(separator: ":").map { name in
        variable(String(name.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()))
      }.joined(separator: " × ")
    }.joined(separator: " + ")
  }
}
