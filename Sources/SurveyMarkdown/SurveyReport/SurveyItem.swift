import SurveyStatistics

/// One question of the survey as the report presents it: its label, topic, answers in
/// presentation order, and the answers its headline share counts (the top-two box of a scale, the
/// "yes" of a yes/no question).
struct SurveyItem: Sendable {
  var name: String
  var label: String
  var topic: SurveyTopic
  var measurement: MeasurementLevel
  /// The answers (value, label) in presentation order: the codebook's, else the data's.
  var categories: [(value: String, label: String)]
  /// The answers counted by the headline share; empty when the item has none (an unordered
  /// question without a "yes").
  var headlineValues: [String]

  /// The name of the derived 0/1 variable that holds the headline indicator.
  var headlineVariable: String { name + "#headline" }

  /// The labels of the headline answers, joined for a sentence ("Plutôt inquiet" or "Très inquiet").
  func headlineDescription(_ language: ReportLanguage) -> String {
    let labels = categories.filter { headlineValues.contains($0.value) }.map { "«\u{00A0}\($0.label)\u{00A0}»" }
    return ReportText.joinedAlternatives(labels, language)
  }

  /// Whether an answer's label says "don't know" or "refused" (kept out of the top-two box).
  static func isNonSubstantive(_ label: String) -> Bool {
    let lowered = label.lowercased()
    return ["ne sait pas", "nsp", "don't know", "dont know", "do not know", "refus", "no answer", "sans opinion"]
      .contains { lowered.contains($0) }
  }

  /// Whether an answer means yes.
  static func isYes(value: String, label: String) -> Bool {
    ["1", "yes", "oui", "y", "o", "true", "vrai"].contains(value.lowercased())
      && !["non", "no"].contains(label.lowercased())
      || ["oui", "yes"].contains(label.lowercased())
  }

  /// The items of a survey, in file order: every categorical, ordinal or binary variable that is
  /// neither an identifier nor part of the design.
  static func items(in survey: Survey, codebook: Codebook?, designVariables: Set<String>) -> [SurveyItem] {
    survey.variables.compactMap { variable in
      guard !designVariables.contains(variable.name), variable.measurement != .identifier,
        variable.measurement != .numeric
      else { return nil }
      return item(for: variable, codebook: codebook)
    }
  }

  static func item(for variable: Variable, codebook: Codebook?) -> SurveyItem? {
    let values = variable.categorical
    let counts = values.levelCounts()
    let observed = Set(values.levels.indices.filter { counts[$0] > 0 }.map { values.levels[$0] })
    var categories: [(value: String, label: String)]
    if let entry = codebook?.entry(named: variable.name), !entry.categories.isEmpty {
      categories = entry.categories.filter { !entry.missingCodes.contains($0.value) }.map { ($0.value, $0.label) }
      // Observed values the codebook does not list are kept, after the listed ones.
      let listed = Set(categories.map(\.value))
      for level in values.sortedLevelIndices() where observed.contains(values.levels[level]) && !listed.contains(values.levels[level]) {
        categories.append((values.levels[level], values.levels[level]))
      }
    } else {
      categories = values.sortedLevelIndices().filter { observed.contains(values.levels[$0]) }.map {
        (values.levels[$0], variable.label(ofCategory: values.levels[$0]) ?? values.levels[$0])
      }
    }
    guard categories.count >= 2, categories.count <= 12 else { return nil }
    let substantive = categories.filter { !isNonSubstantive($0.label) }
    var headline: [String] = []
    switch variable.measurement {
    case .ordinal:
      let box = substantive.count >= 4 ? 2 : 1
      headline = substantive.suffix(box).map(\.value)
    case .binary, .categorical:
      if let yes = categories.first(where: { isYes(value: $0.value, label: $0.label) }) {
        headline = [yes.value]
      } else if variable.measurement == .binary, let last = categories.last {
        headline = [last.value]
      }
    case .numeric, .identifier:
      return nil
    }
    return SurveyItem(
      name: variable.name, label: variable.label ?? variable.name, topic: .of(variableNamed: variable.name),
      measurement: variable.measurement, categories: categories, headlineValues: headline)
  }
}
