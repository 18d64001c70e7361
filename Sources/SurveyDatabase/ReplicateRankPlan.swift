internal import SurveyStatistics

/// The ranks of a table's replicate weights over all rows and over each domain's rows, R's
/// `qr(A, tol = 1e-5)$rank` (``ReplicateRankDecision``), from aggregates the database computes:
///
/// 1. the rows of a cross-products query (PostgreSQL's ``GroupSumsQuery/crossProductsSQL`` or
///    Spark's ``SparkGroupSumsQuery/crossProductsSQL``: the domain's values, its row count, and
///    Σ a_r·a_s for r ≤ s as an array's text) start `dqrdc2`'s sequence for every domain and for
///    all rows (``CrossProductRank``), whatever their number of rows;
/// 2. while a sequence stops at a column the cross products cannot decide, one round of residual
///    statements (one statement unless PostgreSQL's 65,535 bound parameters or Spark's 8 MB of
///    coefficient text would be passed) serves every such domain and all rows at once
///    (``residualRound``, the engines' `residualsSQL`): per row r̂ = a_j − Σ_k b_k·a_k with its
///    domain's coefficients, and per domain Σ r̂² and Σ a_r·r̂ for every replicate, from which
///    ``settle(residuals:)`` decides the column (``CrossProductRank/decide(_:)``), and the
///    sequences go on;
/// 3. a domain whose column is within 0.1 % of R's threshold even from its residual
///    (``CrossProductRank/Decision/tooClose``), where R's decision depends on the rounding of its
///    own QR (its downdated column norms), which no aggregate reproduces, takes a QR of its rows
///    as on a file: one statement fetches the rows of all such domains (``domainsNeedingRows``,
///    ``allRowsNeedRows``, then ``settle(rows:)``).
///
/// A round speculates: after a sequence's doubtful column it continues a copy of the sequence as
/// if the data moved the column (``CrossProductRank/assumingMoved()``), the usual outcome for a
/// column that depends on the others, to the next doubtful column, and so on, up to
/// ``speculatedColumns`` columns, each with the coefficients the sequence itself would hand out
/// once the earlier ones moved; the same statement computes all their residuals. They are settled
/// in order while moved; at the first kept or too-close column the later ones are dropped and
/// asked again next round from the sequence as it is. Every decision is the one column-by-column
/// rounds take; only the statements are fewer. Measured on PostgreSQL: stratified jackknife
/// replicates, exactly rank-deficient by the strata less one (`replicates_strata`, 42 columns
/// over 6 strata, 840 rows), 5 rounds one column each before, 1 statement now, for all rows and
/// both domains; the 80-replicate ACS-like table by `big`, where a domain of 320 rows depends on
/// its columns with large coefficients, 15 statements before, 1 now (15 residuals, 64 kB of SQL
/// against 6.4 kB each before, one answer row of 27.8 kB, the 15 rows' bytes of before); the
/// `replicates_collinear` columns (one doubtful column kept, the next one moved) take 2 rounds
/// as before, the kept column's speculation wasted. Rows are fetched in case 3 only. At most R
/// rounds in all; the file path stops after 8 passes and runs the QR instead
/// (``ReplicateWeights/maximumResidualPasses``), but a database would have to send the rows, so
/// the rounds go on. The rows come in an order of their own: ``settle(rows:)``
/// sorts them by their values, since a table's rows have none; the file path takes them in file
/// order, which can change the QR's decision only for a column within rounding of R's threshold.
struct ReplicateRankPlan {
  /// The number of replicates R.
  let count: Int
  /// The rank over all rows; nil while undecided.
  private(set) var rankOfAllRows: Int?
  /// The rank over each domain's rows, keyed by the domain's values; an undecided domain is
  /// missing.
  private(set) var rankOfDomain: [[String]: Int] = [:]
  /// The domains whose rank needs their rows.
  private(set) var domainsNeedingRows: [[String]] = []
  /// Whether the rank over all rows needs the rows.
  private(set) var allRowsNeedRows = false
  /// Whether the domain variables are none (all rows are then the one domain `[]`).
  private let hasDomains: Bool
  private let domainCount: Int
  private let engine: DatabaseEngine

  /// A sequence still running: a domain's (`domain` non-nil) or all rows'.
  private struct Running {
    var sequence: CrossProductRank
    /// The rows it is over.
    var rowCount: Int
    /// The columns waiting for their residuals: the doubtful one, then those the sequence reaches
    /// if the data move every one before them (``CrossProductRank/assumingMoved()``), at most
    /// ``ReplicateRankPlan/speculatedColumns``; empty while running.
    var requests: [ColumnResidualRequest] = []
  }

  /// The most doubtful columns of one sequence whose residuals one round computes: its doubtful
  /// column and the next ones, each assuming the columns before it moved.
  static let speculatedColumns = 16

  /// The running sequences: the domains' in the order of the cross products' answer.
  private var domains: [(values: [String], running: Running)] = []
  /// All rows' sequence (with domains; without, the one domain's is all rows').
  private var allRows: Running?
  /// The groups of the cross products' answer whose sums make all rows' (the bound counts them).
  private let groupCount: Int

  /// - Parameters:
  ///   - rows: the cross-products query's rows, whose products are floating-point sums in any
  ///     order.
  ///   - domainCount: the number of domain variables.
  init(rows: [[String?]], domainCount: Int, count: Int, engine: DatabaseEngine) throws {
    self.count = count
    self.domainCount = domainCount
    self.engine = engine
    hasDomains = domainCount > 0
    groupCount = rows.count
    let triangle = count * (count + 1) / 2
    var allProducts = [Double](repeating: 0, count: triangle)
    var allRowCount = 0
    for row in rows {
      guard row.count == domainCount + 2 else {
        throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered with rows of \(row.count) columns, not \(domainCount + 2).")
      }
      let rowCount = Int(row[domainCount] ?? "0") ?? 0
      let products = GroupSumsQuery.arrayValues(row[domainCount + 1]).map { $0 ?? 0 }
      guard products.count == triangle else {
        throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered with \(products.count) cross products of replicate weights, not \(triangle).")
      }
      allRowCount += rowCount
      for entry in 0..<triangle { allProducts[entry] += products[entry] }
      let keys = Array(row[0..<domainCount])
      guard hasDomains, !keys.contains(nil) else { continue }
      let domain = keys.map { $0! }
      guard rowCount > 0 else {
        rankOfDomain[domain] = 0
        continue
      }
      domains.append((domain, Self.running(products, rowCount: rowCount, count: count, summedGroups: 1)))
    }
    if allRowCount > 0 {
      allRows = Self.running(allProducts, rowCount: allRowCount, count: count, summedGroups: hasDomains ? groupCount : 1)
    } else {
      rankOfAllRows = 0
    }
    advance()
  }

  /// `dqrdc2`'s sequence on the cross products (upper triangle) of `rowCount` rows.
  private static func running(_ products: [Double], rowCount: Int, count: Int, summedGroups: Int) -> Running {
    Running(
      sequence: ReplicateRankDecision.sequence(
        crossProducts: ReplicateRankDecision.crossProducts(upperTriangle: products, count: count), count: count,
        rowCount: rowCount,
        relativeError: ReplicateRankDecision.relativeError(rowCount: rowCount, summedGroups: summedGroups)),
      rowCount: rowCount)
  }

  /// Where a sequence stands after ``step(_:)``.
  private enum Outcome {
    case waiting, decided(rank: Int), needsRows
  }

  /// Runs every sequence that is not waiting to its end or to its next doubtful columns.
  private mutating func advance() {
    var stillRunning: [(values: [String], running: Running)] = []
    for (values, var running) in domains {
      if case .decided(let rank) = Self.step(&running) {
        rankOfDomain[values] = rank
      } else {
        stillRunning.append((values, running))
      }
    }
    domains = stillRunning
    if var running = allRows {
      if case .decided(let rank) = Self.step(&running) {
        rankOfAllRows = rank
        allRows = nil
      } else {
        allRows = running
      }
    }
  }

  /// Runs a sequence that is not waiting to its end, or to its next doubtful column, which it then
  /// waits for with the doubtful columns that follow if the data move it and each one after
  /// (the requests of copies of the sequence, ``CrossProductRank/assumingMoved()``).
  private static func step(_ running: inout Running) -> Outcome {
    guard running.requests.isEmpty else { return .waiting }
    switch running.sequence.advance() {
    case .decided(let rank):
      return .decided(rank: rank)
    case .doubtful(let request):
      running.requests = waiting(for: request, running.sequence)
      return .waiting
    }
  }

  /// The doubtful column `request` of `sequence` and the doubtful columns that follow it if the
  /// data move it and each one after, at most ``speculatedColumns`` in all.
  private static func waiting(for request: ColumnResidualRequest, _ sequence: CrossProductRank) -> [ColumnResidualRequest] {
    var requests = [request]
    var speculation = sequence
    while requests.count < speculatedColumns {
      speculation = speculation.assumingMoved()
      guard case .doubtful(let next) = speculation.advance() else { break }
      requests.append(next)
    }
    return requests
  }

  /// What one round of residuals computes: per domain waiting, and for all rows, the
  /// coefficients of the residuals of its waiting columns (``Running/requests``) on all R
  /// replicates, r̂ = Σ_r c_r·a_r with c_j = 1, c_k = −b_k for each kept column k and 0 elsewhere
  /// (the zeros and the 1 add no rounding: r̂ is rounded as the dot product of K + 1 terms that
  /// ``CrossProductRank/decide(_:)`` allows for).
  struct ResidualRound {
    /// The domains' values and coefficients, one list of R per waiting column.
    var domains: [(values: [String], coefficients: [[Double]])]
    /// All rows' coefficients, one list per waiting column (none when all rows do not wait).
    var allRows: [[Double]]
    /// The residuals of each group, the most of any domain's or all rows': the answer's slots.
    let width: Int

    /// The round in statements of at most `domainsPerStatement` domains each (at least one), all
    /// rows' residuals with the first: the width stays the round's.
    func statements(domainsPerStatement: Int) -> [ResidualRound] {
      let size = max(1, domainsPerStatement)
      guard domains.count > size else { return [self] }
      return stride(from: 0, to: domains.count, by: size).map { start in
        ResidualRound(
          domains: Array(domains[start..<min(start + size, domains.count)]), allRows: start == 0 ? allRows : [],
          width: width)
      }
    }
  }

  /// The residual slots of a round: the most columns any sequence waits for.
  private var roundWidth: Int {
    max(allRows?.requests.count ?? 0, domains.map(\.running.requests.count).max() ?? 0)
  }

  /// The next round of residuals; nil when no sequence waits for one.
  var residualRound: ResidualRound? {
    let domainRequests = domains.compactMap { values, running in
      running.requests.isEmpty ? nil : (values: values, coefficients: running.requests.map(coefficients(of:)))
    }
    let allRowsRequests = allRows?.requests.map(coefficients(of:)) ?? []
    guard !domainRequests.isEmpty || !allRowsRequests.isEmpty else { return nil }
    return ResidualRound(domains: domainRequests, allRows: allRowsRequests, width: roundWidth)
  }

  /// The R coefficients of a request's residual.
  private func coefficients(of request: ColumnResidualRequest) -> [Double] {
    var coefficients = [Double](repeating: 0, count: count)
    coefficients[request.column] = 1
    for (k, column) in request.kept.enumerated() { coefficients[column] = -request.coefficients[k] }
    return coefficients
  }

  /// Settles the waiting columns from the rows of the residual statements for ``residualRound``,
  /// one after the other: each row a group of the domain variables (the domain's values, NULL
  /// outside every domain), then, for each of the round's slots, the domain's residual sums over
  /// the group, then, for each slot, all rows' residual sums over the group, each as an array's
  /// text, Σ r̂² then Σ a_r·r̂ for r = 1…R (NULL where the group has no such residual). All rows'
  /// sums add the groups' up, their bound counting the groups.
  ///
  /// A sequence's waiting columns are decided in order while the data move them; at the first
  /// kept (the later residuals assumed it moved) or too close, the later ones are dropped and
  /// asked again from the sequence as it is, so every decision is the one column-by-column
  /// rounds would take.
  mutating func settle(residuals rows: [[String?]]) throws {
    let width = roundWidth
    var allRowsSums = [[Double]?](repeating: nil, count: width)
    var allRowsGroups = 0
    var domainSums: [[String]: [[Double]?]] = [:]
    for row in rows {
      guard row.count == domainCount + 2 * width else {
        throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered with rows of \(row.count) columns, not \(domainCount + 2 * width).")
      }
      let keys = Array(row[0..<domainCount])
      let slots = try (0..<(2 * width)).map { try sums(row[domainCount + $0]) }
      if !keys.contains(nil), slots[0] != nil { domainSums[keys.map { $0! }] = Array(slots[0..<width]) }
      if slots[width] != nil { allRowsGroups += 1 }
      for slot in 0..<width {
        guard let values = slots[width + slot] else { continue }
        allRowsSums[slot] = zip(allRowsSums[slot] ?? [Double](repeating: 0, count: count + 1), values).map { $0 + $1 }
      }
    }
    var stillRunning: [(values: [String], running: Running)] = []
    for (values, var running) in domains {
      guard let sums = domainSums[values] else {
        throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered without the residual sums of a domain.")
      }
      switch try settle(&running, sums, summedGroups: 1) {
      case .waiting: stillRunning.append((values, running))
      case .decided(let rank): rankOfDomain[values] = rank
      case .needsRows: domainsNeedingRows.append(values)
      }
    }
    domains = stillRunning
    if var running = allRows {
      switch try settle(&running, allRowsSums, summedGroups: hasDomains ? allRowsGroups : 1) {
      case .waiting: allRows = running
      case .decided(let rank):
        rankOfAllRows = rank
        allRows = nil
      case .needsRows:
        allRows = nil
        allRowsNeedRows = true
      }
    }
    advance()
  }

  /// Decides a sequence's waiting columns from their sums (one per slot), in order while the
  /// data move them (``settle(residuals:)``).
  private func settle(_ running: inout Running, _ sums: [[Double]?], summedGroups: Int) throws -> Outcome {
    let requests = running.requests
    running.requests = []
    for (slot, request) in requests.enumerated() {
      guard slot < sums.count, let slotSums = sums[slot] else {
        throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered without the sums of a residual.")
      }
      let residual = Self.residual(request, slotSums, rowCount: running.rowCount, summedGroups: summedGroups)
      switch running.sequence.decide(residual) {
      case .tooClose: return .needsRows
      case .kept: return Self.step(&running)
      case .moved:
        guard slot + 1 < requests.count else { return Self.step(&running) }
        // The next waiting column is the one the sequence reaches now that the column moved.
        switch running.sequence.advance() {
        case .decided(let rank): return .decided(rank: rank)
        case .doubtful(let next) where next == requests[slot + 1]: continue
        case .doubtful(let next):  // not the speculated column (never expected): ask for it next round
          running.requests = Self.waiting(for: next, running.sequence)
          return .waiting
        }
      }
    }
    return Self.step(&running)
  }

  /// The sums of one residual, Σ r̂² then Σ a_r·r̂ for every replicate; nil for NULL or sums
  /// that are NULL (a group without that residual).
  private func sums(_ text: String?) throws -> [Double]? {
    guard let text else { return nil }
    let values = GroupSumsQuery.arrayValues(text)
    guard values.count == count + 1 else {
      throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered with \(values.count) residual sums, not \(count + 1).")
    }
    return values.contains(nil) ? nil : values.map { $0! }
  }

  /// The residual of `request` from its sums over `rowCount` rows, in any order.
  private static func residual(
    _ request: ColumnResidualRequest, _ sums: [Double], rowCount: Int, summedGroups: Int
  ) -> ColumnResidual {
    ColumnResidual(
      coefficients: request.coefficients, squaredNorm: sums[0], products: request.kept.map { sums[1 + $0] },
      relativeError: ReplicateRankDecision.relativeError(rowCount: rowCount, summedGroups: summedGroups))
  }

  /// Whether some rank needs rows.
  var needsRows: Bool { !domainsNeedingRows.isEmpty || allRowsNeedRows }

  /// Settles the ranks of ``domainsNeedingRows`` and, if ``allRowsNeedRows``, of all rows, by a
  /// QR as R computes it, from the rows of one statement: each row the domain's values (NULL
  /// outside every domain) and its R replicate weights as an array's text — every row when all
  /// rows need them, else the rows of those domains.
  mutating func settle(rows: [[String?]]) {
    var weightsOfDomain: [[String]: [[Double]]] = [:]
    var allWeights: [[Double]] = []
    let waiting = Set(domainsNeedingRows)
    for row in rows {
      guard let text = row.last else { continue }
      let weights = GroupSumsQuery.arrayValues(text).map { $0 ?? .nan }
      guard weights.count == count else { continue }
      if allRowsNeedRows { allWeights.append(weights) }
      let keys = Array(row.dropLast())
      if hasDomains, !keys.contains(nil), waiting.contains(keys.map { $0! }) {
        weightsOfDomain[keys.map { $0! }, default: []].append(weights)
      }
    }
    for domain in domainsNeedingRows { rankOfDomain[domain] = rank(weightsOfDomain[domain] ?? []) }
    domainsNeedingRows = []
    if allRowsNeedRows { rankOfAllRows = rank(allWeights) }
    allRowsNeedRows = false
  }

  /// The rank of rows' replicate weights by a QR, the rows sorted by their values.
  private func rank(_ rows: [[Double]]) -> Int {
    let weights = rows.sorted { $0.lexicographicallyPrecedes($1) }
    var columnMajor = [Double](repeating: 0, count: weights.count * count)
    for (row, values) in weights.enumerated() {
      for replicate in 0..<count { columnMajor[replicate * weights.count + row] = values[replicate] }
    }
    return ReplicateRankDecision.rank(rows: columnMajor, rowCount: weights.count, count: count)
  }

  /// The ranks, once every domain and all rows are settled.
  func ranks(columnNames: [String]) -> SuppliedReplicateRanks {
    var ranks = rankOfDomain
    if !hasDomains { ranks[[]] = rankOfAllRows ?? 0 }
    return SuppliedReplicateRanks(columnNames: columnNames, rankOfAllRows: rankOfAllRows ?? 0, rankOfDomain: ranks)
  }
}

extension ReplicateDeclaration {
  /// The replicate-weight columns among a table's columns `names` (in the table's order): those
  /// whose names the pattern matches anywhere (R's `grep(pattern, names(data))`); none for
  /// created replicates.
  ///
  /// - Throws: ``ReplicateError`` for a pattern that is not a regular expression or matches fewer
  ///   than two columns.
  func matchedColumns(among names: [String], table: String) throws -> [String] {
    guard case .columns(let pattern) = source else { return [] }
    let origin = DataOrigin(file: table, columnNames: names)
    guard let matched = Self.names(names, matching: pattern) else { throw ReplicateError.invalidPattern(pattern: pattern) }
    guard !matched.isEmpty else { throw ReplicateError.noMatchingColumn(pattern: pattern, available: names, origin: origin) }
    guard matched.count >= 2 else {
      throw ReplicateError.tooFewReplicates(count: matched.count, columns: matched, origin: origin)
    }
    return matched
  }
}
