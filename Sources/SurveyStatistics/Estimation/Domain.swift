/// A subgroup of respondents defined by the levels of one or more variables
/// (`age_band = 18-24`, or `age_band = 18-24, sex = F` for crossed variables).
///
/// Domains mask rows, they never filter them: the variance keeps every PSU and stratum of the
/// design, as R survey's `svyby` and `subset` do (Lumley 2010, §2.3).
public struct Domain: Sendable, Hashable, Codable, CustomStringConvertible {
  /// One variable's level.
  public struct Level: Sendable, Hashable, Codable {
    /// The variable.
    public var variable: String
    /// Its value as written in the data.
    public var value: String

    /// Creates a level.
    public init(variable: String, value: String) {
      self.variable = variable
      self.value = value
    }
  }

  /// The levels, one per domain variable, in the order the variables were given.
  public var levels: [Level]

  /// Creates a domain.
  public init(levels: [Level]) { self.levels = levels }

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
    let ranks = columns.map { column -> [Int] in
      var rank = [Int](repeating: 0, count: column.levels.count)
      for (position, level) in column.sortedLevelIndices().enumerated() { rank[level] = position }
      return rank
    }
    var keyOfDomain: [[Int]] = []
    var indexOfKey: [[Int]: Int32] = [:]
    var provisional = [Int32](repeating: -1, count: survey.respondentCount)
    var key = [Int](repeating: 0, count: columns.count)
    rows: for row in 0..<survey.respondentCount {
      for (position, column) in columns.enumerated() {
        let code = column.codes[row]
        if code < 0 { continue rows }
        key[position] = ranks[position][Int(code)]
      }
      if let index = indexOfKey[key] {
        provisional[row] = index
      } else {
        let index = Int32(keyOfDomain.count)
        indexOfKey[key] = index
        keyOfDomain.append(key)
        provisional[row] = index
      }
    }
    let order = keyOfDomain.indices.sorted { keyOfDomain[$0].lexicographicallyPrecedes(keyOfDomain[$1]) }
    var finalIndex = [Int32](repeating: 0, count: order.count)
    for (position, index) in order.enumerated() { finalIndex[index] = Int32(position) }
    domains = order.map { index in
      Domain(levels: zip(variables, columns).enumerated().map { position, pair in
        let levelIndex = pair.1.sortedLevelIndices()[keyOfDomain[index][position]]
        return Domain.Level(variable: pair.0, value: pair.1.levels[levelIndex])
      })
    }
    domainOfRow = provisional.map { $0 < 0 ? -1 : finalIndex[Int($0)] }
  }
}
