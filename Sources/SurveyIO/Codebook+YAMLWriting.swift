package import SurveyStatistics
internal import Yams

extension Codebook {
  /// The codebook as YAML, in the format ``Codebook/init(yaml:file:)`` reads: `design:` (when
  /// declared), `variables:` (with `role`, `dont_know`, `refused` and `not_applicable` codes and labels per language when given) in the codebook's order, each with only the keys it has, then
  /// `derived:` (when there are derived variables), then `synthetic: true` for synthetic data.
  ///
  /// ```swift
  /// let derived = try SurveyFile(path: "survey.sav").codebook!
  /// try AtomicFile.write(derived.yaml(), to: "survey.codebook.yaml", overwrite: false)
  /// ```
  ///
  /// Texts are quoted where YAML would otherwise read them differently (`null`, `~`, `: `, a
  /// leading `#`, …), so reading the text back gives an equal codebook.
  /// - Parameter draftedRoles: Variables whose `role:` is a guess (``draftingAnswerCodes()``): the
  ///   line is followed by a comment saying so.
  package func yaml(draftedRoles: Set<String> = []) -> String {
    var top: [(Node, Node)] = []
    if let design {
      var pairs: [(Node, Node)] = []
      let keys: [(String, String?)] = [
        ("weight", design.weights), ("strata", design.strata), ("psu", design.clusters), ("fpc", design.fpc),
        ("lonely_psu", design.lonelyPSU == .fail ? nil : design.lonelyPSU.rawValue),
      ]
      for (key, value) in keys {
        if let value { pairs.append((Self.key(key), Self.text(value))) }
      }
      for (setting, values) in design.replicateKeys {
        let value = setting == .replicateScales
          ? .sequence(Node.Sequence(values.map(Self.key), Tag(.implicit), .flow)) : Self.text(values[0])
        pairs.append((Self.key(setting.rawValue), value))
      }
      top.append((Self.key("design"), .mapping(Node.Mapping(pairs))))
    }
    var variables: [(Node, Node)] = []
    for entry in self.variables {
      var pairs: [(Node, Node)] = []
      if let label = entry.label { pairs.append((Self.key("label"), Self.text(label, entry.labelTranslations))) }
      if let short = entry.shortLabel {
        pairs.append((Self.key("short_label"), Self.text(short.defaultText, short.translations)))
      }
      if let measurement = entry.measurement { pairs.append((Self.key("type"), Self.key(measurement.rawValue))) }
      if let role = entry.role { pairs.append((Self.key("role"), Self.key(role.rawValue))) }
      if !entry.categories.isEmpty {
        let categories = entry.categories.map { (Self.text($0.value), Self.text($0.label, $0.labelTranslations)) }
        pairs.append((Self.key("categories"), .mapping(Node.Mapping(categories))))
      }
      if !entry.missingCodes.isEmpty {
        let codes = Node.Sequence(entry.missingCodes.map(Self.text), Tag(.implicit), .flow)
        pairs.append((Self.key("missing"), .sequence(codes)))
      }
      for (key, values) in [
        ("dont_know", entry.dontKnowCodes), ("refused", entry.refusedCodes), ("not_applicable", entry.notApplicableCodes),
      ] where !values.isEmpty {
        pairs.append((Self.key(key), .sequence(Node.Sequence(values.map(Self.text), Tag(.implicit), .flow))))
      }
      // A variable with nothing to say is written `name: {}`, which reads back as an empty entry.
      variables.append((Self.text(entry.name), .mapping(Node.Mapping(pairs, Tag(.implicit), pairs.isEmpty ? .flow : .any))))
    }
    top.append((Self.key("variables"), .mapping(Node.Mapping(variables))))
    if !derived.isEmpty {
      top.append((Self.key("derived"), .mapping(Node.Mapping(derived.map { (Self.text($0.name), Self.node(of: $0)) }))))
    }
    if synthetic { top.append((Self.key("synthetic"), Self.key("true"))) }
    let document = Node.mapping(Node.Mapping(top))
    // Serialising a tree of plain scalars cannot fail; an empty document is the fallback.
    let text = (try? Yams.serialize(node: document, width: -1, allowUnicode: true)) ?? "{}\n"
    return draftedRoles.isEmpty ? text : Self.markingDraftedRoles(draftedRoles, in: text)
  }

  /// The YAML with `# draft: …` after the `role:` line of each variable named.
  private static func markingDraftedRoles(_ names: Set<String>, in text: String) -> String {
    var inVariables = false
    var current: String?
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if !line.hasPrefix(" ") { inVariables = line == "variables:" }
      if inVariables, line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") || line.hasSuffix(": {}") {
        let key = line.dropFirst(2)
        var name = String(key[..<(key.lastIndex(of: ":") ?? key.endIndex)])
        if name.count >= 2, let first = name.first, first == name.last, first == "'" || first == "\"" {
          name = String(name.dropFirst().dropLast())
        }
        current = name
      }
      if let current, names.contains(current), line.hasPrefix("    role: ") {
        lines.append(line + "  # draft: guessed from the question text; check it")
      } else {
        lines.append(line)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// A derived variable as the reader expects it: `kind`, `label`, then the keys of its kind.
  private static func node(of variable: DerivedVariable) -> Node {
    var pairs: [(Node, Node)] = []
    func list(_ values: [String]) -> Node { .sequence(Node.Sequence(values.map(text), Tag(.implicit), .flow)) }
    switch variable.definition {
    case .westinSegment(let westin):
      pairs.append((key("kind"), key("westin")))
      if let label = variable.label { pairs.append((key("label"), text(label))) }
      pairs.append((key("items"), list(westin.items)))
      pairs.append((key("agree"), list(westin.agreeCodes)))
      pairs.append((key("disagree"), list(westin.disagreeCodes)))
    case .scaleScore(let scale):
      pairs.append((key("kind"), key("scale")))
      if let label = variable.label { pairs.append((key("label"), text(label))) }
      pairs.append((key("items"), list(scale.items)))
      if !scale.reversedItems.isEmpty { pairs.append((key("reverse"), list(scale.reversedItems))) }
      if let range = scale.range {
        pairs.append((key("range"), list([range.lowerBound, range.upperBound].map { "\($0)" })))
      }
      if let minimum = scale.minimumAnsweredItems { pairs.append((key("min_items"), key(String(minimum)))) }
    case .indicator(let name, let values):
      pairs.append((key("kind"), key("indicator")))
      if let label = variable.label { pairs.append((key("label"), text(label))) }
      pairs.append((key("variable"), text(name)))
      pairs.append((key("values"), list(values)))
    case .count(let items, let values):
      pairs.append((key("kind"), key("count")))
      if let label = variable.label { pairs.append((key("label"), text(label))) }
      pairs.append((key("items"), list(items)))
      pairs.append((key("values"), list(values)))
    }
    return .mapping(Node.Mapping(pairs))
  }

  /// A text given per language: `{fr: …, en: …}`, the default text's language first and the others
  /// in alphabetical order, so that it reads back with the same default; plain without translations.
  private static func text(_ value: String, _ translations: [String: String]) -> Node {
    guard !translations.isEmpty else { return text(value) }
    let first = translations.keys.sorted().first { translations[$0] == value }
    let order = (first.map { [$0] } ?? []) + translations.keys.sorted().filter { $0 != first }
    let pairs = order.map { (key($0), text(translations[$0] ?? "")) }
    return .mapping(Node.Mapping(pairs, Tag(.implicit), .flow))
  }

  private static func key(_ name: String) -> Node {
    .scalar(Node.Scalar(name))
  }

  /// A text, double-quoted when a plain scalar would read as empty (`null`, `~`) or as YAML's
  /// merge key; the emitter quotes every other text that needs it.
  private static func text(_ value: String) -> Node {
    let needsQuotes = ["", "~", "null", "Null", "NULL", "<<"].contains(value)
    return .scalar(Node.Scalar(value, Tag(.implicit), needsQuotes ? .doubleQuoted : .any))
  }
}
