/// Reads a formula's text and expands its right-hand side into terms, as R's `terms.formula()`
/// (`EncodeVars`, `InteractTerms`, `CrossTerms`, `DeleteTerms` and the reordering by degree in
/// R's `src/library/stats/src/model.c`).
///
/// Grammar, loosest binding first (R's operator precedence):
///
///     formula     := variable '~' sum
///     sum         := ['-'] product (('+' | '-') product)*
///     product     := interaction ('*' interaction)*
///     interaction := atom (':' atom)*
///     atom        := '(' sum ')' | '0' | '1' | variable
///     variable    := name | `backquoted name` | 'factor(' name ')'
struct FormulaParser {
  struct Parsed {
    var response: Formula.Variable
    var variables: [Formula.Variable]
    var terms: [[Int]]
    var hasIntercept: Bool
  }

  /// What a part of the right-hand side expands to.
  private enum Expansion {
    /// Terms, each a sorted list of variable indices.
    case terms([[Int]])
    /// The literal `1` or `0`.
    case intercept(Bool)
  }

  private let text: String
  private let characters: [Character]
  private var position = 0
  private var variables: [Formula.Variable] = []
  private var hasIntercept = true

  init(text: String) {
    self.text = text
    self.characters = Array(text)
  }

  mutating func parse() throws -> Parsed {
    skipSpaces()
    guard position < characters.count, characters[position] != "~" else {
      throw problem("the formula needs an outcome before `~`, as in `concerned ~ age_band + sex`")
    }
    let response = try variable()
    skipSpaces()
    guard take("~") else { throw problem("expected `~` after the outcome `\(response.name)`") }
    var terms = try terms(of: sum())
    skipSpaces()
    if position < characters.count {
      throw problem("unexpected `\(characters[position])`")
    }
    // R orders the terms by degree, keeping their order of appearance within a degree.
    let degrees = Set(terms.map(\.count)).sorted()
    terms = degrees.flatMap { degree in terms.filter { $0.count == degree } }
    return Parsed(response: response, variables: variables, terms: terms, hasIntercept: hasIntercept)
  }

  // MARK: - Grammar

  private mutating func sum() throws -> Expansion {
    skipSpaces()
    var result: [[Int]] = []
    if take("-") {
      apply(try product(), to: &result, removing: true)
    } else {
      apply(try product(), to: &result, removing: false)
    }
    while true {
      skipSpaces()
      if take("+") {
        apply(try product(), to: &result, removing: false)
      } else if take("-") {
        apply(try product(), to: &result, removing: true)
      } else {
        return .terms(result)
      }
    }
  }

  private mutating func product() throws -> Expansion {
    var left = try interaction()
    while true {
      skipSpaces()
      guard take("*") else { return left }
      let right = try interaction()
      let l = try terms(of: left, operator: "*"), r = try terms(of: right, operator: "*")
      left = .terms(unique(l + r + interact(l, r)))
    }
  }

  private mutating func interaction() throws -> Expansion {
    var left = try atom()
    while true {
      skipSpaces()
      guard take(":") else { return left }
      let right = try atom()
      left = .terms(interact(try terms(of: left, operator: ":"), try terms(of: right, operator: ":")))
    }
  }

  private mutating func atom() throws -> Expansion {
    skipSpaces()
    guard position < characters.count else { throw problem("the formula ends where a term was expected") }
    if take("(") {
      let inner = try sum()
      skipSpaces()
      guard take(")") else { throw problem("a `(` is not closed") }
      return inner
    }
    let character = characters[position]
    if character.isNumber {
      let start = position
      while position < characters.count, characters[position].isNumber || characters[position] == "." {
        position += 1
      }
      switch String(characters[start..<position]) {
      case "1": return .intercept(true)
      case "0": return .intercept(false)
      default:
        position = start
        throw problem("a number in a formula can only be 1 (the intercept) or 0 (no intercept)")
      }
    }
    let found = try variable()
    let index: Int
    if let known = variables.firstIndex(of: found) {
      index = known
    } else {
      index = variables.count
      variables.append(found)
    }
    return .terms([[index]])
  }

  private mutating func variable() throws -> Formula.Variable {
    skipSpaces()
    let start = position
    let first = try name()
    skipSpaces()
    guard take("(") else { return Formula.Variable(name: first.written, column: first.column, isFactorCall: false) }
    guard first.written == "factor" else {
      position = start
      throw problem(
        "`\(first.written)(…)` is not available in model formulas: only factor(x) is; make a new variable instead")
    }
    let inner = try name()
    skipSpaces()
    guard take(")") else { throw problem("`factor(` takes one variable and a `)`") }
    return Formula.Variable(name: "factor(\(inner.written))", column: inner.column, isFactorCall: true)
  }

  /// A syntactic R name (letters, digits, `.` and `_`, not starting with a digit or `_`) or a
  /// backquoted one; `written` keeps the backquotes as R prints them in term names.
  private mutating func name() throws -> (written: String, column: String) {
    guard position < characters.count else { throw problem("the formula ends where a variable was expected") }
    if take("`") {
      let start = position
      while position < characters.count, characters[position] != "`" { position += 1 }
      guard position < characters.count else { throw problem("a backquoted name is not closed") }
      let column = String(characters[start..<position])
      position += 1
      return ("`\(column)`", column)
    }
    let start = position
    while position < characters.count,
      characters[position].isLetter || characters[position].isNumber || characters[position] == "."
        || characters[position] == "_"
    {
      position += 1
    }
    guard position > start, !characters[start].isNumber, characters[start] != "_" else {
      position = start
      throw problem("expected a variable name")
    }
    let column = String(characters[start..<position])
    return (column, column)
  }

  // MARK: - Expansion

  private mutating func apply(_ expansion: Expansion, to result: inout [[Int]], removing: Bool) {
    switch expansion {
    case .intercept(let present): hasIntercept = removing ? !present : present
    case .terms(let terms):
      if removing {
        result.removeAll { terms.contains($0) }
      } else {
        result = unique(result + terms)
      }
    }
  }

  private func terms(of expansion: Expansion, operator symbol: String? = nil) throws -> [[Int]] {
    switch expansion {
    case .terms(let terms): return terms
    case .intercept:
      if let symbol { throw problem("`1` and `0` cannot be used with `\(symbol)`") }
      return []
    }
  }

  /// Every term of `left` joined with every term of `right` (R's `InteractTerms`).
  private func interact(_ left: [[Int]], _ right: [[Int]]) -> [[Int]] {
    unique(left.flatMap { l in right.map { r in Array(Set(l + r)).sorted() } })
  }

  private func unique(_ terms: [[Int]]) -> [[Int]] {
    var seen = Set<[Int]>()
    return terms.filter { seen.insert($0).inserted }
  }

  // MARK: - Characters

  private mutating func skipSpaces() {
    while position < characters.count, characters[position].isWhitespace { position += 1 }
  }

  private mutating func take(_ character: Character) -> Bool {
    guard position < characters.count, characters[position] == character else { return false }
    position += 1
    return true
  }

  private func problem(_ message: String) -> ModelError {
    ModelError.formulaSyntax(formula: text, position: position, problem: message)
  }
}
