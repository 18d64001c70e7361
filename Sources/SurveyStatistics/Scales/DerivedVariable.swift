/// A variable computed from other variables when the survey is loaded — declared in a codebook's
/// `derived:` block or on the command line, never written into the data file.
///
/// ```swift
/// let derived = [
///   DerivedVariable(name: "westin_segment", definition: .westinSegment(
///     WestinSegmentation(lostControl: "westin_a", businessesProper: "westin_b", lawsProtect: "westin_c"))),
///   DerivedVariable(name: "concern_top2", definition: .indicator(variable: "concern", values: ["4", "5"])),
/// ]
/// let survey = try loaded.addingDerivedVariables(derived)
/// ```
public struct DerivedVariable: Sendable, Hashable {
  /// How the values are computed.
  public enum Definition: Sendable, Hashable {
    /// Westin's segment (categorical: fundamentalist, pragmatist, unconcerned).
    case westinSegment(WestinSegmentation)
    /// The score of a multi-item scale (numeric; see ``ScaleDefinition`` for the missing-item rule).
    case scaleScore(ScaleDefinition)
    /// 1 when `variable`'s value is one of `values`, 0 otherwise, missing when it is missing
    /// (binary, e.g. top-2-box concern: `values: ["4", "5"]`).
    case indicator(variable: String, values: [String])
    /// The number of `items` whose value is one of `values` (numeric, 0…k), missing when any item is
    /// missing (e.g. the number of protective behaviours: `values: ["1"]`).
    case count(items: [String], values: [String])
  }

  /// The new variable's name; it must not be a column of the data.
  package var name: String
  /// Its label (question text) for tables and reports.
  package var label: String?
  /// How it is computed.
  package var definition: Definition

  /// Creates a derived variable.
  public init(name: String, label: String? = nil, definition: Definition) {
    self.name = name
    self.label = label
    self.definition = definition
  }

  /// The variables it is computed from.
  package var sourceVariables: [String] {
    switch definition {
    case .westinSegment(let westin): return westin.items
    case .scaleScore(let scale): return scale.items
    case .indicator(let variable, _): return [variable]
    case .count(let items, _): return items
    }
  }
}

extension Survey {
  /// A copy with the derived variables computed and added, in order (a derived variable may use
  /// the ones before it).
  ///
  /// Values are matched as written or as numbers (`4` matches `4.0`); missing values propagate as
  /// each definition says.
  ///
  /// - Throws: ``DerivedVariableError`` when a name is already a column or a definition is
  ///   invalid; ``SurveyError`` when a source variable does not exist.
  public func addingDerivedVariables(_ derived: [DerivedVariable]) throws -> Survey {
    var survey = self
    for variable in derived {
      guard !survey.hasVariable(named: variable.name) else {
        throw DerivedVariableError.nameTaken(name: variable.name)
      }
      var computed = try survey.computing(variable)
      computed.label = variable.label
      survey.setVariable(computed)
    }
    return survey
  }

  /// The values of one derived variable.
  private func computing(_ derived: DerivedVariable) throws -> Variable {
    switch derived.definition {
    case .westinSegment(let westin):
      return try westinSegments(westin, named: derived.name)
    case .scaleScore(let scale):
      return Variable(name: derived.name, numbers: try scaleScores(scale))
    case .indicator(let name, let values):
      guard !values.isEmpty else {
        throw DerivedVariableError.invalidDefinition(name: derived.name, problem: "it lists no values to match")
      }
      let matches = try matchesPerRow(of: name, values: values)
      var variable = Variable(name: derived.name, numbers: matches.map { $0.map { $0 ? 1 : 0 } })
      variable.measurement = .binary
      return variable
    case .count(let items, let values):
      guard !items.isEmpty, !values.isEmpty else {
        throw DerivedVariableError.invalidDefinition(
          name: derived.name, problem: items.isEmpty ? "it lists no items to count" : "it lists no values to match")
      }
      let matches = try items.map { try matchesPerRow(of: $0, values: values) }
      return Variable(name: derived.name, numbers: (0..<respondentCount).map { row in
        var count = 0.0
        for item in matches {
          guard let match = item[row] else { return nil }
          if match { count += 1 }
        }
        return count
      })
    }
  }

  /// Whether each respondent's value of `name` is one of `values` (nil when missing).
  private func matchesPerRow(of name: String, values: [String]) throws -> [Bool?] {
    let categories = try variable(named: name, role: "derived-variable source").categorical
    let levelMatches = categories.levels.map { level in values.contains { sameCode($0, level) } }
    return categories.codes.map { $0 < 0 ? nil : levelMatches[Int($0)] }
  }
}
