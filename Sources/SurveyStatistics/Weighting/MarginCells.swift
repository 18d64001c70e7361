/// A margin matched to the respondents: the cell of every row and the target total of every cell,
/// after every check that the targets fit the data.
struct MarginCells: Sendable {
  /// The margin as given (cells with a target of 0 and no respondent are dropped from the fit).
  let margin: Margin
  /// The used cells' positions in `margin.cells`.
  let cellIndices: [Int]
  /// The cell of each row, an index into ``targets``.
  let cellOfRow: [Int32]
  /// The target total of each used cell (proportions already multiplied by the population size).
  let targets: [Double]

  var cellCount: Int { targets.count }

  /// The weighted total of every cell.
  func totals(of weights: [Double]) -> [Double] {
    var totals = [Double](repeating: 0, count: targets.count)
    for (row, cell) in cellOfRow.enumerated() { totals[Int(cell)] += weights[row] }
    return totals
  }

  /// Checks `margins` against the survey and matches every row to a cell of every margin.
  ///
  /// Proportion margins are multiplied by the population size N: `margins.populationSize`, else the
  /// sum of the first margin given as totals, else `weightTotal`. Categories match when they are
  /// written the same way, or when both are numbers of equal value (`1` and `1.0`).
  ///
  /// - Throws: ``WeightingError`` for an unknown or incomplete raking variable, a malformed,
  ///   duplicate, negative or non-finite target, proportions that do not sum to 1, margins of
  ///   different population sizes, a data category without a target, a target category absent from
  ///   the data (a target of 0 for it is accepted and ignored), or a target of 0 for a category
  ///   that respondents have.
  static func resolve(_ margins: PopulationMargins, survey: Survey, weightTotal: Double) throws -> [MarginCells] {
    guard !margins.margins.isEmpty else { throw WeightingError.noMargins }
    if let size = margins.populationSize, !(size > 0 && size.isFinite) {
      throw WeightingError.invalidPopulationSize(size)
    }
    for margin in margins.margins { try validateTargets(of: margin) }
    let populationSize = try Self.populationSize(margins, weightTotal: weightTotal)
    return try margins.margins.map { margin in
      try MarginCells(margin: margin, survey: survey, populationSize: populationSize)
    }
  }

  /// Cell shapes, target values, duplicates and proportion sums: what needs no data.
  static func validateTargets(of margin: Margin) throws {
    var firstOrigin: [[String]: TargetOrigin?] = [:]
    for cell in margin.cells {
      let label = Margin.label(cell.categories)
      guard cell.categories.count == margin.variables.count else {
        throw WeightingError.malformedCell(
          margin: margin.name, category: label, expected: margin.variables.count, origin: cell.origin)
      }
      guard cell.target.isFinite, cell.target >= 0 else {
        throw WeightingError.invalidTarget(margin: margin.name, category: label, target: cell.target, origin: cell.origin)
      }
      let key = cell.categories.map(normalizedCategory)
      if let first = firstOrigin[key] {
        throw WeightingError.duplicateTarget(margin: margin.name, category: label, origin: cell.origin, firstOrigin: first)
      }
      firstOrigin[key] = cell.origin
    }
    let sum = margin.targetSum
    guard sum > 0 else { throw WeightingError.emptyMargin(margin: margin.name, origin: margin.origin) }
    if margin.scale == .proportions, abs(sum - 1) > 1e-6 {
      throw WeightingError.proportionsDoNotSumToOne(margin: margin.name, sum: sum, origin: margin.origin)
    }
  }

  /// N, after checking that every margin of totals describes the same population (±1e-6 relative).
  static func populationSize(_ margins: PopulationMargins, weightTotal: Double) throws -> Double {
    let totals = margins.margins.filter { $0.scale == .totals }
    let reference: (name: String, size: Double)
    if let size = margins.populationSize {
      reference = ("the population size", size)
    } else if let first = totals.first {
      reference = ("the sum of '\(first.name)'", first.targetSum)
    } else {
      return weightTotal
    }
    for margin in totals where abs(margin.targetSum - reference.size) > 1e-6 * reference.size {
      throw WeightingError.inconsistentTotals(
        margin: margin.name, total: margin.targetSum, reference: reference.name, referenceTotal: reference.size,
        origin: margin.origin)
    }
    return reference.size
  }

  private init(margin: Margin, survey: Survey, populationSize: Double) throws {
    let columns = try margin.variables.map { name -> CategoricalValues in
      guard survey.hasVariable(named: name) else {
        let available = survey.origin.columnNames ?? survey.variableNames
        throw WeightingError.unknownVariable(
          name: name, origin: margin.origin, suggestion: closestName(to: name, among: available), available: available)
      }
      let values = try survey.variable(named: name).categorical
      let missing = values.codes.indices.filter { values.codes[$0] < 0 }
      if !missing.isEmpty {
        throw WeightingError.missingValues(
          variable: name, count: missing.count, locations: missing.prefix(3).map(survey.origin.location(ofRow:)),
          respondents: survey.respondentCount)
      }
      return values
    }
    // The distinct combinations of categories in the data, in order of first appearance.
    var combinationOfKey: [[Int32]: Int] = [:]
    var combinations: [[Int32]] = []
    var combinationCount: [Int] = []
    var firstRow: [Int] = []
    var combinationOfRow = [Int32](repeating: 0, count: survey.respondentCount)
    var key = [Int32](repeating: 0, count: columns.count)
    // A combination's codes in mixed radix index a direct table when the product of the level
    // counts is small (it nearly always is); a dictionary of the codes otherwise.
    var keySpace = 1, tooMany = false
    for column in columns {
      let (product, overflow) = keySpace.multipliedReportingOverflow(by: max(column.levels.count, 1))
      keySpace = product
      tooMany = tooMany || overflow || product > 1 << 22
    }
    var combinationOfIndex = [Int32](repeating: -1, count: tooMany ? 0 : keySpace)
    // Each row's index, built one column at a time (for speed).
    var indexOfRow = [Int](repeating: 0, count: tooMany ? 0 : survey.respondentCount)
    if !tooMany {
      for column in columns {
        let radix = max(column.levels.count, 1)
        let codes = column.codes
        for row in 0..<survey.respondentCount { indexOfRow[row] = indexOfRow[row] &* radix &+ Int(codes[row]) }
      }
    }
    for row in 0..<survey.respondentCount {
      let index = tooMany ? 0 : indexOfRow[row]
      if tooMany || combinationOfIndex[index] < 0 {
        for (position, column) in columns.enumerated() { key[position] = column.codes[row] }
      }
      let known = tooMany ? combinationOfKey[key] : (combinationOfIndex[index] >= 0 ? Int(combinationOfIndex[index]) : nil)
      let combination: Int
      if let known {
        combination = known
      } else {
        combination = combinations.count
        if tooMany { combinationOfKey[key] = combination } else { combinationOfIndex[index] = Int32(combination) }
        combinations.append(key)
        combinationCount.append(0)
        firstRow.append(row)
      }
      combinationCount[combination] += 1
      combinationOfRow[row] = Int32(combination)
    }
    // Match every combination to a target cell.
    var cellOfKey: [[String]: Int] = [:]
    for (index, cell) in margin.cells.enumerated() { cellOfKey[cell.categories.map(normalizedCategory)] = index }
    var targetCellOfCombination = [Int](repeating: 0, count: combinations.count)
    var respondentsOfCell = [Int](repeating: 0, count: margin.cells.count)
    for (combination, codes) in combinations.enumerated() {
      let categories = zip(columns, codes).map { column, code in column.levels[Int(code)] }
      guard let cell = cellOfKey[categories.map(normalizedCategory)] else {
        throw WeightingError.categoryWithoutTarget(
          margin: margin.name, category: Margin.label(categories), respondents: combinationCount[combination],
          firstLocation: survey.origin.location(ofRow: firstRow[combination]), targets: margin.origin)
      }
      targetCellOfCombination[combination] = cell
      respondentsOfCell[cell] += combinationCount[combination]
    }
    let (cellIndices, usedIndex) = try Self.usedCells(of: margin, respondentsOfCell: respondentsOfCell)
    let scale = margin.scale == .proportions ? populationSize : 1
    self.margin = margin
    self.cellIndices = cellIndices
    self.targets = cellIndices.map { margin.cells[$0].target * scale }
    self.cellOfRow = combinationOfRow.map { Int32(usedIndex[targetCellOfCombination[Int($0)]]) }
  }
}

extension MarginCells {
  /// The cells of `margin` the data has (`respondentsOfCell` > 0), in the margin's order, and the
  /// position of each cell among them (−1 for a cell without respondents, whose target must be 0).
  ///
  /// - Throws: ``WeightingError`` for a target cell no respondent is in, or a cell with
  ///   respondents and a target of 0.
  static func usedCells(of margin: Margin, respondentsOfCell: [Int]) throws -> (cellIndices: [Int], usedIndex: [Int]) {
    var usedIndex = [Int](repeating: -1, count: margin.cells.count)
    var cellIndices: [Int] = []
    for (index, cell) in margin.cells.enumerated() {
      let label = Margin.label(cell.categories)
      if respondentsOfCell[index] == 0 {
        guard cell.target == 0 else {
          throw WeightingError.targetCategoryNotInData(
            margin: margin.name, category: label, target: cell.target, origin: cell.origin)
        }
        continue
      }
      guard cell.target > 0 else {
        throw WeightingError.zeroTargetForObservedCategory(
          margin: margin.name, category: label, respondents: respondentsOfCell[index], origin: cell.origin)
      }
      usedIndex[index] = cellIndices.count
      cellIndices.append(index)
    }
    return (cellIndices, usedIndex)
  }
}

/// A category as compared with targets: numbers by value (`1`, `1.0` and `01` are equal), other
/// text as written, without surrounding spaces.
func normalizedCategory(_ category: String) -> String {
  let trimmed = category.trimmingSpaces()
  if let number = Double(trimmed), number.isFinite { return "\u{1}\(number)" }
  return String(trimmed)
}
