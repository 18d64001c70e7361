/// A cross-tab that cannot be made as asked.
public enum CrossTabError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The same variable was given for two roles (row and column, or row and `by`).
  case variableUsedTwice(variable: String, firstRole: String, secondRole: String)

  /// A readable sentence with advice.
  public var description: String {
    switch self {
    case .variableUsedTwice(let variable, let firstRole, let secondRole):
      return "'\(variable)' is given both as the \(firstRole) variable and as a \(secondRole) variable. "
        + "A cross-tab needs two different variables, and the domain variables must be a third (and fourth…) variable."
    }
  }
}

extension CrossTabError {
  /// Throws ``variableUsedTwice(variable:firstRole:secondRole:)`` for the first variable named in
  /// two roles among the row, the column and the domain variables.
  package static func checkRoles(row: String, column: String, by domainVariables: [String]) throws {
    let roles = [(row, "row"), (column, "column")] + domainVariables.map { ($0, "by") }
    for (index, (name, role)) in roles.enumerated() {
      if let earlier = roles[..<index].first(where: { $0.0 == name }) {
        throw CrossTabError.variableUsedTwice(variable: name, firstRole: earlier.1, secondRole: role)
      }
    }
  }
}

extension CrossTabError: ConfianceError {
  /// Always ``ErrorKind/data``.
  package var kind: ErrorKind { .data }
}
