internal import SurveyStatistics

/// The rows of a group-sums query as PostgreSQL and Spark both return them, read into groups:
/// the keys (stratum, PSU, the domain values, the category or the items that make it), then the row count, Σw and Σw² as
/// exact decimal text, and the counts of rows with a missing weight, an invalid weight, the lowest
/// and highest finite population correction, the rows with a missing one, and Σw·y and Σw·y² of a
/// numeric variable (NULL for a category).
///
/// Rows without a stratum or a PSU are counted, not kept: ``problem(psuColumn:)`` says what is
/// wrong with the design values once every row is read.
struct GroupSumsRows {
  /// What the rows show to be wrong with the design values.
  enum Problem {
    case missingDesignValues(column: String, role: String, rows: Int)
    case invalidWeights(column: String, rows: Int)
    case fpcNotConstantInStratum(column: String, stratum: String)
  }

  /// The design the query was made for.
  let declaration: DesignDeclaration
  /// How many domain variables key the groups.
  let domainCount: Int
  /// The groups read so far.
  private(set) var groups: [GroupSums.Group] = []
  /// The finite population correction of every stratum.
  private(set) var finitePopulationCorrection: [String: Double] = [:]
  private var nullStrata = 0, nullPSUs = 0, nullWeights = 0, invalidWeights = 0, nullFPC = 0
  private var correctionConflict: String?

  /// How many columns key the category (the variable, then any items).
  let itemCount: Int
  /// The category of a group from its item values; `nil` takes the variable's value.
  private let categoryOfItems: (([String?]) -> String?)?
  /// Whether the second item is a cross-tab's column variable (``GroupSums/Group/columnCategory``).
  private let readsColumnCategory: Bool
  /// The values of every item present in the rows (without NULL), item by item.
  private(set) var observedItems: [Set<String>]

  /// - Parameters:
  ///   - itemCount: the columns that key the category (1: the variable).
  ///   - categoryOfItems: the category of the items' values (a paradox's cell); `nil` for the
  ///     variable's own value.
  ///   - readsColumnCategory: whether the items are a cross-tab's row and column variables, the
  ///     group's category and column category.
  init(
    declaration: DesignDeclaration, domainCount: Int, itemCount: Int = 1, readsColumnCategory: Bool = false,
    categoryOfItems: (([String?]) -> String?)? = nil
  ) {
    self.readsColumnCategory = readsColumnCategory
    self.declaration = declaration
    self.domainCount = domainCount
    self.itemCount = itemCount
    self.categoryOfItems = categoryOfItems
    observedItems = Array(repeating: [], count: itemCount)
  }

  /// The number of values in a row.
  var width: Int { keyCount + 8 + 2 * valueParts }
  /// How many columns carry each of Σw·y and Σw·y² (1 for PostgreSQL's exact sum; 2 for Spark's
  /// integer and fractional parts, added up in `Double`).
  var valueParts = 1
  private var keyCount: Int { 2 + domainCount + itemCount }

  /// Reads one row.
  mutating func add(_ row: [String?]) {
    let count = Int(row[keyCount] ?? "0") ?? 0
    if declaration.strata != nil, row[0] == nil { nullStrata += count }
    if row[1] == nil { nullPSUs += count }
    nullWeights += Int(row[keyCount + 3] ?? "0") ?? 0
    invalidWeights += Int(row[keyCount + 4] ?? "0") ?? 0
    nullFPC += Int(row[keyCount + 7] ?? "0") ?? 0
    guard let stratum = row[0], let psu = row[1] else { return }
    if let low = row[keyCount + 5].flatMap(Double.init), let high = row[keyCount + 6].flatMap(Double.init) {
      if low != high || (finitePopulationCorrection[stratum].map { $0 != low } ?? false) { correctionConflict = stratum }
      finitePopulationCorrection[stratum] = low
    }
    let domainValues = Array(row[2..<(2 + domainCount)])
    let items = Array(row[(2 + domainCount)..<keyCount])
    for (position, value) in items.enumerated() {
      if let value { observedItems[position].insert(value) }
    }
    groups.append(GroupSums.Group(
      stratum: stratum, psu: psu, domain: domainValues.contains(nil) ? nil : domainValues.map { $0! },
      category: categoryOfItems.map { $0(items) } ?? items[0], rows: count, weightSum: Double(row[keyCount + 1] ?? "") ?? .nan,
      weightSquareSum: Double(row[keyCount + 2] ?? "") ?? .nan,
      valueSum: valueSum(row, keyCount + 8), valueSquareSum: valueSum(row, keyCount + 8 + valueParts),
      columnCategory: readsColumnCategory ? items[1] : nil))
  }

  /// A sum of ``valueParts`` columns from `start` (0 when they are NULL: no value in the group).
  private func valueSum(_ row: [String?], _ start: Int) -> Double {
    (start..<(start + valueParts)).reduce(0) { sum, column in sum + (row[column].map { Double($0) ?? .nan } ?? 0) }
  }

  /// The first problem of the rows read, in the order weight, stratum, PSU, finite population
  /// correction, invalid weights, a correction that varies within a stratum; `nil` when none.
  func problem(psuColumn: String) -> Problem? {
    if let weight = declaration.weights, nullWeights > 0 {
      return .missingDesignValues(column: weight, role: "weight", rows: nullWeights)
    }
    if let strata = declaration.strata, nullStrata > 0 {
      return .missingDesignValues(column: strata, role: "stratum", rows: nullStrata)
    }
    if nullPSUs > 0 { return .missingDesignValues(column: psuColumn, role: "PSU", rows: nullPSUs) }
    if let fpc = declaration.fpc, nullFPC > 0 {
      return .missingDesignValues(column: fpc, role: "finite population correction", rows: nullFPC)
    }
    if let weight = declaration.weights, invalidWeights > 0 || groups.contains(where: { !$0.weightSum.isFinite }) {
      return .invalidWeights(column: weight, rows: max(invalidWeights, 1))
    }
    if let fpc = declaration.fpc, let stratum = correctionConflict {
      return .fpcNotConstantInStratum(column: fpc, stratum: stratum)
    }
    return nil
  }
}
