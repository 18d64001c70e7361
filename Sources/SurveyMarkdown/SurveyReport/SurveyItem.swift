internal import SurveyStatistics

/// One question of the survey as the report presents it: its label, topic, answers in
/// presentation order, and the answers its headline share counts (the top-two box of a scale, the
/// "yes" of a yes/no question).
struct SurveyItem: Sendable {
  var name: String
  var label: String
  /// The codebook's short label (`short_label`), for headlines and chart titles; `nil` when it
  /// gives none.
  var shortLabel: String?
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
    let labels = categories.filter { headlineValues.contains($0.value) }.map {
      language == .french ? "«\u{00A0}\($0.label)\u{00A0}»" : "“\($0.label)”"
    }
    return ReportText.joinedAlternatives(labels, language)
  }

  /// Whether an answer's label says "don't know" or "refused" (kept out of the top-two box).
  static func isNonSubstantive(_ label: String, value: String? = nil, entry: Codebook.Entry? = nil) -> Bool {
    if let value, let entry, entry.dontKnowCodes.contains(value) { return true }
    let lowered = label.lowercased()
    return ["ne sait pas", "nsp", "don't know", "dont know", "do not know", "refus", "no answer", "sans opinion"]
      .contains { lowered.contains($0) }
  }

  /// Whether a scale is written from its positive pole ("Tout à fait d'accord" … "Pas du tout
  /// d'accord", "Toujours" … "Jamais"): its headline answers are then the first ones.
  static func startsAtPositivePole(_ labels: [String]) -> Bool {
    guard let first = labels.first?.lowercased(), let last = labels.last?.lowercased() else { return false }
    let positive = ["tout à fait", "strongly agree", "totally agree", "completely", "toujours", "always", "très ", "very "]
    let negative = ["pas du tout", "strongly disagree", "not at all", "jamais", "never", "aucun"]
    return positive.contains { first.hasPrefix($0) } && negative.contains { last.hasPrefix($0) }
  }

  /// Whether an answer means yes.
  static func isYes(value: String, label: String) -> Bool {
    let yesLabels = ["oui", "yes", "vrai", "true"]
    if yesLabels.contains(label.lowercased()) { return true }
    // Without a label, the usual codes of "yes".
    return label == value && (["1", "y", "o"] + yesLabels).contains(value.lowercased())
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
      categories = entry.categories.filter { !entry.codesOutOfBase.contains($0.value) }.map { ($0.value, $0.label) }
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
    let entry = codebook?.entry(named: variable.name)
    let substantive = categories.filter { !isNonSubstantive($0.label, value: $0.value, entry: entry) }
    var headline: [String] = []
    switch variable.measurement {
    case .ordinal:
      let box = substantive.count >= 4 ? 2 : 1
      headline = startsAtPositivePole(substantive.map(\.label))
        ? substantive.prefix(box).map(\.value) : substantive.suffix(box).map(\.value)
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
      name: variable.name, label: variable.label ?? variable.name,
      shortLabel: codebook?.entry(named: variable.name)?.shortLabel?.defaultText, topic: .of(variableNamed: variable.name, codebook: codebook),
      measurement: variable.measurement, categories: categories, headlineValues: headline)
  }

  /// The question shared by items labelled "Question — item" (at least two of them, all with the
  /// same question), or else the words all their labels start with ("Au cours des 12 derniers
  /// mois, avez-vous …", at least three words), and each item's own part; otherwise no stem and
  /// the full labels.
  static func sharedStem(of items: [SurveyItem]) -> (stem: String?, labels: [String: String]) {
    let full = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.label) })
    guard items.count >= 2 else { return (nil, full) }
    let separator = " — "
    let parts = items.map { item -> (String, String)? in
      guard let range = item.label.firstRange(of: separator) else { return nil }
      return (String(item.label[..<range.lowerBound]), String(item.label[range.upperBound...]))
    }
    if let first = parts.first ?? nil, parts.allSatisfy({ $0?.0 == first.0 }) {
      var labels: [String: String] = [:]
      for (item, part) in zip(items, parts) { labels[item.name] = part?.1 ?? item.label }
      return (first.0, labels)
    }
    let words = items.map { $0.label.split(separator: " ", omittingEmptySubsequences: false) }
    var common = 0
    while let first = words.first, common < first.count - 1,
      words.allSatisfy({ common < $0.count - 1 && $0[common] == first[common] })
    {
      common += 1
    }
    guard common >= 3, let first = words.first else { return (nil, full) }
    var labels: [String: String] = [:]
    for (item, itemWords) in zip(items, words) {
      labels[item.name] = "… " + itemWords[common...].joined(separator: " ")
    }
    return (first[..<common].joined(separator: " ") + " …", labels)
  }
}
