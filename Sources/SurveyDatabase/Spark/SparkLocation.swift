/// A Spark Connect server: `sc://host:port` (port 15002 when left out), as Spark's own clients
/// write it.
public struct SparkLocation: Sendable, Hashable {
  package var host: String
  package var port: Int

  /// Whether `text` names a Spark Connect server rather than a file.
  package static func isLocation(_ text: String) -> Bool { text.hasPrefix("sc://") }

  /// Reads `sc://host[:port][/]`; Spark Connect's `;name=value` parameters are not supported.
  public init(url: String) throws {
    guard Self.isLocation(url) else { throw DatabaseError.malformedLocation(.spark, problem: "write sc://host:port") }
    var rest = url.dropFirst("sc://".count)
    if rest.hasSuffix("/") { rest = rest.dropLast() }
    let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let host = parts.first, !host.isEmpty,
      host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" })
    else { throw DatabaseError.malformedLocation(.spark, problem: "write sc://host:port") }
    let port = parts.count == 2 ? Int(parts[1]) : 15002
    guard let port, (1...65535).contains(port) else { throw DatabaseError.malformedLocation(.spark, problem: "write sc://host:port") }
    self.host = String(host)
    self.port = port
  }

  /// `sc://host:port`.
  package var url: String { "sc://\(host):\(port)" }
}
