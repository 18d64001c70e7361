import Foundation

/// A coding key made at run time, for objects whose keys are data (a domain's variables).
struct DynamicKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer {
  /// Encodes a number, or `null` when it is not finite (JSON has no NaN or infinity).
  mutating func encodeNumber(_ value: Double?, forKey key: Key) throws {
    if let value, value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
  }
}

/// Pretty JSON with keys in the order they are encoded, and a final newline.
func encodeJSON(_ value: some Encodable) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}
