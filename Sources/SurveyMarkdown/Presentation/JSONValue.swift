/// A JSON document whose objects keep their keys in the order they were built, so that
/// `--format json` output is byte-for-byte reproducible and reads in the documented order
/// (Foundation's `JSONEncoder` orders keys by hash or alphabetically).
public enum JSONValue: Sendable, Equatable, Encodable {
  /// Members in the order they are written.
  case object([(String, JSONValue)])
  /// Elements.
  case array([JSONValue])
  /// A string.
  case string(String)
  /// A number; `null` when it is not finite.
  case number(Double)
  /// A whole number.
  case integer(Int)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null

  /// Equal when they serialize to the same text.
  public static func == (left: JSONValue, right: JSONValue) -> Bool { left.serialized() == right.serialized() }

  /// A number, or `null` when it is not finite (JSON has no NaN or infinity).
  package static func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// A string, or `null`.
  package static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

  /// Pretty-printed text with two-space indentation and a final newline.
  package func serialized() -> String {
    var text = ""
    write(to: &text, indent: 0)
    return text + "\n"
  }

  private func write(to text: inout String, indent: Int) {
    let padding = String(repeating: "  ", count: indent + 1)
    let closing = String(repeating: "  ", count: indent)
    switch self {
    case .object(let members):
      guard !members.isEmpty else { text += "{}"; return }
      text += "{\n"
      for (index, (key, value)) in members.enumerated() {
        text += padding + Self.quoted(key) + ": "
        value.write(to: &text, indent: indent + 1)
        text += index < members.count - 1 ? ",\n" : "\n"
      }
      text += closing + "}"
    case .array(let elements):
      guard !elements.isEmpty else { text += "[]"; return }
      text += "[\n"
      for (index, element) in elements.enumerated() {
        text += padding
        element.write(to: &text, indent: indent + 1)
        text += index < elements.count - 1 ? ",\n" : "\n"
      }
      text += closing + "]"
    case .string(let string): text += Self.quoted(string)
    case .number(let number): text += number.isFinite ? "\(number)" : "null"  // JSON has no NaN or infinity
    case .integer(let integer): text += "\(integer)"
    case .bool(let bool): text += bool ? "true" : "false"
    case .null: text += "null"
    }
  }

  /// A JSON string literal (RFC 8259 §7).
  static func quoted(_ string: String) -> String {
    var result = "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case let control where control.value < 0x20:
        let hex = String(control.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}

extension JSONValue {
  /// The value through an `Encoder` (objects lose their key order with `JSONEncoder`; use
  /// `serialized()` for the documented order).
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .object(let members):
      var container = encoder.container(keyedBy: MemberKey.self)
      for (key, value) in members { try container.encode(value, forKey: MemberKey(stringValue: key)) }
    case .array(let elements):
      var container = encoder.unkeyedContainer()
      for element in elements { try container.encode(element) }
    case .string(let string):
      var container = encoder.singleValueContainer()
      try container.encode(string)
    case .number(let number):
      var container = encoder.singleValueContainer()
      if number.isFinite { try container.encode(number) } else { try container.encodeNil() }
    case .integer(let integer):
      var container = encoder.singleValueContainer()
      try container.encode(integer)
    case .bool(let bool):
      var container = encoder.singleValueContainer()
      try container.encode(bool)
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    }
  }

  private struct MemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}
