package import SurveyStatistics
internal import Yams

extension Codebook {
  /// Reads derived-variable declarations written like the codebook's `derived:` block, for the
  /// command line's `--derive`:
  ///
  /// ```swift
  /// try Codebook.derivedVariables(
  ///   yaml: "westin_segment: {kind: westin, items: [westin_a, westin_b, westin_c]}", source: "--derive")
  /// ```
  ///
  /// - Parameters:
  ///   - yaml: A mapping from names to definitions (YAML flow style fits on one line).
  ///   - source: What to call the text in messages (`--derive`).
  /// - Throws: ``CodebookError`` exactly as for a codebook's `derived:` block.
  package static func derivedVariables(yaml: String, source: String) throws -> [DerivedVariable] {
    let reader = CodebookReader(file: source)
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw reader.translate(error, yaml: yaml)
    }
    guard let root else { return [] }
    return try reader.derivedVariables(root)
  }
}

extension CodebookReader {
  static let derivedKinds = ["westin", "scale", "indicator", "count"]
  static let derivedKeysByKind: [String: [String]] = [
    "westin": ["kind", "label", "items", "agree", "disagree"],
    "scale": ["kind", "label", "items", "reverse", "range", "min_items"],
    "indicator": ["kind", "label", "variable", "values"],
    "count": ["kind", "label", "items", "values"],
  ]
  static let derivedKeys = ["kind", "label", "items", "reverse", "range", "min_items", "variable", "values", "agree", "disagree"]

  /// The `derived:` block: a mapping from new variable names to their definitions.
  func derivedVariables(_ node: Node) throws(CodebookError) -> [DerivedVariable] {
    if isNull(node) { return [] }
    let pairs = try mapping(
      node, what: "'derived'",
      expected: "a mapping from new variable names to their definitions, one 'name:' per derived variable")
    var derived: [DerivedVariable] = []
    for (keyNode, value) in pairs {
      let name = try keyText(keyNode, what: "a derived variable name")
      guard !name.isEmpty else {
        throw .wrongShape(
          what: "a derived variable name", expected: "a name", found: "empty", location: location(of: keyNode))
      }
      derived.append(try derivedVariable(named: name, value))
    }
    return derived
  }

  func derivedVariable(named name: String, _ node: Node) throws(CodebookError) -> DerivedVariable {
    let place = "in derived variable '\(name)'"
    let pairs = try mapping(
      node, what: "derived variable '\(name)'",
      expected: "a mapping with a 'kind' (\(Self.derivedKinds.joined(separator: ", "))) and its keys")
    var values: [String: Node] = [:]
    var keyNodes: [String: Node] = [:]
    for (keyNode, value) in pairs {
      let key = try keyText(keyNode, what: "a key of derived variable '\(name)'")
      guard Self.derivedKeys.contains(key) else {
        throw unknownKey(keyNode, key, place: place, allowed: Self.derivedKeys)
      }
      values[key] = value
      keyNodes[key] = keyNode
    }
    guard let kindNode = values["kind"], let kind = try choice(kindNode, key: "kind", place: place, allowed: Self.derivedKinds)
    else {
      throw .wrongShape(
        what: "derived variable '\(name)'",
        expected: "a mapping with 'kind: \(Self.derivedKinds.joined(separator: "|"))'", found: "one without a kind",
        location: location(of: node))
    }
    let allowed = Self.derivedKeysByKind[kind]!
    for (key, keyNode) in keyNodes where !allowed.contains(key) {
      throw unknownKey(keyNode, key, place: "\(place) (kind \(kind))", allowed: allowed)
    }
    func required(_ key: String, expected: String) throws(CodebookError) -> Node {
      guard let value = values[key] else {
        throw .wrongShape(
          what: "derived variable '\(name)' (kind \(kind))", expected: "a '\(key)': \(expected)",
          found: "one without '\(key)'", location: location(of: node))
      }
      return value
    }
    var label: String?
    if let labelNode = values["label"] {
      label = try optionalText(labelNode, what: "the label of derived variable '\(name)'", expected: "a text")
    }

    let definition: DerivedVariable.Definition
    switch kind {
    case "westin":
      let itemsNode = try required("items", expected: "the three statements A, B, C")
      let items = try textList(itemsNode, what: "the items of derived variable '\(name)'", expected: "a list of three column names [A, B, C]")
      guard items.count == 3 else {
        throw .wrongShape(
          what: "the items of derived variable '\(name)'", expected: "a list of three column names [A, B, C]",
          found: "a list of \(items.count)", location: location(of: itemsNode))
      }
      var westin = WestinSegmentation(lostControl: items[0], businessesProper: items[1], lawsProtect: items[2])
      if let agree = values["agree"] {
        westin.agreeCodes = try textList(agree, what: "the agree codes of '\(name)'", expected: "a list of codes such as [1, 2]")
      }
      if let disagree = values["disagree"] {
        westin.disagreeCodes = try textList(
          disagree, what: "the disagree codes of '\(name)'", expected: "a list of codes such as [3, 4]")
      }
      definition = .westinSegment(westin)
    case "scale":
      let items = try textList(
        required("items", expected: "a list of column names"), what: "the items of derived variable '\(name)'",
        expected: "a list of column names")
      var scale = ScaleDefinition(items: items)
      if let reverse = values["reverse"] {
        scale.reversedItems = try textList(
          reverse, what: "the reverse-keyed items of '\(name)'", expected: "a list of column names")
      }
      if let range = values["range"] { scale.range = try numberRange(range, what: "the range of '\(name)'") }
      if let minimum = values["min_items"] {
        scale.minimumAnsweredItems = try positiveInteger(minimum, what: "'min_items' of '\(name)'")
      }
      definition = .scaleScore(scale)
    case "indicator":
      let variableNode = try required("variable", expected: "a column name")
      guard let variable = try optionalText(variableNode, what: "'variable' of '\(name)'", expected: "a column name") else {
        throw .wrongShape(what: "'variable' of '\(name)'", expected: "a column name", found: "empty", location: location(of: variableNode))
      }
      let matched = try textList(
        required("values", expected: "a list of values such as [4, 5]"), what: "the values of '\(name)'",
        expected: "a list of values such as [4, 5]")
      definition = .indicator(variable: variable, values: matched)
    default:  // count
      let items = try textList(
        required("items", expected: "a list of column names"), what: "the items of derived variable '\(name)'",
        expected: "a list of column names")
      let matched = try textList(
        required("values", expected: "a list of values such as [1]"), what: "the values of '\(name)'",
        expected: "a list of values such as [1]")
      definition = .count(items: items, values: matched)
    }
    return DerivedVariable(name: name, label: label, definition: definition)
  }

  /// A list of scalars as written (a single scalar is a list of one).
  func textList(_ node: Node, what: String, expected: String) throws(CodebookError) -> [String] {
    switch node {
    case .scalar(let scalar):
      guard !isNull(node) else {
        throw .wrongShape(what: what, expected: expected, found: "empty", location: location(of: node))
      }
      return [scalar.string]
    case .sequence(let sequence):
      var texts: [String] = []
      for item in sequence {
        guard case .scalar(let scalar) = item, !isNull(item) else {
          throw .wrongShape(what: what, expected: expected, found: "a list holding \(found(item))", location: location(of: item))
        }
        texts.append(scalar.string)
      }
      return texts
    case .mapping, .alias:
      throw .wrongShape(what: what, expected: expected, found: found(node), location: location(of: node))
    }
  }

  /// `[lowest, highest]`, two numbers.
  func numberRange(_ node: Node, what: String) throws(CodebookError) -> ClosedRange<Double> {
    let expected = "two numbers [lowest, highest] such as [1, 5]"
    let texts = try textList(node, what: what, expected: expected)
    let numbers = texts.compactMap { Double($0) }
    guard texts.count == 2, numbers.count == 2, numbers[0].isFinite, numbers[1].isFinite, numbers[0] < numbers[1] else {
      throw .wrongShape(what: what, expected: expected, found: "[\(texts.joined(separator: ", "))]", location: location(of: node))
    }
    return numbers[0]...numbers[1]
  }

  /// A whole number ≥ 1.
  func positiveInteger(_ node: Node, what: String) throws(CodebookError) -> Int {
    let text = try optionalText(node, what: what, expected: "a whole number such as 2")
    guard let text, let number = Int(text), number >= 1 else {
      throw .wrongShape(what: what, expected: "a whole number such as 2", found: found(node), location: location(of: node))
    }
    return number
  }
}
