/// The model matrix X of a formula, with R's column names and factor coding — what R's
/// `model.matrix(formula, model.frame)` returns with the default treatment contrasts.
///
/// Coding (R's `TermCode` in `src/library/stats/src/model.c`, after Chambers & Hastie 1992, p. 38):
/// a factor in a term is coded by treatment contrasts (one indicator per level but the first,
/// the reference) when the term without that factor is empty or is contained in an earlier term,
/// and by indicators of all its levels otherwise; in a model without an intercept, the first
/// factor of the first term that has one gets indicators of all its levels. A number enters as
/// itself. A term's columns are the products of its variables' columns, the first variable
/// varying fastest, and are named by joining the variables' column names with `:`:
/// `(Intercept)`, `trust_score`, `age_band25-34`, `factor(concern_data_use)2`,
/// `age_band25-34:sexM`.
struct ModelMatrix: Sendable {
  /// How one variable of a term enters the term's columns.
  private enum Piece: Sendable {
    /// A numeric variable: one column, its value.
    case number(variable: Int)
    /// A factor: one indicator per level in `levels` (indices into the factor's levels).
    case indicators(variable: Int, levels: [Int])
  }

  /// The column names, R's `colnames(model.matrix(…))`.
  let columnNames: [String]
  /// The variables (and levels) each column multiplies: empty for the intercept.
  let columnComponents: [[ModelCoefficient.Component]]
  /// The term of each column: 0 for the intercept, t + 1 for ``Formula/terms``[t] (R's `assign`).
  let assign: [Int]
  /// The pieces of each term.
  private let pieces: [[Piece]]
  private let hasIntercept: Bool

  /// The layout of X for `formula` on the variables of `frame` (numbers or factors with levels).
  init(formula: Formula, frame: ModelFrame) {
    let isFactor: [Bool] = frame.columns.map {
      if case .factor = $0 { return true } else { return false }
    }
    // R's factor pattern: 1 = contrasts, 2 = indicators of all levels.
    var codes: [[Int]] = formula.terms.enumerated().map { index, term in
      term.map { variable in
        let rest = term.filter { $0 != variable }
        if rest.isEmpty { return 1 }
        let earlier = formula.terms[..<index]
        return earlier.contains { Set(rest).isSubset(of: $0) } ? 1 : 2
      }
    }
    if !formula.hasIntercept {
      search: for (termIndex, term) in formula.terms.enumerated() {
        for (position, variable) in term.enumerated() where isFactor[variable] {
          codes[termIndex][position] = 2
          break search
        }
      }
    }
    var names: [String] = formula.hasIntercept ? ["(Intercept)"] : []
    var components: [[ModelCoefficient.Component]] = formula.hasIntercept ? [[]] : []
    var assign: [Int] = formula.hasIntercept ? [0] : []
    var pieces: [[Piece]] = []
    for (termIndex, term) in formula.terms.enumerated() {
      var termPieces: [Piece] = []
      var termNames = [""]
      var termComponents: [[ModelCoefficient.Component]] = [[]]
      for (position, variable) in term.enumerated() {
        let name = formula.variables[variable].name, column = formula.variables[variable].column
        let pieceNames: [String]
        let pieceComponents: [ModelCoefficient.Component]
        switch frame.columns[variable] {
        case .numeric:
          termPieces.append(.number(variable: variable))
          pieceNames = [name]
          pieceComponents = [ModelCoefficient.Component(variable: name, column: column, level: nil)]
        case .factor(_, let levels):
          let used = codes[termIndex][position] == 1 ? Array(levels.indices.dropFirst()) : Array(levels.indices)
          termPieces.append(.indicators(variable: variable, levels: used))
          pieceNames = used.map { name + levels[$0] }
          pieceComponents = used.map { ModelCoefficient.Component(variable: name, column: column, level: levels[$0]) }
        }
        // The first variable varies fastest.
        termNames = pieceNames.flatMap { piece in
          termNames.map { $0.isEmpty ? piece : $0 + ":" + piece }
        }
        termComponents = pieceComponents.flatMap { piece in termComponents.map { $0 + [piece] } }
      }
      pieces.append(termPieces)
      names += termNames
      components += termComponents
      assign += [Int](repeating: termIndex + 1, count: termNames.count)
    }
    self.columnNames = names
    self.columnComponents = components
    self.assign = assign
    self.pieces = pieces
    self.hasIntercept = formula.hasIntercept
  }

  /// The number of columns p.
  var columnCount: Int { columnNames.count }

  /// X for the given variables (the frame's columns, or copies with a factor set to one level for
  /// predictive margins), row-major n × p.
  ///
  /// Each column is the product of its term's pieces, in the term's order: 1, times each number,
  /// set to 0 by an indicator whose level the row does not have — R's product of the columns,
  /// the first variable varying fastest. The rows are filled a block at a time, column by column
  /// (each variable's values looked up once per block, not once per row), on all threads
  /// (``RowBlocks``); every value comes from the same multiplications in the same order.
  ///
  /// - Complexity: O(n·p), with no allocation per row.
  func values(columns: [ModelFrame.Column], rowCount: Int) -> [Double] {
    let p = columnCount
    let plan = columnFactors
    guard rowCount * p > 0 else { return [] }
    // Every value is written (first 1, then the factors): the storage starts uninitialized, and its
    // pages are first touched by the threads that fill them.
    return [Double](unsafeUninitializedCapacity: rowCount * p) { result, initialized in
      let result = result.baseAddress.unsafelyUnwrapped
      RowBlocks.forEach(rowCount) { rows in
        for (column, factors) in plan.enumerated() {
          for row in rows { result[row * p + column] = 1 }
          for factor in factors {
            switch (factor, columns[factor.variable]) {
            case (.number, .numeric(let values)):
              values.withUnsafeBufferPointer { values in
                for row in rows { result[row * p + column] *= values[row] }
              }
            case (.indicator(_, let level), .factor(let codes, _)):
              codes.withUnsafeBufferPointer { codes in
                for row in rows where codes[row] != level { result[row * p + column] = 0 }
              }
            default:
              preconditionFailure("a model matrix's pieces match the frame's columns")
            }
          }
        }
      }
      initialized = rowCount * p
    }
  }

  /// One factor of a column of X.
  private enum ColumnFactor {
    /// Times the variable's value.
    case number(variable: Int)
    /// Times 1 when the row's level of the variable is `level`, 0 otherwise.
    case indicator(variable: Int, level: Int)

    var variable: Int {
      switch self {
      case .number(let variable), .indicator(let variable, _): variable
      }
    }
  }

  /// The factors of each column of X, in the order the term's pieces multiply them.
  private var columnFactors: [[ColumnFactor]] {
    var columns: [[ColumnFactor]] = hasIntercept ? [[]] : []
    for termPieces in pieces {
      var termColumns: [[ColumnFactor]] = [[]]
      for piece in termPieces {
        switch piece {
        case .number(let variable):
          termColumns = termColumns.map { $0 + [.number(variable: variable)] }
        case .indicators(let variable, let levels):
          // The first variable varies fastest.
          termColumns = levels.flatMap { level in
            termColumns.map { $0 + [.indicator(variable: variable, level: level)] }
          }
        }
      }
      columns += termColumns
    }
    return columns
  }
}
