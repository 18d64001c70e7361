/// An error in the data or the design that the researcher can fix.
///
/// Every message names what is wrong, where (file and line when the data came from a file), and
/// what to do about it.
public enum SurveyError: Error, CustomStringConvertible, Sendable, Equatable {
  /// Two variables share a name.
  case duplicateVariable(name: String, origin: DataOrigin)
  /// Variables of different lengths were put into one survey.
  case unevenLengths(variable: String, expected: Int, found: Int)
  /// A variable named on the command line or in a codebook does not exist.
  case unknownVariable(name: String, role: String, suggestion: String?, available: [String], origin: DataOrigin)
  /// A weight that is not a positive, finite number.
  case invalidWeight(variable: String, row: Int, value: String, problem: String, origin: DataOrigin)
  /// A design variable (strata, PSU, FPC) without a value.
  case missingDesignValue(variable: String, role: String, row: Int, origin: DataOrigin)
  /// A finite population correction that is not usable.
  case invalidFPC(variable: String, row: Int, value: String, problem: String, origin: DataOrigin)
  /// The FPC differs between respondents of the same stratum.
  case fpcNotConstantInStratum(variable: String, stratum: String, row: Int, origin: DataOrigin)
  /// More PSUs were sampled in a stratum than the FPC says the population has.
  /// `row` is the first respondent of the stratum.
  case fpcSmallerThanSample(
    variable: String, stratum: String?, populationPSUs: Double, sampledPSUs: Int, row: Int, origin: DataOrigin)
  /// A stratum with a single PSU under the `fail` policy; `row` is the stratum's first respondent.
  case lonelyPSU(stratum: String, strataVariable: String?, row: Int, origin: DataOrigin)
  /// A variable that cannot be analysed as categories.
  case notCategorical(variable: String, distinctValues: Int)
  /// A variable that must be numeric but holds text.
  case notNumeric(variable: String, role: String, row: Int, value: String, origin: DataOrigin)
  /// A domain (or the whole sample) with no respondent who has a value.
  case emptyDomain(variable: String, domain: String)
  /// Crossing the `--by` variables gives more possible domains than can be tabulated.
  case tooManyDomains(variables: [String])
  /// A confidence level outside (0, 1).
  case invalidConfidenceLevel(Double)
  /// The survey has no respondents.
  case noRespondents
  /// A quantile's probability outside (0, 1).
  case invalidQuantileProbability(Double)
  /// A ratio whose denominator has a weighted total of 0 over every respondent with both values.
  case zeroDenominator(numerator: String, denominator: String, respondents: Int, origin: DataOrigin)

  /// A readable sentence with location and advice.
  public var description: String {
    switch self {
    case .duplicateVariable(let name, let origin):
      return "\(origin.file.map { "\($0):1: " } ?? "")the column name '\(name)' appears twice in the header. "
        + "Rename one of the columns so that every name is unique."
    case .unevenLengths(let variable, let expected, let found):
      return "variable '\(variable)' has \(found) values but the survey has \(expected) respondents."
    case .unknownVariable(let name, let role, let suggestion, let available, let origin):
      var text = "\(origin.file.map { "\($0): " } ?? "")there is no \(role) column named '\(name)'."
      if let suggestion { text += " Did you mean '\(suggestion)'?" }
      let shown = available.prefix(12).joined(separator: ", ")
      text += " The columns are: \(shown)\(available.count > 12 ? ", …" : "")."
      return text
    case .invalidWeight(let variable, let row, let value, let problem, let origin):
      return "\(origin.location(ofRow: row)): column '\(variable)': the weight '\(value)' \(problem). "
        + "Weights must be positive finite numbers: correct the value, or remove the respondent from the file."
    case .missingDesignValue(let variable, let role, let row, let origin):
      return "\(origin.location(ofRow: row)): column '\(variable)': the \(role) is missing. "
        + "Every respondent needs a \(role); fill it in or remove the respondent from the file."
    case .invalidFPC(let variable, let row, let value, let problem, let origin):
      return "\(origin.location(ofRow: row)): column '\(variable)': the finite population correction '\(value)' \(problem). "
        + "Give either the number of PSUs in the population of the stratum (≥ 1) or the sampling fraction (between 0 and 1), for every respondent."
    case .fpcNotConstantInStratum(let variable, let stratum, let row, let origin):
      return "\(origin.location(ofRow: row)): column '\(variable)': the finite population correction differs within stratum '\(stratum)'. "
        + "It describes the stratum, so it must be the same for every respondent of the stratum."
    case .fpcSmallerThanSample(let variable, let stratum, let populationPSUs, let sampledPSUs, let row, let origin):
      let place = stratum.map { "stratum '\($0)' (from this row on) has" } ?? "the sample has"
      let location = origin.file == nil || stratum == nil ? "" : "\(origin.location(ofRow: row)): "
      return "\(location)column '\(variable)': \(place) \(sampledPSUs) sampled PSUs but the finite population correction "
        + "says the population has only \(NumericValues.shortText(populationPSUs)). Check the FPC column: it should count PSUs in the population of the stratum."
    case .lonelyPSU(let stratum, let strataVariable, let row, let origin):
      let which = strataVariable.map { "column '\($0)': stratum '\(stratum)' (from this row on)" } ?? "the sample"
      let location = origin.file == nil || strataVariable == nil ? "" : "\(origin.location(ofRow: row)): "
      return "\(location)\(which) has only one PSU, so its variance cannot be estimated. "
        + "Merge it with a similar stratum, or choose a lonely-PSU policy: remove, certainty, adjust or average (as R survey's options(survey.lonely.psu))."
    case .notCategorical(let variable, let distinctValues):
      return "variable '\(variable)' has \(distinctValues) distinct values, too many to treat as categories. "
        + "Proportions need a categorical variable; recode it into groups first."
    case .notNumeric(let variable, let role, let row, let value, let origin):
      return "\(origin.location(ofRow: row)): column '\(variable)': '\(value)' is not a number, but the \(role) must be numeric. "
        + "Correct the value, or declare it a missing-value code."
    case .emptyDomain(let variable, let domain):
      return "no respondent \(domain) has a value for '\(variable)', so nothing can be estimated there. "
        + "Check the missing-value codes and the domain variables."
    case .tooManyDomains(let variables):
      return "crossing \(variables.joined(separator: " × ")) gives more than a trillion possible domains. "
        + "Cross fewer variables, or group the categories of a variable with many values first."
    case .invalidConfidenceLevel(let level):
      return "the confidence level \(level) is not between 0 and 1; use for example 0.95 for 95% intervals."
    case .noRespondents:
      return "the survey has no respondents: the file holds a header but no data rows."
    case .invalidQuantileProbability(let probability):
      return "the quantile probability \(probability) is not strictly between 0 and 1; "
        + "use for example 0.5 for the median or 0.25 and 0.75 for the quartiles."
    case .zeroDenominator(let numerator, let denominator, let respondents, let origin):
      return "\(origin.file.map { "\($0): " } ?? "")the weighted total of the denominator '\(denominator)' is 0 over the "
        + "\(respondents) respondent\(respondents == 1 ? "" : "s") with values of both '\(numerator)' and '\(denominator)', "
        + "so the ratio \(numerator)/\(denominator) cannot be estimated. "
        + "Choose a denominator that is not 0 for everyone, or check its missing-value codes."
    }
  }
}

/// The name among `candidates` closest to `name` by edit distance, when it is close enough to be
/// a likely typo (at most a third of the longer name, and at most 3 edits). A swap of two
/// neighbouring letters (`lable` for `label`) counts as one edit.
package func closestName(to name: String, among candidates: [String]) -> String? {
  var best: (name: String, distance: Int)?
  let lowered = Array(name.lowercased())
  for candidate in candidates {
    let distance = editDistance(lowered, Array(candidate.lowercased()))
    if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
  }
  guard let best else { return nil }
  let allowed = min(3, max(1, max(name.count, best.name.count) / 3))
  return best.distance <= allowed ? best.name : nil
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count as one edit.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var distance = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { distance[i][0] = i }
  for j in 0...b.count { distance[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      distance[i][j] = min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        distance[i][j] = min(distance[i][j], distance[i - 2][j - 2] + 1)
      }
    }
  }
  return distance[a.count][b.count]
}

extension SurveyError: ConfianceError {
  /// Always ``ErrorKind/data``.
  package var kind: ErrorKind { .data }
  /// A lonely-PSU policy, or declaring the value missing.
  package var remedy: Remedy? {
    switch self {
    case .lonelyPSU: return .lonelyPSUPolicy
    case .notNumeric(let variable, _, _, let value, _):
      return .missingCode(variable: variable, value: value.contains(",") ? nil : value)
    default: return nil
    }
  }
}
