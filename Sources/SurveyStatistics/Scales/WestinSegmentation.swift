/// Westin's Privacy Segmentation Index: three agree/disagree statements that sort respondents into
/// privacy fundamentalists, pragmatists and the unconcerned (Harris–Westin surveys 1995–2003;
/// rule as given by Kumaraguru & Cranor 2005, *Privacy Indexes: A Survey of Westin's Studies*,
/// CMU-ISRI-05-138).
///
/// The statements, answered 1 strongly agree, 2 somewhat agree, 3 somewhat disagree, 4 strongly
/// disagree:
/// - **A.** Consumers have lost all control over how personal information is collected and used by
///   companies.
/// - **B.** Most businesses handle the personal information they collect about consumers in a proper
///   and confidential way.
/// - **C.** Existing laws and organizational practices provide a reasonable level of protection for
///   consumer privacy today.
///
/// The rule:
/// - **fundamentalist**: agrees with A, and disagrees with B and with C;
/// - **unconcerned**: disagrees with A, and agrees with B and with C;
/// - **pragmatist**: every other pattern.
///
/// A respondent with a missing answer to any of the three statements has no segment (the published
/// rule needs all three). An answer that is neither an agree nor a disagree code (a "don't know"
/// that was not declared missing) is an error rather than a silent pragmatist.
///
/// ```swift
/// let westin = WestinSegmentation(lostControl: "westin_a", businessesProper: "westin_b", lawsProtect: "westin_c")
/// let segment = try survey.westinSegments(westin, named: "westin_segment")
/// ```
public struct WestinSegmentation: Sendable, Hashable {
  /// The segment of the most concerned respondents.
  package static let fundamentalist = "fundamentalist"
  /// The segment of the middle.
  package static let pragmatist = "pragmatist"
  /// The segment of the least concerned respondents.
  package static let unconcerned = "unconcerned"

  /// Statement A (consumers have lost all control).
  package var lostControl: String
  /// Statement B (businesses handle personal information properly).
  package var businessesProper: String
  /// Statement C (laws and practices protect privacy).
  package var lawsProtect: String
  /// The answer codes that agree (default 1 and 2).
  package var agreeCodes: [String]
  /// The answer codes that disagree (default 3 and 4).
  package var disagreeCodes: [String]

  /// Creates the segmentation from its three statements.
  public init(
    lostControl: String, businessesProper: String, lawsProtect: String, agreeCodes: [String] = ["1", "2"],
    disagreeCodes: [String] = ["3", "4"]
  ) {
    self.lostControl = lostControl
    self.businessesProper = businessesProper
    self.lawsProtect = lawsProtect
    self.agreeCodes = agreeCodes
    self.disagreeCodes = disagreeCodes
  }

  /// The statements in the order A, B, C.
  package var items: [String] { [lostControl, businessesProper, lawsProtect] }
}

extension Survey {
  /// The Westin segment of every respondent, as a categorical variable with the categories
  /// `fundamentalist`, `pragmatist` and `unconcerned` (missing when a statement is unanswered, or
  /// answered with one of the codebook's `dont_know` codes).
  ///
  /// - Throws: ``DerivedVariableError/unrecognisedAnswer(item:row:value:expected:origin:)`` for an
  ///   answer that is neither an agree nor a disagree code; ``DerivedVariableError/invalidDefinition(name:problem:)``
  ///   when a code is both; ``SurveyError`` for an unknown statement variable.
  public func westinSegments(_ westin: WestinSegmentation, named name: String) throws -> Variable {
    if let shared = westin.agreeCodes.first(where: { code in westin.disagreeCodes.contains { sameCode($0, code) } }) {
      throw DerivedVariableError.invalidDefinition(
        name: name, problem: "the code \(shared) is both an agree and a disagree code")
    }
    let expected = "an agree code (\(westin.agreeCodes.joined(separator: ", "))) nor a disagree code (\(westin.disagreeCodes.joined(separator: ", ")))"
    // For each statement, each respondent's answer: true = agrees, false = disagrees, nil = missing.
    let agrees: [[Bool?]] = try westin.items.map { item in
      let values = try variable(named: item, role: "Westin statement").categorical
      // A "don't know" (the codebook's `dont_know`) leaves the statement unanswered.
      let dontKnow = codebook?.entry(named: item)?.dontKnowCodes ?? []
      let classes: [Bool??] = values.levels.map { level in
        if westin.agreeCodes.contains(where: { sameCode($0, level) }) { return true }
        if westin.disagreeCodes.contains(where: { sameCode($0, level) }) { return false }
        if dontKnow.contains(where: { sameCode($0, level) }) { return .some(nil) }
        return nil
      }
      return try values.codes.enumerated().map { row, code in
        guard code >= 0 else { return nil }
        guard let agrees = classes[Int(code)] else {
          throw DerivedVariableError.unrecognisedAnswer(
            item: item, row: row, value: values.levels[Int(code)], expected: expected, origin: origin)
        }
        return agrees
      }
    }
    let segments: [String?] = (0..<respondentCount).map { row in
      guard let a = agrees[0][row], let b = agrees[1][row], let c = agrees[2][row] else { return nil }
      if a, !b, !c { return WestinSegmentation.fundamentalist }
      if !a, b, c { return WestinSegmentation.unconcerned }
      return WestinSegmentation.pragmatist
    }
    return Variable(name: name, categories: segments)
  }
}

/// Whether a value written in the data matches a code: the same text, or the same number (`1`
/// matches `1.0`).
func sameCode(_ code: String, _ value: String) -> Bool {
  if code == value { return true }
  guard let left = Double(code.trimmingSpaces()), let right = Double(value.trimmingSpaces()) else { return false }
  return left == right
}
