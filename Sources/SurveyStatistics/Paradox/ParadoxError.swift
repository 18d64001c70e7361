/// A paradox definition that cannot be analysed as written.
public enum ParadoxError: Error, CustomStringConvertible, Sendable, Equatable {
  /// No action item was given.
  case noActions
  /// "At least k of K" with k outside 1…K.
  case invalidMinimumActions(minimum: Int, actionCount: Int)
  /// An indicator whose values no respondent has.
  case valuesNeverObserved(indicator: Indicator, role: String, observed: [String])
  /// No respondent answered the concern item and every action item.
  case noCompleteRespondents(definition: ParadoxDefinition)

  /// A readable sentence with advice.
  public var description: String {
    switch self {
    case .noActions:
      return "the paradox needs at least one protective-behaviour item and the values that mean 'did it' (e.g. protect_cookies=1)."
    case .invalidMinimumActions(let minimum, let actionCount):
      return "acting cannot need at least \(minimum) of \(actionCount) action item\(actionCount == 1 ? "" : "s"): "
        + "the minimum number of actions must be between 1 (any of them, the default) and \(actionCount) (all of them)."
    case .valuesNeverObserved(let indicator, let role, let observed):
      let shown = observed.isEmpty ? "none (every value is missing)" : observed.joined(separator: ", ")
      return "no respondent has \(indicator) (the \(role)), so that indicator is 0 for everybody. "
        + "The values present in '\(indicator.variable)' are: \(shown). Write the values as they appear in the file, "
        + "e.g. \(indicator.variable)=\(observed.first ?? "1")."
    case .noCompleteRespondents(let definition):
      let items = ([definition.concern] + definition.actions).map(\.variable).joined(separator: ", ")
      return "no respondent answered all of \(items), so nothing can be estimated. "
        + "Respondents missing any item of the definition are left out; check the missing-value codes."
    }
  }
}

extension ParadoxError: ConfianceError {
  /// Always ``ErrorKind/data``.
  package var kind: ErrorKind { .data }
  /// The action items, or their minimum.
  package var remedy: Remedy? {
    switch self {
    case .noActions: return .actionItems
    case .invalidMinimumActions: return .minimumActions
    default: return nil
    }
  }
}
