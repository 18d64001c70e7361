/// Who counts as *concerned* and who as *acting* in a privacy-paradox analysis.
///
/// A respondent is concerned when the concern indicator is 1, and acting when at least
/// `minimumActions` of the action indicators are 1 (1, the default, means "any of them").
/// A respondent missing the concern item or any action item is outside every estimate (masked:
/// weight 0 for the estimates, while every PSU of the design keeps its place), as R's
/// `subset(design, complete.cases(...))`.
///
/// ```swift
/// let definition = ParadoxDefinition(
///   concern: Indicator(variable: "concern_data_use", values: ["4", "5"]),
///   actions: [Indicator(variable: "protect_settings", values: ["1"]),
///             Indicator(variable: "protect_cookies", values: ["1"])])
/// definition.actingDescription  // "protect_settings in {1} or protect_cookies in {1}"
/// ```
public struct ParadoxDefinition: Sendable, Hashable, Codable {
  /// The concern indicator.
  package var concern: Indicator
  /// The protective-behaviour indicators.
  package var actions: [Indicator]
  /// How many action indicators must be 1 for a respondent to count as acting (k of K).
  package var minimumActions: Int

  /// Creates a definition; `minimumActions` defaults to 1 ("any of the actions").
  public init(concern: Indicator, actions: [Indicator], minimumActions: Int = 1) {
    self.concern = concern
    self.actions = actions
    self.minimumActions = minimumActions
  }

  /// `concern_data_use in {4,5}`.
  package var concernDescription: String { concern.description }

  /// `a in {1}` for one action; `a in {1} or b in {1}` for any of K; `a in {1} and b in {1}` for all
  /// of K; `at least 2 of: a in {1}, b in {1}, c in {yes}` otherwise.
  package var actingDescription: String {
    let items = actions.map(\.description)
    if items.count == 1 { return items[0] }
    if minimumActions <= 1 { return items.joined(separator: " or ") }
    if minimumActions == items.count { return items.joined(separator: " and ") }
    return "at least \(minimumActions) of: " + items.joined(separator: ", ")
  }

  /// The *acting* indicator as a 0/1 variable: 1 for a respondent with at least ``minimumActions``
  /// of the actions, 0 for one with fewer, missing when an action item is missing (the concern item
  /// is not read). It is the outcome of a model of who acts; in R,
  /// `as.numeric(rowSums(cbind(a %in% values, …)) >= k)` with `NA` where an item is `NA`.
  ///
  /// - Throws: ``ParadoxError`` for an invalid definition or action values never observed;
  ///   ``SurveyError`` for an action item the survey lacks.
  package func actingVariable(named name: String, in survey: Survey) throws -> Variable {
    try validate()
    var actionCount = [Int](repeating: 0, count: survey.respondentCount)
    var isComplete = [Bool](repeating: true, count: survey.respondentCount)
    for action in actions {
      let codes = try action.codes(in: survey, role: "action item")
      for row in codes.indices {
        if codes[row] < 0 { isComplete[row] = false } else { actionCount[row] += Int(codes[row]) }
      }
    }
    let codes = actionCount.indices.map { row -> Int32 in
      isComplete[row] ? (actionCount[row] >= minimumActions ? 1 : 0) : -1
    }
    return Variable(
      name: name, values: .categorical(CategoricalValues(codes: codes, levels: ["0", "1"])), measurement: .binary)
  }

  /// Checks the definition against its own rules.
  func validate() throws {
    guard !actions.isEmpty else { throw ParadoxError.noActions }
    guard minimumActions >= 1, minimumActions <= actions.count else {
      throw ParadoxError.invalidMinimumActions(minimum: minimumActions, actionCount: actions.count)
    }
  }

  /// The 2×2 cell of every respondent: 2·C + A (0 = neither, 1 = acting only, 2 = concerned only,
  /// 3 = both), or −1 when an item of the definition is missing.
  func cells(in survey: Survey) throws -> [Int8] {
    try validate()
    let concerned = try concern.codes(in: survey, role: "concern item")
    var actionCount = [Int](repeating: 0, count: survey.respondentCount)
    var isComplete = concerned.map { $0 >= 0 }
    for action in actions {
      let codes = try action.codes(in: survey, role: "action item")
      for row in codes.indices {
        if codes[row] < 0 { isComplete[row] = false } else { actionCount[row] += Int(codes[row]) }
      }
    }
    return concerned.indices.map { row in
      guard isComplete[row] else { return -1 }
      return 2 * concerned[row] + (actionCount[row] >= minimumActions ? 1 : 0)
    }
  }
}
