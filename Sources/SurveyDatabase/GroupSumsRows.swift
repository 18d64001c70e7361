internal import SurveyStatistics

/// The rows of a group-sums query as PostgreSQL and Spark both return them, read into groups:
/// the keys (stratum, PSU, the domain values, the category or the items that make it), then the
/// row count, Σw and Σw² (each in ``weightPartScales``'s columns), the counts of rows with a
/// missing weight and with an invalid weight, the lowest and highest finite population
/// correction, the rows with a missing one, and Σw·y and Σw·y² of a numeric variable (each in
/// ``valuePartScales``'s columns; NULL for a category), then a ratio's Σw·x, Σw·x² and Σw·x·y
/// (``readsDenominator``), Σw²·y and Σw²·y² (and a ratio's Σw²·x, Σw²·x² and Σw²·x·y) when the rows are
/// the PSUs (``readsWeightSquareValues``), then the replicates' sums (a ratio's Σ a_r·x last). Every value is text; a sum in
/// several columns is Σ part × scale, added in `Double` in column order.
///
/// Rows without a stratum or a PSU are counted, not kept: ``problem(psuColumn:)`` says what is
/// wrong with the design values once every row is read.
struct GroupSumsRows {
  /// What the rows show to be wrong with the design values.
  enum Problem {
    case missingDesignValues(column: String, role: String, rows: Int)
    case invalidWeights(column: String, rows: Int)
    case fpcNotConstantInStratum(column: String, stratum: String)
    case invalidReplicateWeights(column: String, rows: Int)
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
  /// Rows with a replicate weight that is NULL or cannot be summed, and the first such column.
  private var invalidReplicateRows = 0, firstInvalidReplicate: Int?

  /// Whether Σw²·y and Σw²·y² follow Σw·y² (and a ratio's sums, ``readsDenominator``; each in
  /// ``valuePartScales``'s columns), then with ``readsDenominator`` a ratio's Σw²·x, Σw²·x² and Σw²·x·y:
  /// a numeric variable of a design whose rows are the PSUs (``GroupSumsQuery/sumsWeightSquareValues``).
  var readsWeightSquareValues = false

  /// The replicate-weight columns whose sums end each row (``GroupSumsQuery/replicateSumColumns``);
  /// empty without them.
  var replicateColumns: [String] = []
  /// The scales of the parts of each Σ a_r, and of each Σ a_r·y (and a ratio's Σ a_r·x).
  var replicatePartScales: [Double] = GroupSumsQuery.weightPartScales
  var replicateValuePartScales: [Double] = GroupSumsQuery.valuePartScales

  /// Whether a ratio's Σw·x, Σw·x² and Σw·x·y follow Σw·y² (``GroupSumsQuery/denominator``),
  /// each in ``valuePartScales``'s columns.
  var readsDenominator = false

  /// How many columns key the category (the variable, then any items).
  let itemCount: Int
  /// How many raking variables key the groups after the items (``GroupSums/Group/rakingCell``).
  let rakingCount: Int
  /// The category of a group from its item values; `nil` takes the variable's value.
  private let categoryOfItems: (([String?]) -> String?)?
  /// Whether the second item is a cross-tab's column variable (``GroupSums/Group/columnCategory``).
  private let readsColumnCategory: Bool
  /// The values of every item present in the rows (without NULL), item by item.
  private(set) var observedItems: [Set<String>]

  /// - Parameters:
  ///   - itemCount: the columns that key the category (1: the variable).
  ///   - weightPartScales: see ``weightPartScales``; Spark's one column by default.
  ///   - valuePartScales: see ``valuePartScales``; Spark's two columns by default.
  ///   - categoryOfItems: the category of the items' values (a paradox's cell); `nil` for the
  ///     variable's own value.
  ///   - readsColumnCategory: whether the items are a cross-tab's row and column variables, the
  ///     group's category and column category.
  init(
    declaration: DesignDeclaration, domainCount: Int, itemCount: Int = 1, weightPartScales: [Double] = [1],
    valuePartScales: [Double] = [1, 1], readsColumnCategory: Bool = false, rakingCount: Int = 0,
    categoryOfItems: (([String?]) -> String?)? = nil
  ) {
    self.rakingCount = rakingCount
    self.readsColumnCategory = readsColumnCategory
    self.declaration = declaration
    self.domainCount = domainCount
    self.itemCount = itemCount
    self.weightPartScales = weightPartScales
    self.valuePartScales = valuePartScales
    self.categoryOfItems = categoryOfItems
    observedItems = Array(repeating: [], count: itemCount)
  }

  /// The scales of the columns that carry each of Σw and Σw²: PostgreSQL's integer part and
  /// two fractional parts (``GroupSumsQuery/splitSum(of:when:)``), or Spark's one exact decimal.
  let weightPartScales: [Double]
  /// The scales of the columns that carry each of Σw·y and Σw·y²: Spark's integer and fractional
  /// parts, or PostgreSQL's integer part, two fractional parts and large products.
  let valuePartScales: [Double]
  private var keyCount: Int { 2 + domainCount + itemCount + rakingCount }

  /// The number of values in a row.
  var width: Int {
    keyCount + 1 + 2 * weightPartScales.count + 5
      + (2 + (readsDenominator ? 3 : 0) + (readsWeightSquareValues ? (readsDenominator ? 5 : 2) : 0))
      * valuePartScales.count
      + (replicateColumns.isEmpty ? 0 : 4 + (readsDenominator ? 1 : 0))
  }

  /// Reads one row.
  mutating func add(_ row: [String?]) {
    var column = keyCount
    func next() -> String? {
      defer { column += 1 }
      return row[column]
    }
    func sum(_ scales: [Double]) -> Double? {
      var total: Double?
      for scale in scales {
        guard let part = next() else { continue }
        total = (total ?? 0) + (Double(part) ?? .nan) * scale
      }
      return total
    }
    let count = Int(next() ?? "0") ?? 0
    let weightSum = sum(weightPartScales) ?? .nan, weightSquareSum = sum(weightPartScales) ?? .nan
    nullWeights += Int(next() ?? "0") ?? 0
    invalidWeights += Int(next() ?? "0") ?? 0
    let lowestCorrection = next().flatMap(Double.init), highestCorrection = next().flatMap(Double.init)
    nullFPC += Int(next() ?? "0") ?? 0
    // 0 when the parts are NULL: no value in the group.
    let valueSum = sum(valuePartScales) ?? 0, valueSquareSum = sum(valuePartScales) ?? 0
    let denominatorSums = readsDenominator ? (0..<3).map { _ in sum(valuePartScales) ?? 0 } : [0, 0, 0]
    let squareValueSum = readsWeightSquareValues ? sum(valuePartScales) ?? 0 : 0
    let squareValueSquareSum = readsWeightSquareValues ? sum(valuePartScales) ?? 0 : 0
    let readsRatioSquares = readsWeightSquareValues && readsDenominator
    let squareDenominatorSum = readsRatioSquares ? sum(valuePartScales) ?? 0 : 0
    let squareDenominatorSquareSum = readsRatioSquares ? sum(valuePartScales) ?? 0 : 0
    let squareCrossProductSum = readsRatioSquares ? sum(valuePartScales) ?? 0 : 0
    var replicateSums: [Double] = [], replicateValueSums: [Double] = [], replicateDenominatorSums: [Double] = []
    if !replicateColumns.isEmpty {
      let invalid = Int(next() ?? "0") ?? 0
      invalidReplicateRows += invalid
      if let first = next().flatMap({ Int($0) }) { firstInvalidReplicate = min(firstInvalidReplicate ?? first, first) }
      replicateSums = GroupSumsQuery.partSums(GroupSumsQuery.arrayValues(next()), scales: replicatePartScales)
      replicateValueSums = GroupSumsQuery.partSums(GroupSumsQuery.arrayValues(next()), scales: replicateValuePartScales)
      if readsDenominator {
        replicateDenominatorSums = GroupSumsQuery.partSums(
          GroupSumsQuery.arrayValues(next()), scales: replicateValuePartScales)
      }
    }
    if declaration.strata != nil, row[0] == nil { nullStrata += count }
    if row[1] == nil { nullPSUs += count }
    guard let stratum = row[0], let psu = row[1] else { return }
    if let low = lowestCorrection, let high = highestCorrection {
      if low != high || (finitePopulationCorrection[stratum].map { $0 != low } ?? false) { correctionConflict = stratum }
      finitePopulationCorrection[stratum] = low
    }
    let domainValues = Array(row[2..<(2 + domainCount)])
    let items = Array(row[(2 + domainCount)..<(keyCount - rakingCount)])
    for (position, value) in items.enumerated() {
      if let value { observedItems[position].insert(value) }
    }
    var group = GroupSums.Group(
      stratum: stratum, psu: psu, domain: domainValues.contains(nil) ? nil : domainValues.map { $0! },
      category: categoryOfItems.map { $0(items) } ?? items[0], rows: count, weightSum: weightSum,
      weightSquareSum: weightSquareSum, valueSum: valueSum, valueSquareSum: valueSquareSum,
      columnCategory: readsColumnCategory ? items[1] : nil)
    (group.denominatorSum, group.denominatorSquareSum, group.crossProductSum) =
      (denominatorSums[0], denominatorSums[1], denominatorSums[2])
    group.rakingCell = Array(row[(keyCount - rakingCount)..<keyCount])
    group.weightSquareValueSum = squareValueSum
    group.weightSquareValueSquareSum = squareValueSquareSum
    group.weightSquareDenominatorSum = squareDenominatorSum
    group.weightSquareDenominatorSquareSum = squareDenominatorSquareSum
    group.weightSquareCrossProductSum = squareCrossProductSum
    group.replicateSums = replicateSums
    group.replicateValueSums = replicateValueSums
    group.replicateDenominatorSums = replicateDenominatorSums
    groups.append(group)
  }

  /// The reading of a PostgreSQL query's rows: its sums in ``GroupSumsQuery``'s columns.
  static func postgreSQL(
    declaration: DesignDeclaration, domainCount: Int, itemCount: Int = 1, readsColumnCategory: Bool = false,
    rakingCount: Int = 0, replicateColumns: [String] = [], categoryOfItems: (([String?]) -> String?)? = nil
  ) -> GroupSumsRows {
    var reading = GroupSumsRows(
      declaration: declaration, domainCount: domainCount, itemCount: itemCount,
      weightPartScales: GroupSumsQuery.weightPartScales, valuePartScales: GroupSumsQuery.valuePartScales,
      readsColumnCategory: readsColumnCategory, rakingCount: rakingCount, categoryOfItems: categoryOfItems)
    reading.replicateColumns = replicateColumns
    return reading
  }

  /// The reading of Spark's group sums (exact decimal sums, one part each for Σw and Σw², two for
  /// each replicate's sums), keyed by `rakingCount` raking variables after the variable, with the
  /// sums of `replicateColumns`.
  static func spark(
    declaration: DesignDeclaration, domainCount: Int, rakingCount: Int, replicateColumns: [String]
  ) -> GroupSumsRows {
    var reading = GroupSumsRows(declaration: declaration, domainCount: domainCount, rakingCount: rakingCount)
    reading.replicateColumns = replicateColumns
    reading.replicatePartScales = [1, 1]
    reading.replicateValuePartScales = [1, 1]
    return reading
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
    if invalidReplicateRows > 0 {
      let position = min(max((firstInvalidReplicate ?? 1) - 1, 0), replicateColumns.count - 1)
      return .invalidReplicateWeights(column: replicateColumns[position], rows: invalidReplicateRows)
    }
    return nil
  }
}
