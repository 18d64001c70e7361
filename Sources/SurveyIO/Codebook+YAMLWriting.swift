public import SurveyStatistics
internal import Yams

extension Codebook {
  /// The codebook as YAML, in the format ``Codebook/init(yaml:file:)`` reads: `design:` (when
  /// declared), then `variables:` in the codebook's order, each with only the keys it has.
  ///
  /// ```swift
  /// let derived = try SurveyFile(path: "survey.sav").codebook!
  /// try AtomicFile.write(derived.yaml(), to: "survey.codebook.yaml", overwrite: false)
  /// ```
  ///
  /// Texts are quoted where YAML would otherwise read them differently (`null`, `~`, `: `, a
  /// leading `#`, …), so reading the text back gives an equal codebook.
  public func yaml() -> String {
    var top: [(Node, Node)] = []
    if let design {
      var pairs: [(Node, Node)] = []
      let keys: [(String, String?)] = [
        ("weight", design.weight), ("strata", design.strata), ("psu", design.psu), ("fpc", design.fpc),
        ("lonely_psu", design.lonelyPSU),
      ]
      for (key, value) in keys {
        if let value { pairs.append((Self.key(key), Self.text(value))) }
      }
      top.append((Self.key("design"), .mapping(Node.Mapping(pairs))))
    }
    var variables: [(Node, Node)] = []
    for entry in self.variables {
      var pairs: [(Node, Node)] = []
      if let label = entry.label { pairs.append((Self.key("label"), Self.text(label))) }
      if let measurement = entry.measurement { pairs.append((Self.key("type"), Self.key(measurement.rawValue))) }
      if !entry.categories.isEmpty {
        let categories = entry.categories.map { (Self.text($0.value), Self.text($0.label)) }
        pairs.append((Self.key("categories"), .mapping(Node.Mapping(categories))))
      }
      if !entry.missingCodes.isEmpty {
        let codes = Node.Sequence(entry.missingCodes.map(Self.text), Tag(.implicit), .flow)
        pairs.append((Self.key("missing"), .sequence(codes)))
      }
      // A variable with nothing to say is written `name: {}`, which reads back as an empty entry.
      variables.append((Self.text(entry.name), .mapping(Node.Mapping(pairs, Tag(.implicit), pairs.isEmpty ? .flow : .any))))
    }
    top.append((Self.key("variables"), .mapping(Node.Mapping(variables))))
    let document = Node.mapping(Node.Mapping(top))
    // Serialising a tree of plain scalars cannot fail; an empty document is the fallback.
    return (try? Yams.serialize(node: document, width: -1, allowUnicode: true)) ?? "{}\n"
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
