internal import SurveyStatistics

/// Whether and how a proportion may be printed: the disclosure rule (fewer than
/// `minimumCellSize` respondents are never printed), then the NCHS Data Presentation Standards
/// for Proportions.
enum CellStatus: Hashable, CaseIterable {
  /// Printed as is.
  case shown
  /// Printed with a flag: the complement (100% minus the estimate) may be unreliable.
  case complementUnreliable
  /// Printed with a flag: NCHS statistical review (0% or 100%, or fewer than 8 degrees of freedom).
  case review
  /// Not printed: unreliable by the NCHS standards.
  case unreliable
  /// Not printed: fewer respondents than the minimum cell size in the answer or in the group.
  case tooFewRespondents
  /// Not printed: hidden so that a cell not printed cannot be worked out from the total and the
  /// other cells of its line (``ComplementarySuppression``).
  case complementary

  /// Whether the numbers may be printed.
  var isPrinted: Bool { self == .shown || self == .complementUnreliable || self == .review }

  /// Whether the numbers are printed with a flag.
  var isFlagged: Bool { self == .complementUnreliable || self == .review }

  /// The marker written in or next to the cell and in front of its note.
  var marker: String {
    switch self {
    case .shown: return ""
    case .complementUnreliable: return "§"
    case .review: return "†"
    case .unreliable: return "*"
    case .tooFewRespondents, .complementary: return "‡"
    }
  }

  /// The statuses among `statuses` that need a note, in the order of the notes: complementary
  /// cells share the ‡ note of the small ones, in its longer wording.
  static func noteOrder(of statuses: [CellStatus]) -> [CellStatus] {
    let present = Set(statuses)
    var order = [CellStatus.unreliable, .review, .complementUnreliable].filter(present.contains)
    if present.contains(.complementary) {
      order.append(.complementary)
    } else if present.contains(.tooFewRespondents) {
      order.append(.tooFewRespondents)
    }
    return order
  }

  /// The status of an estimate under the NCHS standards, once the disclosure rule has passed.
  init(_ assessment: ReliabilityAssessment) {
    switch assessment.outcome {
    case .suppress: self = .unreliable
    case .review: self = .review
    case .present: self = assessment.complementMayBeUnreliable ? .complementUnreliable : .shown
    }
  }
}

/// The presentation rules of proportions, shared by reports and notebook tables.
struct ProportionCells: Sendable {
  var language: ReportLanguage
  var minimumCellSize: Int
  var level: Double

  var numbers: NumberStyle { language.numbers }

  /// The status of an estimate.
  func status(of estimate: ProportionEstimate) -> CellStatus {
    if estimate.respondents < minimumCellSize || estimate.domainRespondents < minimumCellSize {
      return .tooFewRespondents
    }
    return CellStatus(estimate.reliability)
  }

  /// The statuses of estimates published together: each one's own status, then complementary
  /// suppression over `lines`, the indices of estimates whose total the table shows (the answers
  /// of one group add up to its base and to 100%).
  func statuses(of estimates: [ProportionEstimate], lines: [[Int]]) -> [CellStatus] {
    var statuses = estimates.map(status(of:))
    let primary = Set(statuses.indices.filter { !statuses[$0].isPrinted })
    let hidden = ComplementarySuppression.hidden(
      sizes: estimates.map(\.respondents), primary: primary, lines: lines, minimumHiddenTotal: minimumCellSize)
    for index in hidden.subtracting(primary) { statuses[index] = .complementary }
    return statuses
  }

  /// The lines of estimates keyed by `key` (one line per distinct key, in order of appearance).
  static func lines<Key: Hashable>(of estimates: [ProportionEstimate], by key: (ProportionEstimate) -> Key) -> [[Int]] {
    var order: [Key] = []
    var lines: [Key: [Int]] = [:]
    for (index, estimate) in estimates.enumerated() {
      let value = key(estimate)
      if lines[value] == nil { order.append(value) }
      lines[value, default: []].append(index)
    }
    return order.compactMap { lines[$0] }
  }

  /// The cells of an estimate: percentage, interval and respondents of the group, or the marker alone.
  func cells(of estimate: ProportionEstimate) -> (percent: String, interval: String, respondents: String) {
    cells(of: estimate, status: status(of: estimate))
  }

  /// The cells of an estimate whose status is known (after complementary suppression).
  func cells(of estimate: ProportionEstimate, status: CellStatus) -> (percent: String, interval: String, respondents: String) {
    guard status.isPrinted else { return (status.marker, "", "") }
    return (
      numbers.percentNumber(estimate.proportion) + status.marker,
      numbers.interval(estimate.confidenceInterval.lower, estimate.confidenceInterval.upper),
      numbers.count(estimate.domainRespondents)
    )
  }

  /// The note explaining a status's marker.
  func note(for status: CellStatus) -> String? {
    switch status {
    case .shown: return nil
    case .complementUnreliable:
      return language.text(
        "§ The complement (100% minus this percentage) may be unreliable by the NCHS Data Presentation Standards for Proportions.",
        "§ Le complément (100 % moins ce pourcentage) peut être peu fiable selon les normes de présentation des proportions du NCHS.")
    case .review:
      return language.text(
        "† Interpret with care (NCHS statistical review): the percentage is 0% or 100%, or the group's design has fewer than 8 degrees of freedom.",
        "† À interpréter avec prudence (revue statistique NCHS) : le pourcentage vaut 0 % ou 100 %, ou le plan du groupe a moins de 8 degrés de liberté.")
    case .unreliable:
      return language.text(
        "* Not shown: unreliable by the NCHS Data Presentation Standards for Proportions (effective sample size below 30, or a Korn–Graubard 95% confidence interval too wide).",
        "* Non publié : peu fiable selon les normes de présentation des proportions du NCHS (taille d'échantillon effective inférieure à 30, ou intervalle de confiance de Korn–Graubard à 95 % trop large).")
    case .tooFewRespondents:
      return language.text(
        "‡ Not shown: fewer than \(minimumCellSize) respondents (disclosure rule).",
        "‡ Non publié : moins de \(minimumCellSize) répondants (règle de confidentialité).")
    case .complementary:
      return language.text(
        "‡ Not shown: fewer than \(minimumCellSize) respondents (disclosure rule), or hidden so that no cell left out can be worked out from the total and the other cells.",
        "‡ Non publié : moins de \(minimumCellSize) répondants (règle de confidentialité), ou masqué pour qu'aucune case non publiée ne puisse se déduire du total et des autres cases.")
    }
  }

  /// The notes for the statuses that occur among `estimates`, in a fixed order.
  func notes(for estimates: [ProportionEstimate]) -> [Block] {
    notes(for: estimates.map(status(of:)))
  }

  /// The notes for `statuses`, in a fixed order; one note for ‡ whether the cells are hidden as
  /// too small or as their complements.
  func notes(for statuses: [CellStatus]) -> [Block] {
    let notes = CellStatus.noteOrder(of: statuses).compactMap(note(for:))
    return notes.isEmpty ? [] : [.notes(notes)]
  }

  /// "95% CI" / "IC à 95 %" for the level.
  var intervalHeader: String {
    language.text("\(numbers.percent(level, digits: 0)) CI", "IC à \(numbers.percent(level, digits: 0))")
  }

  /// "95% CI 56.1–61.2" / "IC à 95 % : 56,1–61,2".
  func intervalPhrase(_ interval: ConfidenceInterval) -> String {
    let bounds = numbers.interval(interval.lower, interval.upper)
    return language.text("\(intervalHeader) \(bounds)", "\(intervalHeader)\u{00A0}: \(bounds)")
  }
}
