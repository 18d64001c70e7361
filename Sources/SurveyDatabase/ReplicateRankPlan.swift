internal import SurveyStatistics

/// The ranks of a table's replicate weights over all rows and over each domain's rows, from the
/// rows of a cross-products query (PostgreSQL's ``GroupSumsQuery/crossProductsSQL`` or Spark's
/// ``SparkGroupSumsQuery/crossProductsSQL``: the domain's values, its row count, and Σ a_r·a_s for
/// r ≤ s as an array's text), as the file path takes them (``ReplicateRankDecision``): a group of
/// at least 4R rows from its cross products; a smaller group, or one with a column the cross
/// products cannot decide, from a QR of its rows, which the engine fetches for it
/// (``domainsNeedingRows``, ``allRowsNeedRows``, then ``settle(domain:rows:)``).
///
/// The rows come in an order of their own: ``settle(domain:rows:)`` sorts them by their values,
/// since a table's rows have none; the file path takes them in file order, which can change the
/// QR's decision only for a column within rounding of R's threshold.
struct ReplicateRankPlan {
  /// The number of replicates R.
  let count: Int
  /// The rank over all rows; nil while it waits for the rows.
  private(set) var rankOfAllRows: Int?
  /// The rank over each domain's rows, keyed by the domain's values; a domain waiting for its
  /// rows is missing.
  private(set) var rankOfDomain: [[String]: Int] = [:]
  /// The domains whose rank needs their rows.
  private(set) var domainsNeedingRows: [[String]] = []
  /// Whether the domain variables are none (all rows are then the one domain `[]`).
  private let hasDomains: Bool

  /// - Parameters:
  ///   - rows: the query's rows, whose cross products are floating-point sums in any order.
  ///   - domainCount: the number of domain variables.
  init(rows: [[String?]], domainCount: Int, count: Int, engine: DatabaseEngine) throws {
    self.count = count
    hasDomains = domainCount > 0
    let triangle = count * (count + 1) / 2
    var allProducts = [Double](repeating: 0, count: triangle)
    var allRows = 0, groupCount = 0
    for row in rows {
      guard row.count == domainCount + 2 else {
        throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered with rows of \(row.count) columns, not \(domainCount + 2).")
      }
      let rowCount = Int(row[domainCount] ?? "0") ?? 0
      let products = GroupSumsQuery.arrayValues(row[domainCount + 1]).map { $0 ?? 0 }
      guard products.count == triangle else {
        throw DatabaseError.unexpectedAnswer(engine, "\(engine.rawValue) answered with \(products.count) cross products of replicate weights, not \(triangle).")
      }
      allRows += rowCount
      groupCount += 1
      for entry in 0..<triangle { allProducts[entry] += products[entry] }
      let keys = Array(row[0..<domainCount])
      guard !keys.contains(nil) else { continue }
      let domain = keys.map { $0! }
      if let rank = Self.rank(products, rowCount: rowCount, count: count, relativeError: ReplicateRankDecision.relativeError(
        rowCount: rowCount, summedGroups: 1)) {
        rankOfDomain[domain] = rank
      } else {
        domainsNeedingRows.append(domain)
      }
    }
    if !hasDomains {
      rankOfAllRows = rankOfDomain[[]] ?? (domainsNeedingRows.isEmpty ? 0 : nil)
    } else {
      rankOfAllRows = Self.rank(allProducts, rowCount: allRows, count: count, relativeError: ReplicateRankDecision.relativeError(
        rowCount: allRows, summedGroups: groupCount))
    }
  }

  /// Whether the rank over all rows needs the rows (with domains; without, the one domain `[]`
  /// is all rows).
  var allRowsNeedRows: Bool { hasDomains && rankOfAllRows == nil }

  /// The rank from the cross products (upper triangle) of `rowCount` rows; nil when the rows must
  /// decide.
  private static func rank(_ products: [Double], rowCount: Int, count: Int, relativeError: Double) -> Int? {
    guard !ReplicateRankDecision.needsRows(rowCount: rowCount, count: count) else { return nil }
    return ReplicateRankDecision.rank(
      crossProducts: ReplicateRankDecision.crossProducts(upperTriangle: products, count: count), count: count,
      relativeError: relativeError)
  }

  /// Settles the rank of a domain (`nil`: all rows) from its rows, each an array's text of its R
  /// replicate weights, by a QR as R computes it.
  mutating func settle(domain: [String]?, rows: [String?]) {
    var weights = rows.map { GroupSumsQuery.arrayValues($0).map { $0 ?? .nan } }.filter { $0.count == count }
    weights.sort { $0.lexicographicallyPrecedes($1) }
    var columnMajor = [Double](repeating: 0, count: weights.count * count)
    for (row, values) in weights.enumerated() {
      for replicate in 0..<count { columnMajor[replicate * weights.count + row] = values[replicate] }
    }
    let rank = ReplicateRankDecision.rank(rows: columnMajor, rowCount: weights.count, count: count)
    if let domain {
      rankOfDomain[domain] = rank
      domainsNeedingRows.removeAll { $0 == domain }
      if !hasDomains { rankOfAllRows = rank }
    } else {
      rankOfAllRows = rank
    }
  }

  /// The ranks, once every domain and all rows are settled.
  func ranks(columnNames: [String]) -> SuppliedReplicateRanks {
    SuppliedReplicateRanks(columnNames: columnNames, rankOfAllRows: rankOfAllRows ?? 0, rankOfDomain: rankOfDomain)
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
