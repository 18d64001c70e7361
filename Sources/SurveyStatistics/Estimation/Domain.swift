/// A subgroup of respondents defined by the levels of one or more variables
/// (`age_band = 18-24`, or `age_band = 18-24, sex = F` for crossed variables).
///
/// Domains mask rows, they never filter them: the variance keeps every PSU and stratum of the
/// design, as R survey's `svyby` and `subset` do (Lumley 2010, §2.3).
public struct Domain: Sendable, Hashable, Codable, CustomStringConvertible {
  /// One variable's level.
  package struct Level: Sendable, Hashable, Codable {
    /// The variable.
    package var variable: String
    /// Its value as written in the data.
    package var value: String

    /// Creates a level.
    package init(variable: String, value: String) {
      self.variable = variable
      self.value = value
    }
  }

  /// The levels, one per domain variable, in the order the variables were given.
  package var levels: [Level]

  /// Creates a domain.
  package init(levels: [Level]) { self.levels = levels }

  /// The whole sample.
  public static let wholeSample = Domain(levels: [])

  /// `age_band = 18-24, sex = F`, or `all respondents`.
  public var description: String {
    levels.isEmpty ? "all respondents" : levels.map { "\($0.variable) = \($0.value)" }.joined(separator: ", ")
  }
}

/// The domains of one or more variables, and the domain of every row (−1 when a domain
/// variable is missing, so the row belongs to no domain — R's `svyby` drops such rows).
struct DomainPartition: Sendable {
  private(set) var domains: [Domain]
  private(set) var domainOfRow: [Int32]

  /// The whole sample as a single domain.
  init(wholeSampleOf rowCount: Int) {
    domains = [.wholeSample]
    domainOfRow = [Int32](repeating: 0, count: rowCount)
  }

  /// The observed combinations of the levels of `variables`, ordered by the first variable's
  /// levels, then the second's, each in ``CategoricalValues/sortedLevelIndices()`` order.
  init(survey: Survey, by variables: [String]) throws {
    guard !variables.isEmpty else {
      domains = [.wholeSample]
      domainOfRow = [Int32](repeating: 0, count: survey.respondentCount)
      return
    }
    let columns = try variables.map { try survey.variable(named: $0, role: "domain (--by)").categorical }
    let sortedLevels = columns.map { $0.sortedLevelIndices() }
    let ranks = zip(columns, sortedLevels).map { column, sorted -> [Int] in
      var rank = [Int](repeating: 0, count: column.levels.count)
      for (position, level) in sorted.enumerated() { rank[level] = position }
      return rank
    }
    // A domain's key is its ranks in mixed radix, first variable most significant, so that
    // ordering keys orders domains; a direct table replaces hashing when the key space is small.
    var keySpace = 1
    for column in columns {
      let (product, overflow) = keySpace.multipliedReportingOverflow(by: max(column.levels.count, 1))
      guard !overflow, product < 1 << 40 else {
        throw SurveyError.tooManyDomains(variables: variables)
      }
      keySpace = product
    }
    var keyOfDomain: [Int] = []
    var table = keySpace <= 1 << 22 ? [Int32](repeating: -1, count: keySpace) : []
    var indexOfKey: [Int: Int32] = [:]
    var provisional = [Int32](repeating: -1, count: survey.respondentCount)
    rows: for row in 0..<survey.respondentCount {
      var key = 0
      for (position, column) in columns.enumerated() {
        let code = column.codes[row]
        if code < 0 { continue rows }
        key = key * column.levels.count + ranks[position][Int(code)]
      }
      let known = table.isEmpty ? indexOfKey[key] : (table[key] >= 0 ? table[key] : nil)
      if let index = known {
        provisional[row] = index
      } else {
        let index = Int32(keyOfDomain.count)
        if table.isEmpty { indexOfKey[key] = index } else { table[key] = index }
        keyOfDomain.append(key)
        provisional[row] = index
      }
    }
    let order = keyOfDomain.indices.sorted { keyOfDomain[$0] < keyOfDomain[$1] }
    var finalIndex = [Int32](repeating: 0, count: order.count)
    for (position, index) in order.enumerated() { finalIndex[index] = Int32(position) }
    domains = order.map { index in
      var remainder = keyOfDomain[index]
      var levels: [Domain.Level] = []
      for position in columns.indices.reversed() {
        let count = columns[position].levels.count
        let levelIndex = sortedLevels[position][remainder % count]
        remainder /= count
        levels.insert(Domain.Level(variable: variables[position], value: columns[position].levels[levelIndex]), at: 0)
      }
      return Domain(levels: levels)
    }
    domainOfRow = provisional.map { $0 < 0 ? -1 : finalIndex[Int($0)] }
  }

  /// This partition with every row where `keep` is false in no domain: R's `subset()` of the design
  /// before `svyby()`.
  func restricted(to keep: (Int) -> Bool) -> DomainPartition {
    var restricted = self
    for row in restricted.domainOfRow.indices where !keep(row) { restricted.domainOfRow[row] = -1 }
    return restricted
  }
}
