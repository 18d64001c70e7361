internal import Foundation
package import SurveyStatistics
internal import Yams

extension Codebook {
  /// Reads a codebook written in YAML.
  ///
  /// The format, every key optional:
  ///
  /// ```yaml
  /// title: {en: "Privacy barometer 2025", fr: "Baromètre de la vie privée 2025"}
  /// organisation: "Institut X"       # population, frame, mode: a text, or one per language
  /// fieldwork: {start: 2025-03-03, end: 2025-03-21}
  /// targets:                         # where each raking margin's targets come from
  ///   region: {source: "INSEE, populations légales 2021", year: 2021}
  /// synthetic: false
  /// design:
  ///   weight: poids
  ///   strata: region
  ///   psu: point
  ///   fpc: null
  ///   lonely_psu: fail     # fail|remove|certainty|adjust|average
  ///   # replicate weights, supplied (replicate_weights: "repw[0-9]+", replicate_type, fay_rho,
  ///   # replicate_scale, replicate_rscales, mse) or created (replicates: jk1, replicate_count,
  ///   # seed, fay_rho, mse): see the replicate keys below
  /// variables:
  ///   concern_data_use:
  ///     label: "Êtes-vous inquiet de l'utilisation de vos données ?"
  ///     short_label: {fr: "Inquiet de l'usage des données", en: "Worried about data use"}
  ///     type: ordinal      # categorical|ordinal|binary|numeric|identifier
  ///     categories:
  ///       1: {fr: "Pas du tout inquiet", en: "Not at all worried"}
  ///       5: "Très inquiet"
  ///       8: "Ne sait pas"
  ///     missing: [9, 99]   # no answer: out of the base
  ///     dont_know: [8]     # an answer: in the base, shown as its own row, never counted
  /// derived:             # variables computed at load time, never written into the data
  ///   westin_segment:
  ///     kind: westin       # westin|scale|indicator|count
  ///     items: [westin_a, westin_b, westin_c]
  ///   trust_score:
  ///     kind: scale
  ///     items: [trust1, trust2, trust3]
  ///     reverse: [trust3]
  ///     range: [1, 5]
  ///     min_items: 2
  ///   concern_top2:
  ///     kind: indicator
  ///     variable: concern_data_use
  ///     values: [4, 5]
  /// ```
  ///
  /// The keys of a derived variable: `kind` (required) and `label` for every kind; `items` (three
  /// statements A, B, C), `agree` (default [1, 2]) and `disagree` (default [3, 4]) for `westin`;
  /// `items`, `reverse`, `range` and `min_items` for `scale` (see ``ScaleDefinition``); `variable`
  /// and `values` for `indicator`; `items` and `values` for `count` (see ``DerivedVariable``).
  ///
  /// The replicate keys of `design:` are those of R survey's `svrepdesign()` and
  /// `as.svrepdesign()` (``ReplicateSettings``): `replicate_weights` (a regular expression matched
  /// anywhere in the column names), `replicate_type` (brr, fay, jk1, jkn, bootstrap, sdr, acs,
  /// other; default brr), `fay_rho`, `replicate_scale`, `replicate_rscales` (a number or a list)
  /// and `mse` (true or false); or `replicates` (jk1, jkn, brr, fay, bootstrap) with
  /// `replicate_count` and `seed` for the bootstrap.
  ///
  /// Every text — the survey's title, organisation, population, frame and mode, a target's source,
  /// a question's `label` and `short_label`, an answer's label — is either plain or one text per
  /// language code (`{fr: …, en: …}`); the first language written is the default, used by
  /// commands without a language and by reports in a language not given
  /// (``Codebook/localized(to:)``).
  ///
  /// Values are kept exactly as written: the category `01:` stays `"01"`, the missing code `9.0`
  /// stays `"9.0"`. Variables and categories keep the file's order.
  ///
  /// - Parameters:
  ///   - yaml: The codebook text.
  ///   - file: The file the text came from, used in messages and stored as ``Codebook/source``.
  /// - Throws: ``CodebookError`` for invalid YAML, unknown keys (with a suggestion for typos),
  ///   invalid `type` or `lonely_psu` values, values of the wrong form and repeated keys or
  ///   categories; each error carries the file, line and column.
  package init(yaml: String, file: String? = nil) throws {
    self = try CodebookReader(file: file).read(yaml)
  }

  /// Reads a YAML codebook from a UTF-8 file.
  ///
  /// - Parameter path: The codebook file; it is named in messages as given.
  /// - Throws: ``CodebookError/unreadableFile(path:reason:)`` when the file cannot be read or is not
  ///   UTF-8, and the errors of ``init(yaml:file:)``.
  package init(contentsOfFile path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      let reason =
        !exists ? "there is no such file; check the path"
        : isDirectory.boolValue ? "it is a folder, not a file"
        : "the file cannot be opened; check its permissions"
      throw CodebookError.unreadableFile(path: path, reason: reason)
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      throw CodebookError.unreadableFile(
        path: path, reason: "it is not UTF-8 text; save it again with the UTF-8 encoding")
    }
    try self.init(yaml: text, file: path)
  }
}

/// Turns the YAML node tree of a codebook into a ``Codebook``, checking every key and value.
struct CodebookReader {
  /// The codebook file, for messages.
  let file: String?

  static let topLevelKeys = [
    "design", "variables", "derived", "synthetic", "title", "organisation", "population", "frame", "mode",
    "fieldwork", "targets", "paradox",
  ]
  static let paradoxKeys = ["concern", "actions", "threshold"]
  static let designKeys = ["weight", "strata", "psu", "fpc", "lonely_psu"] + ReplicateSetting.allCases.map(\.rawValue)
  static let variableKeys = [
    "label", "type", "role", "categories", "missing", "dont_know", "refused", "not_applicable", "short_label",
  ]
  static let fieldworkKeys = ["start", "end"]
  static let targetKeys = ["source", "year"]

  func read(_ yaml: String) throws(CodebookError) -> Codebook {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw translate(error, yaml: yaml)
    } catch {
      throw .invalidYAML(problem: "\(error)", location: .init(file: file, line: nil, column: nil))
    }
    var codebook = Codebook(source: file)
    guard let root, !isNull(root) else { return codebook }
    let top = try mapping(
      root, what: "the codebook", expected: "a mapping with the keys 'design' and 'variables'")
    for (keyNode, value) in top {
      let key = try keyText(keyNode, what: "a key of the codebook")
      switch key {
      case "design": codebook.design = try design(value)
      case "variables": codebook.variables = try variables(value)
      case "derived": codebook.derived = try derivedVariables(value)
      case "synthetic":
        let place = "at the top level of the codebook"
        codebook.synthetic = try choice(value, key: key, place: place, allowed: ["true", "false"]) == "true"
      case "title": codebook.metadata.title = try localizedText(value, what: "the title of the survey")
      case "organisation": codebook.metadata.organisation = try localizedText(value, what: "'organisation'")
      case "population": codebook.metadata.population = try localizedText(value, what: "'population'")
      case "frame": codebook.metadata.frame = try localizedText(value, what: "'frame'")
      case "mode": codebook.metadata.mode = try localizedText(value, what: "'mode'")
      case "fieldwork": try fieldwork(value, into: &codebook.metadata)
      case "targets": codebook.metadata.targets = try targetSources(value)
      case "paradox": codebook.paradox = try paradox(value)
      default:
        throw unknownKey(keyNode, key, place: "at the top level of the codebook", allowed: Self.topLevelKeys)
      }
    }
    return codebook
  }

  // MARK: - Sections

  func design(_ node: Node) throws(CodebookError) -> DesignDeclaration? {
    if isNull(node) { return nil }
    let pairs = try mapping(
      node, what: "'design'", expected: "a mapping such as 'weight: column', one key per line")
    var design = DesignDeclaration()
    var replicates = ReplicateSettings()
    var replicateNodes: [ReplicateSetting: Node] = [:]
    for (keyNode, value) in pairs {
      let key = try keyText(keyNode, what: "a key of 'design'")
      let what = "'\(key)' in 'design'"
      switch key {
      case "weight": design.weights = try optionalText(value, what: what, expected: "a column name")
      case "strata": design.strata = try optionalText(value, what: what, expected: "a column name")
      case "psu": design.clusters = try optionalText(value, what: what, expected: "a column name")
      case "fpc": design.fpc = try optionalText(value, what: what, expected: "a column name")
      case "lonely_psu":
        let policy = try choice(
          value, key: key, place: "in 'design'", allowed: LonelyPSUPolicy.allCases.map(\.rawValue))
        design.lonelyPSU = policy.flatMap(LonelyPSUPolicy.init(rawValue:)) ?? .fail
      default:
        guard let setting = ReplicateSetting(rawValue: key) else {
          throw unknownKey(keyNode, key, place: "in 'design'", allowed: Self.designKeys)
        }
        try readReplicateSetting(setting, value, into: &replicates)
        replicateNodes[setting] = value
      }
    }
    design.replicates = try replicateDeclaration(replicates, nodes: replicateNodes, design: node)
    return design
  }

  func variables(_ node: Node) throws(CodebookError) -> [Codebook.Entry] {
    if isNull(node) { return [] }
    let pairs = try mapping(
      node, what: "'variables'",
      expected: "a mapping from column names to their description, one 'name:' per variable")
    var entries: [Codebook.Entry] = []
    for (keyNode, value) in pairs {
      let name = try keyText(keyNode, what: "a variable name")
      guard !name.isEmpty else {
        throw .wrongShape(
          what: "a variable name", expected: "a column name", found: "empty", location: location(of: keyNode))
      }
      entries.append(try entry(named: name, value))
    }
    return entries
  }

  func entry(named name: String, _ node: Node) throws(CodebookError) -> Codebook.Entry {
    var entry = Codebook.Entry(name: name)
    if isNull(node) { return entry }
    let place = "in variable '\(name)'"
    let pairs = try mapping(
      node, what: "variable '\(name)'",
      expected: "a mapping with the keys \(Self.variableKeys.joined(separator: ", "))")
    for (keyNode, value) in pairs {
      let key = try keyText(keyNode, what: "a key of variable '\(name)'")
      switch key {
      case "label":
        let text = try localizedText(value, what: "the label of variable '\(name)'")
        entry.label = text?.defaultText
        entry.labelTranslations = text?.translations ?? [:]
      case "short_label":
        entry.shortLabel = try localizedText(value, what: "the short label of variable '\(name)'")
      case "dont_know":
        entry.dontKnowCodes = try missingCodes(of: name, value, what: "the \"don't know\" codes of variable '\(name)'")
      case "type":
        let allowed = MeasurementLevel.allCases.map(\.rawValue)
        entry.measurement = try choice(value, key: key, place: place, allowed: allowed)
          .flatMap(MeasurementLevel.init(rawValue:))
      case "role":
        let allowed = QuestionRole.allCases.map(\.rawValue)
        entry.role = try choice(value, key: key, place: place, allowed: allowed).flatMap(QuestionRole.init(rawValue:))
      case "categories": entry.categories = try categories(of: name, value)
      case "missing": entry.missingCodes = try missingCodes(of: name, value)
      case "refused":
        entry.refusedCodes = try missingCodes(of: name, value, what: "the refusal codes of variable '\(name)'")
      case "not_applicable":
        entry.notApplicableCodes = try missingCodes(
          of: name, value, what: "the not-applicable codes of variable '\(name)'")
      default:
        throw unknownKey(keyNode, key, place: place, allowed: Self.variableKeys)
      }
    }
    try checkCodesDeclaredOnce(entry, location: location(of: node))
    return entry
  }

  /// A code is one kind of non-answer only: missing, "don't know", refused or not applicable.
  func checkCodesDeclaredOnce(_ entry: Codebook.Entry, location: CodebookError.Location) throws(CodebookError) {
    let kinds = [
      ("missing", entry.missingCodes), ("dont_know", entry.dontKnowCodes), ("refused", entry.refusedCodes),
      ("not_applicable", entry.notApplicableCodes),
    ]
    var firstKind: [String: String] = [:]
    for (kind, codes) in kinds {
      for code in codes {
        if let first = firstKind[code], first != kind {
          throw .conflictingCodes(variable: entry.name, value: code, first: first, second: kind, location: location)
        }
        firstKind[code] = kind
      }
    }
  }

  func categories(of variable: String, _ node: Node) throws(CodebookError) -> [Codebook.Category] {
    if isNull(node) { return [] }
    let pairs = try mapping(
      node, what: "the categories of variable '\(variable)'",
      expected: "a mapping from values to labels, one 'value: label' per line")
    var categories: [Codebook.Category] = []
    var firstLine: [String: Int] = [:]
    for (keyNode, value) in pairs {
      let code = try keyText(keyNode, what: "a category value of variable '\(variable)'")
      if let line = firstLine[code] {
        throw .duplicateCategory(variable: variable, value: code, firstLine: line, location: location(of: keyNode))
      }
      firstLine[code] = keyNode.mark?.line ?? 0
      let what = "the label of category '\(code)' of variable '\(variable)'"
      guard let label = try localizedText(value, what: what) else {
        throw .wrongShape(what: what, expected: "a text", found: "empty", location: location(of: value))
      }
      var category = Codebook.Category(value: code, label: label.defaultText)
      category.labelTranslations = label.translations
      categories.append(category)
    }
    return categories
  }

  func missingCodes(of variable: String, _ node: Node, what: String? = nil) throws(CodebookError) -> [String] {
    let what = what ?? "the missing codes of variable '\(variable)'"
    let expected = "a value or a list of values such as [9, 99]"
    switch node {
    case .scalar(let scalar): return isNull(node) ? [] : [scalar.string]
    case .sequence(let sequence):
      var codes: [String] = []
      for item in sequence {
        guard case .scalar(let scalar) = item, !isNull(item) else {
          throw .wrongShape(
            what: "a missing code of variable '\(variable)'", expected: "a value", found: found(item),
            location: location(of: item))
        }
        codes.append(scalar.string)
      }
      return codes
    case .mapping, .alias:
      throw .wrongShape(what: what, expected: expected, found: found(node), location: location(of: node))
    }
  }

  // MARK: - Survey metadata

  /// `fieldwork: {start: 2025-03-03, end: 2025-03-21}`, or a single date.
  func fieldwork(_ node: Node, into metadata: inout Codebook.Metadata) throws(CodebookError) {
    if case .scalar = node {
      let date = try optionalText(node, what: "'fieldwork'", expected: "a date or a mapping with 'start' and 'end'")
      (metadata.fieldworkStart, metadata.fieldworkEnd) = (date, date)
      return
    }
    let pairs = try mapping(node, what: "'fieldwork'", expected: "a mapping such as {start: 2025-03-03, end: 2025-03-21}")
    for (keyNode, value) in pairs {
      let key = try keyText(keyNode, what: "a key of 'fieldwork'")
      switch key {
      case "start": metadata.fieldworkStart = try optionalText(value, what: "'start' in 'fieldwork'", expected: "a date")
      case "end": metadata.fieldworkEnd = try optionalText(value, what: "'end' in 'fieldwork'", expected: "a date")
      default: throw unknownKey(keyNode, key, place: "in 'fieldwork'", allowed: Self.fieldworkKeys)
      }
    }
  }

  /// `paradox: {concern: {item: [values]}, actions: {item: [values], …}, threshold: k}`.
  func paradox(_ node: Node) throws(CodebookError) -> ParadoxDefinition? {
    if isNull(node) { return nil }
    let expected = "a mapping with 'concern' (one item and its values), 'actions' (items and their values) and 'threshold'"
    let pairs = try mapping(node, what: "'paradox'", expected: expected)
    var concern: [Indicator] = []
    var actions: [Indicator] = []
    var threshold: Int?
    func indicators(_ node: Node, what: String) throws(CodebookError) -> [Indicator] {
      let items = try mapping(node, what: what, expected: "a mapping from each item to the values that count, such as 'prot_vpn: [1]'")
      var indicators: [Indicator] = []
      for (itemNode, values) in items {
        let item = try keyText(itemNode, what: "an item of \(what)")
        indicators.append(Indicator(variable: item, values: try missingCodes(of: item, values, what: "the values of '\(item)' in \(what)")))
      }
      return indicators
    }
    for (keyNode, value) in pairs {
      let key = try keyText(keyNode, what: "a key of 'paradox'")
      switch key {
      case "concern": concern = try indicators(value, what: "'concern' in 'paradox'")
      case "actions": actions = try indicators(value, what: "'actions' in 'paradox'")
      case "threshold":
        let text = try optionalText(value, what: "'threshold' in 'paradox'", expected: "a number of actions")
        guard let text, let number = Int(text), number >= 1 else {
          throw .wrongShape(
            what: "'threshold' in 'paradox'", expected: "a whole number of actions, at least 1", found: found(value),
            location: location(of: value))
        }
        threshold = number
      default: throw unknownKey(keyNode, key, place: "in 'paradox'", allowed: Self.paradoxKeys)
      }
    }
    guard concern.count == 1, !actions.isEmpty else {
      throw .wrongShape(what: "'paradox'", expected: expected, found: concern.count == 1 ? "no actions" : "\(concern.count) concern items", location: location(of: node))
    }
    if let threshold, threshold > actions.count {
      throw .wrongShape(
        what: "'threshold' in 'paradox'", expected: "a number of actions from 1 to \(actions.count)", found: "\(threshold)",
        location: location(of: node))
    }
    return ParadoxDefinition(concern: concern[0], actions: actions, minimumActions: threshold ?? 1)
  }

  /// `targets:`, a mapping from each margin of the targets file to `{source: …, year: …}`.
  func targetSources(_ node: Node) throws(CodebookError) -> [Codebook.TargetSource] {
    if isNull(node) { return [] }
    let pairs = try mapping(
      node, what: "'targets'", expected: "a mapping from each margin to its source, such as 'region: {source: INSEE, year: 2021}'")
    var sources: [Codebook.TargetSource] = []
    for (keyNode, value) in pairs {
      let margin = try keyText(keyNode, what: "a margin in 'targets'")
      var source = Codebook.TargetSource(margin: margin)
      if case .scalar = value {
        source.source = try localizedText(value, what: "the source of margin '\(margin)'")
      } else {
        let fields = try mapping(value, what: "margin '\(margin)' in 'targets'", expected: "a mapping with the keys source and year")
        for (fieldNode, field) in fields {
          let key = try keyText(fieldNode, what: "a key of margin '\(margin)'")
          switch key {
          case "source": source.source = try localizedText(field, what: "the source of margin '\(margin)'")
          case "year": source.year = try optionalText(field, what: "the year of margin '\(margin)'", expected: "a year")
          default: throw unknownKey(fieldNode, key, place: "in margin '\(margin)' of 'targets'", allowed: Self.targetKeys)
          }
        }
      }
      sources.append(source)
    }
    return sources
  }

  /// A text written plain (`"Sexe"`) or per language (`{fr: "Sexe", en: "Sex"}`, the first
  /// language written being the default), or `nil` when empty.
  func localizedText(_ node: Node, what: String) throws(CodebookError) -> LocalizedText? {
    let expected = "a text, or one text per language such as {en: \"Sex\", fr: \"Sexe\"}"
    if case .mapping(let pairs) = node {
      var translations: [String: String] = [:]
      var first: String?
      for (keyNode, value) in pairs {
        let language = try keyText(keyNode, what: "a language code of \(what)")
        guard let text = try optionalText(value, what: "\(what) in '\(language)'", expected: "a text") else { continue }
        translations[language] = text
        if first == nil { first = text }
      }
      return first.map { LocalizedText(translations: translations, defaultText: $0) }
    }
    return try optionalText(node, what: what, expected: expected).map(LocalizedText.init)
  }

  // MARK: - Values

  /// The pairs of a mapping node, or a ``CodebookError/wrongShape`` naming `what`.
  func mapping(_ node: Node, what: String, expected: String) throws(CodebookError) -> Node.Mapping {
    guard case .mapping(let mapping) = node else {
      throw .wrongShape(what: what, expected: expected, found: found(node), location: location(of: node))
    }
    return mapping
  }

  /// The text of a key, which must be a scalar.
  func keyText(_ node: Node, what: String) throws(CodebookError) -> String {
    guard case .scalar(let scalar) = node else {
      throw .wrongShape(what: what, expected: "a name", found: found(node), location: location(of: node))
    }
    return scalar.string
  }

  /// The text of a scalar as written, `nil` when the value is empty or `null`.
  func optionalText(_ node: Node, what: String, expected: String) throws(CodebookError) -> String? {
    guard case .scalar(let scalar) = node else {
      throw .wrongShape(what: what, expected: expected, found: found(node), location: location(of: node))
    }
    return isNull(node) ? nil : scalar.string
  }

  /// A value that must be one of `allowed`, or `nil` when empty.
  func choice(_ node: Node, key: String, place: String, allowed: [String]) throws(CodebookError) -> String? {
    let what = "'\(key)' \(place)"
    let expected = "one of \(allowed.joined(separator: ", "))"
    guard let value = try optionalText(node, what: what, expected: expected) else { return nil }
    guard allowed.contains(value) else {
      throw .invalidChoice(
        key: key, value: value, place: place, allowed: allowed,
        suggestion: closestName(to: value, among: allowed), location: location(of: node))
    }
    return value
  }

  /// Whether a node is a plain `null`, `~` or empty value (a quoted `"null"` is a text).
  func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// How a node reads in a message: "a list", "the text 'x'", …
  func found(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): return isNull(node) ? "empty" : "the text '\(scalar.string)'"
    case .sequence: return "a list"
    case .mapping: return "a mapping of keys to values"
    case .alias: return "an alias"
    }
  }

  // MARK: - Errors

  func location(of node: Node) -> CodebookError.Location {
    CodebookError.Location(file: file, line: node.mark?.line, column: node.mark?.column)
  }

  func unknownKey(_ node: Node, _ key: String, place: String, allowed: [String]) -> CodebookError {
    .unknownKey(
      key: key, place: place, allowed: allowed, suggestion: closestName(to: key, among: allowed),
      location: location(of: node))
  }

  /// A ``CodebookError`` for an error of the YAML parser.
  func translate(_ error: YamlError, yaml: String) -> CodebookError {
    func explained(_ problem: String, _ context: YamlError.Context?) -> String {
      guard let context else { return problem }
      return "\(problem) (\(context.text) on line \(context.mark.line))"
    }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var text = explained(problem, context)
      let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      let line = lines.dropFirst(mark.line - 1).first
      if let line, line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
        text += "; this line is indented with a tab, but YAML allows only spaces there"
      }
      return .invalidYAML(problem: text, location: .init(file: file, line: mark.line, column: mark.column))
    case .reader(let problem, let offset, _, _):
      var line: Int?
      var column: Int?
      if let offset {
        var position = (line: 1, column: 1)
        for character in yaml.prefix(offset) {
          position = character.isNewline ? (position.line + 1, 1) : (position.line, position.column + 1)
        }
        (line, column) = (position.line, position.column)
      }
      return .invalidYAML(problem: problem, location: .init(file: file, line: line, column: column))
    case .duplicatedKeysInMapping(let duplicates, let context):
      return .duplicateKey(
        key: duplicates.first ?? "",
        location: .init(file: file, line: context.mark.line, column: context.mark.column))
    default:
      return .invalidYAML(problem: "\(error)", location: .init(file: file, line: nil, column: nil))
    }
  }
}
