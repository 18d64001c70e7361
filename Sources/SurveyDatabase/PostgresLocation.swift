internal import Foundation

/// Where a PostgreSQL database is and who connects to it, from a `postgresql://` URL with libpq's
/// conventions: `postgresql://user:password@host:port/database?sslmode=disable`. A password missing
/// from the URL comes from `PGPASSWORD`, then from `~/.pgpass` (or `PGPASSFILE`); a missing user from
/// `PGUSER`, then the login name; a missing database is the user's name (libpq's defaults).
///
/// The password is kept for the connection and never printed: ``description`` names the user,
/// host, port and database only.
package struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  /// How the connection is encrypted (libpq's `sslmode`).
  package enum Encryption: String, Sendable, Hashable {
    /// Never encrypt.
    case disable
    /// Encrypt when the server offers it (libpq's default).
    case prefer
    /// Encrypt, or fail.
    case require
  }

  package var host: String
  package var port: Int
  package var user: String
  package var database: String
  /// The password; `nil` when none was found (a server that trusts the client needs none).
  package var password: String?
  package var encryption: Encryption

  /// Whether `text` names a PostgreSQL database rather than a file.
  package static func isLocation(_ text: String) -> Bool {
    text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
  }

  /// Reads a `postgresql://` URL.
  ///
  /// - Parameters:
  ///   - environment: where `PGPASSWORD`, `PGUSER`, `PGPASSFILE`, `HOME` and `USER` are read.
  /// - Throws: ``DatabaseError/malformedLocation(_:problem:)`` for a URL that is not one.
  package init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    guard Self.isLocation(text), let components = URLComponents(string: text), let host = components.host,
      !host.isEmpty
    else {
      throw DatabaseError.malformedLocation(.postgreSQL, problem: "write it as postgresql://user@host:5432/database")
    }
    self.host = host
    port = components.port ?? 5432
    user = components.user.flatMap { $0.removingPercentEncoding }
      ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
    let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
    let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
    switch mode {
    case "disable": encryption = .disable
    case "allow", "prefer": encryption = .prefer
    case "require", "verify-ca", "verify-full": encryption = .require
    default: throw DatabaseError.malformedLocation(.postgreSQL, problem: "sslmode=\(mode) is not one of disable, prefer or require")
    }
    password = components.password.flatMap { $0.removingPercentEncoding }
      ?? environment["PGPASSWORD"]
      ?? Self.passwordFile(environment: environment).flatMap { Self.password(inPasswordFile: $0, host: host, port: port, database: database, user: user) }
  }

  /// `user@host:port/database`, without the password.
  package var description: String { "\(user)@\(host):\(port)/\(database)" }

  /// `PGPASSFILE`, or `~/.pgpass`.
  private static func passwordFile(environment: [String: String]) -> String? {
    if let file = environment["PGPASSFILE"] { return file }
    return environment["HOME"].map { $0 + "/.pgpass" }
  }

  /// The password of the first line of a `.pgpass` file that matches (libpq: fields
  /// `host:port:database:username:password`, `*` matches anything, `\:` and `\\` escape).
  static func password(inPasswordFile path: String, host: String, port: Int, database: String, user: String) -> String? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      var fields: [String] = [""]
      var escaped = false
      for character in line {
        if escaped {
          fields[fields.count - 1].append(character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == ":" && fields.count < 5 {
          fields.append("")
        } else {
          fields[fields.count - 1].append(character)
        }
      }
      guard fields.count == 5 else { continue }
      let wanted = [host, String(port), database, user]
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
    }
    return nil
  }
}
