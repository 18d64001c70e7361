/// A problem with population targets, their fit to the data, or a weighting option, that the
/// researcher can fix. Every message says what is wrong, where (targets file and line, data file
/// and line), and what to do.
public enum WeightingError: Error, CustomStringConvertible, Sendable, Equatable {
  /// No margin was given.
  case noMargins
  /// A margin names a variable the data does not have.
  case unknownVariable(name: String, origin: TargetOrigin?, suggestion: String?, available: [String])
  /// A raking variable has missing values.
  case missingValues(variable: String, count: Int, locations: [String], respondents: Int)
  /// Two targets for the same cell of a margin.
  case duplicateTarget(margin: String, category: String, origin: TargetOrigin?, firstOrigin: TargetOrigin?)
  /// A cell's category count differs from the margin's variable count.
  case malformedCell(margin: String, category: String, expected: Int, origin: TargetOrigin?)
  /// A negative or non-finite target.
  case invalidTarget(margin: String, category: String, target: Double, origin: TargetOrigin?)
  /// Proportions that do not sum to 1 (±1e-6).
  case proportionsDoNotSumToOne(margin: String, sum: Double, origin: TargetOrigin?)
  /// A margin whose targets sum to 0.
  case emptyMargin(margin: String, origin: TargetOrigin?)
  /// A category present in the data with no target.
  case categoryWithoutTarget(
    margin: String, category: String, respondents: Int, firstLocation: String, targets: TargetOrigin?)
  /// A category with a positive target that no respondent has.
  case targetCategoryNotInData(margin: String, category: String, target: Double, origin: TargetOrigin?)
  /// A target of 0 for a category that respondents have.
  case zeroTargetForObservedCategory(margin: String, category: String, respondents: Int, origin: TargetOrigin?)
  /// Margins (or the population size) that describe populations of different sizes.
  case inconsistentTotals(margin: String, total: Double, reference: String, referenceTotal: Double, origin: TargetOrigin?)
  /// The population size is not a positive finite number.
  case invalidPopulationSize(Double)
  /// Raking stopped at the iteration limit before the weights settled.
  case notConverged(iterations: Int, change: Double, tolerance: Double, misfits: [Misfit])
  /// Raking settled on weights that do not fit the margins (margins that contradict each other).
  case marginsDoNotFit(iterations: Int, misfits: [Misfit])
  /// A raking or trimming option out of range.
  case invalidOption(name: String, value: String, requirement: String)
  /// Trimming bounds that cannot be met.
  case trimmingImpossible(reason: String)
  /// A replicate with no weight in a margin cell that has a target, so that the replicate cannot
  /// be raked (R's `rake()` on a `svyrep.design` gives that replicate NaN weights).
  case emptyReplicateCell(margin: String, category: String, replicate: Int, respondents: Int, origin: TargetOrigin?)

  /// A margin cell whose weighted total is not at its target.
  public struct Misfit: Sendable, Hashable {
    /// The margin (`sex`, `sex*age`).
    package var margin: String
    /// The cell (`F`, `F*18-34`).
    package var category: String
    /// The target (a total, after scaling proportions).
    package var target: Double
    /// The weighted total reached.
    package var achieved: Double
    /// Where the target was written.
    package var origin: TargetOrigin?

    /// Creates a misfit.
    package init(margin: String, category: String, target: Double, achieved: Double, origin: TargetOrigin?) {
      self.margin = margin
      self.category = category
      self.target = target
      self.achieved = achieved
      self.origin = origin
    }
  }

  /// A readable sentence with location and advice.
  public var description: String {
    switch self {
    case .noMargins:
      return "no population margin was given, so there is nothing to weight to. "
        + "Give a targets file with one row per category: variable,category,target."
    case .unknownVariable(let name, let origin, let suggestion, let available):
      var text = "\(prefix(origin))the targets name the variable '\(name)', but the data has no such column."
      if let suggestion { text += " Did you mean '\(suggestion)'?" }
      let shown = available.prefix(12).joined(separator: ", ")
      text += " The columns are: \(shown)\(available.count > 12 ? ", …" : ""). Correct the name in the targets file."
      return text
    case .missingValues(let variable, let count, let locations, let respondents):
      let rows = locations.isEmpty ? "" : " (\(locations.joined(separator: ", "))\(count > locations.count ? ", …" : ""))"
      return "the raking variable '\(variable)' is missing for \(count) of \(respondents) respondents\(rows). "
        + "Raking needs a category for every respondent: impute the missing values, or code them as a "
        + "category of their own (e.g. \"missing\") and give that category a target."
    case .duplicateTarget(let margin, let category, let origin, let firstOrigin):
      return "\(prefix(origin))'\(margin)' = '\(category)' has a second target"
        + "\(firstOrigin.map { " (the first is on \($0))" } ?? ""). Keep one row per category."
    case .malformedCell(let margin, let category, let expected, let origin):
      return "\(prefix(origin))the category '\(category)' of '\(margin)' should name \(expected) categories "
        + "joined by '*' (one per crossed variable), e.g. F*18-34."
    case .invalidTarget(let margin, let category, let target, let origin):
      let problem =
        target.isNaN
        ? "the target of '\(margin)' = '\(category)' is NaN (not a number)"
        : target.isInfinite
          ? "the target of '\(margin)' = '\(category)' is infinite"
          : "the target \(roundedText(target)) of '\(margin)' = '\(category)' is negative"
      return "\(prefix(origin))\(problem). Targets are population counts or proportions, 0 or more."
    case .proportionsDoNotSumToOne(let margin, let sum, let origin):
      return "\(prefix(origin))the targets of '\(margin)' are proportions (all at most 1) but sum to "
        + "\(roundedText(sum)), not 1. Correct them so that they sum to 1 (±0.000001), "
        + "or give population counts instead."
    case .emptyMargin(let margin, let origin):
      return "\(prefix(origin))the targets of '\(margin)' sum to 0: the margin describes nobody. Give positive targets."
    case .categoryWithoutTarget(let margin, let category, let respondents, let firstLocation, let targets):
      return "\(prefix(targets))'\(margin)' has no target for the category '\(category)', which \(respondents) "
        + "respondent\(respondents == 1 ? " has" : "s have") (first at \(firstLocation)). "
        + "Add a target row for it, or recode the category into one that has a target."
    case .targetCategoryNotInData(let margin, let category, let target, let origin):
      return "\(prefix(origin))'\(margin)' = '\(category)' has the target \(roundedText(target)) but no "
        + "respondent is in that category, so no weight can reach it and raking cannot converge. "
        + "Merge the category with a neighbouring one in the data and the targets, or check its spelling."
    case .zeroTargetForObservedCategory(let margin, let category, let respondents, let origin):
      return "\(prefix(origin))'\(margin)' = '\(category)' has the target 0 but \(respondents) "
        + "respondent\(respondents == 1 ? " is" : "s are") in that category; their weights would become 0. "
        + "Remove these respondents from the file, or give the category its population count."
    case .inconsistentTotals(let margin, let total, let reference, let referenceTotal, let origin):
      return "\(prefix(origin))the targets of '\(margin)' sum to \(roundedText(total)) but \(reference) "
        + "is \(roundedText(referenceTotal)); every margin must describe the same population. "
        + "Correct the totals, or give proportions."
    case .invalidPopulationSize(let size):
      return "the population size \(NumericValues.shortText(size)) is not a positive number; give the number of "
        + "people the survey represents, e.g. 5400000."
    case .notConverged(let iterations, let change, let tolerance, let misfits):
      var text = "raking did not converge after \(iterations) iterations: the weighted margin totals still changed "
        + "by \(roundedText(change)) in the last sweep (tolerance \(roundedText(tolerance)))."
      if !misfits.isEmpty { text += " Cells that do not fit their targets:" + Self.list(misfits) }
      text += " The margins may contradict each other, or a combination of categories that the targets need may be "
        + "empty in the sample: check the crossed table of the raking variables, merge sparse categories, raise "
        + "the iteration limit, or accept the weights of the last sweep."
      return text
    case .marginsDoNotFit(let iterations, let misfits):
      return "raking stopped changing the weights after \(iterations) iterations, but the margins do not fit:"
        + Self.list(misfits) + " The margins contradict each other: check that every margin describes the same "
        + "population and that the crossed margins agree with the single ones, or accept the weights of the last sweep."
    case .invalidOption(let name, let value, let requirement):
      return "\(name) \(value) is not usable: \(requirement)."
    case .trimmingImpossible(let reason):
      return "the weights cannot be trimmed: \(reason)."
    case .emptyReplicateCell(let margin, let category, let replicate, let respondents, let origin):
      return "\(prefix(origin))replicate \(replicate) gives weight 0 to \(respondents == 1 ? "the" : "all \(respondents)") "
        + "respondent\(respondents == 1 ? "" : "s") in '\(margin)' = '\(category)' (for created replicates: they all "
        + "belong to the PSUs it leaves out), so that replicate cannot be raked to the target. Merge '\(category)' "
        + "with a neighbouring category in the data and the targets, so that every replicate has weight in it."
    }
  }

  /// " 'sex' = 'F' reaches 15 for a target of 10 (targets.csv:2); …." — at most 8 cells.
  private static func list(_ misfits: [Misfit]) -> String {
    var text = misfits.prefix(8).map { misfit in
      " '\(misfit.margin)' = '\(misfit.category)' reaches \(roundedText(misfit.achieved))"
        + " for a target of \(roundedText(misfit.target))" + (misfit.origin.map { " (\($0))" } ?? "")
    }.joined(separator: ";")
    if misfits.count > 8 { text += "; and \(misfits.count - 8) more" }
    return text + "."
  }

  private func prefix(_ origin: TargetOrigin?) -> String {
    origin.map { "\($0): " } ?? ""
  }
}

extension WeightingError: ConfianceError {
  /// Always ``ErrorKind/data``: the targets do not fit the data, or the raking failed.
  package var kind: ErrorKind { .data }
  /// The population size, or accepting unconverged weights.
  package var remedy: Remedy? {
    switch self {
    case .invalidPopulationSize: return .populationSize
    case .notConverged, .marginsDoNotFit: return .allowNonconvergence
    default: return nil
    }
  }
}
